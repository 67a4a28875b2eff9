//! `hbdta-bot serve` in its own process, against local fakes, for the tests that need a real
//! process: start, post signed webhooks, stop with SIGTERM.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use messenger_sdk::webhook::SignatureVerifier;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::fixture;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_hbdta-bot");
/// The app secret the served bot checks signatures with.
pub const SECRET: &str = "bin-secret";

/// Fakes of OpenDota (the constants) and the Graph API (every send accepted).
pub async fn fakes() -> (MockServer, MockServer) {
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

/// A served bot.
pub struct Served {
    child: Child,
    base: String,
}

impl Served {
    /// Starts `hbdta-bot serve` against the fakes with `env` added (the store's settings, say)
    /// and waits (20 s at most) until it answers `/healthz`.
    pub async fn start(opendota: &MockServer, graph: &MockServer, env: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("{e}"));
        let child = Command::new(BIN)
            .env("MESSENGER_PAGE_ACCESS_TOKEN", "bin-token")
            .env("MESSENGER_APP_SECRET", SECRET)
            .env("MESSENGER_VERIFY_TOKEN", "bin-verify")
            .env("MESSENGER_GRAPH_URL", graph.uri())
            .env("OPENDOTA_BASE_URL", format!("{}/api", opendota.uri()))
            .envs(env.iter().copied())
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{BIN}: {e}"));
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
    pub async fn post(&self, body: &[u8]) -> u16 {
        let signature = SignatureVerifier::new(SECRET).sign(body);
        reqwest::Client::new()
            .post(format!("{}/webhook", self.base))
            .header("x-hub-signature-256", signature)
            .body(body.to_vec())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .status()
            .as_u16()
    }

    /// SIGTERM, then waits (10 s at most) for a clean exit: queued answers are sent first.
    pub async fn stop(mut self) {
        let term = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(term.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
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

/// A webhook body: `psid` sends `help` as message `mid`.
pub fn help_from(psid: &str, mid: &str) -> Vec<u8> {
    serde_json::to_vec(
        &json!({"object": "page", "entry": [{"id": "1", "time": 1, "messaging": [
            {"sender": {"id": psid}, "recipient": {"id": "1"}, "timestamp": 1_767_225_600_000_i64,
             "message": {"mid": mid, "text": "help"}}
        ]}]}),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Waits (10 s at most) until `graph` has received `n` requests.
pub async fn wait_for_sends(graph: &MockServer, n: usize) {
    let started = Instant::now();
    loop {
        let sent = graph.received_requests().await.unwrap_or_default().len();
        if sent >= n {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{sent} of {n} sends after 10 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
