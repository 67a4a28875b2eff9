//! The axum integration (feature `axum`): [`SignedWebhook`], an extractor that reads the raw
//! body, checks `X-Hub-Signature-256` and parses the events, and [`handshake`], the handler of
//! the subscription `GET`.
//!
//! Both take a [`WebhookConfig`] from the router state (directly, or through
//! [`FromRef`] from a larger state).
//!
//! ```
//! use axum::Router;
//! use axum::http::StatusCode;
//! use axum::routing::get;
//! use messenger_sdk::axum::{SignedWebhook, WebhookConfig, handshake};
//!
//! async fn receive(webhook: SignedWebhook) -> StatusCode {
//!     let events = webhook.into_events();
//!     // Hand the events to a queue or a spawned task and answer at once: Meta wants a 200
//!     // within 5 seconds.
//!     tokio::spawn(async move {
//!         for event in events {
//!             let _ = event;
//!         }
//!     });
//!     StatusCode::OK
//! }
//!
//! let app: Router = Router::new()
//!     .route("/webhook", get(handshake).post(receive))
//!     .with_state(WebhookConfig::new("app-secret", "verify-token"));
//! ```

use std::fmt;
use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::{Body, HttpBody};
use axum::extract::{FromRef, FromRequest, RawQuery, Request, State};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, HeaderName, StatusCode, header};
use secrecy::SecretString;

use crate::webhook::{
    self, Event, EventKind, HandshakeQuery, ParseError, SIGNATURE_256_HEADER,
    SIGNATURE_SHA1_HEADER, SignatureError, SignatureVerifier, WebhookBody, verify_handshake_secret,
};

/// The largest webhook body [`SignedWebhook`] reads by default: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// What the webhook routes need: the signature verifier (app secret) and the verify token of
/// the subscription handshake. Put it in the router state, or make it reachable from yours with
/// [`FromRef`].
///
/// ```
/// use axum::extract::FromRef;
/// use messenger_sdk::axum::WebhookConfig;
///
/// #[derive(Clone)]
/// struct AppState {
///     webhook: WebhookConfig,
///     greeting: &'static str,
/// }
///
/// impl FromRef<AppState> for WebhookConfig {
///     fn from_ref(state: &AppState) -> Self {
///         state.webhook.clone()
///     }
/// }
///
/// let state = AppState { webhook: WebhookConfig::new("app-secret", "verify-token"), greeting: "hi" };
/// assert!(!format!("{:?}", state.webhook).contains("app-secret"));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct WebhookConfig {
    /// Checks `X-Hub-Signature-256` with the app secret.
    pub verifier: SignatureVerifier,
    /// The token typed into the App Dashboard's webhook settings.
    pub verify_token: Arc<SecretString>,
    /// The largest body read (default [`DEFAULT_BODY_LIMIT`]); larger ones get 413.
    pub body_limit: usize,
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("verifier", &self.verifier)
            .field("verify_token", &"<redacted>")
            .field("body_limit", &self.body_limit)
            .finish()
    }
}

impl WebhookConfig {
    /// A config from the app secret and the verify token.
    ///
    /// ```
    /// use messenger_sdk::axum::WebhookConfig;
    ///
    /// let config = WebhookConfig::new("app-secret", "verify-token");
    /// assert_eq!(config.body_limit, messenger_sdk::axum::DEFAULT_BODY_LIMIT);
    /// ```
    pub fn new(app_secret: impl Into<String>, verify_token: impl Into<String>) -> Self {
        Self::with_verifier(SignatureVerifier::new(app_secret), verify_token)
    }

    /// A config with a verifier built elsewhere (with [`SignatureVerifier::allow_sha1`], say).
    ///
    /// ```
    /// use messenger_sdk::axum::WebhookConfig;
    /// use messenger_sdk::webhook::SignatureVerifier;
    ///
    /// let legacy = WebhookConfig::with_verifier(SignatureVerifier::new("app-secret").allow_sha1(true), "verify-token");
    /// assert!(!format!("{legacy:?}").contains("verify-token"));
    /// ```
    pub fn with_verifier(verifier: SignatureVerifier, verify_token: impl Into<String>) -> Self {
        Self {
            verifier,
            verify_token: Arc::new(SecretString::from(verify_token.into())),
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }

    /// Sets the largest body read.
    ///
    /// ```
    /// use messenger_sdk::axum::WebhookConfig;
    ///
    /// let config = WebhookConfig::new("app-secret", "verify-token").body_limit(256 * 1024);
    /// assert_eq!(config.body_limit, 256 * 1024);
    /// ```
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }
}

