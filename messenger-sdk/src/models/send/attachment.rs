//! [`Attachment`]: media by URL or saved id, or a template.

use serde::{Deserialize, Serialize};

use super::{Template, path};
use crate::limits::LimitError;

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
///
/// ```
/// use messenger_sdk::send::{Attachment, MediaKind};
///
/// assert_eq!(Attachment::saved(MediaKind::Video, "42").media_kind(), Some(MediaKind::Video));
/// ```
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
///
/// ```
/// use messenger_sdk::send::{Attachment, MediaPayload, MediaSource};
///
/// let Attachment::Image(payload) = Attachment::image("https://x.test/a.png").reusable() else { unreachable!() };
/// assert_eq!(payload, MediaPayload { source: MediaSource::url("https://x.test/a.png"), is_reusable: Some(true) });
/// ```
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
///
/// ```
/// use messenger_sdk::send::MediaSource;
///
/// assert_eq!(serde_json::to_string(&MediaSource::attachment_id("42")).unwrap(), r#"{"attachment_id":"42"}"#);
/// ```
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

    pub(super) fn check(&self, at: &str) -> Result<(), LimitError> {
        match self {
            Self::Template(template) => template.check(&path(at, "payload")),
            Self::Image(_) | Self::Audio(_) | Self::Video(_) | Self::File(_) => Ok(()),
        }
    }
}
