//! Webhook servers that do only part of `hbdta-bot`'s work, to measure beside the benchmark's
//! ceiling what each part costs (see `BENCHMARKS.md`, "What the goal leaves room for").
//!
//! Every stage answers the handshake and checks the signature (so the harness's checks pass);
//! then, before `200 EVENT_RECEIVED`:
//!
//! | `--stage` | after the signature check |
//! |---|---|
//! | `hmac` | nothing |
//! | `syntax` | checks that the body is JSON (`serde::de::IgnoredAny`): the least the issue allows, since a body that is not JSON gets 400 |
//! | `value` | parses it into a `serde_json::Value` (what the Flask and Node peers do) |
//! | `typed` | `messenger_sdk::webhook::parse`, the bot's typed parse |
//!
//! ```text
//! cargo build --release -p hbdta-bot --example webhook_floor
//! ../shared/bench/run_peers.sh --only rust-limit \
//!   --target "target/release/examples/webhook_floor --stage hmac" --port 18210 --name floor-hmac \
//!   --target "target/release/examples/webhook_floor --stage syntax" --port 18211 --name floor-syntax
//! ```
//!
//! Reads `APP_SECRET` / `VERIFY_TOKEN` (or the `MESSENGER_` names), `HOST` (default
//! `127.0.0.1`) and `PORT` (default 18210), as the harness sets them.

use std::process::ExitCode;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use messenger_sdk::axum::{WebhookConfig, handshake};

/// How much of the webhook's work a server does after the signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Hmac,
    Syntax,
    Value,
    Typed,
}

impl Stage {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "hmac" => Some(Self::Hmac),
            "syntax" => Some(Self::Syntax),
            "value" => Some(Self::Value),
            "typed" => Some(Self::Typed),
            _ => None,
        }
    }

    /// Whether the body passes this stage's parse (always, for `hmac`).
    fn parses(self, body: &[u8]) -> bool {
        match self {
            Self::Hmac => true,
            Self::Syntax => serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok(),
            Self::Value => serde_json::from_slice::<serde_json::Value>(body).is_ok(),
            Self::Typed => messenger_sdk::webhook::parse(body).is_ok(),
        }
    }
}

#[derive(Clone)]
struct Floor {
    webhook: WebhookConfig,
    stage: Stage,
}

impl FromRef<Floor> for WebhookConfig {
    fn from_ref(state: &Floor) -> Self {
        state.webhook.clone()
    }
}

async fn receive(
    State(floor): State<Floor>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    let signature = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    if floor
        .webhook
        .verifier
        .verify_headers(&body, signature, None)
        .is_err()
    {
        return (StatusCode::FORBIDDEN, "bad signature");
    }
    if !floor.stage.parses(&body) {
        return (StatusCode::BAD_REQUEST, "not a webhook body");
    }
    (StatusCode::OK, "EVENT_RECEIVED")
}

/// The first of these variables that is set and not empty.
fn env(names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

/// A wrong or missing argument: exit 2.
fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "webhook_floor: {problem}\nusage: webhook_floor --stage hmac|syntax|value|typed [--port N]"
    );
    ExitCode::from(2)
}

/// The server could not run: exit 1, without the usage line.
fn failed(problem: &str) -> ExitCode {
    eprintln!("webhook_floor: {problem}");
    ExitCode::FAILURE
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let Some(stage) = flag("--stage").and_then(|s| Stage::parse(s)) else {
        return usage("which stage?");
    };
    let port = match flag("--port").cloned().or_else(|| env(&["PORT"])) {
        None => 18210,
        Some(p) => match p.parse::<u16>() {
            Ok(p) => p,
            Err(_) => return usage("the port is not a number"),
        },
    };
    let host = env(&["HOST"]).unwrap_or_else(|| "127.0.0.1".to_owned());
    let (Some(secret), Some(token)) = (
        env(&["APP_SECRET", "MESSENGER_APP_SECRET"]),
        env(&["VERIFY_TOKEN", "MESSENGER_VERIFY_TOKEN"]),
    ) else {
        return usage("APP_SECRET and VERIFY_TOKEN must be set");
    };
    let floor = Floor {
        webhook: WebhookConfig::new(secret, token),
        stage,
    };
    let app = Router::new()
        .route("/webhook", get(handshake).post(receive))
        .with_state(floor);
    let listener = match tokio::net::TcpListener::bind((host.as_str(), port)).await {
        Ok(listener) => listener,
        Err(e) => return failed(&format!("cannot listen on {host}:{port}: {e}")),
    };
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    match axum::serve(listener, app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(&format!("server stopped: {e}")),
    }
}
