//! The HTTP side: `GET /webhook` (handshake), `POST /webhook` (verify, parse, hand over, 200 at
//! once), `GET /healthz`. [`app`] builds the router; the same router serves plain HTTP and AWS
//! Lambda.

use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use messenger_sdk::axum::{SignedWebhook, WebhookConfig, WebhookRejection, handshake};
use messenger_sdk::webhook::EventKind;

use crate::workers::{DispatchError, Dispatcher, Job};

/// What the handlers share.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Signature and handshake settings.
    pub webhook: WebhookConfig,
    /// Where accepted events go.
    pub dispatcher: Dispatcher,
}

/// The router's state: one `Arc`, so a request costs one reference count, not one per client
/// inside.
#[derive(Debug, Clone)]
struct Shared(Arc<AppState>);

impl FromRef<Shared> for WebhookConfig {
    fn from_ref(state: &Shared) -> Self {
        state.0.webhook.clone()
    }
}

/// The bot's router.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/webhook", get(handshake).post(receive))
        .route("/healthz", get(healthz))
        .with_state(Shared(Arc::new(state)))
}

async fn healthz() -> &'static str {
    "ok"
}

/// Verifies and parses (the extractor), hands the events to the workers and answers at once:
/// the answer never waits for OpenDota or the Send API (except on Lambda with
/// `HBDTA_LAMBDA_WORKER=inline`, where the dispatcher answers first).
async fn receive(
    State(Shared(state)): State<Shared>,
    webhook: Result<SignedWebhook, WebhookRejection>,
) -> Response {
    let webhook = match webhook {
        Ok(webhook) => webhook,
        Err(rejection) => {
            tracing::warn!(reason = %rejection, status = %rejection.status(), "webhook refused");
            return rejection.into_response();
        }
    };
    let events = webhook.into_events();
    let mut jobs = Vec::with_capacity(events.len());
    for event in events {
        match &event.kind {
            EventKind::Unknown(_) | EventKind::Malformed { .. } => {
                tracing::warn!(
                    kind = event.kind.key(),
                    "unhandled webhook event acknowledged"
                );
                continue;
            }
            _ => {}
        }
        let kind = tracing::enabled!(tracing::Level::DEBUG).then(|| event.kind.key().to_owned());
        match Job::from_event(event) {
            Some(job) => jobs.push(job),
            None => tracing::debug!(kind, "event needs no answer"),
        }
    }
    match state.dispatcher.dispatch(jobs).await {
        Ok(_) => (StatusCode::OK, "EVENT_RECEIVED").into_response(),
        Err(DispatchError::QueueFull) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the worker queues are full",
        )
            .into_response(),
        // The details are logged; Meta only needs to deliver again.
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response(),
    }
}
