//! A stand-in for the Graph API's Send API (`POST /<version>/me/messages`), for `hbdta-bot dev`.
//!
//! It checks the call as Graph would (the page access token and `appsecret_proof`), answers with
//! Graph's shapes (`recipient_id`, `message_id`, or a Graph error), and hands the exact JSON body the
//! bot sent to the chat page of that person through the [`Hub`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use messenger_sdk::webhook::SignatureVerifier;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;
use tokio::sync::broadcast;

/// Send API bodies, by recipient PSID, to every chat page open for that person.
#[derive(Debug, Clone, Default)]
pub struct Hub {
    channels: Arc<Mutex<HashMap<String, broadcast::Sender<Arc<str>>>>>,
}

impl Hub {
    /// Bodies sent to `psid` from now on.
    #[must_use]
    pub fn subscribe(&self, psid: &str) -> broadcast::Receiver<Arc<str>> {
        self.sender(psid).subscribe()
    }

    /// Hands `body` to every page open for `psid`; returns how many got it (none is fine: the
    /// page may be closed).
    pub fn publish(&self, psid: &str, body: Arc<str>) -> usize {
        self.sender(psid).send(body).unwrap_or(0)
    }

    fn sender(&self, psid: &str) -> broadcast::Sender<Arc<str>> {
        let mut channels = self
            .channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        channels
            .entry(psid.to_owned())
            .or_insert_with(|| broadcast::channel(64).0)
            .clone()
    }
}

/// What the stand-in needs: the credentials the bot's client must present, and where bodies go.
#[derive(Clone)]
pub struct FakeGraph {
    access_token: Arc<SecretString>,
    /// `appsecret_proof` = HMAC-SHA256(app secret, access token), hex.
    proof: Arc<SecretString>,
    hub: Hub,
    next_id: Arc<AtomicU64>,
    log: bool,
}

impl std::fmt::Debug for FakeGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeGraph")
            .field("access_token", &"<redacted>")
            .field("log", &self.log)
            .finish_non_exhaustive()
    }
}

impl FakeGraph {
    /// A stand-in accepting `access_token` signed with `app_secret`'s proof, publishing to `hub`,
    /// printing a line per call when `log` is on.
    #[must_use]
    pub fn new(
        access_token: &SecretString,
        app_secret: &SecretString,
        hub: Hub,
        log: bool,
    ) -> Self {
        let signed = SignatureVerifier::new(app_secret.expose_secret())
            .sign(access_token.expose_secret().as_bytes());
        let proof = signed.trim_start_matches("sha256=").to_owned();
        Self {
            access_token: Arc::new(access_token.clone()),
            proof: Arc::new(SecretString::from(proof)),
            hub,
            next_id: Arc::new(AtomicU64::new(1)),
            log,
        }
    }

    /// The routes, to nest under the Graph URL the bot's client is given
    /// (`/{version}/me/messages`; anything else is Graph's "unsupported request").
    pub fn router(self) -> Router {
        Router::new()
            .route("/{version}/me/messages", post(send))
            .fallback(unsupported)
            .with_state(self)
    }
}

#[derive(Debug, serde::Deserialize)]
struct Credentials {
    access_token: Option<String>,
    appsecret_proof: Option<String>,
}

fn same(given: Option<&str>, expected: &SecretString) -> bool {
    given.is_some_and(|g| bool::from(g.as_bytes().ct_eq(expected.expose_secret().as_bytes())))
}

/// Graph's error body.
fn graph_error(status: StatusCode, code: u32, kind: &str, message: &str) -> Response {
    let body = json!({
        "error": { "message": message, "type": kind, "code": code, "fbtrace_id": "hbdta-dev" }
    });
    (status, Json(body)).into_response()
}

async fn send(
    State(graph): State<FakeGraph>,
    Query(credentials): Query<Credentials>,
    body: String,
) -> Response {
    if !same(credentials.access_token.as_deref(), &graph.access_token) {
        return graph_error(
            StatusCode::BAD_REQUEST,
            190,
            "OAuthException",
            "Invalid OAuth access token - Cannot parse access token",
        );
    }
    if !same(credentials.appsecret_proof.as_deref(), &graph.proof) {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "GraphMethodException",
            "Invalid appsecret_proof provided in the API argument",
        );
    }
    let Ok(request) = serde_json::from_str::<Value>(&body) else {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "OAuthException",
            "(#100) The request body is not JSON",
        );
    };
    let Some(psid) = request
        .pointer("/recipient/id")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "OAuthException",
            "(#100) The parameter recipient is required",
        );
    };
    if graph.log {
        super::print_line(format_args!("send API  → {psid}: {}", describe(&request)));
    }
    graph.hub.publish(&psid, Arc::from(body));
    if request.get("sender_action").is_some() {
        return Json(json!({ "recipient_id": psid })).into_response();
    }
    let id = graph.next_id.fetch_add(1, Ordering::Relaxed);
    Json(json!({ "recipient_id": psid, "message_id": format!("m_dev_out_{id}") })).into_response()
}

