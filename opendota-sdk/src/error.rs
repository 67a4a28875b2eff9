//! The one error type of this crate.

use reqwest::StatusCode;
use serde::Deserialize;

/// How many bytes of a response body an error keeps.
pub(crate) const BODY_EXCERPT_LEN: usize = 2048;

/// Everything that can go wrong calling OpenDota.
///
/// ```
/// # async fn demo(client: opendota_sdk::Client) {
/// use opendota_sdk::{AccountId, Error};
///
/// match client.players(AccountId(86745912)).get().await {
///     Ok(player) => println!("{:?}", player.profile),
///     Err(Error::NotFound { .. }) => println!("OpenDota does not know this account"),
///     Err(Error::RateLimited { daily: true, .. }) => println!("daily budget spent"),
///     Err(e) if e.is_retryable() => println!("try again later: {e}"),
///     Err(e) => println!("failed: {e}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 404: the match, player, route or constants resource does not exist (or, for
    /// `/teams/{id}` and `/leagues/{id}`, the API answered an empty body).
    #[error("not found: {path}")]
    NotFound {
        /// The API path that was requested (no query, no key).
        path: String,
    },
    /// 429: the per-minute limit (`daily == false`, retried automatically before this is
    /// returned) or the daily/monthly allowance (`daily == true`, never retried).
    #[error("OpenDota rate limit exceeded: {message}")]
    RateLimited {
        /// Whether the daily (or legacy monthly) allowance is spent, rather than the minute's.
        daily: bool,
        /// The API's message, e.g. `minute rate limit exceeded`.
        message: String,
    },
    /// 400 because of the API key: cancelled or disabled (`API key invalid. Please check the API
    /// dashboard …`) or not UUID-shaped (`Invalid API key format`). Never retried: fix or remove
    /// the key.
    #[error("OpenDota rejected the API key: {message}")]
    ApiKeyRejected {
        /// The API's message.
        message: String,
    },
    /// Any other non-success status. `message` is the API's `error` text when the body was
    /// OpenDota's JSON; `body` keeps the start of the raw body (an HTML 502 page, say).
    #[error("OpenDota answered {status}: {}", message.as_deref().unwrap_or("(no message)"))]
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The `error` field of the API's JSON body, when there was one.
        message: Option<String>,
        /// The start of the raw body.
        body: String,
    },
    /// A success response whose body did not match the model. `path` is the JSON path of the
    /// value that failed (`players[3].hero_id`), `body` the start of the body.
    #[error("could not decode the response at `{path}`: {source}")]
    Decode {
        /// The serde error.
        #[source]
        source: serde_json::Error,
        /// The JSON path where decoding failed (`.` for the root).
        path: String,
        /// The start of the body.
        body: String,
    },
    /// The request did not complete: connection refused, DNS, TLS, timeout.
    #[error("request to OpenDota failed: {0}")]
    Transport(#[from] reqwest::Error),
    /// An argument was rejected before anything was sent (an empty search, a bad base URL).
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl Error {
    /// Whether trying the same call again later can succeed: timeouts, connection failures,
    /// the per-minute rate limit and 5xx answers.
    ///
    /// ```
    /// use opendota_sdk::Error;
    ///
    /// let minute = Error::RateLimited { daily: false, message: "minute rate limit exceeded".into() };
    /// let daily = Error::RateLimited { daily: true, message: "daily api limit exceeded".into() };
    /// assert!(minute.is_retryable());
    /// assert!(!daily.is_retryable());
    /// assert!(!Error::InvalidInput("empty".into()).is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::RateLimited { daily, .. } => !daily,
            Self::Api { status, .. } => status.is_server_error(),
            Self::Transport(e) => e.is_timeout() || e.is_connect() || e.is_request(),
            Self::NotFound { .. }
            | Self::ApiKeyRejected { .. }
            | Self::Decode { .. }
            | Self::InvalidInput(_) => false,
        }
    }

    /// Whether the request timed out (a [`Error::Transport`] timeout).
    ///
    /// ```
    /// use opendota_sdk::Error;
    ///
    /// assert!(!Error::NotFound { path: "/api/matches/1".into() }.is_timeout());
    /// ```
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Transport(e) if e.is_timeout())
    }

    /// The HTTP status, when the API answered.
    ///
    /// ```
    /// use opendota_sdk::Error;
    ///
    /// let missing = Error::NotFound { path: "/api/matches/1".into() };
    /// assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));
    /// assert_eq!(Error::InvalidInput("empty".into()).status(), None);
    /// ```
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::NotFound { .. } => Some(StatusCode::NOT_FOUND),
            Self::RateLimited { .. } => Some(StatusCode::TOO_MANY_REQUESTS),
            Self::ApiKeyRejected { .. } => Some(StatusCode::BAD_REQUEST),
            Self::Api { status, .. } => Some(*status),
            Self::Transport(e) => e.status(),
            Self::Decode { .. } | Self::InvalidInput(_) => None,
        }
    }

    /// Builds the error for a non-success answer. The status is looked at first; the body is
    /// only read as OpenDota's `{"error": "..."}` if it is that, and kept raw otherwise.
    pub(crate) fn from_status(status: StatusCode, path: &str, body: &[u8]) -> Self {
        #[derive(Deserialize)]
        struct ApiErrorBody {
            error: serde_json::Value,
        }
        let message = serde_json::from_slice::<ApiErrorBody>(body)
            .ok()
            .map(|b| match b.error {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            });
        match status {
            StatusCode::NOT_FOUND => Self::NotFound {
                path: path.to_owned(),
            },
            StatusCode::TOO_MANY_REQUESTS => {
                let message = message.unwrap_or_else(|| excerpt(body));
                let lower = message.to_ascii_lowercase();
                Self::RateLimited {
                    daily: lower.contains("daily") || lower.contains("monthly"),
                    message,
                }
            }
            StatusCode::BAD_REQUEST
                if message
                    .as_deref()
                    .is_some_and(|m| m.to_ascii_lowercase().contains("api key")) =>
            {
                Self::ApiKeyRejected {
                    message: message.unwrap_or_default(),
                }
            }
            _ => Self::Api {
                status,
                message,
                body: excerpt(body),
            },
        }
    }

    pub(crate) fn decode(err: serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> Self {
        let path = err.path().to_string();
        Self::Decode {
            source: err.into_inner(),
            path,
            body: excerpt(body),
        }
    }
}

