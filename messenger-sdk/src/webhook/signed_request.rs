//! `signed_request`: what Meta posts to an app's data deletion callback (and its deauthorize
//! callback): `<signature>.<payload>`, both base64url, the signature an HMAC-SHA256 of the
//! payload's base64url text keyed with the app secret.
//!
//! ```
//! use messenger_sdk::webhook::{SignatureVerifier, SignedRequestError};
//!
//! let verifier = SignatureVerifier::new("app-secret");
//! // What Meta would send for the person with app-scoped id 1234567890.
//! let signed = verifier.sign_request(&serde_json::json!({
//!     "algorithm": "HMAC-SHA256",
//!     "issued_at": 1767225600,
//!     "user_id": "1234567890"
//! }));
//! let request = verifier.verify_signed_request(&signed).expect("signed with our app secret");
//! assert_eq!(request.user_id.as_deref(), Some("1234567890"));
//! assert_eq!(request.issued_at, Some(1767225600));
//!
//! let forged = SignatureVerifier::new("another-secret").sign_request(&serde_json::json!({
//!     "algorithm": "HMAC-SHA256",
//!     "user_id": "1234567890"
//! }));
//! assert_eq!(verifier.verify_signed_request(&forged), Err(SignedRequestError::Mismatch));
//! ```

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::Mac;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::signature::SignatureVerifier;

/// The only algorithm Meta signs with.
pub const SIGNED_REQUEST_ALGORITHM: &str = "HMAC-SHA256";

/// The payload of a verified `signed_request`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SignedRequest {
    /// `HMAC-SHA256`.
    pub algorithm: String,
    /// The person's app-scoped user id (absent in some callbacks).
    #[serde(default, deserialize_with = "super::lenient::opt_string::deserialize")]
    pub user_id: Option<String>,
    /// When Meta issued it (Unix seconds).
    #[serde(default, deserialize_with = "super::lenient::opt_i64::deserialize")]
    pub issued_at: Option<i64>,
    /// When it expires (Unix seconds; 0 or absent: no expiry).
    #[serde(default, deserialize_with = "super::lenient::opt_i64::deserialize")]
    pub expires: Option<i64>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Why a `signed_request` was refused. No variant carries the secret or the signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignedRequestError {
    /// Not `<signature>.<payload>`, or a part that is not base64url.
    #[error("the signed_request is not <signature>.<payload> in base64url")]
    Malformed,
    /// The payload is not a JSON object with an `algorithm`.
    #[error("the signed_request payload is not the JSON Meta sends")]
    BadPayload,
    /// Signed with another algorithm than HMAC-SHA256.
    #[error("the signed_request uses {0:?}, not HMAC-SHA256")]
    UnsupportedAlgorithm(String),
    /// The signature does not match the payload and the app secret.
    #[error("the signed_request signature does not match")]
    Mismatch,
}

fn decode(part: &str) -> Result<Vec<u8>, SignedRequestError> {
    // Meta writes base64url without padding; accept padding and the standard alphabet too.
    let cleaned: String = part
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    URL_SAFE_NO_PAD
        .decode(cleaned)
        .map_err(|_| SignedRequestError::Malformed)
}

impl SignatureVerifier {
    /// Verifies a `signed_request` (the form field of Meta's data deletion and deauthorize
    /// callbacks) in constant time and returns its payload.
    ///
    /// # Errors
    ///
    /// [`SignedRequestError`]: malformed, not Meta's JSON, another algorithm, or a signature
    /// that does not match (checked before the payload is read).
    pub fn verify_signed_request(
        &self,
        signed_request: &str,
    ) -> Result<SignedRequest, SignedRequestError> {
        let (signature, payload) = signed_request
            .trim()
            .split_once('.')
            .ok_or(SignedRequestError::Malformed)?;
        let signature = decode(signature)?;
        let mut mac = self.keyed_sha256();
        mac.update(payload.as_bytes());
        // `verify_slice` compares in constant time.
        mac.verify_slice(&signature)
            .map_err(|_| SignedRequestError::Mismatch)?;
        let request: SignedRequest = serde_json::from_slice(&decode(payload)?)
            .map_err(|_| SignedRequestError::BadPayload)?;
        if !request
            .algorithm
            .eq_ignore_ascii_case(SIGNED_REQUEST_ALGORITHM)
        {
            return Err(SignedRequestError::UnsupportedAlgorithm(request.algorithm));
        }
        Ok(request)
    }

    /// The `signed_request` Meta would send with `payload`: for tests and local tools.
    #[must_use]
    pub fn sign_request(&self, payload: &Value) -> String {
        let payload = URL_SAFE_NO_PAD.encode(payload.to_string());
        let mut mac = self.keyed_sha256();
        mac.update(payload.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signature}.{payload}")
    }
}