/// A webhook POST whose signature was checked over the raw body, parsed.
///
/// Rejections ([`WebhookRejection`]): 403 for a missing, malformed or wrong signature, 413 for
/// a body over the limit, 400 for a body that cannot be read or is not a JSON object. A body
/// with unknown or odd events is *accepted* (see [`webhook::EventKind::Unknown`] and
/// [`webhook::EventKind::Malformed`]), so Meta does not redeliver it.
///
/// ```
/// use axum::http::StatusCode;
/// use messenger_sdk::axum::SignedWebhook;
///
/// async fn receive(webhook: SignedWebhook) -> StatusCode {
///     tracing::debug!(bytes = webhook.raw.len(), object = %webhook.body.object, "webhook");
///     StatusCode::OK
/// }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SignedWebhook {
    /// The parsed body.
    pub body: WebhookBody,
    /// The raw bytes as received (the ones the signature covers).
    pub raw: Bytes,
}

impl SignedWebhook {
    /// All events of all entries, ordered by timestamp.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use messenger_sdk::axum::SignedWebhook;
    ///
    /// async fn receive(webhook: SignedWebhook) -> StatusCode {
    ///     for event in webhook.into_events() {
    ///         if let Some(psid) = event.sender_psid() {
    ///             let _ = psid; // queue a reply
    ///         }
    ///     }
    ///     StatusCode::OK
    /// }
    /// ```
    #[must_use]
    pub fn into_events(self) -> Vec<Event> {
        self.body.into_events()
    }
}

/// Why [`SignedWebhook`] refused a request.
///
/// ```
/// use messenger_sdk::axum::WebhookRejection;
/// use messenger_sdk::webhook::SignatureError;
///
/// let rejection = WebhookRejection::from(SignatureError::Mismatch);
/// assert_eq!(rejection.status().as_u16(), 403);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The signature is missing, malformed or wrong (403).
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// The body is larger than the limit (413).
    #[error("the webhook body is larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body could not be read (400).
    #[error("the webhook body could not be read")]
    BodyUnreadable,
    /// The body is not a JSON object (400).
    #[error(transparent)]
    Parse(#[from] ParseError),
}

impl WebhookRejection {
    /// The HTTP status this rejection answers with.
    ///
    /// ```
    /// use axum::http::StatusCode;
    /// use messenger_sdk::axum::WebhookRejection;
    /// use messenger_sdk::webhook::SignatureError;
    ///
    /// assert_eq!(WebhookRejection::from(SignatureError::Mismatch).status(), StatusCode::FORBIDDEN);
    /// assert_eq!(WebhookRejection::TooLarge { limit: 1 }.status(), StatusCode::PAYLOAD_TOO_LARGE);
    /// ```
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Signature(_) => StatusCode::FORBIDDEN,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BodyUnreadable | Self::Parse(_) => StatusCode::BAD_REQUEST,
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        tracing::warn!(status = %self.status(), reason = %self, "webhook POST rejected");
        (self.status(), self.to_string()).into_response()
    }
}

impl<S> FromRequest<S> for SignedWebhook
where
    WebhookConfig: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let config = WebhookConfig::from_ref(state);
        let (parts, body) = req.into_parts();
        let (signature_256, signature_sha1) = signature_headers(&parts.headers)?;
        if signature_256.is_none() && signature_sha1.is_none() {
            // Refuse before reading a body nobody signed.
            return Err(SignatureError::Missing.into());
        }
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|len| len > config.body_limit) {
            return Err(WebhookRejection::TooLarge {
                limit: config.body_limit,
            });
        }
        let raw = read_limited(body, declared, config.body_limit).await?;
        config
            .verifier
            .verify_headers(&raw, signature_256, signature_sha1)?;
        let body = webhook::parse(&raw)?;
        log_odd_events(&body);
        Ok(Self { body, raw })
    }
}

/// Unknown and malformed events are accepted (so Meta does not redeliver the body) but logged,
/// without their content.
fn log_odd_events(body: &WebhookBody) {
    for event in body.entries.iter().flat_map(|entry| &entry.events) {
        match &event.kind {
            EventKind::Unknown(_) => {
                tracing::debug!(page = %event.page_id, "webhook event of an unknown kind");
            }
            EventKind::Malformed { key, error, .. } => {
                tracing::warn!(page = %event.page_id, key = %key, error = %error, "malformed webhook event");
            }
            _ => {}
        }
    }
}

