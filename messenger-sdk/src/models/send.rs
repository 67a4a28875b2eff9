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

use serde::{Deserialize, Serialize};

use crate::ids::Psid;
use crate::limits::{
    self, BUTTON_TEMPLATE_TEXT_MAX, BUTTON_TITLE_MAX, BUTTONS_MAX, ELEMENT_SUBTITLE_MAX,
    ELEMENT_TITLE_MAX, GENERIC_ELEMENTS_MAX, LimitError, METADATA_MAX, PAYLOAD_MAX,
    QUICK_REPLIES_MAX, QUICK_REPLY_TITLE_MAX, TEXT_MAX,
};
use crate::webhook::Sender;

/// Receipt template elements: 100.
pub const RECEIPT_ELEMENTS_MAX: usize = 100;

/// Media template elements: exactly 1.
pub const MEDIA_ELEMENTS_MAX: usize = 1;

// --- JSON-path helpers ---------------------------------------------------------------------

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

/// Checks a list of buttons: the count, then each button.
fn buttons(at: &str, list: &[Button], min: usize) -> Result<(), LimitError> {
    count(at, "buttons", list.len(), min, BUTTONS_MAX)?;
    list.iter()
        .enumerate()
        .try_for_each(|(i, button)| button.check(&item(at, "buttons", i)))
}

// --- the request -----------------------------------------------------------------------------

/// The body of `POST /me/messages`: a [`Message`] or a [`SenderAction`] for a [`Recipient`].
///
/// Build it with [`SendRequest::new`] (a message), [`SendRequest::action`] (typing, seen) or
/// [`SendRequest::react`] / [`SendRequest::unreact`]. Exactly one of `message` and
/// `sender_action` must be set; `tag` goes with [`MessagingType::MessageTag`];
/// [`Client::send`](crate::Client::send) refuses anything else before sending.
///
/// ```
/// use messenger_sdk::send::{Message, MessageTag, NotificationType, SendRequest};
///
/// let request = SendRequest::new("7000000000000001", Message::text("Your match starts in 5 min"))
///     .tag(MessageTag::ConfirmedEventUpdate)
///     .notification_type(NotificationType::SilentPush);
/// assert_eq!(
///     serde_json::to_value(&request).unwrap(),
///     serde_json::json!({
///         "recipient": {"id": "7000000000000001"},
///         "messaging_type": "MESSAGE_TAG",
///         "tag": "CONFIRMED_EVENT_UPDATE",
///         "notification_type": "SILENT_PUSH",
///         "message": {"text": "Your match starts in 5 min"}
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendRequest {
    /// Who gets it.
    pub recipient: Recipient,
    /// Why it is sent (default [`MessagingType::Response`]).
    #[serde(default)]
    pub messaging_type: MessagingType,
    /// The message (or set `sender_action`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    /// A sender action (or set `message`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_action: Option<SenderAction>,
    /// How the person is notified (default: a regular push).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_type: Option<NotificationType>,
    /// The message tag, with [`MessagingType::MessageTag`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<MessageTag>,
    /// The message reacted to, for [`SenderAction::React`] and [`SenderAction::Unreact`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<ReactionPayload>,
}

impl SendRequest {
    /// A message, sent as a [`MessagingType::Response`].
    ///
    /// ```
    /// use messenger_sdk::send::{Message, MessagingType, SendRequest};
    /// use messenger_sdk::Psid;
    ///
    /// let request = SendRequest::new(Psid::from("7000000000000001"), Message::text("gg"));
    /// assert_eq!(request.messaging_type, MessagingType::Response);
    /// ```
    #[must_use]
    pub fn new<R>(recipient: R, message: Message) -> Self
    where
        R: Into<Recipient>,
    {
        Self {
            recipient: recipient.into(),
            messaging_type: MessagingType::Response,
            message: Some(message),
            sender_action: None,
            notification_type: None,
            tag: None,
            payload: None,
        }
    }

    /// A sender action without a payload ([`SenderAction::MarkSeen`],
    /// [`SenderAction::TypingOn`], [`SenderAction::TypingOff`]); for reactions use
    /// [`SendRequest::react`].
    ///
    /// ```
    /// use messenger_sdk::send::{SendRequest, SenderAction};
    ///
    /// let request = SendRequest::action("7000000000000001", SenderAction::TypingOn);
    /// assert_eq!(serde_json::to_value(&request).unwrap()["sender_action"], "typing_on");
    /// ```
    #[must_use]
    pub fn action<R>(recipient: R, action: SenderAction) -> Self
    where
        R: Into<Recipient>,
    {
        Self {
            recipient: recipient.into(),
            messaging_type: MessagingType::Response,
            message: None,
            sender_action: Some(action),
            notification_type: None,
            tag: None,
            payload: None,
        }
    }

    /// Reacts to the message `message_id` with `reaction` (an emoji, e.g. `"❤️"`); sending it
    /// again with another emoji changes the reaction.
    ///
    /// ```
    /// use messenger_sdk::send::SendRequest;
    ///
    /// let request = SendRequest::react("7000000000000001", "m_AbC", "🔥");
    /// let body = serde_json::to_value(&request).unwrap();
    /// assert_eq!(body["sender_action"], "react");
    /// assert_eq!(body["payload"], serde_json::json!({"message_id": "m_AbC", "reaction": "🔥"}));
    /// ```
    #[must_use]
    pub fn react<R, M, E>(recipient: R, message_id: M, reaction: E) -> Self
    where
        R: Into<Recipient>,
        M: Into<String>,
        E: Into<String>,
    {
        let mut request = Self::action(recipient, SenderAction::React);
        request.payload = Some(ReactionPayload {
            message_id: message_id.into(),
            reaction: Some(reaction.into()),
        });
        request
    }

    /// Removes the Page's reaction from the message `message_id`.
    ///
    /// ```
    /// use messenger_sdk::send::SendRequest;
    ///
    /// let request = SendRequest::unreact("7000000000000001", "m_AbC");
    /// let body = serde_json::to_value(&request).unwrap();
    /// assert_eq!(body["sender_action"], "unreact");
    /// assert_eq!(body["payload"], serde_json::json!({"message_id": "m_AbC"}));
    /// ```
    #[must_use]
    pub fn unreact<R, M>(recipient: R, message_id: M) -> Self
    where
        R: Into<Recipient>,
        M: Into<String>,
    {
        let mut request = Self::action(recipient, SenderAction::Unreact);
        request.payload = Some(ReactionPayload {
            message_id: message_id.into(),
            reaction: None,
        });
        request
    }

    /// Sets the messaging type (clears the tag unless it is [`MessagingType::MessageTag`]).
    ///
    /// ```
    /// use messenger_sdk::send::{Message, MessagingType, SendRequest};
    ///
    /// let request = SendRequest::new("7000000000000001", Message::text("Patch 7.39 is out"))
    ///     .messaging_type(MessagingType::Update);
    /// assert_eq!(serde_json::to_value(&request).unwrap()["messaging_type"], "UPDATE");
    /// ```
    #[must_use]
    pub fn messaging_type(mut self, messaging_type: MessagingType) -> Self {
        self.messaging_type = messaging_type;
        if messaging_type != MessagingType::MessageTag {
            self.tag = None;
        }
        self
    }

    /// Sends with a message tag (outside the 24-hour window); sets the messaging type to
    /// [`MessagingType::MessageTag`] too.
    ///
    /// ```
    /// use messenger_sdk::send::{Message, MessageTag, MessagingType, SendRequest};
    ///
    /// let request = SendRequest::new("7000000000000001", Message::text("Your refund is on its way"))
    ///     .tag(MessageTag::PostPurchaseUpdate);
    /// assert_eq!(request.messaging_type, MessagingType::MessageTag);
    /// ```
    #[must_use]
    pub fn tag(mut self, tag: MessageTag) -> Self {
        self.messaging_type = MessagingType::MessageTag;
        self.tag = Some(tag);
        self
    }

