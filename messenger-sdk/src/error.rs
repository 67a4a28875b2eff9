//! The one error type of this crate, and the typed Graph API error body.

use reqwest::StatusCode;
use serde::{Deserialize, Serialize};

use crate::limits::LimitError;

/// How many bytes of a response body an error keeps.
pub(crate) const BODY_EXCERPT_LEN: usize = 2048;

/// Everything that can go wrong talking to the Graph API.
///
/// ```no_run
/// # async fn demo(client: messenger_sdk::Client) {
/// use messenger_sdk::{Error, GraphErrorKind};
///
/// match client.send_text("7000000000000001", "gg").await {
///     Ok(_) => {}
///     Err(e) if e.graph_kind() == Some(GraphErrorKind::OutsideWindow) => { /* needs a tag */ }
///     Err(Error::Api { status, body }) => eprintln!("{status}: {body}"),
///     Err(e) if e.is_retryable() => { /* try again later */ }
///     Err(e) => eprintln!("{e}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The Graph API answered with its error body (`{"error": {...}}`).
    #[error("Graph API error {status} ({kind:?}): {}", error.message)]
    Graph {
        /// The HTTP status.
        status: StatusCode,
        /// The classification of `(code, error_subcode)`.
        kind: GraphErrorKind,
        /// The error body.
        error: Box<GraphError>,
    },
    /// A non-success answer that is not a Graph error body (an HTML page from a proxy, say).
    #[error("Graph API answered {status}")]
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The start of the raw body.
        body: String,
    },
    /// A success answer that did not fit the expected shape.
    #[error("could not decode the Graph API answer at `{path}`: {source}")]
    Decode {
        /// The serde error.
        #[source]
        source: serde_json::Error,
        /// The JSON path of the mismatch.
        path: String,
        /// The start of the body.
        body: String,
    },
    /// The request did not complete (connection, DNS, TLS, timeout). The URL, which carries the
    /// access token, is removed from the error.
    #[error("request to the Graph API failed: {0}")]
    Transport(#[source] reqwest::Error),
    /// A payload broke one of Messenger's limits; nothing was sent.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// Invalid configuration or argument; nothing was sent.
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        Self::Transport(e.without_url())
    }
}

impl Error {
    /// Whether sending the same request again later can succeed without risking a duplicate:
    /// Graph rate limits and temporary failures (the message was not accepted), and connection
    /// failures before anything was sent. Timeouts are *not* retryable here: the message may have
    /// been delivered.
    ///
    /// ```
    /// use messenger_sdk::Error;
    /// use reqwest::StatusCode;
    ///
    /// let busy = Error::Api { status: StatusCode::SERVICE_UNAVAILABLE, body: String::new() };
    /// assert!(busy.is_retryable());
    /// let proxy = Error::Api { status: StatusCode::BAD_GATEWAY, body: "<html>".to_owned() };
    /// assert!(!proxy.is_retryable(), "the message may have arrived");
    /// assert!(!Error::InvalidInput("no token".to_owned()).is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Graph { kind, error, .. } => {
                kind.is_retryable() || error.is_transient == Some(true)
            }
            Self::Api { status, .. } => *status == StatusCode::SERVICE_UNAVAILABLE,
            Self::Transport(e) => e.is_connect(),
            Self::Decode { .. } | Self::Limit(_) | Self::InvalidInput(_) => false,
        }
    }

    /// The Graph error classification, for Graph errors.
    ///
    /// ```
    /// use messenger_sdk::{Error, GraphError, GraphErrorKind};
    /// use reqwest::StatusCode;
    ///
    /// let error: GraphError = serde_json::from_str(r#"{"message":"(#613) rate limit","code":613}"#).unwrap();
    /// let err = Error::Graph { status: StatusCode::BAD_REQUEST, kind: error.kind(), error: Box::new(error) };
    /// assert_eq!(err.graph_kind(), Some(GraphErrorKind::RateLimited));
    /// assert_eq!(Error::InvalidInput("x".to_owned()).graph_kind(), None);
    /// ```
    #[must_use]
    pub fn graph_kind(&self) -> Option<GraphErrorKind> {
        match self {
            Self::Graph { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    pub(crate) fn from_status(status: StatusCode, body: &[u8]) -> Self {
        #[derive(Deserialize)]
        struct Envelope {
            error: GraphError,
        }
        match serde_json::from_slice::<Envelope>(body) {
            Ok(Envelope { error }) => Self::Graph {
                status,
                kind: error.kind(),
                error: Box::new(error),
            },
            Err(_) => Self::Api {
                status,
                body: excerpt(body),
            },
        }
    }
}

/// The Graph API error body.
///
/// ```
/// use messenger_sdk::GraphError;
///
/// let value: GraphError = serde_json::from_str(r#"{"message":"(#613) Calls to this api have exceeded the rate limit.","type":"OAuthException","code":613,"fbtrace_id":"Bq9"}"#).unwrap();
/// assert_eq!(value.code, Some(613));
/// assert_eq!(value.kind.as_deref(), Some("OAuthException"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GraphError {
    /// Human-readable message.
    #[serde(default)]
    pub message: String,
    /// `OAuthException`, …
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// The error subcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_subcode: Option<i64>,
    /// Meta's trace id, for support requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fbtrace_id: Option<String>,
    /// Whether Meta says the error is transient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_transient: Option<bool>,
    /// A title meant for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_user_title: Option<String>,
    /// A message meant for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_user_msg: Option<String>,
}

/// What a Graph error means for the sender, decided by `(code, error_subcode)`.
///
/// ```
/// use messenger_sdk::GraphErrorKind;
///
/// let kind = GraphErrorKind::classify(Some(551), Some(1_545_041));
/// assert_eq!(kind, GraphErrorKind::UserUnavailable);
/// assert!(!kind.is_retryable());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GraphErrorKind {
    /// Outside the 24-hour standard messaging window (10 / 2018278, 10 / 2018065): answer with a
    /// tag or not at all.
    OutsideWindow,
    /// Rate limited (613, 4, 17, 32): retry later.
    RateLimited,
    /// Temporary failure (2, 1200): retry later.
    Temporary,
    /// The person cannot be reached (551 / 1545041): they turned messages off or blocked the Page.
    UserUnavailable,
    /// No such user (100 / 2018001): a wrong PSID, or one of another Page.
    NoMatchingUser,
    /// The access token is invalid or expired (190).
    InvalidToken,
    /// The app or token lacks a permission (10, 200–299, 3).
    Permission,
    /// A parameter is invalid (100).
    InvalidParameter,
    /// Anything else.
    Unknown,
}

