//! Shared test helpers: a client pointed at a mock server, fixtures, the catch-all 500.

#![allow(dead_code, reason = "each test binary uses a different subset")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::PathBuf;
use std::time::Duration;

use opendota_sdk::{Client, RateLimit, RetryConfig};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The text of `fixtures/opendota/<name>.json`.
pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/opendota")
        .join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A 200 answer with the fixture as a JSON body.
pub fn json_fixture(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "application/json; charset=utf-8")
        .set_body_string(fixture(name))
}

/// A client for the mock server: no proactive limiter (nothing sleeps), retries fast.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .rate_limit(RateLimit::Disabled)
        .retry(RetryConfig::new(
            2,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ))
        .build()
        .unwrap()
}

/// Answers any request no other mock took with a 500 that names it, so a missed path, method or
/// query shows in the failure.
struct NameTheMiss;

impl Respond for NameTheMiss {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        ResponseTemplate::new(500)
            .set_body_string(format!("no mock for {} {}", request.method, request.url))
    }
}

/// Mount after every other mock.
pub async fn mount_catch_all(server: &MockServer) {
    Mock::given(wiremock::matchers::any())
        .respond_with(NameTheMiss)
        .with_priority(u8::MAX)
        .mount(server)
        .await;
}
