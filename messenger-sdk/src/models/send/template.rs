//! [`Template`]: the generic, button and media templates and their elements (the receipt
//! template is in its own file).

use serde::{Deserialize, Serialize};

use super::button::buttons;
use super::{
    Button, MediaSource, RECEIPT_ELEMENTS_MAX, ReceiptTemplate, WebviewHeightRatio, count, item,
    opt_text, text,
};
use crate::limits::{
    BUTTON_TEMPLATE_TEXT_MAX, ELEMENT_SUBTITLE_MAX, ELEMENT_TITLE_MAX, GENERIC_ELEMENTS_MAX,
    LimitError,
};

/// Media template elements: exactly 1.
pub const MEDIA_ELEMENTS_MAX: usize = 1;

/// A structured message: the payload of a `template` attachment, tagged by `template_type`.
///
/// ```
/// use messenger_sdk::send::{Button, Template};
///
/// let template = Template::button("Track this player?", vec![Button::postback("Yes", "TRACK:1")]);
/// assert_eq!(
///     serde_json::to_value(&template).unwrap(),
///     serde_json::json!({
///         "template_type": "button",
///         "text": "Track this player?",
///         "buttons": [{"type": "postback", "title": "Yes", "payload": "TRACK:1"}]
///     })
/// );
/// ```
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

    pub(super) fn check(&self, at: &str) -> Result<(), LimitError> {
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
///
/// ```
/// use messenger_sdk::send::ImageAspectRatio;
///
/// assert_eq!(serde_json::to_string(&ImageAspectRatio::Square).unwrap(), r#""square""#);
/// ```
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

    pub(super) fn check(&self, at: &str) -> Result<(), LimitError> {
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
///
/// ```
/// use messenger_sdk::send::DefaultAction;
///
/// assert_eq!(
///     serde_json::to_value(DefaultAction::web_url("https://www.opendota.com")).unwrap(),
///     serde_json::json!({"type": "web_url", "url": "https://www.opendota.com"})
/// );
/// ```
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
///
/// ```
/// use messenger_sdk::send::{MediaElement, MediaSource, MediaType};
///
/// let element = MediaElement::new(MediaType::Image, MediaSource::attachment_id("1857777774821032"));
/// assert_eq!(
///     serde_json::to_value(&element).unwrap(),
///     serde_json::json!({"media_type": "image", "attachment_id": "1857777774821032"})
/// );
/// ```
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

    pub(super) fn check(&self, at: &str) -> Result<(), LimitError> {
        buttons(at, &self.buttons, 0)
    }
}

/// What a media template element shows.
///
/// ```
/// use messenger_sdk::send::MediaType;
///
/// assert_eq!(serde_json::to_string(&MediaType::Video).unwrap(), r#""video""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MediaType {
    /// `image`.
    Image,
    /// `video`.
    Video,
}