async fn unsupported(uri: axum::http::Uri) -> Response {
    tracing::warn!(path = %uri.path(), "the dev Graph API stand-in only answers POST /me/messages");
    graph_error(
        StatusCode::BAD_REQUEST,
        100,
        "GraphMethodException",
        "Unsupported request: the hbdta dev Graph API stand-in answers POST /<version>/me/messages only",
    )
}

/// Text for a terminal line: quoted as it reads (emoji and all), its first line only, at most 60
/// characters.
#[must_use]
pub fn quote(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let shown: String = first_line.chars().take(60).collect();
    let cut = shown.len() < text.trim_end().len();
    format!("“{shown}{}”", if cut { " …" } else { "" })
}

/// One line about a Send API body, for the terminal.
#[must_use]
pub fn describe(request: &Value) -> String {
    if let Some(action) = request.get("sender_action").and_then(Value::as_str) {
        return action.to_owned();
    }
    let message = request.get("message").unwrap_or(&Value::Null);
    if let Some(text) = message.get("text").and_then(Value::as_str) {
        let chips = message
            .get("quick_replies")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        return if chips > 0 {
            format!("text {} + {chips} quick replies", quote(text))
        } else {
            format!("text {}", quote(text))
        };
    }
    if let Some(payload) = message.pointer("/attachment/payload") {
        let titles: Vec<&str> = payload
            .get("elements")
            .and_then(Value::as_array)
            .map(|elements| {
                elements
                    .iter()
                    .filter_map(|e| e.get("title").and_then(Value::as_str))
                    .collect()
            })
            .unwrap_or_default();
        let template = payload
            .get("template_type")
            .and_then(Value::as_str)
            .unwrap_or("attachment");
        return format!("{template} {}", titles.join(" | "));
    }
    "message".to_owned()
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    use super::*;

    fn graph(hub: &Hub) -> FakeGraph {
        FakeGraph::new(
            &SecretString::from("dev-token"),
            &SecretString::from("dev-secret"),
            hub.clone(),
            false,
        )
    }

    fn proof() -> String {
        SignatureVerifier::new("dev-secret")
            .sign(b"dev-token")
            .trim_start_matches("sha256=")
            .to_owned()
    }

    async fn call(graph: &FakeGraph, query: &str, body: &str) -> (StatusCode, Value) {
        let response = graph
            .clone()
            .router()
            .oneshot(
                Request::post(format!("/v25.0/me/messages?{query}"))
                    .header("content-type", "application/json")
                    .body(Body::from(body.to_owned()))
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn a_message_is_answered_as_graph_does_and_reaches_the_page() {
        let hub = Hub::default();
        let graph = graph(&hub);
        let mut page = hub.subscribe("42");
        let body =
            r#"{"recipient":{"id":"42"},"messaging_type":"RESPONSE","message":{"text":"hi"}}"#;
        let query = format!("access_token=dev-token&appsecret_proof={}", proof());
        let (status, answer) = call(&graph, &query, body).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer["recipient_id"], "42");
        assert!(
            answer["message_id"]
                .as_str()
                .unwrap()
                .starts_with("m_dev_out_")
        );
        assert_eq!(&*page.recv().await.unwrap(), body);

        let action = r#"{"recipient":{"id":"42"},"sender_action":"typing_on"}"#;
        let (status, answer) = call(&graph, &query, action).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer, json!({ "recipient_id": "42" }));
        assert_eq!(&*page.recv().await.unwrap(), action);
    }

    #[tokio::test]
    async fn wrong_credentials_and_bodies_get_graph_errors() {
        let hub = Hub::default();
        let graph = graph(&hub);
        let body = r#"{"recipient":{"id":"42"},"message":{"text":"hi"}}"#;
        let (status, answer) = call(&graph, "access_token=other", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(answer["error"]["code"], 190);
        let (_, answer) = call(&graph, "access_token=dev-token&appsecret_proof=00", body).await;
        assert_eq!(answer["error"]["code"], 100);
        let query = format!("access_token=dev-token&appsecret_proof={}", proof());
        let (status, answer) = call(&graph, &query, r#"{"message":{"text":"hi"}}"#).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            answer["error"]["message"]
                .as_str()
                .unwrap()
                .contains("recipient")
        );
        let (_, answer) = call(&graph, &query, "not json").await;
        assert_eq!(answer["error"]["code"], 100);
    }

    #[test]
    fn terminal_lines() {
        let card = json!({"recipient":{"id":"1"},"message":{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{"title":"Arteezy"}]}}}});
        assert_eq!(describe(&card), "generic Arteezy");
        let text = json!({"message":{"text":"Pick one\nmore","quick_replies":[{},{}]}});
        assert_eq!(describe(&text), "text “Pick one …” + 2 quick replies");
        assert_eq!(quote("gg 🔥"), "“gg 🔥”");
        assert_eq!(describe(&json!({"sender_action":"mark_seen"})), "mark_seen");
    }
}