    /// How the person is notified.
    ///
    /// ```
    /// use messenger_sdk::send::{Message, NotificationType, SendRequest};
    ///
    /// let request = SendRequest::new("7000000000000001", Message::text("psst"))
    ///     .notification_type(NotificationType::NoPush);
    /// assert_eq!(serde_json::to_value(&request).unwrap()["notification_type"], "NO_PUSH");
    /// ```
    #[must_use]
    pub fn notification_type(mut self, notification_type: NotificationType) -> Self {
        self.notification_type = Some(notification_type);
        self
    }

    /// Checks every limit of the message (text, quick replies, templates, buttons, …). Paths
    /// start at the body: `message.quick_replies[3].title`.
    ///
    /// # Errors
    ///
    /// The first [`LimitError`] found.
    ///
    /// ```
    /// use messenger_sdk::send::{Message, SendRequest};
    ///
    /// let request = SendRequest::new("7000000000000001", Message::text("x".repeat(2001)));
    /// assert_eq!(request.validate().unwrap_err().field, "message.text");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.message.as_ref().map_or(Ok(()), |m| m.check("message"))
    }

    /// Why the request's shape is not one the Send API accepts, if it is not: exactly one of
    /// `message` and `sender_action`, a payload exactly for reactions, a tag exactly with
    /// `MESSAGE_TAG`.
    pub(crate) fn shape_error(&self) -> Option<&'static str> {
        match (&self.message, self.sender_action, &self.payload) {
            (Some(_), Some(_), _) => {
                return Some("a send request has both `message` and `sender_action`");
            }
            (None, None, _) => return Some("a send request needs `message` or `sender_action`"),
            (Some(_), None, Some(_)) => {
                return Some("`payload` goes only with the react and unreact sender actions");
            }
            (
                None,
                Some(SenderAction::React),
                Some(ReactionPayload {
                    reaction: Some(_), ..
                }),
            ) => {}
            (None, Some(SenderAction::React), _) => {
                return Some(
                    "the react sender action needs `payload` with `message_id` and `reaction`",
                );
            }
            (None, Some(SenderAction::Unreact), Some(_)) => {}
            (None, Some(SenderAction::Unreact), None) => {
                return Some("the unreact sender action needs `payload` with `message_id`");
            }
            (None, Some(_), Some(_)) => {
                return Some("`payload` goes only with the react and unreact sender actions");
            }
            (_, _, None) => {}
        }
        match (self.messaging_type, &self.tag) {
            (MessagingType::MessageTag, None) => Some("messaging type MESSAGE_TAG needs a `tag`"),
            (MessagingType::Response | MessagingType::Update, Some(_)) => {
                Some("a `tag` needs messaging type MESSAGE_TAG")
            }
            _ => None,
        }
    }
}

/// Who a message goes to: one key of `recipient`.
///
/// A `&str`, `String` or [`Psid`] converts into [`Recipient::Id`].
///
/// ```
/// use messenger_sdk::send::Recipient;
/// use messenger_sdk::Psid;
///
/// let by_psid: Recipient = Psid::from("7000000000000001").into();
/// assert_eq!(serde_json::to_string(&by_psid).unwrap(), r#"{"id":"7000000000000001"}"#);
/// let private_reply = Recipient::comment_id("104000000000001_555");
/// assert_eq!(serde_json::to_string(&private_reply).unwrap(), r#"{"comment_id":"104000000000001_555"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Recipient {
    /// `{"id": …}`: a page-scoped id.
    Id(Psid),
    /// `{"user_ref": …}`: a person who opted in through the checkbox or chat plugin.
    UserRef(String),
    /// `{"post_id": …}`: a private reply to the author of a Page post.
    PostId(String),
    /// `{"comment_id": …}`: a private reply to the author of a comment.
    CommentId(String),
    /// `{"notification_messages_token": …}`: a marketing-message opt-in token.
    NotificationMessagesToken(String),
}

impl Recipient {
    /// A page-scoped id.
    ///
    /// ```
    /// use messenger_sdk::send::Recipient;
    /// use messenger_sdk::Psid;
    ///
    /// assert_eq!(Recipient::id("42"), Recipient::Id(Psid::from("42")));
    /// ```
    #[must_use]
    pub fn id<P>(psid: P) -> Self
    where
        P: Into<Psid>,
    {
        Self::Id(psid.into())
    }

    /// A `user_ref` from the checkbox or chat plugin.
    ///
    /// ```
    /// use messenger_sdk::send::Recipient;
    ///
    /// assert_eq!(serde_json::to_string(&Recipient::user_ref("ur_1")).unwrap(), r#"{"user_ref":"ur_1"}"#);
    /// ```
    #[must_use]
    pub fn user_ref<S>(user_ref: S) -> Self
    where
        S: Into<String>,
    {
        Self::UserRef(user_ref.into())
    }

    /// The author of a Page post (private reply).
    ///
    /// ```
    /// use messenger_sdk::send::Recipient;
    ///
    /// assert_eq!(serde_json::to_string(&Recipient::post_id("1_2")).unwrap(), r#"{"post_id":"1_2"}"#);
    /// ```
    #[must_use]
    pub fn post_id<S>(post_id: S) -> Self
    where
        S: Into<String>,
    {
        Self::PostId(post_id.into())
    }

    /// The author of a comment (private reply).
    ///
    /// ```
    /// use messenger_sdk::send::Recipient;
    ///
    /// assert_eq!(serde_json::to_string(&Recipient::comment_id("1_3")).unwrap(), r#"{"comment_id":"1_3"}"#);
    /// ```
    #[must_use]
    pub fn comment_id<S>(comment_id: S) -> Self
    where
        S: Into<String>,
    {
        Self::CommentId(comment_id.into())
    }

    /// A marketing-message token from a `notification_messages` opt-in.
    ///
    /// ```
    /// use messenger_sdk::send::Recipient;
    ///
    /// let recipient = Recipient::notification_messages_token("tok");
    /// assert_eq!(serde_json::to_string(&recipient).unwrap(), r#"{"notification_messages_token":"tok"}"#);
    /// ```
    #[must_use]
    pub fn notification_messages_token<S>(token: S) -> Self
    where
        S: Into<String>,
    {
        Self::NotificationMessagesToken(token.into())
    }

    /// Who to answer a webhook event's sender: its PSID, else its `user_ref`; `None` when it
    /// has neither.
    ///
    /// ```
    /// use messenger_sdk::send::Recipient;
    /// use messenger_sdk::webhook;
    ///
    /// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"hi"}}]}]}"#;
    /// let event = webhook::parse(raw).unwrap().into_events().remove(0);
    /// let to = event.sender.as_ref().and_then(Recipient::from_sender);
    /// assert_eq!(to, Some(Recipient::id("42")));
    /// ```
    #[must_use]
    pub fn from_sender(sender: &Sender) -> Option<Self> {
        sender
            .id
            .clone()
            .map(Self::Id)
            .or_else(|| sender.user_ref.clone().map(Self::UserRef))
    }
}

impl From<Psid> for Recipient {
    fn from(psid: Psid) -> Self {
        Self::Id(psid)
    }
}

impl From<&Psid> for Recipient {
    fn from(psid: &Psid) -> Self {
        Self::Id(psid.clone())
    }
}

