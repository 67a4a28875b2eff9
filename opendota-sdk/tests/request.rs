//! `POST /request/{match_id}` and `GET /request/{jobId}`: replay parse requests.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::time::Duration;

use opendota_sdk::models::request::{JobId, ParseJob, ParseRequest};
use opendota_sdk::{Client, Error, MatchId};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn parse_request_posts_and_returns_the_job_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/request/8012345678"))
        .respond_with(common::json_fixture("request_post__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let answer = common::client(&server)
        .parse_request(8_012_345_678_u64)
        .await
        .unwrap();
    assert_eq!(answer.job_id(), Some(&JobId::from(441_200_987_u64)));
    assert_eq!(answer.job_id().unwrap().as_str(), "441200987");
}

#[tokio::test]
async fn parse_request_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/request/8012345678"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = common::client(&server)
        .parse_request(8_012_345_678_u64)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
}

#[tokio::test]
async fn parse_request_costs_ten_calls() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/request/8012345678"))
        .respond_with(common::json_fixture("request_post__current"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/request/441200987"))
        .respond_with(common::json_fixture("request_get__current"))
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    // A budget of exactly 10 calls a minute: the parse request spends all of it.
    let client = Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .per_minute(10)
        .build()
        .unwrap();

    client.parse_request(8_012_345_678_u64).await.unwrap();
    let next = tokio::time::timeout(
        Duration::from_millis(300),
        client.parse_job(441_200_987_u64),
    )
    .await;
    assert!(next.is_err(), "the next call waits for the limiter");
}

#[tokio::test]
async fn parse_job_reads_a_queued_job_and_null_when_done() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/request/441200987"))
        .respond_with(common::json_fixture("request_get__current"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/request/441200988"))
        .respond_with(common::json_fixture("request_get__finished"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let job = client
        .parse_job(441_200_987_u64)
        .await
        .unwrap()
        .expect("still queued");
    assert_eq!(job.job_id, Some(JobId::from("441200987")));
    assert_eq!(job.kind.as_deref(), Some("parse"));
    assert_eq!(job.match_id(), Some(MatchId(8_012_345_678)));

    let done = client.parse_job("441200988").await.unwrap();
    assert_eq!(done, None);
}

#[test]
fn decodes_request_post_current() {
    let answer: ParseRequest =
        serde_json::from_str(&common::fixture("request_post__current")).unwrap();
    assert_eq!(answer.job_id(), Some(&JobId("441200987".to_owned())));
    // Tolerated: a string id, a missing id, an empty object.
    let text: ParseRequest = serde_json::from_str(r#"{"job": {"jobId": "77"}}"#).unwrap();
    assert_eq!(text.job_id(), Some(&JobId::from(77_u64)));
    let missing: ParseRequest = serde_json::from_str(r#"{"job": {"jobId": null}}"#).unwrap();
    assert_eq!(missing.job_id(), None);
    let empty: ParseRequest = serde_json::from_str("{}").unwrap();
    assert_eq!(empty.job_id(), None);
}

#[test]
fn decodes_request_get_current() {
    let job: ParseJob = serde_json::from_str(&common::fixture("request_get__current")).unwrap();
    assert_eq!(job.id, Some(JobId::from(441_200_987_u64)));
    assert_eq!(job.attempts, Some(1));
    assert_eq!(job.priority, Some(3));
    assert_eq!(job.timestamp.as_deref(), Some("2026-03-02T12:00:01.250Z"));
    assert_eq!(job.job_key.as_deref(), Some("parse:8012345678"));
    // An old-style job: numeric timestamp, string match id.
    let old: ParseJob = serde_json::from_str(
        r#"{"id": "12", "timestamp": 1498300000000, "data": {"match_id": "3254426673"}}"#,
    )
    .unwrap();
    assert_eq!(old.timestamp.as_deref(), Some("1498300000000"));
    assert_eq!(old.match_id(), Some(MatchId(3_254_426_673)));
}

#[test]
fn decodes_request_get_finished() {
    let done: Option<ParseJob> =
        serde_json::from_str(&common::fixture("request_get__finished")).unwrap();
    assert_eq!(done, None);
}
