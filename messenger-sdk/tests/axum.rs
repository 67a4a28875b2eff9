#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
#![cfg(feature = "axum")]
//! The axum extractor and handshake handler, driven through a `Router` with `oneshot`.

use axum::Router;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRef, State};
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use hmac::{Hmac, KeyInit, Mac};
use messenger_sdk::axum::{DEFAULT_BODY_LIMIT, SignedWebhook, WebhookConfig, handshake};
use messenger_sdk::webhook::{EventKind, SignatureVerifier};
use sha1::Sha1;
use tower::ServiceExt;

const SECRET: &str = "axum-app-secret";
const VERIFY_TOKEN: &str = "axum-verify-token";
const BATCHED: &[u8] = include_bytes!("../../fixtures/messenger/webhook__batched.json");
const EMOJI: &[u8] = include_bytes!("../../fixtures/messenger/webhook__text_emoji_escaped.json");
const FORWARD_COMPAT: &[u8] =
    include_bytes!("../../fixtures/messenger/webhook__forward_compat.json");

/// The handler sees typed events: it answers their keys and texts.
async fn receive(webhook: SignedWebhook) -> String {
    webhook
        .into_events()
        .iter()
        .map(|e| match &e.kind {
            EventKind::Message(m) => format!("message:{}", m.text.as_deref().unwrap_or("")),
            other => other.key().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Echoes the raw bytes the signature covered.
async fn raw_bytes(webhook: SignedWebhook) -> Bytes {
    webhook.raw
}

fn config() -> WebhookConfig {
    WebhookConfig::new(SECRET, VERIFY_TOKEN)
}

fn app_with(config: WebhookConfig) -> Router {
    Router::new()
        .route("/webhook", get(handshake).post(receive))
        .route("/raw", post(raw_bytes))
        .with_state(config)
}

fn app() -> Router {
    app_with(config())
}

fn signed_post(uri: &str, body: &[u8]) -> Request<Body> {
    let signature = SignatureVerifier::new(SECRET).sign(body);
    Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", "application/json")
        .header("x-hub-signature-256", signature)
        .body(Body::from(body.to_vec()))
        .unwrap()
}

async fn send(app: Router, request: Request<Body>) -> (StatusCode, Option<String>, Vec<u8>) {
    let response: Response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    (status, content_type, body)
}

#[tokio::test]
async fn signed_body_reaches_the_handler_typed() {
    let (status, _, body) = send(app(), signed_post("/webhook", BATCHED)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "message:hero stats,read,message:pudge,postback,delivery"
    );

    let (status, _, body) = send(app(), signed_post("/webhook", EMOJI)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        String::from_utf8(body)
            .unwrap()
            .starts_with("message:gg wp 🔥🏆 élève")
    );
}

#[tokio::test]
async fn the_raw_bytes_are_kept_exactly() {
    let (status, _, body) = send(app(), signed_post("/raw", EMOJI)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, EMOJI, "the escaped body, byte for byte");
}

#[tokio::test]
async fn unknown_and_odd_events_are_still_accepted() {
    let (status, _, body) = send(app(), signed_post("/webhook", FORWARD_COMPAT)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "no 400, or Meta would redeliver forever"
    );
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "message_edit,postback,policy_enforcement,unknown,message:"
    );
}

#[tokio::test]
async fn bad_signatures_are_forbidden() {
    let unsigned = Request::builder()
        .method("POST")
        .uri("/webhook")
        .body(Body::from(BATCHED.to_vec()))
        .unwrap();
    let (status, _, body) = send(app(), unsigned).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("X-Hub-Signature-256")
    );

    for bad in ["sha256=nothex", "sha1=abc", "garbage", ""] {
        let mut request = signed_post("/webhook", BATCHED);
        request
            .headers_mut()
            .insert("x-hub-signature-256", bad.parse().unwrap());
        let (status, _, _) = send(app(), request).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{bad:?}");
    }

    let mut not_text = signed_post("/webhook", BATCHED);
    not_text.headers_mut().insert(
        "x-hub-signature-256",
        axum::http::HeaderValue::from_bytes(b"sha256=\xff\xfe").unwrap(),
    );
    assert_eq!(send(app(), not_text).await.0, StatusCode::FORBIDDEN);

    let wrong_secret = SignatureVerifier::new("someone-else").sign(BATCHED);
    let mut request = signed_post("/webhook", BATCHED);
    request
        .headers_mut()
        .insert("x-hub-signature-256", wrong_secret.parse().unwrap());
    assert_eq!(send(app(), request).await.0, StatusCode::FORBIDDEN);

    let mut tampered = BATCHED.to_vec();
    let at = tampered.iter().position(|&b| b == b'p').unwrap();
    tampered[at] = b'q';
    let signature = SignatureVerifier::new(SECRET).sign(BATCHED);
    let request = Request::builder()
        .method("POST")
        .uri("/webhook")
        .header("x-hub-signature-256", signature)
        .body(Body::from(tampered))
        .unwrap();
    assert_eq!(send(app(), request).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signed_bodies_that_are_not_json_objects_are_bad_requests() {
    for body in [&b"not json"[..], b"[1,2,3]", b""] {
        let (status, _, _) = send(app(), signed_post("/webhook", body)).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    // 1 MiB + 1 byte, streamed without Content-Length: the reader stops at the limit.
    let mut big = br#"{"object":"page","entry":[],"pad":""#.to_vec();
    big.resize(DEFAULT_BODY_LIMIT - 2, b'x');
    big.extend_from_slice(b"\"}");
    assert_eq!(big.len(), DEFAULT_BODY_LIMIT);
    let (status, _, _) = send(app(), signed_post("/webhook", &big)).await;
    assert_eq!(status, StatusCode::OK, "exactly at the limit is fine");

    big.insert(big.len() - 2, b'x');
    let request = signed_post("/webhook", &big);
    assert!(request.headers().get(header::CONTENT_LENGTH).is_none());
    let (status, _, _) = send(app(), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    // A declared Content-Length over the limit is refused before reading.
    let mut declared = signed_post("/webhook", BATCHED);
    declared
        .headers_mut()
        .insert(header::CONTENT_LENGTH, (DEFAULT_BODY_LIMIT + 1).into());
    assert_eq!(send(app(), declared).await.0, StatusCode::PAYLOAD_TOO_LARGE);

    // A smaller configured limit.
    let small = app_with(config().body_limit(64));
    assert_eq!(
        send(small, signed_post("/webhook", BATCHED)).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn legacy_sha1_only_when_the_verifier_allows_it() {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(BATCHED);
    let sha1 = format!("sha1={}", hex::encode(mac.finalize().into_bytes()));
    let request = || {
        Request::builder()
            .method("POST")
            .uri("/webhook")
            .header("x-hub-signature", sha1.as_str())
            .body(Body::from(BATCHED.to_vec()))
            .unwrap()
    };
    assert_eq!(send(app(), request()).await.0, StatusCode::FORBIDDEN);
    let legacy = app_with(WebhookConfig::with_verifier(
        SignatureVerifier::new(SECRET).allow_sha1(true),
        VERIFY_TOKEN,
    ));
    assert_eq!(send(legacy, request()).await.0, StatusCode::OK);
}

fn get_request(uri: &str) -> Request<Body> {
    Request::builder()
        .method("GET")
        .uri(uri)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn handshake_echoes_the_challenge_verbatim() {
    let uri = format!(
        "/webhook?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1158201444"
    );
    let (status, content_type, body) = send(app(), get_request(&uri)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.unwrap().starts_with("text/plain"));
    assert_eq!(body, b"1158201444", "no quotes, no newline");

    let uri = format!(
        "/webhook?hub.challenge=CHALLENGE_ACCEPTED&hub.verify_token={VERIFY_TOKEN}&hub.mode=subscribe"
    );
    let (status, _, body) = send(app(), get_request(&uri)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"CHALLENGE_ACCEPTED");
}

#[tokio::test]
async fn handshake_refusals_are_forbidden() {
    for uri in [
        "/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1".to_owned(),
        format!("/webhook?hub.mode=unsubscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=1"),
        format!("/webhook?hub.verify_token={VERIFY_TOKEN}&hub.challenge=1"),
        format!("/webhook?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}"),
        "/webhook?hub.mode=subscribe&hub.challenge=1".to_owned(),
        "/webhook".to_owned(),
    ] {
        let (status, _, body) = send(app(), get_request(&uri)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
        assert!(
            !String::from_utf8(body).unwrap().contains(VERIFY_TOKEN),
            "the token never leaks"
        );
    }
}

/// A bigger application state that hands out the webhook config.
#[derive(Clone)]
struct AppState {
    webhook: WebhookConfig,
    bot_name: &'static str,
}

impl FromRef<AppState> for WebhookConfig {
    fn from_ref(state: &AppState) -> Self {
        state.webhook.clone()
    }
}

async fn receive_with_state(State(state): State<AppState>, webhook: SignedWebhook) -> String {
    format!(
        "{} got {} events",
        state.bot_name,
        webhook.into_events().len()
    )
}

#[tokio::test]
async fn config_from_a_larger_state() {
    let app = Router::new()
        .route("/webhook", get(handshake).post(receive_with_state))
        .with_state(AppState {
            webhook: config(),
            bot_name: "hbdta",
        });
    let (status, _, body) = send(app.clone(), signed_post("/webhook", BATCHED)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"hbdta got 5 events");
    let uri =
        format!("/webhook?hub.mode=subscribe&hub.verify_token={VERIFY_TOKEN}&hub.challenge=7");
    let (status, _, body) = send(app, get_request(&uri)).await;
    assert_eq!((status, body), (StatusCode::OK, b"7".to_vec()));
}

#[test]
fn config_debug_hides_secrets() {
    let debug = format!("{:?}", config());
    assert!(
        !debug.contains(SECRET) && !debug.contains(VERIFY_TOKEN),
        "{debug}"
    );
}
