//! Two bot processes sharing one DynamoDB table (a real DynamoDB-compatible server, dynalite, on
//! 127.0.0.1): a message Meta delivers to both, and again to each, is answered once. (The same
//! with one SQLite file is in `binary.rs`.)

#![cfg(feature = "dynamodb")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::dynalite::{Dynalite, SECRET_ACCESS_KEY};
use common::served::{Served, fakes, help_from, wait_for_sends};

#[tokio::test]
async fn two_processes_sharing_one_dynamodb_table_answer_a_redelivery_once() {
    let Some(dynalite) = Dynalite::start() else {
        return; // skipped with a note by Dynalite::start (a failure when CI is set)
    };
    let config = dynalite.create_table("hbdta-shared").await;
    let endpoint = config.endpoint_url.clone().unwrap();
    let env = [
        ("HBDTA_DYNAMODB_TABLE", "hbdta-shared"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "AKIDHBDTATEST"),
        ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
        ("AWS_ENDPOINT_URL_DYNAMODB", endpoint.as_str()),
    ];
    let (opendota, graph) = fakes().await;
    let (one, two) = tokio::join!(
        Served::start(&opendota, &graph, &env),
        Served::start(&opendota, &graph, &env)
    );
    let body = help_from("44", "m_dynamo");
    assert_eq!(tokio::join!(one.post(&body), two.post(&body)), (200, 200));
    assert_eq!((one.post(&body).await, two.post(&body).await), (200, 200));
    assert_eq!(one.post(&help_from("44", "m_dynamo_after")).await, 200);
    wait_for_sends(&graph, 6).await;
    one.stop().await;
    two.stop().await;
    assert_eq!(
        graph.received_requests().await.unwrap().len(),
        6,
        "two answers (seen, typing, text): m_dynamo once, m_dynamo_after once"
    );
}
