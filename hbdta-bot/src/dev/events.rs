//! Webhook bodies as Meta sends them, built from what a person does in the dev chat page.
//!
//! Meta's wire format escapes every non-ASCII character as `\uXXXX` (UTF-16, so emoji become
//! surrogate pairs) and `/` as `\/`; the body is signed exactly as sent. [`WebhookPost`] holds
//! such a body and its `X-Hub-Signature-256`.

use std::time::{SystemTime, UNIX_EPOCH};

use messenger_sdk::webhook::SignatureVerifier;
use serde_json::{Value, json};

/// What a person did in the chat page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Typed a message.
    Text(String),
    /// Tapped a quick reply.
    QuickReply {
        /// The chip's title (sent as the message text, as Messenger does).
        title: String,
        /// Its payload.
        payload: String,
    },
    /// Tapped a postback button (or Get Started).
    Postback {
        /// The button's title.
        title: String,
        /// Its payload.
        payload: String,
    },
}

/// A signed webhook POST body.
#[derive(Debug, Clone)]
pub struct WebhookPost {
    /// The body, byte for byte as it is signed and sent.
    pub body: String,
    /// The `X-Hub-Signature-256` value.
    pub signature: String,
    /// The message id given to the event.
    pub mid: String,
}

/// The webhook body for one event from `psid` to the page, escaped as Meta escapes it and signed.
#[must_use]
pub fn webhook_post(
    verifier: &SignatureVerifier,
    page_id: &str,
    psid: &str,
    mid: &str,
    action: &Action,
) -> WebhookPost {
    let now = now_millis();
    let (key, content) = match action {
        Action::Text(text) => ("message", json!({ "mid": mid, "text": text })),
        Action::QuickReply { title, payload } => (
            "message",
            json!({ "mid": mid, "text": title, "quick_reply": { "payload": payload } }),
        ),
        Action::Postback { title, payload } => (
            "postback",
            json!({ "mid": mid, "title": title, "payload": payload }),
        ),
    };
    let mut event = json!({
        "sender": { "id": psid },
        "recipient": { "id": page_id },
        "timestamp": now,
    });
    if let Value::Object(map) = &mut event {
        map.insert(key.to_owned(), content);
    }
    let body = json!({
        "object": "page",
        "entry": [{ "id": page_id, "time": now, "messaging": [event] }],
    });
    let body = meta_escape(&body.to_string());
    let signature = verifier.sign(body.as_bytes());
    WebhookPost {
        body,
        signature,
        mid: mid.to_owned(),
    }
}

/// Compact JSON text re-escaped the way Meta sends it: every non-ASCII character as `\uXXXX`
/// (surrogate pairs beyond the BMP) and `/` as `\/`. Both can only occur inside JSON strings, so
/// the text stays the same JSON value.
#[must_use]
pub fn meta_escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 4);
    let mut units = [0u16; 2];
    for c in json.chars() {
        if c == '/' {
            out.push_str("\\/");
        } else if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use messenger_sdk::webhook::{self, EventKind};

    use super::*;

    #[test]
    fn escapes_like_meta() {
        assert_eq!(
            meta_escape(r#"{"text":"gg 🔥 — a/b é"}"#),
            r#"{"text":"gg \ud83d\udd25 \u2014 a\/b \u00e9"}"#
        );
        assert_eq!(meta_escape(r#"{"a":"\"/\\"}"#), r#"{"a":"\"\/\\"}"#);
    }

    fn parsed(post: &WebhookPost) -> webhook::Event {
        let mut events = webhook::parse(post.body.as_bytes()).unwrap().into_events();
        assert_eq!(events.len(), 1);
        events.remove(0)
    }

    #[test]
    fn a_typed_message_is_signed_escaped_and_reads_back() {
        let verifier = SignatureVerifier::new("dev-secret");
        let text = "heroes Miracle- 👨‍👩‍👧 / ok";
        let post = webhook_post(
            &verifier,
            "100",
            "7000000000000001",
            "m_1",
            &Action::Text(text.to_owned()),
        );
        assert!(post.body.is_ascii(), "{}", post.body);
        assert!(post.body.contains(r"\/ ok"));
        assert_eq!(
            verifier.verify(post.body.as_bytes(), Some(&post.signature)),
            Ok(())
        );
        let event = parsed(&post);
        assert_eq!(
            event.sender_psid().map(|p| p.as_str()),
            Some("7000000000000001")
        );
        assert_eq!(event.page_id.as_str(), "100");
        match &event.kind {
            EventKind::Message(m) => {
                assert_eq!(m.text.as_deref(), Some(text));
                assert_eq!(m.mid.as_deref(), Some("m_1"));
                assert!(m.quick_reply.is_none());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quick_replies_and_postbacks_have_meta_shapes() {
        let verifier = SignatureVerifier::new("dev-secret");
        let tap = Action::QuickReply {
            title: "Arteezy".to_owned(),
            payload: "86745912".to_owned(),
        };
        match parsed(&webhook_post(&verifier, "1", "2", "m_2", &tap)).kind {
            EventKind::Message(m) => {
                assert_eq!(m.text.as_deref(), Some("Arteezy"));
                assert_eq!(
                    m.quick_reply.map(|q| q.payload).as_deref(),
                    Some("86745912")
                );
            }
            other => panic!("{other:?}"),
        }
        let button = Action::Postback {
            title: "Get Started".to_owned(),
            payload: "GET_STARTED".to_owned(),
        };
        match parsed(&webhook_post(&verifier, "1", "2", "m_3", &button)).kind {
            EventKind::Postback(p) => {
                assert_eq!(p.payload.as_deref(), Some("GET_STARTED"));
                assert_eq!(p.title.as_deref(), Some("Get Started"));
                assert_eq!(p.mid.as_deref(), Some("m_3"));
            }
            other => panic!("{other:?}"),
        }
    }
}
