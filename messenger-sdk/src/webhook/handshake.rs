//! The subscription handshake: Meta's `GET <callback>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use subtle::ConstantTimeEq;

/// The query of the handshake request. Also accepts PHP-style `hub_mode` names.
///
/// ```
/// use messenger_sdk::webhook::HandshakeQuery;
///
/// let query = HandshakeQuery::from_query("hub.mode=subscribe&hub.verify_token=t&hub.challenge=1");
/// assert_eq!(query.mode.as_deref(), Some("subscribe"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HandshakeQuery {
    /// Always `subscribe`.
    #[serde(rename = "hub.mode", alias = "hub_mode", default)]
    pub mode: Option<String>,
    /// The token typed into the App Dashboard.
    #[serde(rename = "hub.verify_token", alias = "hub_verify_token", default)]
    pub verify_token: Option<String>,
    /// The value to echo back verbatim.
    #[serde(rename = "hub.challenge", alias = "hub_challenge", default)]
    pub challenge: Option<String>,
}

impl HandshakeQuery {
    /// Reads the handshake parameters from a raw query string (`hub.mode=subscribe&…`).
    ///
    /// ```
    /// use messenger_sdk::webhook::HandshakeQuery;
    ///
    /// let query = HandshakeQuery::from_query("hub.mode=subscribe&hub.verify_token=my-token&hub.challenge=42");
    /// assert_eq!(query.challenge.as_deref(), Some("42"));
    /// assert_eq!(HandshakeQuery::from_query("%%%").challenge, None, "garbage reads as empty");
    /// ```
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        serde_html_form::from_str(query).unwrap_or_default()
    }
}

/// Why a handshake is refused (answer it with 403).
///
/// ```
/// use messenger_sdk::webhook::{HandshakeError, HandshakeQuery, verify_handshake};
///
/// let query = HandshakeQuery::from_query("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1");
/// assert_eq!(verify_handshake(&query, "my-token"), Err(HandshakeError::WrongToken));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandshakeError {
    /// `hub.mode` is missing or not `subscribe`.
    #[error("hub.mode is not \"subscribe\"")]
    WrongMode,
    /// `hub.verify_token` is missing or does not match the configured token.
    #[error("hub.verify_token does not match")]
    WrongToken,
    /// `hub.challenge` is missing.
    #[error("hub.challenge is missing")]
    MissingChallenge,
}

/// Checks a handshake against the configured verify token (constant-time) and returns the
/// challenge to send back verbatim as the body of a 200.
///
/// ```
/// use messenger_sdk::webhook::{HandshakeError, HandshakeQuery, verify_handshake};
///
/// let ok = HandshakeQuery::from_query("hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=1158201444");
/// assert_eq!(verify_handshake(&ok, "s3cret"), Ok("1158201444".to_owned()));
/// let bad = HandshakeQuery::from_query("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");
/// assert_eq!(verify_handshake(&bad, "s3cret"), Err(HandshakeError::WrongToken));
/// ```
///
/// # Errors
///
/// A [`HandshakeError`] when the request is not a valid subscription for this token.
pub fn verify_handshake(
    query: &HandshakeQuery,
    verify_token: &str,
) -> Result<String, HandshakeError> {
    if query.mode.as_deref() != Some("subscribe") {
        return Err(HandshakeError::WrongMode);
    }
    let given = query
        .verify_token
        .as_deref()
        .ok_or(HandshakeError::WrongToken)?;
    if verify_token.is_empty() || !bool::from(given.as_bytes().ct_eq(verify_token.as_bytes())) {
        return Err(HandshakeError::WrongToken);
    }
    query
        .challenge
        .clone()
        .ok_or(HandshakeError::MissingChallenge)
}

/// [`verify_handshake`] with the token held as a secret.
///
/// # Errors
///
/// See [`verify_handshake`].
///
/// ```
/// use messenger_sdk::webhook::{HandshakeQuery, verify_handshake_secret};
/// use secrecy::SecretString;
///
/// let token = SecretString::from("my-token");
/// let query = HandshakeQuery::from_query("hub.mode=subscribe&hub.verify_token=my-token&hub.challenge=42");
/// assert_eq!(verify_handshake_secret(&query, &token).as_deref(), Ok("42"));
/// ```
pub fn verify_handshake_secret(
    query: &HandshakeQuery,
    verify_token: &SecretString,
) -> Result<String, HandshakeError> {
    verify_handshake(query, verify_token.expose_secret())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal() {
        let q = |s: &str| HandshakeQuery::from_query(s);
        assert_eq!(
            verify_handshake(&q("hub.verify_token=t&hub.challenge=1"), "t"),
            Err(HandshakeError::WrongMode)
        );
        assert_eq!(
            verify_handshake(
                &q("hub.mode=unsubscribe&hub.verify_token=t&hub.challenge=1"),
                "t"
            ),
            Err(HandshakeError::WrongMode)
        );
        assert_eq!(
            verify_handshake(&q("hub.mode=subscribe&hub.challenge=1"), "t"),
            Err(HandshakeError::WrongToken)
        );
        assert_eq!(
            verify_handshake(
                &q("hub.mode=subscribe&hub.verify_token=&hub.challenge=1"),
                ""
            ),
            Err(HandshakeError::WrongToken)
        );
        assert_eq!(
            verify_handshake(&q("hub.mode=subscribe&hub.verify_token=t"), "t"),
            Err(HandshakeError::MissingChallenge)
        );
        assert_eq!(
            verify_handshake(
                &q("hub_mode=subscribe&hub_verify_token=t&hub_challenge=abc%20d"),
                "t"
            ),
            Ok("abc d".to_owned())
        );
    }
}