impl From<&str> for Recipient {
    fn from(psid: &str) -> Self {
        Self::Id(Psid::from(psid))
    }
}

impl From<String> for Recipient {
    fn from(psid: String) -> Self {
        Self::Id(Psid::from(psid))
    }
}

/// Why a message is sent: `messaging_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum MessagingType {
    /// `RESPONSE`: an answer to a message the person sent (within the 24-hour window).
    #[default]
    Response,
    /// `UPDATE`: sent on the Page's own initiative (within the 24-hour window).
    Update,
    /// `MESSAGE_TAG`: outside the window, with a [`MessageTag`].
    MessageTag,
}

/// Message tags for sending outside the 24-hour window. Tags cannot carry promotional content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum MessageTag {
    /// `CONFIRMED_EVENT_UPDATE`: a reminder or update about an event the person registered for.
    ConfirmedEventUpdate,
    /// `POST_PURCHASE_UPDATE`: an update about a purchase.
    PostPurchaseUpdate,
    /// `ACCOUNT_UPDATE`: a non-recurring change to the person's account or application.
    AccountUpdate,
    /// `HUMAN_AGENT`: a human agent's reply, up to 7 days after the person's message (needs the
    /// Human Agent permission).
    HumanAgent,
    /// `CUSTOMER_FEEDBACK`: a customer feedback survey.
    CustomerFeedback,
    /// A tag this crate does not know.
    #[serde(untagged)]
    Other(String),
}

/// How the person is notified: `notification_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum NotificationType {
    /// `REGULAR`: sound or vibration.
    Regular,
    /// `SILENT_PUSH`: an on-screen notification only.
    SilentPush,
    /// `NO_PUSH`: no notification.
    NoPush,
}

/// A sender action: `sender_action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SenderAction {
    /// `mark_seen`: marks the last message as read.
    MarkSeen,
    /// `typing_on`: shows the typing bubble.
    TypingOn,
    /// `typing_off`: hides it.
    TypingOff,
    /// `react`: reacts to a message (with a [`ReactionPayload`]).
    React,
    /// `unreact`: removes a reaction (with a [`ReactionPayload`] without `reaction`).
    Unreact,
}

/// The `payload` of the `react` and `unreact` sender actions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReactionPayload {
    /// The message reacted to.
    pub message_id: String,
    /// The emoji (absent for `unreact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<String>,
}

// --- the message -----------------------------------------------------------------------------

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
    /// A text message (up to 2000 characters; see [`limits::split_text`] for longer ones).
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

    fn check(&self, at: &str) -> Result<(), LimitError> {
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

/// A quick reply button shown above the composer.
///
/// ```
/// use messenger_sdk::send::QuickReply;
///
/// let hero = QuickReply::text("Invoker", "HERO:74").image_url("https://x.test/invoker.png");
/// assert_eq!(
///     serde_json::to_value(&hero).unwrap(),
///     serde_json::json!({
///         "content_type": "text",
///         "title": "Invoker",
///         "payload": "HERO:74",
///         "image_url": "https://x.test/invoker.png"
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "content_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuickReply {
    /// `text`: a title (up to 20 characters) whose tap sends `payload` (up to 1000) back.
    Text {
        /// The label.
        title: String,
        /// Sent back in the message's `quick_reply.payload`.
        payload: String,
        /// An optional icon.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image_url: Option<String>,
    },
    /// `user_phone_number`: offers the person's phone number.
    UserPhoneNumber,
    /// `user_email`: offers the person's email address.
    UserEmail,
}

impl QuickReply {
    /// A text quick reply.
    ///
    /// ```
    /// use messenger_sdk::send::QuickReply;
    ///
    /// let qr = QuickReply::text("Heroes", "HEROES");
    /// assert!(qr.validate().is_ok());
    /// ```
    #[must_use]
    pub fn text<T, P>(title: T, payload: P) -> Self
    where
        T: Into<String>,
        P: Into<String>,
    {
        Self::Text {
            title: title.into(),
            payload: payload.into(),
            image_url: None,
        }
    }

    /// A quick reply offering the person's phone number.
    ///
    /// ```
    /// use messenger_sdk::send::QuickReply;
    ///
    /// assert_eq!(serde_json::to_string(&QuickReply::phone_number()).unwrap(), r#"{"content_type":"user_phone_number"}"#);
    /// ```
    #[must_use]
    pub fn phone_number() -> Self {
        Self::UserPhoneNumber
    }

    /// A quick reply offering the person's email address.
    ///
    /// ```
    /// use messenger_sdk::send::QuickReply;
    ///
    /// assert_eq!(serde_json::to_string(&QuickReply::email()).unwrap(), r#"{"content_type":"user_email"}"#);
    /// ```
    #[must_use]
    pub fn email() -> Self {
        Self::UserEmail
    }

    /// Sets the icon of a text quick reply (the other kinds have none: unchanged).
    ///
    /// ```
    /// use messenger_sdk::send::QuickReply;
    ///
    /// let qr = QuickReply::text("Red", "RED").image_url("https://x.test/red.png");
    /// assert!(matches!(qr, QuickReply::Text { image_url: Some(_), .. }));
    /// assert_eq!(QuickReply::email().image_url("https://x.test/e.png"), QuickReply::email());
    /// ```
    #[must_use]
    pub fn image_url<S>(mut self, url: S) -> Self
    where
        S: Into<String>,
    {
        if let Self::Text { image_url, .. } = &mut self {
            *image_url = Some(url.into());
        }
        self
    }

    /// Checks the title (20) and payload (1000) of a text quick reply.
    ///
    /// # Errors
    ///
    /// A [`LimitError`] naming `title` or `payload`.
    ///
    /// ```
    /// use messenger_sdk::send::QuickReply;
    ///
    /// let err = QuickReply::text("ok", "p".repeat(1001)).validate().unwrap_err();
    /// assert_eq!(err.field, "payload");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.check("")
    }

    fn check(&self, at: &str) -> Result<(), LimitError> {
        match self {
            Self::Text { title, payload, .. } => {
                text(at, "title", title, QUICK_REPLY_TITLE_MAX)?;
                text(at, "payload", payload, PAYLOAD_MAX)
            }
            Self::UserPhoneNumber | Self::UserEmail => Ok(()),
        }
    }
}

// --- attachments -----------------------------------------------------------------------------

/// An attachment: media by URL or saved id, or a template. Serialized as
/// `{"type": …, "payload": …}`.
///
/// ```
/// use messenger_sdk::send::{Attachment, MediaKind};
///
/// let by_url = Attachment::video("https://x.test/highlight.mp4").reusable();
/// assert_eq!(
///     serde_json::to_value(&by_url).unwrap(),
///     serde_json::json!({"type": "video", "payload": {"url": "https://x.test/highlight.mp4", "is_reusable": true}})
/// );
/// let saved = Attachment::saved(MediaKind::Image, "1857777774821032");
/// assert_eq!(
///     serde_json::to_value(&saved).unwrap(),
///     serde_json::json!({"type": "image", "payload": {"attachment_id": "1857777774821032"}})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Attachment {
    /// `image`.
    Image(MediaPayload),
    /// `audio`.
    Audio(MediaPayload),
    /// `video`.
    Video(MediaPayload),
    /// `file`.
    File(MediaPayload),
    /// `template`: a structured message.
    Template(Template),
}

/// The kind of a media attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MediaKind {
    /// `image`.
    Image,
    /// `audio`.
    Audio,
    /// `video`.
    Video,
    /// `file`.
    File,
}

