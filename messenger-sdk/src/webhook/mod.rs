//! Receiving: the subscription handshake, the signature check over the raw body, and typed
//! events.
//!
//! ```
//! use messenger_sdk::webhook::{self, EventKind, SignatureVerifier};
//!
//! let raw = br#"{"object":"page","entry":[{"id":"1","time":1767225600123,"messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1767225600000,"message":{"mid":"m_1","text":"gg wp \ud83d\udd25"}}]}]}"#;
//! let verifier = SignatureVerifier::new("app-secret");
//! let signature = verifier.sign(raw); // what Meta puts in X-Hub-Signature-256
//!
//! verifier.verify(raw, Some(&signature)).expect("signed by Meta");
//! let events = webhook::parse(raw).expect("JSON").into_events();
//! match &events[0].kind {
//!     EventKind::Message(m) => assert_eq!(m.text.as_deref(), Some("gg wp 🔥")),
//!     other => panic!("unexpected {other:?}"),
//! }
//! ```

mod direct;
mod events;
mod handshake;
pub(crate) mod lenient;
pub(crate) mod signature;
mod signed_request;

pub use events::{
    AccountLinking, AppRoles, Attachment, Channel, Command, Delivery, Entry, EntryChange, Event,
    EventKind, EventRecipient, GamePlay, MediaPayload, Message, MessageDeleted, MessageEdit,
    MessageRequest, Optin, PassThreadControl, PolicyEnforcement, Postback, PriorMessage,
    QuickReplyTap, Reaction, Read, Referral, ReplyTo, RequestThreadControl, Sender, StoryRef,
    TakeThreadControl, WebhookBody,
};
pub use handshake::{HandshakeError, HandshakeQuery, verify_handshake, verify_handshake_secret};
pub use signature::{
    SIGNATURE_256_HEADER, SIGNATURE_SHA1_HEADER, SignatureError, SignatureVerifier,
};
pub use signed_request::{SIGNED_REQUEST_ALGORITHM, SignedRequest, SignedRequestError};

use serde::Deserialize;
use serde_json::Value;

use crate::ids::PageId;

/// Why a webhook body could not be read at all. (Single events never fail the body; see
/// [`EventKind::Malformed`].)
///
/// ```
/// use messenger_sdk::webhook::{self, ParseError};
///
/// assert!(matches!(webhook::parse(b"not json"), Err(ParseError::NotJson(_))));
/// assert!(matches!(webhook::parse(b"42"), Err(ParseError::NotAnObject)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The body is not JSON.
    #[error("the webhook body is not JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    /// The body is JSON but not an object.
    #[error("the webhook body is not a JSON object")]
    NotAnObject,
}

/// Parses a webhook POST body (the raw bytes; check the signature first). Every entry and every
/// event of `messaging` and `standby` is kept.
///
/// A body in the documented shape is decoded straight from the bytes; anything unusual (odd
/// types, unknown or malformed events) is parsed again through `serde_json::Value`, which keeps
/// every event it can.
///
/// # Errors
///
/// Only when the body is not a JSON object.
///
/// ```
/// use messenger_sdk::webhook::{self, ParseError};
///
/// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"hi"}}]}]}"#;
/// assert_eq!(webhook::parse(raw).unwrap().into_events().len(), 1);
/// assert!(matches!(webhook::parse(b"[]"), Err(ParseError::NotAnObject)));
/// ```
pub fn parse(raw_body: &[u8]) -> Result<WebhookBody, ParseError> {
    match direct::parse(raw_body) {
        Some(body) => Ok(body),
        None => parse_tolerant(raw_body),
    }
}

/// The tolerant path: the whole body as a `Value`, then entry by entry and event by event.
fn parse_tolerant(raw_body: &[u8]) -> Result<WebhookBody, ParseError> {
    let Value::Object(mut body) = serde_json::from_slice::<Value>(raw_body)? else {
        return Err(ParseError::NotAnObject);
    };
    let object = match body.remove("object") {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    let entries = match body.remove("entry") {
        Some(Value::Array(entries)) => entries.into_iter().filter_map(parse_entry).collect(),
        _ => Vec::new(),
    };
    Ok(WebhookBody { object, entries })
}

fn parse_entry(entry: Value) -> Option<Entry> {
    let Value::Object(mut entry) = entry else {
        tracing::warn!("skipping a webhook entry that is not an object");
        return None;
    };
    let page_id = PageId(
        entry
            .get("id")
            .and_then(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .or_else(|| lenient::number(v).map(|n| n.to_string()))
            })
            .unwrap_or_default(),
    );
    let time = entry.get("time").and_then(lenient::timestamp_millis);
    let mut events = Vec::new();
    for (key, channel) in [
        ("messaging", Channel::Messaging),
        ("standby", Channel::Standby),
    ] {
        if let Some(Value::Array(items)) = entry.remove(key) {
            events.extend(
                items
                    .into_iter()
                    .map(|raw| Event::from_value(&page_id, channel, raw)),
            );
        }
    }
    let changes = match entry.remove("changes") {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|item| EntryChange::deserialize(item).ok())
            .collect(),
        _ => Vec::new(),
    };
    Some(Entry {
        page_id,
        time,
        events,
        changes,
    })
}

impl WebhookBody {
    /// All events of all entries, ordered by timestamp (events without one take their entry's
    /// time; ties keep body order).
    ///
    /// ```
    /// use messenger_sdk::webhook;
    ///
    /// let raw = br#"{"object":"page","entry":[
    ///   {"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":20,"message":{"mid":"m_2","text":"second"}}]},
    ///   {"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":10,"message":{"mid":"m_1","text":"first"}}]}
    /// ]}"#;
    /// let events = webhook::parse(raw).unwrap().into_events();
    /// let ids: Vec<_> = events.iter().filter_map(|e| e.message_id()).collect();
    /// assert_eq!(ids, ["m_1", "m_2"]);
    /// ```
    #[must_use]
    pub fn into_events(mut self) -> Vec<Event> {
        let total = self.entries.iter().map(|entry| entry.events.len()).sum();
        if self.entries.len() == 1 && total <= 1 {
            return self
                .entries
                .pop()
                .map(|entry| entry.events)
                .unwrap_or_default();
        }
        let mut events = Vec::with_capacity(total);
        let mut keys = Vec::with_capacity(total);
        for entry in self.entries {
            for event in entry.events {
                keys.push(event.timestamp.or(entry.time).unwrap_or(i64::MAX));
                events.push(event);
            }
        }
        if keys.is_sorted() {
            return events;
        }
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by_key(|&i| keys[i]);
        let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
        order.into_iter().filter_map(|i| slots[i].take()).collect()
    }
}
