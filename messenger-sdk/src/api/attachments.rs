//! The Attachment Upload API: `POST /me/message_attachments`, by URL or with the bytes.

use reqwest::Method;
use reqwest::multipart::{Form, Part};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::attachments::{
    AttachmentKind, AttachmentUpload, AttachmentUploadResponse, check_file_size,
};

const SEGMENTS: [&str; 2] = ["me", "message_attachments"];

impl Client {
    /// Uploads the media at `url` for reuse (`POST /me/message_attachments`); Meta downloads it.
    /// Send it later by the returned `attachment_id` (valid for 90 days).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::attachments::AttachmentKind;
    ///
    /// let uploaded = client
    ///     .upload_attachment_url(AttachmentKind::Image, "https://example.com/heroes/invoker.png")
    ///     .await?;
    /// println!("reuse {}", uploaded.attachment_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] (nothing sent) when `url` is not an http(s) URL; a Graph error
    /// when Meta cannot fetch or accept the media; otherwise see [`Error`].
    pub async fn upload_attachment_url(
        &self,
        kind: AttachmentKind,
        url: impl Into<String>,
    ) -> Result<AttachmentUploadResponse> {
        let url = url.into();
        let parsed = url::Url::parse(url.trim())
            .map_err(|_| Error::InvalidInput(format!("attachment URL {url:?} is not a URL")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::InvalidInput(format!(
                "attachment URL {url:?} is not an http(s) URL"
            )));
        }
        let body = AttachmentUpload::from_url(kind, url);
        body.validate()?;
        self.call(Method::POST, &SEGMENTS, &[], Some(&body)).await
    }

    /// Uploads a file's bytes for reuse (`POST /me/message_attachments`, multipart: `message`
    /// describes the attachment, `filedata` carries the file). Send it later by the returned
    /// `attachment_id` (valid for 90 days).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::attachments::AttachmentKind;
    ///
    /// let png: Vec<u8> = std::fs::read("invoker.png").expect("readable");
    /// let uploaded = client
    ///     .upload_attachment_bytes(AttachmentKind::Image, "invoker.png", "image/png", png)
    ///     .await?;
    /// println!("reuse {}", uploaded.attachment_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// Nothing is sent when the file is over 25 MB ([`Error::Limit`]) or `mime` is not a MIME
    /// type ([`Error::InvalidInput`]); otherwise see [`Error`].
    pub async fn upload_attachment_bytes(
        &self,
        kind: AttachmentKind,
        filename: impl Into<String>,
        mime: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<AttachmentUploadResponse> {
        let filename = filename.into();
        let mime = mime.into();
        let bytes = bytes.into();
        check_file_size(bytes.len())?;
        if Part::bytes(Vec::new()).mime_str(&mime).is_err() {
            return Err(Error::InvalidInput(format!("{mime:?} is not a MIME type")));
        }
        let upload = AttachmentUpload::for_file(kind);
        upload.validate()?;
        let message = serde_json::to_string(upload.message())
            .map_err(|e| Error::InvalidInput(format!("message: {e}")))?;
        let form = || {
            let part = Part::bytes(bytes.clone()).file_name(filename.clone());
            let part = match part.mime_str(&mime) {
                Ok(part) => part,
                // Checked above; kept total rather than panicking.
                Err(_) => Part::bytes(bytes.clone()).file_name(filename.clone()),
            };
            Form::new()
                .text("message", message.clone())
                .part("filedata", part)
        };
        self.call_multipart(&SEGMENTS, form).await
    }
}