impl GraphErrorKind {
    /// Classifies a Graph error code and subcode.
    ///
    /// ```
    /// use messenger_sdk::GraphErrorKind;
    ///
    /// assert_eq!(GraphErrorKind::classify(Some(10), Some(2_018_278)), GraphErrorKind::OutsideWindow);
    /// assert_eq!(GraphErrorKind::classify(Some(613), None), GraphErrorKind::RateLimited);
    /// assert_eq!(GraphErrorKind::classify(Some(1), Some(99)), GraphErrorKind::Unknown);
    /// ```
    #[must_use]
    pub fn classify(code: Option<i64>, subcode: Option<i64>) -> Self {
        match (code, subcode) {
            (Some(10), Some(2_018_278 | 2_018_065)) => Self::OutsideWindow,
            (_, Some(1_545_041)) | (Some(551), _) => Self::UserUnavailable,
            (Some(100), Some(2_018_001)) => Self::NoMatchingUser,
            (Some(4), Some(2_018_354)) | (Some(9), Some(2_018_352)) => Self::Permission,
            (Some(613 | 4 | 17 | 32), _) => Self::RateLimited,
            (Some(2), Some(2_018_344)) => Self::Unknown,
            (Some(2 | 1200), _) => Self::Temporary,
            (Some(190), _) => Self::InvalidToken,
            (Some(10 | 3 | 200..=299), _) => Self::Permission,
            (Some(100), _) => Self::InvalidParameter,
            _ => Self::Unknown,
        }
    }

    /// Whether the message was not accepted and can be sent again later.
    ///
    /// ```
    /// use messenger_sdk::GraphErrorKind;
    ///
    /// assert!(GraphErrorKind::Temporary.is_retryable());
    /// assert!(!GraphErrorKind::OutsideWindow.is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(self) -> bool {
        matches!(self, Self::RateLimited | Self::Temporary)
    }
}

impl GraphError {
    /// The classification of this error.
    ///
    /// ```
    /// use messenger_sdk::{GraphError, GraphErrorKind};
    ///
    /// let error: GraphError =
    ///     serde_json::from_str(r#"{"message":"No matching user found","code":100,"error_subcode":2018001}"#).unwrap();
    /// assert_eq!(error.kind(), GraphErrorKind::NoMatchingUser);
    /// ```
    #[must_use]
    pub fn kind(&self) -> GraphErrorKind {
        GraphErrorKind::classify(self.code, self.error_subcode)
    }
}

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
/// fn token() -> messenger_sdk::Result<String> {
///     Err(messenger_sdk::Error::InvalidInput("no token".to_owned()))
/// }
/// assert!(token().is_err());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_table() {
        use GraphErrorKind as K;
        let cases = [
            (Some(10), Some(2_018_278), K::OutsideWindow),
            (Some(613), None, K::RateLimited),
            (Some(4), None, K::RateLimited),
            (Some(2), None, K::Temporary),
            (Some(1200), None, K::Temporary),
            (Some(551), Some(1_545_041), K::UserUnavailable),
            (Some(551), None, K::UserUnavailable),
            (Some(100), Some(2_018_001), K::NoMatchingUser),
            (Some(190), Some(463), K::InvalidToken),
            (Some(200), None, K::Permission),
            (Some(10), None, K::Permission),
            (Some(100), Some(2_018_109), K::InvalidParameter),
            (Some(1), Some(99), K::Unknown),
            (None, None, K::Unknown),
        ];
        for (code, sub, want) in cases {
            assert_eq!(
                GraphErrorKind::classify(code, sub),
                want,
                "{code:?}/{sub:?}"
            );
        }
        assert!(K::RateLimited.is_retryable() && K::Temporary.is_retryable());
        assert!(!K::OutsideWindow.is_retryable() && !K::InvalidToken.is_retryable());
    }

    #[test]
    fn bodies_map_to_variants() {
        let e = Error::from_status(
            StatusCode::BAD_REQUEST,
            br#"{"error":{"message":"(#613) Calls to this api have exceeded the rate limit.","type":"OAuthException","code":613,"fbtrace_id":"Bq9"}}"#,
        );
        assert_eq!(e.graph_kind(), Some(GraphErrorKind::RateLimited));
        assert!(e.is_retryable());
        let e = Error::from_status(StatusCode::BAD_GATEWAY, b"<html>bad gateway</html>");
        assert!(matches!(&e, Error::Api { body, .. } if body.contains("bad gateway")));
    }
}