/// The payload of a media attachment: where the media is, and whether to keep it for reuse.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MediaPayload {
    /// `url` or `attachment_id`.
    #[serde(flatten)]
    pub source: MediaSource,
    /// Keep the media for reuse: the answer then carries an `attachment_id` (valid 90 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_reusable: Option<bool>,
}

/// Where media is: one of `url` and `attachment_id`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MediaSource {
    /// `url`: fetched by Meta.
    Url(String),
    /// `attachment_id`: saved earlier with the Attachment Upload API or `is_reusable`.
    AttachmentId(String),
}

impl MediaSource {
    /// Media at a URL.
    ///
    /// ```
    /// use messenger_sdk::send::MediaSource;
    ///
    /// assert_eq!(MediaSource::url("https://x.test/a.png"), MediaSource::Url("https://x.test/a.png".to_owned()));
    /// ```
    #[must_use]
    pub fn url<S>(url: S) -> Self
    where
        S: Into<String>,
    {
        Self::Url(url.into())
    }

    /// Media saved earlier.
    ///
    /// ```
    /// use messenger_sdk::send::MediaSource;
    ///
    /// assert_eq!(MediaSource::attachment_id("42"), MediaSource::AttachmentId("42".to_owned()));
    /// ```
    #[must_use]
    pub fn attachment_id<S>(id: S) -> Self
    where
        S: Into<String>,
    {
        Self::AttachmentId(id.into())
    }
}

impl Attachment {
    /// Media of `kind` from `source`.
    ///
    /// ```
    /// use messenger_sdk::send::{Attachment, MediaKind, MediaSource};
    ///
    /// let audio = Attachment::media(MediaKind::Audio, MediaSource::url("https://x.test/gg.mp3"));
    /// assert_eq!(audio, Attachment::audio("https://x.test/gg.mp3"));
    /// ```
    #[must_use]
    pub fn media(kind: MediaKind, source: MediaSource) -> Self {
        let payload = MediaPayload {
            source,
            is_reusable: None,
        };
        match kind {
            MediaKind::Image => Self::Image(payload),
            MediaKind::Audio => Self::Audio(payload),
            MediaKind::Video => Self::Video(payload),
            MediaKind::File => Self::File(payload),
        }
    }

    /// Media of `kind` at `url`.
    ///
    /// ```
    /// use messenger_sdk::send::{Attachment, MediaKind};
    ///
    /// assert_eq!(Attachment::from_url(MediaKind::File, "https://x.test/r.pdf"), Attachment::file("https://x.test/r.pdf"));
    /// ```
    #[must_use]
    pub fn from_url<S>(kind: MediaKind, url: S) -> Self
    where
        S: Into<String>,
    {
        Self::media(kind, MediaSource::Url(url.into()))
    }

    /// Media of `kind` saved earlier (Attachment Upload API, or a reusable send).
    ///
    /// ```
    /// use messenger_sdk::send::{Attachment, MediaKind};
    ///
    /// let json = serde_json::to_value(Attachment::saved(MediaKind::Audio, "99")).unwrap();
    /// assert_eq!(json["payload"]["attachment_id"], "99");
    /// ```
    #[must_use]
    pub fn saved<S>(kind: MediaKind, attachment_id: S) -> Self
    where
        S: Into<String>,
    {
        Self::media(kind, MediaSource::AttachmentId(attachment_id.into()))
    }

    /// An image at `url`.
    ///
    /// ```
    /// use messenger_sdk::send::Attachment;
    ///
    /// assert_eq!(serde_json::to_value(Attachment::image("https://x.test/a.png")).unwrap()["type"], "image");
    /// ```
    #[must_use]
    pub fn image<S>(url: S) -> Self
    where
        S: Into<String>,
    {
        Self::from_url(MediaKind::Image, url)
    }

    /// An audio clip at `url`.
    ///
    /// ```
    /// use messenger_sdk::send::Attachment;
    ///
    /// assert_eq!(serde_json::to_value(Attachment::audio("https://x.test/a.mp3")).unwrap()["type"], "audio");
    /// ```
    #[must_use]
    pub fn audio<S>(url: S) -> Self
    where
        S: Into<String>,
    {
        Self::from_url(MediaKind::Audio, url)
    }

    /// A video at `url`.
    ///
    /// ```
    /// use messenger_sdk::send::Attachment;
    ///
    /// assert_eq!(serde_json::to_value(Attachment::video("https://x.test/a.mp4")).unwrap()["type"], "video");
    /// ```
    #[must_use]
    pub fn video<S>(url: S) -> Self
    where
        S: Into<String>,
    {
        Self::from_url(MediaKind::Video, url)
    }

    /// A file at `url`.
    ///
    /// ```
    /// use messenger_sdk::send::Attachment;
    ///
    /// assert_eq!(serde_json::to_value(Attachment::file("https://x.test/a.pdf")).unwrap()["type"], "file");
    /// ```
    #[must_use]
    pub fn file<S>(url: S) -> Self
    where
        S: Into<String>,
    {
        Self::from_url(MediaKind::File, url)
    }

    /// Asks Meta to keep the media for reuse (`is_reusable: true`); templates are unchanged.
    ///
    /// ```
    /// use messenger_sdk::send::{Attachment, MediaPayload};
    ///
    /// let image = Attachment::image("https://x.test/a.png").reusable();
    /// assert!(matches!(image, Attachment::Image(MediaPayload { is_reusable: Some(true), .. })));
    /// ```
    #[must_use]
    pub fn reusable(mut self) -> Self {
        if let Some(payload) = self.media_payload_mut() {
            payload.is_reusable = Some(true);
        }
        self
    }

    /// The kind of a media attachment; `None` for a template.
    ///
    /// ```
    /// use messenger_sdk::send::{Attachment, MediaKind};
    ///
    /// assert_eq!(Attachment::video("https://x.test/a.mp4").media_kind(), Some(MediaKind::Video));
    /// ```
    #[must_use]
    pub fn media_kind(&self) -> Option<MediaKind> {
        match self {
            Self::Image(_) => Some(MediaKind::Image),
            Self::Audio(_) => Some(MediaKind::Audio),
            Self::Video(_) => Some(MediaKind::Video),
            Self::File(_) => Some(MediaKind::File),
            Self::Template(_) => None,
        }
    }

    fn media_payload_mut(&mut self) -> Option<&mut MediaPayload> {
        match self {
            Self::Image(p) | Self::Audio(p) | Self::Video(p) | Self::File(p) => Some(p),
            Self::Template(_) => None,
        }
    }

    /// Checks a template's limits (media has none); paths are relative to the attachment
    /// (`payload.elements[2].title`).
    ///
    /// # Errors
    ///
    /// The first [`LimitError`] found.
    ///
    /// ```
    /// use messenger_sdk::send::{Attachment, GenericElement, Template};
    ///
    /// let template = Attachment::Template(Template::generic(vec![GenericElement::new("t".repeat(81))]));
    /// assert_eq!(template.validate().unwrap_err().field, "payload.elements[0].title");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.check("")
    }

    fn check(&self, at: &str) -> Result<(), LimitError> {
        match self {
            Self::Template(template) => template.check(&path(at, "payload")),
            Self::Image(_) | Self::Audio(_) | Self::Video(_) | Self::File(_) => Ok(()),
        }
    }
}

// --- templates -------------------------------------------------------------------------------

