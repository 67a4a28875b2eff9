//! The `hbdta-bot` binary as a person runs it: configuration errors, `serve` against local fakes of
//! both APIs, and a graceful stop on SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::fixture;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use messenger_sdk::webhook::SignatureVerifier;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BIN: &str = env!("CARGO_BIN_EXE_hbdta-bot");

#[test]
fn a_missing_or_empty_secret_stops_it_with_status_2_naming_it() {
    let out = Command::new(BIN)
        .env_clear()
        .env("MESSENGER_PAGE_ACCESS_TOKEN", "token-value")
        .env("MESSENGER_APP_SECRET", "")
        .env("MESSENGER_VERIFY_TOKEN", "verify")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("MESSENGER_APP_SECRET"), "{stderr}");
    assert!(
        !stderr.contains("token-value"),
        "no secret in the message: {stderr}"
    );
}

#[tokio::test]
async fn serves_answers_and_stops_gracefully_on_sigterm() {
    let opendota = MockServer::start().await;
    for (route, name) in [
        ("/api/constants/heroes", "bot_constants_heroes__catalog"),
        ("/api/constants/item_ids", "bot_constants_item_ids__catalog"),
    ] {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_string(fixture(name)))
            .mount(&opendota)
            .await;
    }
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v25.0/me/messages"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message_id": "m"})))
        .mount(&graph)
        .await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(BIN)
        .env("MESSENGER_PAGE_ACCESS_TOKEN", "bin-token")
        .env("MESSENGER_APP_SECRET", "bin-secret")
        .env("MESSENGER_VERIFY_TOKEN", "bin-verify")
        .env("MESSENGER_GRAPH_URL", graph.uri())
        .env("OPENDOTA_BASE_URL", format!("{}/api", opendota.uri()))
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let http = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while http.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "did not start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let body = serde_json::to_vec(
        &json!({"object": "page", "entry": [{"id": "1", "time": 1, "messaging": [
            {"sender": {"id": "42"}, "recipient": {"id": "1"}, "timestamp": 1_767_225_600_000_i64,
             "message": {"mid": "m_bin", "text": "help"}}
        ]}]}),
    )
    .unwrap();
    let signature = SignatureVerifier::new("bin-secret").sign(&body);
    let status = http
        .post(format!("{base}/webhook"))
        .header("x-hub-signature-256", signature)
        .body(body)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 200);
    // The help answer arrives at the fake Graph API: seen, typing, the text.
    let started = Instant::now();
    while graph.received_requests().await.unwrap().len() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no answer sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let sent = graph.received_requests().await.unwrap();
    let last: serde_json::Value = serde_json::from_slice(&sent[2].body).unwrap();
    assert_eq!(last["recipient"]["id"], "42");
    assert!(last["message"]["text"].is_string());

    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exits cleanly on SIGTERM: {status:?}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "did not stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
