//! The `hbdta-bot` binary as a person runs it: configuration errors, `serve` against local fakes of
//! both APIs, and a graceful stop on SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::fixture;
use std::process::{Child, Command, Stdio};
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

/// Fakes of OpenDota (the constants) and the Graph API (every send accepted).
async fn fakes() -> (MockServer, MockServer) {
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
    (opendota, graph)
}

/// `hbdta-bot serve` in its own process, against the fakes, with `store_url` as its store.
struct Served {
    child: Child,
    base: String,
}

impl Served {
    async fn start(opendota: &MockServer, graph: &MockServer, store_url: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(BIN)
            .env("MESSENGER_PAGE_ACCESS_TOKEN", "bin-token")
            .env("MESSENGER_APP_SECRET", "bin-secret")
            .env("MESSENGER_VERIFY_TOKEN", "bin-verify")
            .env("MESSENGER_GRAPH_URL", graph.uri())
            .env("OPENDOTA_BASE_URL", format!("{}/api", opendota.uri()))
            .env("HBDTA_DATABASE_URL", store_url)
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let started = Instant::now();
        while http.get(format!("{base}/healthz")).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Self { child, base }
    }

    /// Posts `body` signed to `/webhook`; the status.
    async fn post(&self, body: &[u8]) -> u16 {
        let signature = SignatureVerifier::new("bin-secret").sign(body);
        reqwest::Client::new()
            .post(format!("{}/webhook", self.base))
            .header("x-hub-signature-256", signature)
            .body(body.to_vec())
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// SIGTERM, then waits (10 s at most) for a clean exit: queued answers are sent first.
    async fn stop(mut self) {
        let term = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exits cleanly on SIGTERM: {status:?}");
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "did not stop on SIGTERM"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn help_from(psid: &str, mid: &str) -> Vec<u8> {
    serde_json::to_vec(
        &json!({"object": "page", "entry": [{"id": "1", "time": 1, "messaging": [
            {"sender": {"id": psid}, "recipient": {"id": "1"}, "timestamp": 1_767_225_600_000_i64,
             "message": {"mid": mid, "text": "help"}}
        ]}]}),
    )
    .unwrap()
}

/// Waits (10 s at most) until `graph` has received `n` requests.
async fn wait_for_sends(graph: &MockServer, n: usize) -> Vec<serde_json::Value> {
    let started = Instant::now();
    loop {
        let sent = graph.received_requests().await.unwrap();
        if sent.len() >= n {
            return sent
                .iter()
                .map(|r| serde_json::from_slice(&r.body).unwrap())
                .collect();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{} of {n} sends after 10 s",
            sent.len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn serves_answers_and_stops_gracefully_on_sigterm() {
    let (opendota, graph) = fakes().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hbdta.db");
    let bot = Served::start(&opendota, &graph, &format!("sqlite:{}", db.display())).await;
    assert_eq!(bot.post(&help_from("42", "m_bin")).await, 200);
    // The help answer arrives at the fake Graph API: seen, typing, the text.
    let sent = wait_for_sends(&graph, 3).await;
    assert_eq!(sent[2]["recipient"]["id"], "42");
    assert!(sent[2]["message"]["text"].is_string());
    bot.stop().await;
    assert!(db.exists(), "the SQLite file was created");
}

#[test]
fn a_store_that_cannot_be_opened_stops_it_with_status_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-dir").join("hbdta.db");
    for (url, named) in [
        (format!("sqlite:{}", db.display()), db.display().to_string()),
        (
            "mysql://db/hbdta".to_owned(),
            "HBDTA_DATABASE_URL".to_owned(),
        ),
    ] {
        let out = Command::new(BIN)
            .env_clear()
            .env("MESSENGER_PAGE_ACCESS_TOKEN", "token-value")
            .env("MESSENGER_APP_SECRET", "secret-value")
            .env("MESSENGER_VERIFY_TOKEN", "verify")
            .env("HBDTA_DATABASE_URL", &url)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&named), "{url}: {stderr}");
        assert!(!stderr.contains("secret-value"), "{stderr}");
    }
}

#[tokio::test]
async fn two_processes_sharing_one_sqlite_file_answer_a_redelivery_once() {
    let (opendota, graph) = fakes().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("shared.db").display());
    let (one, two) = tokio::join!(
        Served::start(&opendota, &graph, &url),
        Served::start(&opendota, &graph, &url)
    );
    // Meta delivers the same message to both (a retry landing on the other instance), and
    // each instance a second time.
    let body = help_from("43", "m_shared");
    let statuses = tokio::join!(one.post(&body), two.post(&body));
    assert_eq!(statuses, (200, 200));
    assert_eq!((one.post(&body).await, two.post(&body).await), (200, 200));
    // Another message, to know when both are idle: answered by the instance it reaches.
    assert_eq!(two.post(&help_from("43", "m_after")).await, 200);
    wait_for_sends(&graph, 6).await;
    one.stop().await;
    two.stop().await;
    let sent: Vec<serde_json::Value> = graph
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(
        sent.len(),
        6,
        "two answers (seen, typing, text) — m_shared once, m_after once: {sent:#?}"
    );
}