/// A structured message: the payload of a `template` attachment, tagged by `template_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "template_type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Template {
    /// `generic`: a carousel of 1 to 10 elements.
    Generic {
        /// The elements.
        elements: Vec<GenericElement>,
        /// How element images are cropped.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image_aspect_ratio: Option<ImageAspectRatio>,
    },
    /// `button`: a text (up to 640 characters) with 1 to 3 buttons.
    Button {
        /// The text.
        text: String,
        /// The buttons.
        buttons: Vec<Button>,
    },
    /// `media`: one image or video with up to 3 buttons.
    Media {
        /// Exactly one element.
        elements: Vec<MediaElement>,
    },
    /// `receipt`: an order confirmation (boxed: it is much larger than the others).
    Receipt(Box<ReceiptTemplate>),
}

impl Template {
    /// A generic template.
    ///
    /// ```
    /// use messenger_sdk::send::{GenericElement, Template};
    ///
    /// let template = Template::generic(vec![GenericElement::new("Invoker")]);
    /// assert_eq!(serde_json::to_value(&template).unwrap()["template_type"], "generic");
    /// ```
    #[must_use]
    pub fn generic(elements: Vec<GenericElement>) -> Self {
        Self::Generic {
            elements,
            image_aspect_ratio: None,
        }
    }

    /// A button template.
    ///
    /// ```
    /// use messenger_sdk::send::{Button, Template};
    ///
    /// let template = Template::button("Open the match?", vec![Button::web_url("Open", "https://x.test/m/1")]);
    /// assert_eq!(serde_json::to_value(&template).unwrap()["buttons"][0]["type"], "web_url");
    /// ```
    #[must_use]
    pub fn button<S>(text: S, buttons: Vec<Button>) -> Self
    where
        S: Into<String>,
    {
        Self::Button {
            text: text.into(),
            buttons,
        }
    }

    /// A media template with one element.
    ///
    /// ```
    /// use messenger_sdk::send::{MediaElement, MediaSource, MediaType, Template};
    ///
    /// let template = Template::media(MediaElement::new(MediaType::Video, MediaSource::attachment_id("42")));
    /// assert_eq!(
    ///     serde_json::to_value(&template).unwrap(),
    ///     serde_json::json!({"template_type": "media", "elements": [{"media_type": "video", "attachment_id": "42"}]})
    /// );
    /// ```
    #[must_use]
    pub fn media(element: MediaElement) -> Self {
        Self::Media {
            elements: vec![element],
        }
    }

    /// A receipt template.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate, Template};
    ///
    /// let receipt = ReceiptTemplate::new("Ana", "A-1", "EUR", "Visa 2345", ReceiptSummary::total(9.99));
    /// let json = serde_json::to_value(Template::receipt(receipt)).unwrap();
    /// assert_eq!(json["template_type"], "receipt");
    /// assert_eq!(json["summary"]["total_cost"], 9.99);
    /// ```
    #[must_use]
    pub fn receipt(receipt: ReceiptTemplate) -> Self {
        Self::Receipt(Box::new(receipt))
    }

    /// Sets how a generic template's images are cropped (other templates are unchanged).
    ///
    /// ```
    /// use messenger_sdk::send::{GenericElement, ImageAspectRatio, Template};
    ///
    /// let template = Template::generic(vec![GenericElement::new("a")]).image_aspect_ratio(ImageAspectRatio::Square);
    /// assert_eq!(serde_json::to_value(&template).unwrap()["image_aspect_ratio"], "square");
    /// ```
    #[must_use]
    pub fn image_aspect_ratio(mut self, ratio: ImageAspectRatio) -> Self {
        if let Self::Generic {
            image_aspect_ratio, ..
        } = &mut self
        {
            *image_aspect_ratio = Some(ratio);
        }
        self
    }

    /// Checks the template's limits; paths are relative to it (`elements[2].buttons[0].title`).
    ///
    /// # Errors
    ///
    /// The first [`LimitError`] found.
    ///
    /// ```
    /// use messenger_sdk::send::Template;
    ///
    /// let err = Template::button("No buttons", vec![]).validate().unwrap_err();
    /// assert_eq!((err.field.as_str(), err.limit, err.actual), ("buttons", 1, 0));
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.check("")
    }

    fn check(&self, at: &str) -> Result<(), LimitError> {
        match self {
            Self::Generic { elements, .. } => {
                count(at, "elements", elements.len(), 1, GENERIC_ELEMENTS_MAX)?;
                elements
                    .iter()
                    .enumerate()
                    .try_for_each(|(i, e)| e.check(&item(at, "elements", i)))
            }
            Self::Button {
                text: body,
                buttons: list,
            } => {
                text(at, "text", body, BUTTON_TEMPLATE_TEXT_MAX)?;
                buttons(at, list, 1)
            }
            Self::Media { elements } => {
                count(at, "elements", elements.len(), 1, MEDIA_ELEMENTS_MAX)?;
                elements
                    .iter()
                    .enumerate()
                    .try_for_each(|(i, e)| e.check(&item(at, "elements", i)))
            }
            Self::Receipt(receipt) => count(
                at,
                "elements",
                receipt.elements.len(),
                0,
                RECEIPT_ELEMENTS_MAX,
            ),
        }
    }
}

/// How a generic template's images are cropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ImageAspectRatio {
    /// `horizontal`: 1.91:1 (the default).
    Horizontal,
    /// `square`: 1:1.
    Square,
}

/// One card of a generic template.
///
/// ```
/// use messenger_sdk::send::{Button, DefaultAction, GenericElement};
///
/// let element = GenericElement::new("Arteezy")
///     .subtitle("Immortal · 61% win rate")
///     .image_url("https://x.test/rtz.png")
///     .default_action(DefaultAction::web_url("https://www.opendota.com/players/86745912"))
///     .button(Button::postback("Recent", "RECENT:86745912"));
/// assert_eq!(
///     serde_json::to_value(&element).unwrap(),
///     serde_json::json!({
///         "title": "Arteezy",
///         "subtitle": "Immortal · 61% win rate",
///         "image_url": "https://x.test/rtz.png",
///         "default_action": {"type": "web_url", "url": "https://www.opendota.com/players/86745912"},
///         "buttons": [{"type": "postback", "title": "Recent", "payload": "RECENT:86745912"}]
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenericElement {
    /// Up to 80 characters.
    pub title: String,
    /// Up to 80 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// What a tap on the card opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_action: Option<DefaultAction>,
    /// Up to 3 buttons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
}

impl GenericElement {
    /// An element with a title (up to 80 characters).
    ///
    /// ```
    /// use messenger_sdk::send::GenericElement;
    ///
    /// assert_eq!(serde_json::to_string(&GenericElement::new("Pudge")).unwrap(), r#"{"title":"Pudge"}"#);
    /// ```
    #[must_use]
    pub fn new<S>(title: S) -> Self
    where
        S: Into<String>,
    {
        Self {
            title: title.into(),
            subtitle: None,
            image_url: None,
            default_action: None,
            buttons: Vec::new(),
        }
    }

    /// Sets the subtitle (up to 80 characters).
    ///
    /// ```
    /// use messenger_sdk::send::GenericElement;
    ///
    /// assert_eq!(GenericElement::new("a").subtitle("b").subtitle.as_deref(), Some("b"));
    /// ```
    #[must_use]
    pub fn subtitle<S>(mut self, subtitle: S) -> Self
    where
        S: Into<String>,
    {
        self.subtitle = Some(subtitle.into());
        self
    }

    /// Sets the image.
    ///
    /// ```
    /// use messenger_sdk::send::GenericElement;
    ///
    /// assert!(GenericElement::new("a").image_url("https://x.test/a.png").image_url.is_some());
    /// ```
    #[must_use]
    pub fn image_url<S>(mut self, url: S) -> Self
    where
        S: Into<String>,
    {
        self.image_url = Some(url.into());
        self
    }

