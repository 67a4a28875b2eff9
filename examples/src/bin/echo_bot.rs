//! The classic first Messenger bot, done right, on `messenger-sdk`.
//!
//! - `GET /webhook`: the subscription handshake (200 with the challenge, or 403).
//! - `POST /webhook`: the signature is checked over the raw body (403 if wrong), the body parsed,
//!   and 200 sent at once; then, in the background, each message is marked seen and its text echoed
//!   back to its sender (emoji intact), and an attachment is answered with a text naming its type.
//!   Echoes of the Page's own messages are ignored.
//! - Ctrl-C or SIGTERM: stops accepting, sends the answers already on their way (10 s at most),
//!   then exits.
//!
//! ```text
//! MESSENGER_VERIFY_TOKEN=… MESSENGER_APP_SECRET=… MESSENGER_PAGE_ACCESS_TOKEN=… \
//!   cargo run -p examples --bin echo_bot
//! ```
//!
//! Optional: `MESSENGER_GRAPH_URL` (a local fake Graph API, say), `MESSENGER_GRAPH_VERSION`,
//! `HOST` (default `0.0.0.0`), `PORT` (default `3000`), `RUST_LOG`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::get;
use messenger_sdk::axum::{SignedWebhook, WebhookConfig, handshake};
use messenger_sdk::send::Recipient;
use messenger_sdk::webhook::{Event, EventKind};
use tokio_util::task::TaskTracker;

#[derive(Clone)]
struct AppState {
    webhook: WebhookConfig,
    graph: messenger_sdk::Client,
    /// The answers in flight: a stop waits for them.
    answers: TaskTracker,
}

impl FromRef<AppState> for WebhookConfig {
    fn from_ref(state: &AppState) -> Self {
        state.webhook.clone()
    }
}

/// A required, non-empty environment variable, or an error naming it.
fn required(name: &str) -> Result<String, String> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => Ok(v),
        _ => Err(format!("{name} is not set: the echo bot needs it")),
    }
}

fn config() -> Result<(AppState, SocketAddr), String> {
    let verify_token = required("MESSENGER_VERIFY_TOKEN")?;
    let app_secret = required("MESSENGER_APP_SECRET")?;
    required("MESSENGER_PAGE_ACCESS_TOKEN")?;
    let graph = messenger_sdk::Client::from_env().map_err(|e| e.to_string())?;
    let host = std::env::var("HOST")
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "0.0.0.0".to_owned());
    let port = std::env::var("PORT")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "3000".to_owned());
    let addr = format!("{host}:{port}")
        .parse()
        .map_err(|_| format!("HOST/PORT {host}:{port} is not a socket address"))?;
    let state = AppState {
        webhook: WebhookConfig::new(app_secret, verify_token),
        graph,
        answers: TaskTracker::new(),
    };
    Ok((state, addr))
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/webhook", get(handshake).post(receive))
        .with_state(state)
}

/// Acknowledges at once; the replies go out in the background.
async fn receive(State(state): State<AppState>, webhook: SignedWebhook) -> StatusCode {
    let events = webhook.into_events();
    state.answers.clone().spawn(async move {
        for event in events {
            answer(&state.graph, event).await;
        }
    });
    StatusCode::OK
}

async fn answer(graph: &messenger_sdk::Client, event: Event) {
    let Some(recipient) = event.sender.as_ref().and_then(Recipient::from_sender) else {
        return;
    };
    let EventKind::Message(message) = &event.kind else {
        tracing::debug!(kind = event.kind.key(), "ignoring event");
        return;
    };
    if message.is_echo {
        return;
    }
    if let Err(e) = graph.mark_seen(recipient.clone()).await {
        tracing::warn!(error = %e, "mark_seen failed");
    }
    let reply = match (&message.text, message.attachments.first()) {
        (Some(text), _) => text.clone(),
        (None, Some(attachment)) => {
            format!("Thanks for the {}!", attachment.kind().replace('_', " "))
        }
        (None, None) => return,
    };
    if let Err(e) = graph.send_texts(recipient, reply).await {
        tracing::warn!(error = %e, "reply failed");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let (state, addr) = match config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("echo_bot: {message}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("echo_bot: cannot listen on {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    tracing::info!(%addr, "echo bot listening on /webhook");
    let answers = state.answers.clone();
    if let Err(e) = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        eprintln!("echo_bot: {e}");
        return ExitCode::from(1);
    }
    // Stopped accepting: the answers already on their way are sent before the process exits.
    answers.close();
    if tokio::time::timeout(Duration::from_secs(10), answers.wait())
        .await
        .is_err()
    {
        tracing::warn!("some answers were still running after 10 s; exiting anyway");
    }
    ExitCode::SUCCESS
}

/// Ctrl-C, or SIGTERM (what a platform sends to stop a process).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
