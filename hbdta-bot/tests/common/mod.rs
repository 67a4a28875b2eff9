//! What the hbdta-bot test files share: the JSON fixtures and a wiremock OpenDota.
#![allow(dead_code, reason = "each test file uses the part it needs")]

use std::path::PathBuf;
use std::time::Duration;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `fixtures/<dir>/<name>.json`.
pub fn fixture_in(dir: &str, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(dir)
        .join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `fixtures/opendota/<name>.json`.
pub fn fixture(name: &str) -> String {
    fixture_in("opendota", name)
}

/// An OpenDota client for a wiremock server: no rate limit, one quick retry.
pub fn opendota_client(server: &MockServer) -> opendota_sdk::Client {
    opendota_sdk::Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .rate_limit(opendota_sdk::RateLimit::Disabled)
        .retry(opendota_sdk::RetryConfig::new(
            1,
            Duration::from_millis(1),
            Duration::from_millis(2),
        ))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `GET /api{route}` answers `status` with `body`.
pub async fn od(server: &MockServer, route: &str, status: u16, body: String) {
    Mock::given(method("GET"))
        .and(path(format!("/api{route}")))
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .mount(server)
        .await;
}

/// `GET /api{route}` answers 200 with the OpenDota fixture `name`.
pub async fn od_ok(server: &MockServer, route: &str, name: &str) {
    od(server, route, 200, fixture(name)).await;
}