    /// Sets what a tap on the card opens.
    ///
    /// ```
    /// use messenger_sdk::send::{DefaultAction, GenericElement};
    ///
    /// let element = GenericElement::new("a").default_action(DefaultAction::web_url("https://x.test"));
    /// assert!(element.default_action.is_some());
    /// ```
    #[must_use]
    pub fn default_action(mut self, action: DefaultAction) -> Self {
        self.default_action = Some(action);
        self
    }

    /// Adds a button (3 at most).
    ///
    /// ```
    /// use messenger_sdk::send::{Button, GenericElement};
    ///
    /// let element = GenericElement::new("a").button(Button::postback("Go", "GO"));
    /// assert_eq!(element.buttons.len(), 1);
    /// ```
    #[must_use]
    pub fn button(mut self, button: Button) -> Self {
        self.buttons.push(button);
        self
    }

    /// Adds buttons (3 at most).
    ///
    /// ```
    /// use messenger_sdk::send::{Button, GenericElement};
    ///
    /// let element = GenericElement::new("a").buttons([Button::postback("A", "A"), Button::postback("B", "B")]);
    /// assert_eq!(element.buttons.len(), 2);
    /// ```
    #[must_use]
    pub fn buttons<I>(mut self, buttons: I) -> Self
    where
        I: IntoIterator<Item = Button>,
    {
        self.buttons.extend(buttons);
        self
    }

    /// Checks the title, subtitle and buttons; paths are relative to the element.
    ///
    /// # Errors
    ///
    /// The first [`LimitError`] found.
    ///
    /// ```
    /// use messenger_sdk::send::{Button, GenericElement};
    ///
    /// let element = GenericElement::new("a").buttons((0..4).map(|i| Button::postback("b", i.to_string())));
    /// assert_eq!(element.validate().unwrap_err().field, "buttons");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.check("")
    }

    fn check(&self, at: &str) -> Result<(), LimitError> {
        text(at, "title", &self.title, ELEMENT_TITLE_MAX)?;
        opt_text(
            at,
            "subtitle",
            self.subtitle.as_deref(),
            ELEMENT_SUBTITLE_MAX,
        )?;
        buttons(at, &self.buttons, 0)
    }
}

/// What a tap on a generic template card opens: a URL (a `web_url` button without a title).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename = "web_url")]
pub struct DefaultAction {
    /// The URL.
    pub url: String,
    /// The webview's height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webview_height_ratio: Option<WebviewHeightRatio>,
    /// Whether the page uses the Messenger Extensions SDK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messenger_extensions: Option<bool>,
}

impl DefaultAction {
    /// Opens `url`.
    ///
    /// ```
    /// use messenger_sdk::send::DefaultAction;
    ///
    /// let action = DefaultAction::web_url("https://x.test");
    /// assert_eq!(serde_json::to_string(&action).unwrap(), r#"{"type":"web_url","url":"https://x.test"}"#);
    /// ```
    #[must_use]
    pub fn web_url<S>(url: S) -> Self
    where
        S: Into<String>,
    {
        Self {
            url: url.into(),
            webview_height_ratio: None,
            messenger_extensions: None,
        }
    }

    /// Sets the webview's height.
    ///
    /// ```
    /// use messenger_sdk::send::{DefaultAction, WebviewHeightRatio};
    ///
    /// let action = DefaultAction::web_url("https://x.test").webview_height_ratio(WebviewHeightRatio::Tall);
    /// assert_eq!(serde_json::to_value(&action).unwrap()["webview_height_ratio"], "tall");
    /// ```
    #[must_use]
    pub fn webview_height_ratio(mut self, ratio: WebviewHeightRatio) -> Self {
        self.webview_height_ratio = Some(ratio);
        self
    }

    /// Sets whether the page uses the Messenger Extensions SDK.
    ///
    /// ```
    /// use messenger_sdk::send::DefaultAction;
    ///
    /// let action = DefaultAction::web_url("https://x.test").messenger_extensions(true);
    /// assert_eq!(action.messenger_extensions, Some(true));
    /// ```
    #[must_use]
    pub fn messenger_extensions(mut self, enabled: bool) -> Self {
        self.messenger_extensions = Some(enabled);
        self
    }
}

/// One element of a media template: an image or video, by saved id or Facebook URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MediaElement {
    /// `image` or `video`.
    pub media_type: MediaType,
    /// `attachment_id` or `url` (a Facebook URL).
    #[serde(flatten)]
    pub source: MediaSource,
    /// Up to 3 buttons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<Button>,
}

impl MediaElement {
    /// An element showing `source`.
    ///
    /// ```
    /// use messenger_sdk::send::{MediaElement, MediaSource, MediaType};
    ///
    /// let element = MediaElement::new(MediaType::Image, MediaSource::url("https://www.facebook.com/photo.php?fbid=1"));
    /// assert_eq!(serde_json::to_value(&element).unwrap()["url"], "https://www.facebook.com/photo.php?fbid=1");
    /// ```
    #[must_use]
    pub fn new(media_type: MediaType, source: MediaSource) -> Self {
        Self {
            media_type,
            source,
            buttons: Vec::new(),
        }
    }

    /// Adds a button (3 at most).
    ///
    /// ```
    /// use messenger_sdk::send::{Button, MediaElement, MediaSource, MediaType};
    ///
    /// let element = MediaElement::new(MediaType::Video, MediaSource::attachment_id("1"))
    ///     .button(Button::web_url("Watch", "https://x.test/v"));
    /// assert_eq!(element.buttons.len(), 1);
    /// ```
    #[must_use]
    pub fn button(mut self, button: Button) -> Self {
        self.buttons.push(button);
        self
    }

    /// Checks the buttons (3 at most, each within its limits); paths are relative to the
    /// element.
    ///
    /// # Errors
    ///
    /// The first [`LimitError`] found.
    ///
    /// ```
    /// use messenger_sdk::send::{Button, MediaElement, MediaSource, MediaType};
    ///
    /// let element = MediaElement::new(MediaType::Image, MediaSource::attachment_id("1"))
    ///     .button(Button::web_url("A title over twenty chars", "https://x.test"));
    /// assert_eq!(element.validate().unwrap_err().field, "buttons[0].title");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.check("")
    }

    fn check(&self, at: &str) -> Result<(), LimitError> {
        buttons(at, &self.buttons, 0)
    }
}

/// What a media template element shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MediaType {
    /// `image`.
    Image,
    /// `video`.
    Video,
}

/// A receipt template: an order confirmation.
///
/// ```
/// use messenger_sdk::send::{ReceiptAddress, ReceiptElement, ReceiptSummary, ReceiptTemplate};
///
/// let receipt = ReceiptTemplate::new("Ana Lopez", "ORD-1001", "EUR", "Visa 2345", ReceiptSummary::total(54.5))
///     .address(ReceiptAddress::new("1 Main St", "Stockholm", "111 22", "AB", "SE"))
///     .element(ReceiptElement::new("Battle Pass", 44.5).quantity(1))
///     .adjustment("Welcome discount", 5.0);
/// assert!(receipt.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptTemplate {
    /// The buyer's name.
    pub recipient_name: String,
    /// Shown as logo text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    /// Unique order number.
    pub order_number: String,
    /// ISO 4217 currency code.
    pub currency: String,
    /// E.g. `Visa 2345`.
    pub payment_method: String,
    /// A link to the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_url: Option<String>,
    /// When the order was placed, Unix seconds as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The shipping address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<ReceiptAddress>,
    /// The totals.
    pub summary: ReceiptSummary,
    /// Discounts and other adjustments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<ReceiptAdjustment>,
    /// Up to 100 items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<ReceiptElement>,
}

