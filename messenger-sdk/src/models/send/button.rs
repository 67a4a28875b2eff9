//! [`Button`]: the buttons of templates.

use serde::{Deserialize, Serialize};

use super::{item, text};
use crate::limits::{BUTTON_TITLE_MAX, BUTTONS_MAX, LimitError, PAYLOAD_MAX};

/// Checks a list of buttons: the count, then each button.
pub(super) fn buttons(at: &str, list: &[Button], min: usize) -> Result<(), LimitError> {
    super::count(at, "buttons", list.len(), min, BUTTONS_MAX)?;
    list.iter()
        .enumerate()
        .try_for_each(|(i, button)| button.check(&item(at, "buttons", i)))
}

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

    pub(super) fn check(&self, at: &str) -> Result<(), LimitError> {
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
///
/// ```
/// use messenger_sdk::send::WebviewHeightRatio;
///
/// assert_eq!(serde_json::to_string(&WebviewHeightRatio::Tall).unwrap(), r#""tall""#);
/// ```
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
