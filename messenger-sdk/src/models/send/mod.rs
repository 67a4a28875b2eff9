//! Models of the `send` calls: a [`SendRequest`] (the body of `POST /me/messages`) and
//! everything a message can hold, and the [`SendResponse`].
//!
//! Every payload has a `validate()` that checks Messenger's limits (see [`crate::limits`]) before
//! anything is sent. A [`LimitError`] names the offending field as a JSON path relative to the
//! value validated: `message.quick_replies[3].title` for a [`SendRequest`],
//! `quick_replies[3].title` for a [`Message`] on its own.
//!
//! ```
//! use messenger_sdk::send::{Button, GenericElement, Message, QuickReply, SendRequest};
//! use messenger_sdk::Psid;
//!
//! let request = SendRequest::new(
//!     Psid::from("7000000000000001"),
//!     Message::generic(vec![GenericElement::new("Arteezy")
//!         .subtitle("Immortal · 61% win rate")
//!         .button(Button::postback("Recent matches", "RECENT:86745912"))])
//!     .quick_reply(QuickReply::text("Heroes", "HEROES")),
//! );
//! request.validate().expect("within the limits");
//! assert_eq!(
//!     serde_json::to_value(&request).unwrap()["message"]["attachment"]["payload"]["template_type"],
//!     "generic"
//! );
//! ```

mod attachment;
mod button;
mod message;
mod quick_reply;
mod receipt;
mod recipient;
mod request;
mod template;

pub use attachment::{Attachment, MediaKind, MediaPayload, MediaSource};
pub use button::{Button, WebviewHeightRatio};
pub use message::{Message, MessageContent};
pub use quick_reply::QuickReply;
pub use receipt::{
    RECEIPT_ELEMENTS_MAX, ReceiptAddress, ReceiptAdjustment, ReceiptElement, ReceiptSummary,
    ReceiptTemplate,
};
pub use recipient::Recipient;
pub use request::{
    MessageTag, MessagingType, NotificationType, ReactionPayload, SendRequest, SendResponse,
    SenderAction,
};
pub use template::{
    DefaultAction, GenericElement, ImageAspectRatio, MEDIA_ELEMENTS_MAX, MediaElement, MediaType,
    Template,
};

use crate::limits::{self, LimitError};

/// `at.name`, or `name` at the root.
fn path(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else {
        format!("{at}.{name}")
    }
}

/// `at.name[index]`.
fn item(at: &str, name: &str, index: usize) -> String {
    format!("{}[{index}]", path(at, name))
}

/// Checks a text field, building its path only when it fails.
fn text(at: &str, name: &str, value: &str, limit: usize) -> Result<(), LimitError> {
    if limits::text_len(value) <= limit {
        return Ok(());
    }
    limits::check_text(path(at, name), value, limit)
}

/// Checks an optional text field.
fn opt_text(at: &str, name: &str, value: Option<&str>, limit: usize) -> Result<(), LimitError> {
    value.map_or(Ok(()), |value| text(at, name, value, limit))
}

/// Checks a list's length, building its path only when it fails.
fn count(at: &str, name: &str, n: usize, min: usize, max: usize) -> Result<(), LimitError> {
    if (min..=max).contains(&n) {
        return Ok(());
    }
    limits::check_count(path(at, name), n, min, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::BUTTON_TITLE_MAX;

    #[test]
    fn nested_paths() {
        let element = GenericElement::new("ok").button(Button::postback("x".repeat(21), "P"));
        let request = SendRequest::new(
            "1",
            Message::generic(vec![GenericElement::new("a"), element]),
        );
        let err = request.validate().unwrap_err();
        assert_eq!(
            err.field,
            "message.attachment.payload.elements[1].buttons[0].title"
        );
        assert_eq!((err.limit, err.actual), (BUTTON_TITLE_MAX, 21));
    }
}
