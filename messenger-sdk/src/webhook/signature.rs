//! `X-Hub-Signature-256` (and, when enabled, the legacy `X-Hub-Signature`) over the raw body.
//!
//! Meta signs the body exactly as it sends it, with non-ASCII escaped as `\uXXXX` and `/` as
//! `\/`. Re-serialised JSON never matches, so the check takes the raw bytes as received.

use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha1::Sha1;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The header carrying the HMAC-SHA256 signature.
pub const SIGNATURE_256_HEADER: &str = "x-hub-signature-256";
/// The legacy header carrying an HMAC-SHA1 signature.
pub const SIGNATURE_SHA1_HEADER: &str = "x-hub-signature";

/// Why a webhook body was not accepted as coming from Meta.
///
/// ```
/// use messenger_sdk::webhook::{SignatureError, SignatureVerifier};
///
/// let verifier = SignatureVerifier::new("app-secret");
/// assert_eq!(verifier.verify(b"{}", Some("sha256=zz")), Err(SignatureError::Malformed));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// No signature header at all.
    #[error("the request has no X-Hub-Signature-256 header")]
    Missing,
    /// A header that is not `sha256=<64 hex digits>` (or `sha1=<40 hex digits>`).
    #[error("the signature header is malformed")]
    Malformed,
    /// A well-formed signature that does not match the body.
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Checks webhook signatures with the app secret.
///
/// ```
/// use messenger_sdk::webhook::{SignatureError, SignatureVerifier};
///
/// let verifier = SignatureVerifier::new("app-secret");
/// let body = br#"{"object":"page","entry":[]}"#;
/// let header = verifier.sign(body);
/// assert!(header.starts_with("sha256="));
/// assert_eq!(verifier.verify(body, Some(&header)), Ok(()));
/// assert_eq!(verifier.verify(b"tampered", Some(&header)), Err(SignatureError::Mismatch));
/// assert_eq!(verifier.verify(body, None), Err(SignatureError::Missing));
/// ```
#[derive(Clone)]
pub struct SignatureVerifier {
    /// Shared, so cloning a verifier (once per request in an axum extractor) does not copy it.
    keys: std::sync::Arc<Keys>,
    allow_sha1: bool,
}

/// The app secret, and the HMAC-SHA256 state already keyed with it (so a check does not hash
/// the key again). Both are secret; neither is ever printed.
struct Keys {
    secret: SecretString,
    sha256: Hmac<Sha256>,
}

impl std::fmt::Debug for SignatureVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignatureVerifier")
            .field("secret", &"<redacted>")
            .field("allow_sha1", &self.allow_sha1)
            .finish()
    }
}

