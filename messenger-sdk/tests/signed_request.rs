//! `signed_request` (Meta's data deletion callback): the values below were signed outside this
//! crate (Python's `hmac` with the secret `app-secret-for-tests`), so the check is against Meta's
//! format, not against the crate's own signer.

use messenger_sdk::webhook::{SignatureVerifier, SignedRequestError};

const SECRET: &str = "app-secret-for-tests";
/// `{"algorithm":"HMAC-SHA256","expires":0,"issued_at":1767225600,"user_id":"1234567890"}`
const GOOD: &str = "kcLwrzSqHnVw09ACrSPeZLIeAHGpzM85rLSFE1E8GFo.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsImV4cGlyZXMiOjAsImlzc3VlZF9hdCI6MTc2NzIyNTYwMCwidXNlcl9pZCI6IjEyMzQ1Njc4OTAifQ";
/// `{"algorithm":"HMAC-SHA1","issued_at":1767225600,"user_id":"1234567890"}`, signed with SHA-256.
const SHA1_ALGORITHM: &str = "xKX-5FsTZhQycMLs2UHVnTywi7V9HqSUXJn_awqHgmI.eyJhbGdvcml0aG0iOiJITUFDLVNIQTEiLCJpc3N1ZWRfYXQiOjE3NjcyMjU2MDAsInVzZXJfaWQiOiIxMjM0NTY3ODkwIn0";
/// `not json`, correctly signed.
const NOT_JSON: &str = "tVyuGPSrMGtT6uxlyJLnvEzADZkLq6QA4RkRtnz8Bv4.bm90IGpzb24";

#[test]
fn a_request_signed_with_the_app_secret_is_read() {
    let request = SignatureVerifier::new(SECRET)
        .verify_signed_request(GOOD)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(request.algorithm, "HMAC-SHA256");
    assert_eq!(request.user_id.as_deref(), Some("1234567890"));
    assert_eq!(request.issued_at, Some(1_767_225_600));
    assert_eq!(request.expires, Some(0));
    assert!(request.other.is_empty());
}

#[test]
fn padding_and_surrounding_space_are_tolerated() {
    let (signature, payload) = GOOD.split_once('.').unwrap_or_default();
    // The signature covers the payload's text as sent, so only the signature part may be padded.
    let padded = format!(" {signature}=.{payload}\n");
    let request = SignatureVerifier::new(SECRET).verify_signed_request(&padded);
    assert_eq!(
        request.map(|r| r.user_id),
        Ok(Some("1234567890".to_owned()))
    );
}

#[test]
fn another_secret_or_a_changed_payload_is_a_mismatch() {
    assert_eq!(
        SignatureVerifier::new("another-secret").verify_signed_request(GOOD),
        Err(SignedRequestError::Mismatch)
    );
    // The payload of another person with the original signature.
    let (signature, _) = GOOD.split_once('.').unwrap_or_default();
    let other = "eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsInVzZXJfaWQiOiI5OTk5In0"; // user_id 9999
    assert_eq!(
        SignatureVerifier::new(SECRET).verify_signed_request(&format!("{signature}.{other}")),
        Err(SignedRequestError::Mismatch)
    );
}

#[test]
fn malformed_requests_are_refused_without_reading_the_payload() {
    let verifier = SignatureVerifier::new(SECRET);
    for bad in ["", "no-dot", "***.eyJ9", "abc.%%%"] {
        let got = verifier.verify_signed_request(bad);
        assert!(
            matches!(
                got,
                Err(SignedRequestError::Malformed | SignedRequestError::Mismatch)
            ),
            "{bad:?}: {got:?}"
        );
    }
    assert_eq!(
        verifier.verify_signed_request("no-dot"),
        Err(SignedRequestError::Malformed)
    );
}

#[test]
fn a_signed_payload_that_is_not_metas_json_or_another_algorithm_is_refused() {
    let verifier = SignatureVerifier::new(SECRET);
    assert_eq!(
        verifier.verify_signed_request(NOT_JSON),
        Err(SignedRequestError::BadPayload)
    );
    assert_eq!(
        verifier.verify_signed_request(SHA1_ALGORITHM),
        Err(SignedRequestError::UnsupportedAlgorithm(
            "HMAC-SHA1".to_owned()
        ))
    );
}

#[test]
fn errors_never_show_the_secret_or_the_signature() {
    let verifier = SignatureVerifier::new(SECRET);
    let (signature, _) = GOOD.split_once('.').unwrap_or_default();
    for error in [
        SignatureVerifier::new("another-secret")
            .verify_signed_request(GOOD)
            .err(),
        verifier.verify_signed_request(NOT_JSON).err(),
        verifier.verify_signed_request("x").err(),
    ]
    .into_iter()
    .flatten()
    {
        let text = format!("{error} {error:?}");
        assert!(
            !text.contains(SECRET) && !text.contains(signature),
            "{text}"
        );
    }
}

#[test]
fn sign_request_is_what_meta_sends() {
    let verifier = SignatureVerifier::new(SECRET);
    let signed = verifier.sign_request(&serde_json::json!({
        "algorithm": "HMAC-SHA256",
        "user_id": "42"
    }));
    assert_eq!(
        verifier.verify_signed_request(&signed).map(|r| r.user_id),
        Ok(Some("42".to_owned()))
    );
}
