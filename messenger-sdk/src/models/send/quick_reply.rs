//! [`QuickReply`]: the buttons shown above the composer.

use serde::{Deserialize, Serialize};

use super::text;
use crate::limits::{LimitError, PAYLOAD_MAX, QUICK_REPLY_TITLE_MAX};

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

    pub(super) fn check(&self, at: &str) -> Result<(), LimitError> {
        match self {
            Self::Text { title, payload, .. } => {
                text(at, "title", title, QUICK_REPLY_TITLE_MAX)?;
                text(at, "payload", payload, PAYLOAD_MAX)
            }
            Self::UserPhoneNumber | Self::UserEmail => Ok(()),
        }
    }
}