impl ReceiptTemplate {
    /// A receipt with the required fields.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("Ana", "A-1", "USD", "Visa 2345", ReceiptSummary::total(5.0));
    /// assert_eq!(receipt.order_number, "A-1");
    /// ```
    #[must_use]
    pub fn new<N, O, C, P>(
        recipient_name: N,
        order_number: O,
        currency: C,
        payment_method: P,
        summary: ReceiptSummary,
    ) -> Self
    where
        N: Into<String>,
        O: Into<String>,
        C: Into<String>,
        P: Into<String>,
    {
        Self {
            recipient_name: recipient_name.into(),
            merchant_name: None,
            order_number: order_number.into(),
            currency: currency.into(),
            payment_method: payment_method.into(),
            order_url: None,
            timestamp: None,
            address: None,
            summary,
            adjustments: Vec::new(),
            elements: Vec::new(),
        }
    }

    /// Sets the merchant name (shown as logo text).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).merchant_name("Shop");
    /// assert_eq!(receipt.merchant_name.as_deref(), Some("Shop"));
    /// ```
    #[must_use]
    pub fn merchant_name<S>(mut self, name: S) -> Self
    where
        S: Into<String>,
    {
        self.merchant_name = Some(name.into());
        self
    }

    /// Sets the link to the order.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).order_url("https://x.test/o/1");
    /// assert!(receipt.order_url.is_some());
    /// ```
    #[must_use]
    pub fn order_url<S>(mut self, url: S) -> Self
    where
        S: Into<String>,
    {
        self.order_url = Some(url.into());
        self
    }

    /// Sets when the order was placed (Unix seconds).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).timestamp(1_767_225_600);
    /// assert_eq!(serde_json::to_value(&receipt).unwrap()["timestamp"], "1767225600");
    /// ```
    #[must_use]
    pub fn timestamp(mut self, unix_seconds: i64) -> Self {
        self.timestamp = Some(unix_seconds.to_string());
        self
    }

    /// Sets the shipping address.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptAddress, ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0))
    ///     .address(ReceiptAddress::new("1 Hacker Way", "Menlo Park", "94025", "CA", "US"));
    /// assert!(receipt.address.is_some());
    /// ```
    #[must_use]
    pub fn address(mut self, address: ReceiptAddress) -> Self {
        self.address = Some(address);
        self
    }

    /// Adds an adjustment (a discount, say).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).adjustment("Coupon", 10.0);
    /// assert_eq!(receipt.adjustments[0].amount, 10.0);
    /// ```
    #[must_use]
    pub fn adjustment<S>(mut self, name: S, amount: f64) -> Self
    where
        S: Into<String>,
    {
        self.adjustments.push(ReceiptAdjustment {
            name: name.into(),
            amount,
        });
        self
    }

    /// Adds an item (100 at most).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptElement, ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0))
    ///     .element(ReceiptElement::new("Arcana", 35.0));
    /// assert_eq!(receipt.elements.len(), 1);
    /// ```
    #[must_use]
    pub fn element(mut self, element: ReceiptElement) -> Self {
        self.elements.push(element);
        self
    }

    /// Checks the number of items (100).
    ///
    /// # Errors
    ///
    /// A [`LimitError`] naming `elements`.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptElement, ReceiptSummary, ReceiptTemplate};
    ///
    /// let mut receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0));
    /// receipt.elements = vec![ReceiptElement::new("x", 1.0); 101];
    /// assert_eq!(receipt.validate().unwrap_err().field, "elements");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        count("", "elements", self.elements.len(), 0, RECEIPT_ELEMENTS_MAX)
    }
}

/// A receipt's shipping address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReceiptAddress {
    /// Street address, line 1.
    pub street_1: String,
    /// Street address, line 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_2: Option<String>,
    /// City.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// State abbreviation (US) or region / province.
    pub state: String,
    /// Two-letter country code.
    pub country: String,
}

impl ReceiptAddress {
    /// An address without a second street line.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptAddress;
    ///
    /// let address = ReceiptAddress::new("1 Hacker Way", "Menlo Park", "94025", "CA", "US");
    /// assert_eq!(address.street_2, None);
    /// ```
    #[must_use]
    pub fn new<A, B, C, D, E>(street_1: A, city: B, postal_code: C, state: D, country: E) -> Self
    where
        A: Into<String>,
        B: Into<String>,
        C: Into<String>,
        D: Into<String>,
        E: Into<String>,
    {
        Self {
            street_1: street_1.into(),
            street_2: None,
            city: city.into(),
            postal_code: postal_code.into(),
            state: state.into(),
            country: country.into(),
        }
    }
}

/// A receipt's totals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReceiptSummary {
    /// Sum before shipping and tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<f64>,
    /// Shipping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_cost: Option<f64>,
    /// Tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_tax: Option<f64>,
    /// The total.
    pub total_cost: f64,
}

impl ReceiptSummary {
    /// A summary with the total only.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptSummary;
    ///
    /// assert_eq!(serde_json::to_string(&ReceiptSummary::total(56.14)).unwrap(), r#"{"total_cost":56.14}"#);
    /// ```
    #[must_use]
    pub fn total(total_cost: f64) -> Self {
        Self {
            subtotal: None,
            shipping_cost: None,
            total_tax: None,
            total_cost,
        }
    }
}

/// A payment adjustment on a receipt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptAdjustment {
    /// E.g. `New Customer Discount`.
    pub name: String,
    /// The amount.
    pub amount: f64,
}

/// An item on a receipt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptElement {
    /// The item's name.
    pub title: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// How many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// The price (0 for free items).
    pub price: f64,
    /// The price's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The item's image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

impl ReceiptElement {
    /// An item with a title and a price.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptElement;
    ///
    /// assert_eq!(serde_json::to_string(&ReceiptElement::new("Arcana", 35.0)).unwrap(), r#"{"title":"Arcana","price":35.0}"#);
    /// ```
    #[must_use]
    pub fn new<S>(title: S, price: f64) -> Self
    where
        S: Into<String>,
    {
        Self {
            title: title.into(),
            subtitle: None,
            quantity: None,
            price,
            currency: None,
            image_url: None,
        }
    }

    /// Sets the quantity.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptElement;
    ///
    /// assert_eq!(ReceiptElement::new("Arcana", 35.0).quantity(2).quantity, Some(2));
    /// ```
    #[must_use]
    pub fn quantity(mut self, quantity: u32) -> Self {
        self.quantity = Some(quantity);
        self
    }
}

// --- buttons ---------------------------------------------------------------------------------

/// A button of a template. Serialized with its `type`.
///
/// ```
/// use messenger_sdk::send::Button;
///
/// assert_eq!(
///     serde_json::to_value(Button::phone_number("Call us", "+46700000000")).unwrap(),
///     serde_json::json!({"type": "phone_number", "title": "Call us", "payload": "+46700000000"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Button {
    /// `web_url`: opens a URL.
    WebUrl {
        /// Up to 20 characters.
        title: String,
        /// The URL.
        url: String,
        /// The webview's height.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        webview_height_ratio: Option<WebviewHeightRatio>,
        /// Whether the page uses the Messenger Extensions SDK.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        messenger_extensions: Option<bool>,
    },
    /// `postback`: sends `payload` (up to 1000 characters) back in a postback webhook.
    Postback {
        /// Up to 20 characters.
        title: String,
        /// Up to 1000 characters.
        payload: String,
    },
    /// `phone_number`: calls a number (`payload`, `+` and country code).
    PhoneNumber {
        /// Up to 20 characters.
        title: String,
        /// The number, e.g. `+15105551234`.
        payload: String,
    },
    /// `account_link`: starts account linking at `url`.
    AccountLink {
        /// The authentication URL (https).
        url: String,
    },
    /// `account_unlink`: unlinks the person's account.
    AccountUnlink,
}