impl SignatureVerifier {
    /// A verifier for the app secret (App Dashboard → Settings → Basic).
    ///
    /// ```
    /// use messenger_sdk::webhook::SignatureVerifier;
    ///
    /// let verifier = SignatureVerifier::new("app-secret");
    /// assert!(!format!("{verifier:?}").contains("app-secret"), "never in Debug");
    /// ```
    pub fn new(app_secret: impl Into<String>) -> Self {
        let secret = SecretString::from(app_secret.into());
        #[allow(clippy::expect_used, reason = "HMAC accepts keys of any length")]
        let sha256 = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.expose_secret().as_bytes())
            .expect("HMAC takes any key length");
        Self {
            keys: std::sync::Arc::new(Keys { secret, sha256 }),
            allow_sha1: false,
        }
    }

    /// Also accept the legacy `X-Hub-Signature: sha1=…` header when no SHA-256 header is present.
    /// Off by default: SHA-1 signatures are only for old setups.
    ///
    /// ```
    /// use messenger_sdk::webhook::{SignatureError, SignatureVerifier};
    ///
    /// let old_header = Some("sha1=0000000000000000000000000000000000000000");
    /// let strict = SignatureVerifier::new("app-secret");
    /// assert_eq!(strict.verify_headers(b"{}", None, old_header), Err(SignatureError::Missing));
    /// let legacy = SignatureVerifier::new("app-secret").allow_sha1(true);
    /// assert_eq!(legacy.verify_headers(b"{}", None, old_header), Err(SignatureError::Mismatch));
    /// ```
    #[must_use]
    pub fn allow_sha1(mut self, allow: bool) -> Self {
        self.allow_sha1 = allow;
        self
    }

    /// Checks the `X-Hub-Signature-256` header value against the raw body, in constant time.
    ///
    /// # Errors
    ///
    /// [`SignatureError::Missing`], [`SignatureError::Malformed`] or [`SignatureError::Mismatch`].
    ///
    /// ```
    /// use messenger_sdk::webhook::{SignatureError, SignatureVerifier};
    ///
    /// let verifier = SignatureVerifier::new("app-secret");
    /// let body = br#"{"object":"page","entry":[]}"#;
    /// let header = verifier.sign(body);
    /// assert_eq!(verifier.verify(body, Some(&header)), Ok(()));
    /// assert_eq!(verifier.verify(br#"{"object":"page","entry":[1]}"#, Some(&header)), Err(SignatureError::Mismatch));
    /// assert_eq!(verifier.verify(body, None), Err(SignatureError::Missing));
    /// ```
    pub fn verify(
        &self,
        raw_body: &[u8],
        signature_256: Option<&str>,
    ) -> Result<(), SignatureError> {
        self.verify_headers(raw_body, signature_256, None)
    }

    /// Checks the SHA-256 header, or — only when [`SignatureVerifier::allow_sha1`] is on and the
    /// SHA-256 header is absent — the legacy SHA-1 header.
    ///
    /// # Errors
    ///
    /// See [`SignatureVerifier::verify`].
    ///
    /// ```
    /// use messenger_sdk::webhook::SignatureVerifier;
    ///
    /// let verifier = SignatureVerifier::new("app-secret").allow_sha1(true);
    /// let body = b"{}";
    /// // The SHA-256 header wins whenever it is present.
    /// let sha256 = verifier.sign(body);
    /// assert!(verifier.verify_headers(body, Some(&sha256), Some("sha1=bad")).is_ok());
    /// ```
    pub fn verify_headers(
        &self,
        raw_body: &[u8],
        signature_256: Option<&str>,
        signature_sha1: Option<&str>,
    ) -> Result<(), SignatureError> {
        if let Some(header) = signature_256 {
            let expected = parse_hex::<32>(header, "sha256=")?;
            let mut mac = self.keys.sha256.clone();
            mac.update(raw_body);
            return compare(&mac.finalize().into_bytes(), &expected);
        }
        match signature_sha1 {
            Some(header) if self.allow_sha1 => {
                let expected = parse_hex::<20>(header, "sha1=")?;
                let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(
                    self.keys.secret.expose_secret().as_bytes(),
                )
                .map_err(|_| SignatureError::Mismatch)?;
                mac.update(raw_body);
                compare(&mac.finalize().into_bytes(), &expected)
            }
            _ => Err(SignatureError::Missing),
        }
    }

    /// HMAC-SHA256 already keyed with the app secret.
    pub(crate) fn keyed_sha256(&self) -> Hmac<Sha256> {
        self.keys.sha256.clone()
    }

    /// The `X-Hub-Signature-256` value Meta would send for `raw_body` (`sha256=<hex>`): for tests,
    /// emulators and local tools that post signed bodies.
    ///
    /// ```
    /// use messenger_sdk::webhook::SignatureVerifier;
    ///
    /// let header = SignatureVerifier::new("app-secret").sign(b"{}");
    /// assert!(header.starts_with("sha256="));
    /// assert_eq!(header.len(), "sha256=".len() + 64);
    /// ```
    #[must_use]
    pub fn sign(&self, raw_body: &[u8]) -> String {
        format!(
            "sha256={}",
            hex::encode({
                let mut mac = self.keys.sha256.clone();
                mac.update(raw_body);
                mac.finalize().into_bytes()
            })
        )
    }
}

/// HMAC-SHA256 of `message` keyed by `key`.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    #[allow(clippy::expect_used, reason = "HMAC accepts keys of any length")]
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// `<prefix><2N hex digits>` (prefix in any case) into N bytes, without allocating.
fn parse_hex<const N: usize>(header: &str, prefix: &str) -> Result<[u8; N], SignatureError> {
    let header = header.trim();
    let hex_part = header
        .get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .map(|_| &header[prefix.len()..])
        .ok_or(SignatureError::Malformed)?;
    let mut bytes = [0u8; N];
    hex::decode_to_slice(hex_part, &mut bytes).map_err(|_| SignatureError::Malformed)?;
    Ok(bytes)
}

fn compare(actual: &[u8], expected: &[u8]) -> Result<(), SignatureError> {
    if bool::from(actual.ct_eq(expected)) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vector() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog") from RFC-style test vectors.
        let v = SignatureVerifier::new("key");
        assert_eq!(
            v.sign(b"The quick brown fox jumps over the lazy dog"),
            "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }

    #[test]
    fn malformed_headers() {
        let v = SignatureVerifier::new("s");
        for bad in [
            "",
            "sha256=",
            "sha256=zz",
            "sha1=abcd",
            "sha256=abcd",
            "md5=00",
        ] {
            assert_eq!(
                v.verify(b"x", Some(bad)),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
        let upper = v
            .sign(b"x")
            .to_uppercase()
            .replacen("SHA256=", "sha256=", 1);
        assert_eq!(
            v.verify(b"x", Some(&upper)),
            Ok(()),
            "hex case does not matter"
        );
    }

    #[test]
    fn sha1_only_when_enabled() {
        let key = b"s";
        let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).expect("key");
        mac.update(b"body");
        let header = format!("sha1={}", hex::encode(mac.finalize().into_bytes()));
        let strict = SignatureVerifier::new("s");
        assert_eq!(
            strict.verify_headers(b"body", None, Some(&header)),
            Err(SignatureError::Missing)
        );
        let legacy = SignatureVerifier::new("s").allow_sha1(true);
        assert_eq!(legacy.verify_headers(b"body", None, Some(&header)), Ok(()));
        assert_eq!(
            legacy.verify_headers(b"bodY", None, Some(&header)),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let dbg = format!("{:?}", SignatureVerifier::new("topsecret"));
        assert!(!dbg.contains("topsecret"));
    }
}
