//! The request, `POST /me/messages`: [`SendRequest`], the options that go beside the message
//! (messaging type, tag, notification, sender action) and the [`SendResponse`].

use serde::{Deserialize, Serialize};

use super::{Message, Recipient};
use crate::limits::LimitError;

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

/// Why a message is sent: `messaging_type`.
///
/// ```
/// use messenger_sdk::send::MessagingType;
///
/// assert_eq!(MessagingType::default(), MessagingType::Response);
/// assert_eq!(serde_json::to_string(&MessagingType::MessageTag).unwrap(), r#""MESSAGE_TAG""#);
/// ```
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
///
/// Meta retires tags from time to time; a retired tag makes the send fail with a Graph error
/// (code 100, "Invalid parameter"). Retired tags stay here, `#[deprecated]` with the date, so
/// old code still compiles and says why it fails:
///
/// | tag | status |
/// |---|---|
/// | `HUMAN_AGENT` | current: a person's reply up to 7 days after the user's message |
/// | `CONFIRMED_EVENT_UPDATE`, `POST_PURCHASE_UPDATE`, `CUSTOMER_FEEDBACK` | listed in Meta's Send API reference (2026) |
/// | `ACCOUNT_UPDATE` | **retired 2026-02-10** (deprecated) |
/// | `SHIPPING_UPDATE`, `RESERVATION_UPDATE`, `ISSUE_RESOLUTION`, `PAYMENT_UPDATE`, … | retired 2020-03-04; not typed (use [`MessageTag::Other`] if you must) |
///
/// ```
/// use messenger_sdk::send::MessageTag;
///
/// assert_eq!(serde_json::to_string(&MessageTag::HumanAgent).unwrap(), r#""HUMAN_AGENT""#);
/// let newer: MessageTag = serde_json::from_str(r#""SOME_NEW_TAG""#).unwrap();
/// assert_eq!(newer, MessageTag::Other("SOME_NEW_TAG".to_owned()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum MessageTag {
    /// `CONFIRMED_EVENT_UPDATE`: a reminder or update about an event the person registered for.
    ConfirmedEventUpdate,
    /// `POST_PURCHASE_UPDATE`: an update about a purchase.
    PostPurchaseUpdate,
    /// `ACCOUNT_UPDATE`: a non-recurring change to the person's account or application.
    /// Retired by Meta on 2026-02-10: sends with it are refused.
    #[deprecated(
        note = "Meta retired ACCOUNT_UPDATE on 2026-02-10 and refuses sends that use it; answer \
                within 24 hours with RESPONSE, or use HUMAN_AGENT for a person's reply"
    )]
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
///
/// ```
/// use messenger_sdk::send::NotificationType;
///
/// assert_eq!(serde_json::to_string(&NotificationType::SilentPush).unwrap(), r#""SILENT_PUSH""#);
/// ```
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
///
/// ```
/// use messenger_sdk::send::SenderAction;
///
/// assert_eq!(serde_json::to_string(&SenderAction::TypingOn).unwrap(), r#""typing_on""#);
/// ```
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
///
/// ```
/// use messenger_sdk::send::{ReactionPayload, SendRequest};
///
/// let request = SendRequest::react("7000000000000001", "m_AbC", "🔥");
/// assert_eq!(request.payload, Some(ReactionPayload { message_id: "m_AbC".to_owned(), reaction: Some("🔥".to_owned()) }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReactionPayload {
    /// The message reacted to.
    pub message_id: String,
    /// The emoji (absent for `unreact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<String>,
}

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
}