/// The signature headers as text; a header that is not text is malformed.
fn signature_headers(headers: &HeaderMap) -> Result<(Option<&str>, Option<&str>), SignatureError> {
    // Looked up by `HeaderName` (no parsing of the name per request).
    static SHA256: HeaderName = HeaderName::from_static(SIGNATURE_256_HEADER);
    static SHA1: HeaderName = HeaderName::from_static(SIGNATURE_SHA1_HEADER);
    let text = |name: &HeaderName| {
        headers
            .get(name)
            .map(|v| v.to_str().map_err(|_| SignatureError::Malformed))
            .transpose()
    };
    Ok((text(&SHA256)?, text(&SHA1)?))
}

/// Reads the whole body, stopping as soon as it passes `limit`. A body that arrives in one
/// frame (the usual case for a webhook) is kept as it is, without a copy.
async fn read_limited(
    mut body: Body,
    declared: Option<usize>,
    limit: usize,
) -> Result<Bytes, WebhookRejection> {
    let mut first: Option<Bytes> = None;
    let mut buf: Vec<u8> = Vec::new();
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| WebhookRejection::BodyUnreadable)?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let read = first.as_ref().map_or(0, Bytes::len) + buf.len();
        if read.saturating_add(data.len()) > limit {
            return Err(WebhookRejection::TooLarge { limit });
        }
        match first.take() {
            None if buf.is_empty() => first = Some(data),
            None => buf.extend_from_slice(&data),
            Some(earlier) => {
                buf.reserve(declared.unwrap_or(0).max(earlier.len() + data.len()));
                buf.extend_from_slice(&earlier);
                buf.extend_from_slice(&data);
            }
        }
    }
    Ok(first.unwrap_or_else(|| Bytes::from(buf)))
}

/// The subscription handshake (`GET <callback>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`):
/// 200 with the challenge verbatim as `text/plain` when the mode is `subscribe` and the token
/// matches (compared in constant time), 403 otherwise.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use messenger_sdk::axum::{WebhookConfig, handshake};
///
/// let app: Router = Router::new()
///     .route("/webhook", get(handshake))
///     .with_state(WebhookConfig::new("app-secret", "verify-token"));
/// ```
pub async fn handshake(State(config): State<WebhookConfig>, RawQuery(query): RawQuery) -> Response {
    let query = HandshakeQuery::from_query(query.as_deref().unwrap_or(""));
    match verify_handshake_secret(&query, &config.verify_token) {
        Ok(challenge) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            challenge,
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(reason = %e, "webhook handshake refused");
            (StatusCode::FORBIDDEN, e.to_string()).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::convert::Infallible;
    use std::task::{Context, Poll};

    use http_body::Frame;

    use super::*;

    /// A body that arrives in the given pieces, one frame each.
    struct Pieces(VecDeque<&'static [u8]>);

    impl HttpBody for Pieces {
        type Data = Bytes;
        type Error = Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
            Poll::Ready(
                self.0
                    .pop_front()
                    .map(|piece| Ok(Frame::data(Bytes::from_static(piece)))),
            )
        }
    }

    fn body(pieces: &[&'static [u8]]) -> Body {
        Body::new(Pieces(pieces.iter().copied().collect()))
    }

    #[tokio::test]
    async fn a_body_in_several_frames_is_joined_in_order() {
        let pieces: [&[u8]; 4] = [b"{\"object\":", b"", b"\"page\",", b"\"entry\":[]}"];
        for declared in [None, Some(29), Some(3)] {
            let raw = read_limited(body(&pieces), declared, 1024).await.unwrap();
            assert_eq!(&raw[..], br#"{"object":"page","entry":[]}"#);
        }
        let one = read_limited(body(&[b"{}"]), Some(2), 2).await.unwrap();
        assert_eq!(&one[..], b"{}");
        let none = read_limited(body(&[]), None, 2).await.unwrap();
        assert!(none.is_empty());
    }

    #[tokio::test]
    async fn the_limit_counts_every_frame() {
        let pieces: [&[u8]; 3] = [b"12345", b"67890", b"1"];
        assert!(matches!(
            read_limited(body(&pieces), None, 10).await,
            Err(WebhookRejection::TooLarge { limit: 10 })
        ));
        assert_eq!(
            read_limited(body(&pieces[..2]), None, 10)
                .await
                .unwrap()
                .len(),
            10
        );
    }
}