/// The start of a body as text, cut on a character boundary.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.len() <= BODY_EXCERPT_LEN {
        return text.into_owned();
    }
    let mut end = BODY_EXCERPT_LEN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], body.len())
}

/// This crate's `Result`.
///
/// ```
/// fn first_hero(ids: &[u16]) -> opendota_sdk::Result<u16> {
///     ids.first()
///         .copied()
///         .ok_or_else(|| opendota_sdk::Error::InvalidInput("no heroes".to_owned()))
/// }
/// assert_eq!(first_hero(&[14]).ok(), Some(14));
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_variants() {
        let e = Error::from_status(
            StatusCode::NOT_FOUND,
            "/matches/1",
            br#"{"error":"Not Found"}"#,
        );
        assert!(matches!(e, Error::NotFound { ref path } if path == "/matches/1"));
        let e = Error::from_status(
            StatusCode::TOO_MANY_REQUESTS,
            "/x",
            br#"{"error":"minute rate limit exceeded"}"#,
        );
        assert!(matches!(e, Error::RateLimited { daily: false, .. }));
        assert!(e.is_retryable());
        let e = Error::from_status(
            StatusCode::TOO_MANY_REQUESTS,
            "/x",
            br#"{"error":"daily api limit exceeded"}"#,
        );
        assert!(matches!(e, Error::RateLimited { daily: true, .. }));
        assert!(!e.is_retryable());
        let e = Error::from_status(
            StatusCode::BAD_GATEWAY,
            "/x",
            b"<html>502 Bad Gateway</html>",
        );
        match &e {
            Error::Api {
                status,
                message,
                body,
            } => {
                assert_eq!(*status, StatusCode::BAD_GATEWAY);
                assert!(message.is_none());
                assert!(body.contains("502 Bad Gateway"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(e.is_retryable());
        let e = Error::from_status(
            StatusCode::BAD_REQUEST,
            "/search",
            br#"{"error":"q is not a string"}"#,
        );
        assert_eq!(
            e.to_string(),
            "OpenDota answered 400 Bad Request: q is not a string"
        );
        assert!(!e.is_retryable());
    }

    #[test]
    fn excerpts_cut_on_char_boundaries() {
        let long = "é".repeat(BODY_EXCERPT_LEN);
        let cut = excerpt(long.as_bytes());
        assert!(cut.ends_with(&format!("({} bytes)", long.len())));
        assert!(cut.len() < long.len());
    }
}
