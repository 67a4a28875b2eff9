//! Models of the Attachment Upload API (`POST /me/message_attachments`): upload an image,
//! audio, video or file once and send it many times by its `attachment_id`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::limits::LimitError;

/// The largest file the Attachment Upload API takes: 25 MB.
pub const ATTACHMENT_BYTES_MAX: usize = 25 * 1024 * 1024;

/// What kind of media an upload is.
///
/// ```
/// use messenger_sdk::models::attachments::AttachmentKind;
///
/// assert_eq!(serde_json::to_string(&AttachmentKind::File).unwrap(), r#""file""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AttachmentKind {
    /// `image` (jpg, png, gif).
    Image,
    /// `audio`.
    Audio,
    /// `video`.
    Video,
    /// `file`: any other document.
    File,
}

impl AttachmentKind {
    /// The kind's name in the Graph API.
    ///
    /// ```
    /// use messenger_sdk::models::attachments::AttachmentKind;
    ///
    /// assert_eq!(AttachmentKind::Video.as_str(), "video");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Audio => "audio",
            Self::Video => "video",
            Self::File => "file",
        }
    }
}

impl fmt::Display for AttachmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The body of an upload: `{"message":{"attachment":{"type":…,"payload":{"url":…,"is_reusable":true}}}}`.
///
/// For an upload by URL this whole object is the JSON body; for an upload of bytes its
/// [`AttachmentUpload::message`] is the multipart field `message`, without `url`.
///
/// ```
/// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
///
/// let upload = AttachmentUpload::from_url(AttachmentKind::Image, "https://example.com/hero.png");
/// assert_eq!(
///     serde_json::to_string(&upload).expect("serializes"),
///     r#"{"message":{"attachment":{"type":"image","payload":{"url":"https://example.com/hero.png","is_reusable":true}}}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttachmentUpload {
    /// The message wrapper.
    pub message: UploadMessage,
}

/// `message` of an [`AttachmentUpload`].
///
/// ```
/// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
///
/// let upload = AttachmentUpload::from_url(AttachmentKind::Audio, "https://x.test/gg.mp3");
/// assert_eq!(upload.message.attachment.kind, AttachmentKind::Audio);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadMessage {
    /// The attachment.
    pub attachment: UploadAttachment,
}

/// `message.attachment` of an [`AttachmentUpload`].
///
/// ```
/// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
///
/// let upload = AttachmentUpload::from_url(AttachmentKind::Image, "https://x.test/a.png");
/// assert_eq!(upload.message.attachment.payload.url.as_deref(), Some("https://x.test/a.png"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadAttachment {
    /// `image`, `audio`, `video` or `file`.
    #[serde(rename = "type")]
    pub kind: AttachmentKind,
    /// Where the media is and whether it can be sent again.
    pub payload: UploadPayload,
}

/// `message.attachment.payload` of an [`AttachmentUpload`].
///
/// ```
/// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
///
/// let upload = AttachmentUpload::from_url(AttachmentKind::Image, "https://x.test/a.png");
/// assert!(upload.message.attachment.payload.is_reusable);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UploadPayload {
    /// The media's URL (absent when the bytes are uploaded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Always `true`: the point of uploading is to reuse the attachment.
    #[serde(default)]
    pub is_reusable: bool,
}

impl AttachmentUpload {
    /// An upload of the media at `url` (Meta downloads it).
    ///
    /// ```
    /// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
    ///
    /// let upload = AttachmentUpload::from_url(AttachmentKind::Video, "https://example.com/clip.mp4");
    /// assert_eq!(upload.message.attachment.payload.url.as_deref(), Some("https://example.com/clip.mp4"));
    /// ```
    #[must_use]
    pub fn from_url(kind: AttachmentKind, url: impl Into<String>) -> Self {
        Self::new(kind, Some(url.into()))
    }

    /// The description of an upload whose bytes follow in the `filedata` field.
    ///
    /// ```
    /// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
    ///
    /// let upload = AttachmentUpload::for_file(AttachmentKind::Audio);
    /// assert!(upload.message.attachment.payload.url.is_none());
    /// assert!(upload.message.attachment.payload.is_reusable);
    /// ```
    #[must_use]
    pub fn for_file(kind: AttachmentKind) -> Self {
        Self::new(kind, None)
    }

    fn new(kind: AttachmentKind, url: Option<String>) -> Self {
        Self {
            message: UploadMessage {
                attachment: UploadAttachment {
                    kind,
                    payload: UploadPayload {
                        url,
                        is_reusable: true,
                    },
                },
            },
        }
    }

    /// The inner `message` object: the multipart `message` field of a file upload.
    ///
    /// ```
    /// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
    ///
    /// let upload = AttachmentUpload::for_file(AttachmentKind::File);
    /// assert_eq!(
    ///     serde_json::to_string(upload.message()).expect("serializes"),
    ///     r#"{"attachment":{"type":"file","payload":{"is_reusable":true}}}"#
    /// );
    /// ```
    #[must_use]
    pub fn message(&self) -> &UploadMessage {
        &self.message
    }

    /// Uploads have no length limits to check; the file size is checked by
    /// [`check_file_size`]. Present so every payload can be validated the same way.
    ///
    /// ```
    /// use messenger_sdk::models::attachments::{AttachmentKind, AttachmentUpload};
    ///
    /// assert!(AttachmentUpload::for_file(AttachmentKind::File).validate().is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// None today.
    pub fn validate(&self) -> Result<(), LimitError> {
        Ok(())
    }
}

/// Checks a file's size against [`ATTACHMENT_BYTES_MAX`].
///
/// ```
/// use messenger_sdk::models::attachments::check_file_size;
///
/// assert!(check_file_size(1024).is_ok());
/// assert_eq!(check_file_size(26 * 1024 * 1024).unwrap_err().field, "filedata");
/// ```
///
/// # Errors
///
/// A [`LimitError`] on `filedata` counted in bytes.
pub fn check_file_size(len: usize) -> Result<(), LimitError> {
    if len > ATTACHMENT_BYTES_MAX {
        return Err(LimitError {
            field: "filedata".to_owned(),
            limit: ATTACHMENT_BYTES_MAX,
            actual: len,
            unit: "bytes",
        });
    }
    Ok(())
}

/// The answer of an upload.
///
/// ```
/// use messenger_sdk::models::attachments::AttachmentUploadResponse;
///
/// let value: AttachmentUploadResponse = serde_json::from_str(r#"{"attachment_id":"1857777774821032"}"#).unwrap();
/// assert_eq!(value.attachment_id, "1857777774821032");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttachmentUploadResponse {
    /// The id to send the attachment with (it expires after 90 days).
    #[serde(with = "crate::webhook::lenient::string")]
    pub attachment_id: String,
}
