//! Who a message goes to: [`Recipient`].

use serde::{Deserialize, Serialize};

use crate::ids::Psid;
use crate::webhook::Sender;

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
