//! Meta's data deletion request callback, which apps that keep people's data must serve (App
//! Dashboard → Settings → Basic → "Data deletion request URL"):
//!
//! - `POST /messenger/data-deletion` with the form field `signed_request`: verified with the app
//!   secret in constant time (a bad one gets 400 and nothing is deleted), then everything the bot
//!   holds about that `user_id` is deleted and the answer is
//!   `{"url": "<status page>", "confirmation_code": "<code>"}`;
//! - `GET /messenger/data-deletion/{code}`: the status page, saying whether that deletion is done.
//!
//! The person is the Messenger person whose id is the request's `user_id`. (Meta sends the
//! app-scoped user id; for people who reach the bot only through a Page, `forget me` in the chat
//! deletes by their page-scoped id.) The receipt keeps the code and the time, nothing else.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use messenger_sdk::webhook::SignatureVerifier;
use rand::distr::{Alphanumeric, SampleString};

use super::NAME;
use crate::store::{PersonId, Store};

/// Where Meta posts deletion requests.
pub const PATH: &str = "/messenger/data-deletion";

/// Length of a confirmation code (letters and digits).
pub const CODE_LEN: usize = 20;

#[derive(Clone)]
struct Deletion {
    verifier: SignatureVerifier,
    store: Arc<dyn Store>,
    public_url: Option<String>,
}

/// The two routes, verifying with `verifier` (the app secret) and deleting from `store`.
pub fn routes(
    verifier: SignatureVerifier,
    store: Arc<dyn Store>,
    public_url: Option<String>,
) -> Router {
    Router::new()
        .route(PATH, post(request))
        .route(&format!("{PATH}/{{code}}"), get(status))
        .with_state(Deletion {
            verifier,
            store,
            public_url,
        })
}

#[derive(serde::Deserialize)]
struct Form {
    signed_request: Option<String>,
}

fn refuse(status: StatusCode, error: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": error }))).into_response()
}

async fn request(State(state): State<Deletion>, headers: HeaderMap, body: Bytes) -> Response {
    let signed = serde_html_form::from_bytes::<Form>(&body)
        .ok()
        .and_then(|form| form.signed_request)
        .filter(|s| !s.trim().is_empty());
    let Some(signed) = signed else {
        tracing::warn!("data deletion request without a signed_request");
        return refuse(
            StatusCode::BAD_REQUEST,
            "the form field signed_request is missing",
        );
    };
    let request = match state.verifier.verify_signed_request(&signed) {
        Ok(request) => request,
        Err(error) => {
            tracing::warn!(%error, "data deletion request refused");
            return refuse(StatusCode::BAD_REQUEST, &error.to_string());
        }
    };
    let Some(user_id) = request.user_id.filter(|id| !id.trim().is_empty()) else {
        tracing::warn!("data deletion request without a user_id");
        return refuse(StatusCode::BAD_REQUEST, "the signed_request has no user_id");
    };
    let person = PersonId::new(NAME, user_id.trim());
    if let Err(error) = state.store.forget(&person).await {
        tracing::error!(%error, "data deletion failed; Meta will be told to try again");
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "the store is unavailable; try again later",
        );
    }
    let code = Alphanumeric.sample_string(&mut rand::rng(), CODE_LEN);
    if let Err(error) = state.store.record_deletion(&code).await {
        // The data is gone; only the receipt is missing, so the status page will not know it.
        tracing::error!(%error, "data deleted, but its receipt was not kept");
    }
    tracing::info!("data deletion request carried out");
    let url = format!("{}{PATH}/{code}", base_url(&state, &headers));
    axum::Json(serde_json::json!({ "url": url, "confirmation_code": code })).into_response()
}

/// `https://<host>` from the configured public URL, else from the request.
fn base_url(state: &Deletion, headers: &HeaderMap) -> String {
    if let Some(url) = &state.public_url {
        return url.clone();
    }
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(',').next().unwrap_or_default().trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let host = text("x-forwarded-host")
        .or_else(|| text(header::HOST.as_str()))
        .unwrap_or_else(|| "localhost".to_owned());
    let local = host.starts_with("127.0.0.1") || host.starts_with("localhost");
    let scheme =
        text("x-forwarded-proto").unwrap_or_else(|| if local { "http" } else { "https" }.into());
    format!("{scheme}://{host}")
}

async fn status(State(state): State<Deletion>, Path(code): Path<String>) -> Response {
    let well_formed = code.len() == CODE_LEN && code.bytes().all(|b| b.is_ascii_alphanumeric());
    let done = if well_formed {
        match state.store.deletion(&code).await {
            Ok(done) => done,
            Err(error) => {
                tracing::error!(%error, "deletion status unavailable");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    page(
                        "Deletion status unavailable",
                        "The status of deletion requests can't be read right now. Please try again later.",
                    ),
                )
                    .into_response();
            }
        }
    } else {
        None
    };
    match done {
        Some(at) => {
            let when = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(at));
            (
                StatusCode::OK,
                page(
                    "Deletion complete",
                    &format!(
                        "Deletion request {code}: done on {when}. Everything this bot kept about you (the account you linked, the last player you looked at and the conversation log) has been deleted."
                    ),
                ),
            )
                .into_response()
        }
        None => (
            StatusCode::NOT_FOUND,
            page(
                "Unknown deletion request",
                "There is no deletion request with this confirmation code.",
            ),
        )
            .into_response(),
    }
}

/// A minimal HTML page (`text` is ours: the code is checked to be letters and digits).
fn page(title: &str, text: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
    ))
}