impl Button {
    /// A `web_url` button.
    ///
    /// ```
    /// use messenger_sdk::send::Button;
    ///
    /// assert_eq!(
    ///     serde_json::to_string(&Button::web_url("OpenDota", "https://www.opendota.com")).unwrap(),
    ///     r#"{"type":"web_url","title":"OpenDota","url":"https://www.opendota.com"}"#
    /// );
    /// ```
    #[must_use]
    pub fn web_url<T, U>(title: T, url: U) -> Self
    where
        T: Into<String>,
        U: Into<String>,
    {
        Self::WebUrl {
            title: title.into(),
            url: url.into(),
            webview_height_ratio: None,
            messenger_extensions: None,
        }
    }

    /// A `postback` button.
    ///
    /// ```
    /// use messenger_sdk::send::Button;
    ///
    /// assert_eq!(
    ///     serde_json::to_string(&Button::postback("Menu", "MENU")).unwrap(),
    ///     r#"{"type":"postback","title":"Menu","payload":"MENU"}"#
    /// );
    /// ```
    #[must_use]
    pub fn postback<T, P>(title: T, payload: P) -> Self
    where
        T: Into<String>,
        P: Into<String>,
    {
        Self::Postback {
            title: title.into(),
            payload: payload.into(),
        }
    }

    /// A `phone_number` button calling `number` (`+` and country code).
    ///
    /// ```
    /// use messenger_sdk::send::Button;
    ///
    /// assert!(matches!(Button::phone_number("Call", "+15105551234"), Button::PhoneNumber { .. }));
    /// ```
    #[must_use]
    pub fn phone_number<T, N>(title: T, number: N) -> Self
    where
        T: Into<String>,
        N: Into<String>,
    {
        Self::PhoneNumber {
            title: title.into(),
            payload: number.into(),
        }
    }

    /// An `account_link` button.
    ///
    /// ```
    /// use messenger_sdk::send::Button;
    ///
    /// assert_eq!(
    ///     serde_json::to_string(&Button::account_link("https://x.test/auth")).unwrap(),
    ///     r#"{"type":"account_link","url":"https://x.test/auth"}"#
    /// );
    /// ```
    #[must_use]
    pub fn account_link<U>(url: U) -> Self
    where
        U: Into<String>,
    {
        Self::AccountLink { url: url.into() }
    }

    /// An `account_unlink` button.
    ///
    /// ```
    /// use messenger_sdk::send::Button;
    ///
    /// assert_eq!(serde_json::to_string(&Button::account_unlink()).unwrap(), r#"{"type":"account_unlink"}"#);
    /// ```
    #[must_use]
    pub fn account_unlink() -> Self {
        Self::AccountUnlink
    }

    /// Sets the webview's height of a `web_url` button (other buttons are unchanged).
    ///
    /// ```
    /// use messenger_sdk::send::{Button, WebviewHeightRatio};
    ///
    /// let button = Button::web_url("Open", "https://x.test").webview_height_ratio(WebviewHeightRatio::Compact);
    /// assert_eq!(serde_json::to_value(&button).unwrap()["webview_height_ratio"], "compact");
    /// ```
    #[must_use]
    pub fn webview_height_ratio(mut self, ratio: WebviewHeightRatio) -> Self {
        if let Self::WebUrl {
            webview_height_ratio,
            ..
        } = &mut self
        {
            *webview_height_ratio = Some(ratio);
        }
        self
    }

    /// Sets whether the page of a `web_url` button uses the Messenger Extensions SDK (other
    /// buttons are unchanged).
    ///
    /// ```
    /// use messenger_sdk::send::Button;
    ///
    /// let button = Button::web_url("Open", "https://x.test").messenger_extensions(true);
    /// assert_eq!(serde_json::to_value(&button).unwrap()["messenger_extensions"], true);
    /// ```
    #[must_use]
    pub fn messenger_extensions(mut self, enabled: bool) -> Self {
        if let Self::WebUrl {
            messenger_extensions,
            ..
        } = &mut self
        {
            *messenger_extensions = Some(enabled);
        }
        self
    }

    /// Checks the title (20) and a postback's payload (1000); paths are relative to the button.
    ///
    /// # Errors
    ///
    /// A [`LimitError`] naming `title` or `payload`.
    ///
    /// ```
    /// use messenger_sdk::send::Button;
    ///
    /// let err = Button::postback("A title over twenty chars", "P").validate().unwrap_err();
    /// assert_eq!(err.field, "title");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        self.check("")
    }

    fn check(&self, at: &str) -> Result<(), LimitError> {
        match self {
            Self::WebUrl { title, .. } | Self::PhoneNumber { title, .. } => {
                text(at, "title", title, BUTTON_TITLE_MAX)
            }
            Self::Postback { title, payload } => {
                text(at, "title", title, BUTTON_TITLE_MAX)?;
                text(at, "payload", payload, PAYLOAD_MAX)
            }
            Self::AccountLink { .. } | Self::AccountUnlink => Ok(()),
        }
    }
}

/// The height of the webview a URL opens in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WebviewHeightRatio {
    /// `compact`: half the screen.
    Compact,
    /// `tall`: three quarters.
    Tall,
    /// `full`: the whole screen.
    Full,
}

// --- the answer ------------------------------------------------------------------------------

/// The Send API's answer.
///
/// ```
/// use messenger_sdk::send::SendResponse;
///
/// let sent: SendResponse = serde_json::from_str(r#"{"recipient_id":"7000000000000001","message_id":"m_1"}"#).unwrap();
/// assert_eq!(sent.message_id.as_deref(), Some("m_1"));
/// let via_user_ref: SendResponse = serde_json::from_str(r#"{"message_id":"m_2"}"#).unwrap();
/// assert_eq!(via_user_ref.recipient_id, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SendResponse {
    /// The PSID the message went to; absent when sent to a `user_ref`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_id: Option<String>,
    /// The message id (`mid`); absent for sender actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let ok = SendRequest::new("1", Message::text("hi"));
        assert_eq!(ok.shape_error(), None);
        assert_eq!(SendRequest::react("1", "m", "🔥").shape_error(), None);
        assert_eq!(SendRequest::unreact("1", "m").shape_error(), None);
        assert_eq!(
            SendRequest::action("1", SenderAction::MarkSeen).shape_error(),
            None
        );

        let mut both = ok.clone();
        both.sender_action = Some(SenderAction::TypingOn);
        assert!(both.shape_error().is_some());
        let mut neither = ok.clone();
        neither.message = None;
        assert!(neither.shape_error().is_some());
        assert!(
            SendRequest::action("1", SenderAction::React)
                .shape_error()
                .is_some()
        );
        assert!(
            SendRequest::action("1", SenderAction::Unreact)
                .shape_error()
                .is_some()
        );
        let mut stray = SendRequest::action("1", SenderAction::TypingOn);
        stray.payload = SendRequest::unreact("1", "m").payload;
        assert!(stray.shape_error().is_some());
        let mut tag_without_type = ok.clone();
        tag_without_type.tag = Some(MessageTag::HumanAgent);
        assert!(tag_without_type.shape_error().is_some());
        assert!(
            ok.clone()
                .messaging_type(MessagingType::MessageTag)
                .shape_error()
                .is_some()
        );
        assert_eq!(ok.tag(MessageTag::HumanAgent).shape_error(), None);
    }

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
