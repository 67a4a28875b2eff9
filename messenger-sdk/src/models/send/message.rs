//! A [`Message`]: a text or an attachment, with quick replies and metadata.

use serde::{Deserialize, Serialize};

use super::{
    Attachment, Button, GenericElement, QuickReply, Template, count, item, opt_text, path, text,
};
use crate::limits::{LimitError, METADATA_MAX, QUICK_REPLIES_MAX, TEXT_MAX};

/// A message: a text or an attachment, with optional quick replies and metadata.
///
/// ```
/// use messenger_sdk::send::{Message, QuickReply};
///
/// let message = Message::text("Which mode?")
///     .quick_reply(QuickReply::text("Ranked", "MODE_RANKED"))
///     .quick_reply(QuickReply::email())
///     .metadata("req:mode");
/// assert_eq!(
///     serde_json::to_value(&message).unwrap(),
///     serde_json::json!({
///         "text": "Which mode?",
///         "quick_replies": [
///             {"content_type": "text", "title": "Ranked", "payload": "MODE_RANKED"},
///             {"content_type": "user_email"}
///         ],
///         "metadata": "req:mode"
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The text or the attachment (`text` or `attachment` in the JSON).
    #[serde(flatten)]
    pub content: MessageContent,
    /// Up to 13 quick replies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quick_replies: Vec<QuickReply>,
    /// Up to 1000 characters, returned in the message echo webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
}

/// What a [`Message`] shows: exactly one of a text and an attachment.
///
/// ```
/// use messenger_sdk::send::{Message, MessageContent};
///
/// assert_eq!(Message::text("gg").content, MessageContent::Text("gg".to_owned()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MessageContent {
    /// `text`: up to 2000 characters, no link preview.
    Text(String),
    /// `attachment`: media or a template.
    Attachment(Attachment),
}

impl Message {
    /// A text message (up to 2000 characters; see [`split_text`](crate::limits::split_text) for longer ones).
    ///
    /// ```
    /// use messenger_sdk::send::Message;
    ///
    /// assert_eq!(serde_json::to_string(&Message::text("gg wp 🔥")).unwrap(), r#"{"text":"gg wp 🔥"}"#);
    /// ```
    #[must_use]
    pub fn text<S>(text: S) -> Self
    where
        S: Into<String>,
    {
        Self::with(MessageContent::Text(text.into()))
    }

    /// An attachment message.
    ///
    /// ```
    /// use messenger_sdk::send::{Attachment, Message};
    ///
    /// let message = Message::attachment(Attachment::image("https://x.test/a.png"));
    /// assert_eq!(
    ///     serde_json::to_string(&message).unwrap(),
    ///     r#"{"attachment":{"type":"image","payload":{"url":"https://x.test/a.png"}}}"#
    /// );
    /// ```
    #[must_use]
    pub fn attachment(attachment: Attachment) -> Self {
        Self::with(MessageContent::Attachment(attachment))
    }

    /// A template message.
    ///
    /// ```
    /// use messenger_sdk::send::{Button, Message, Template};
    ///
    /// let message = Message::template(Template::button("Pick one", vec![Button::postback("A", "A")]));
    /// assert!(message.validate().is_ok());
    /// ```
    #[must_use]
    pub fn template(template: Template) -> Self {
        Self::attachment(Attachment::Template(template))
    }

    /// A generic template message (a carousel of up to 10 elements).
    ///
    /// ```
    /// use messenger_sdk::send::{GenericElement, Message};
    ///
    /// let message = Message::generic(vec![GenericElement::new("Invoker"), GenericElement::new("Pudge")]);
    /// let json = serde_json::to_value(&message).unwrap();
    /// assert_eq!(json["attachment"]["payload"]["elements"][1]["title"], "Pudge");
    /// ```
    #[must_use]
    pub fn generic(elements: Vec<GenericElement>) -> Self {
        Self::template(Template::generic(elements))
    }

    /// A button template message: a text (up to 640 characters) with 1 to 3 buttons.
    ///
    /// ```
    /// use messenger_sdk::send::{Button, Message};
    ///
    /// let message = Message::buttons("Track this player?", vec![Button::postback("Yes", "TRACK:1")]);
    /// let json = serde_json::to_value(&message).unwrap();
    /// assert_eq!(json["attachment"]["payload"]["template_type"], "button");
    /// ```
    #[must_use]
    pub fn buttons<S>(text: S, buttons: Vec<Button>) -> Self
    where
        S: Into<String>,
    {
        Self::template(Template::button(text, buttons))
    }

    fn with(content: MessageContent) -> Self {
        Self {
            content,
            quick_replies: Vec::new(),
            metadata: None,
        }
    }

    /// Adds a quick reply.
    ///
    /// ```
    /// use messenger_sdk::send::{Message, QuickReply};
    ///
    /// let message = Message::text("Your number?").quick_reply(QuickReply::phone_number());
    /// assert_eq!(message.quick_replies, vec![QuickReply::UserPhoneNumber]);
    /// ```
    #[must_use]
    pub fn quick_reply(mut self, quick_reply: QuickReply) -> Self {
        self.quick_replies.push(quick_reply);
        self
    }

    /// Adds quick replies.
    ///
    /// ```
    /// use messenger_sdk::send::{Message, QuickReply};
    ///
    /// let modes = ["Ranked", "Turbo"].map(|m| QuickReply::text(m, m.to_uppercase()));
    /// let message = Message::text("Which mode?").quick_replies(modes);
    /// assert_eq!(message.quick_replies.len(), 2);
    /// ```
    #[must_use]
    pub fn quick_replies<I>(mut self, quick_replies: I) -> Self
    where
        I: IntoIterator<Item = QuickReply>,
    {
        self.quick_replies.extend(quick_replies);
        self
    }

    /// Sets the metadata (up to 1000 characters) returned in the echo webhook.
    ///
    /// ```
    /// use messenger_sdk::send::Message;
    ///
    /// let message = Message::text("Won as Invoker").metadata(r#"{"req":"lastmatch"}"#);
    /// assert_eq!(message.metadata.as_deref(), Some(r#"{"req":"lastmatch"}"#));
    /// ```
    #[must_use]
    pub fn metadata<S>(mut self, metadata: S) -> Self
    where
        S: Into<String>,
    {
        self.metadata = Some(metadata.into());
        self
    }

    /// Checks every limit of the message; paths are relative to it (`quick_replies[3].title`).
    ///
    /// # Errors
    ///
    /// The first [`LimitError`] found.
    ///
    /// ```
    /// use messenger_sdk::send::{Message, QuickReply};
    ///
    /// let message = Message::text("Pick").quick_reply(QuickReply::text("A title far too long to show", "X"));
    /// let err = message.validate().unwrap_err();
    /// assert_eq!(err.field, "quick_replies[0].title");
    /// assert_eq!(err.limit, 20);
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.check("")
    }

    pub(super) fn check(&self, at: &str) -> Result<(), LimitError> {
        match &self.content {
            MessageContent::Text(value) => text(at, "text", value, TEXT_MAX)?,
            MessageContent::Attachment(attachment) => attachment.check(&path(at, "attachment"))?,
        }
        count(
            at,
            "quick_replies",
            self.quick_replies.len(),
            0,
            QUICK_REPLIES_MAX,
        )?;
        for (i, quick_reply) in self.quick_replies.iter().enumerate() {
            quick_reply.check(&item(at, "quick_replies", i))?;
        }
        opt_text(at, "metadata", self.metadata.as_deref(), METADATA_MAX)
    }
}
