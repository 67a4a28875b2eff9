//! Shared test helpers: a client pointed at a mock Graph API, the expected `appsecret_proof`,
//! matchers for the credential query, fixtures and the catch-all 500.

#![allow(dead_code, reason = "each test binary uses a different subset")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::PathBuf;
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use messenger_sdk::{Client, ClientBuilder, RetryConfig};
use wiremock::matchers::{method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

/// The page access token of [`client`].
pub const PAGE_TOKEN: &str = "test-page-token";
/// The app secret of [`client`].
pub const APP_SECRET: &str = "test-app-secret";
/// A PSID for tests.
pub const PSID: &str = "7000000000000001";

/// A builder for the mock server: test token and secret, retries after 1–5 ms.
pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .graph_url(server.uri())
        .page_access_token(PAGE_TOKEN)
        .app_secret(APP_SECRET)
        .retry(RetryConfig::new(
            2,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ))
}

/// A client for the mock server (see [`builder`]).
pub fn client(server: &MockServer) -> Client {
    builder(server).build().unwrap()
}

/// A client for the mock server that tries each call once (see [`builder`]).
pub fn client_without_retries(server: &MockServer) -> Client {
    builder(server)
        .retry(RetryConfig::disabled())
        .build()
        .unwrap()
}

/// hex HMAC-SHA256(key = [`APP_SECRET`], message = [`PAGE_TOKEN`]), computed here independently
/// of the crate.
pub fn expected_proof() -> String {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(APP_SECRET.as_bytes()).unwrap();
    mac.update(PAGE_TOKEN.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Matches a query of exactly `access_token`, `appsecret_proof` and the given pairs (in any
/// order, nothing more).
pub struct ExactQuery(Vec<(String, String)>);

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        let mut got: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        got.sort();
        got == self.0
    }
}

impl ExactQuery {
    fn new(mut want: Vec<(String, String)>, extra: &[(&str, &str)]) -> Self {
        want.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        want.sort();
        Self(want)
    }
}

/// [`ExactQuery`] for the test credentials plus `extra`.
pub fn auth_query(extra: &[(&str, &str)]) -> ExactQuery {
    ExactQuery::new(
        vec![
            ("access_token".to_owned(), PAGE_TOKEN.to_owned()),
            ("appsecret_proof".to_owned(), expected_proof()),
        ],
        extra,
    )
}

/// [`ExactQuery`] for the test token alone (a client without an app secret) plus `extra`.
pub fn token_query(extra: &[(&str, &str)]) -> ExactQuery {
    ExactQuery::new(
        vec![("access_token".to_owned(), PAGE_TOKEN.to_owned())],
        extra,
    )
}

/// A mock pinned to `verb` on `/v25.0<graph_path>` with exactly the credential query.
pub fn graph(verb: &str, graph_path: &str) -> MockBuilder {
    graph_query(verb, graph_path, &[])
}

/// [`graph`] with `extra` pairs in the query besides the credentials.
pub fn graph_query(verb: &str, graph_path: &str, extra: &[(&str, &str)]) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("/v25.0{graph_path}")))
        .and(auth_query(extra))
}

/// The text of `fixtures/messenger/<name>.json`.
pub fn fixture(name: &str) -> String {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/messenger")
        .join(format!("{name}.json"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// An answer with `status` and the fixture as a JSON body.
pub fn json_fixture(status: u16, name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "application/json; charset=UTF-8")
        .set_body_string(fixture(name))
}

/// Answers any request no other mock took with a 500 that names it, so a missed path, method,
/// query or body shows in the failure.
struct NameTheMiss;

impl Respond for NameTheMiss {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        ResponseTemplate::new(500).set_body_string(format!(
            "no mock for {} {} {}",
            request.method,
            request.url,
            String::from_utf8_lossy(&request.body)
        ))
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

/// How many requests the server received.
pub async fn received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}
