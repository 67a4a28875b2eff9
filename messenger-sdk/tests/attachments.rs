#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! The Attachment Upload API against a mock Graph API.

mod common;

use common::{client_without_retries as client, fixture, graph, json_fixture};
use messenger_sdk::models::attachments::{
    ATTACHMENT_BYTES_MAX, AttachmentKind, AttachmentUpload, AttachmentUploadResponse,
};
use messenger_sdk::{Error, GraphErrorKind};
use serde_json::{Value, json};
use wiremock::matchers::{any, body_json, method, path};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

const UPLOAD_PATH: &str = "/me/message_attachments";
const UPLOADED: &str = "attachments__upload";

/// One part of a multipart body: its headers (lowercased names) and its bytes.
#[derive(Debug)]
struct Part {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Part {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Splits a `multipart/form-data` body by its boundary.
fn multipart_parts(request: &Request) -> Option<Vec<Part>> {
    let content_type = request.headers.get("content-type")?.to_str().ok()?;
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=")?;
    let delimiter = format!("--{boundary}");
    let mut rest = &request.body[..];
    let start = find(rest, delimiter.as_bytes())?;
    rest = &rest[start + delimiter.len()..];
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let end = find(rest, format!("\r\n{delimiter}").as_bytes())?;
        let part = &rest[..end];
        rest = &rest[end + 2 + delimiter.len()..];
        let split = find(part, b"\r\n\r\n")?;
        let headers = std::str::from_utf8(&part[..split])
            .ok()?
            .split("\r\n")
            .filter_map(|line| line.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        parts.push(Part {
            headers,
            body: part[split + 4..].to_vec(),
        });
    }
}

/// Matches a multipart body with exactly a `message` JSON field and a `filedata` file.
struct UploadForm {
    message: Value,
    filename: &'static str,
    mime: &'static str,
    bytes: Vec<u8>,
}

impl Match for UploadForm {
    fn matches(&self, request: &Request) -> bool {
        let Some(parts) = multipart_parts(request) else {
            return false;
        };
        let [message, file] = &parts[..] else {
            return false;
        };
        message.header("content-disposition") == Some(r#"form-data; name="message""#)
            && serde_json::from_slice::<Value>(&message.body).ok().as_ref() == Some(&self.message)
            && file.header("content-disposition")
                == Some(
                    format!(
                        r#"form-data; name="filedata"; filename="{}""#,
                        self.filename
                    )
                    .as_str(),
                )
            && file.header("content-type") == Some(self.mime)
            && file.body == self.bytes
    }
}

#[tokio::test]
async fn upload_by_url() {
    let server = MockServer::start().await;
    graph("POST", UPLOAD_PATH)
        .and(body_json(json!({
            "message": {"attachment": {"type": "image", "payload": {"url": "https://cdn.example.com/heroes/invoker.png", "is_reusable": true}}}
        })))
        .respond_with(json_fixture(200, UPLOADED))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let uploaded = client(&server)
        .upload_attachment_url(
            AttachmentKind::Image,
            "https://cdn.example.com/heroes/invoker.png",
        )
        .await
        .unwrap();
    assert_eq!(uploaded.attachment_id, "1857777774821032");
}

#[tokio::test]
async fn upload_bytes_as_multipart() {
    let server = MockServer::start().await;
    // Binary content, including bytes that are not UTF-8 and a fake boundary.
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(b"\r\n--not-the-boundary\r\n");
    bytes.extend((0u8..=255).cycle().take(4096));
    graph("POST", UPLOAD_PATH)
        .and(UploadForm {
            message: json!({"attachment": {"type": "image", "payload": {"is_reusable": true}}}),
            filename: "invoker.png",
            mime: "image/png",
            bytes: bytes.clone(),
        })
        .respond_with(json_fixture(200, UPLOADED))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let uploaded = client(&server)
        .upload_attachment_bytes(AttachmentKind::Image, "invoker.png", "image/png", bytes)
        .await
        .unwrap();
    assert_eq!(uploaded.attachment_id, "1857777774821032");
}

#[tokio::test]
async fn upload_a_file_with_a_numeric_id_answer() {
    let server = MockServer::start().await;
    graph("POST", UPLOAD_PATH)
        .and(UploadForm {
            message: json!({"attachment": {"type": "file", "payload": {"is_reusable": true}}}),
            filename: "replay 8000000000.dem",
            mime: "application/octet-stream",
            bytes: b"PBDEMS2\0".to_vec(),
        })
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"attachment_id": 1_857_777_774_821_033_u64})),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let uploaded = client(&server)
        .upload_attachment_bytes(
            AttachmentKind::File,
            "replay 8000000000.dem",
            "application/octet-stream",
            b"PBDEMS2\0".as_slice(),
        )
        .await
        .unwrap();
    assert_eq!(uploaded.attachment_id, "1857777774821033");
}

#[tokio::test]
async fn graph_error_on_upload() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v25.0{UPLOAD_PATH}")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {"message": "(#100) Attachment size exceeds allowable limit", "type": "OAuthException", "code": 100, "error_subcode": 2_018_109, "fbtrace_id": "Up1"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = client(&server)
        .upload_attachment_url(AttachmentKind::Video, "https://cdn.example.com/huge.mp4")
        .await
        .unwrap_err();
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::InvalidParameter));
}

#[tokio::test]
async fn invalid_uploads_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);

    for bad in ["", "cdn.example.com/x.png", "ftp://cdn.example.com/x.png"] {
        let err = client
            .upload_attachment_url(AttachmentKind::Image, bad)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{bad}: {err:?}");
    }
    let too_big = vec![0u8; ATTACHMENT_BYTES_MAX + 1];
    match client
        .upload_attachment_bytes(AttachmentKind::Video, "big.mp4", "video/mp4", too_big)
        .await
        .unwrap_err()
    {
        Error::Limit(limit) => {
            assert_eq!(limit.field, "filedata");
            assert_eq!(limit.limit, ATTACHMENT_BYTES_MAX);
            assert_eq!(limit.actual, ATTACHMENT_BYTES_MAX + 1);
        }
        other => panic!("expected a limit error, got {other:?}"),
    }
    let err = client
        .upload_attachment_bytes(
            AttachmentKind::Image,
            "x.png",
            "not a mime type",
            vec![1, 2, 3],
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[test]
fn payloads_round_trip() {
    for (kind, name) in [
        (AttachmentKind::Image, "image"),
        (AttachmentKind::Audio, "audio"),
        (AttachmentKind::Video, "video"),
        (AttachmentKind::File, "file"),
    ] {
        assert_eq!(kind.as_str(), name);
        assert_eq!(kind.to_string(), name);
        let by_url = AttachmentUpload::from_url(kind, "https://cdn.example.com/a");
        let json = serde_json::to_value(&by_url).unwrap();
        assert_eq!(
            json,
            json!({"message": {"attachment": {"type": name, "payload": {"url": "https://cdn.example.com/a", "is_reusable": true}}}})
        );
        assert_eq!(
            serde_json::from_value::<AttachmentUpload>(json).unwrap(),
            by_url
        );
        let file = AttachmentUpload::for_file(kind);
        let json = serde_json::to_value(file.message()).unwrap();
        assert_eq!(
            json,
            json!({"attachment": {"type": name, "payload": {"is_reusable": true}}})
        );
        let whole: AttachmentUpload =
            serde_json::from_value(serde_json::to_value(&file).unwrap()).unwrap();
        assert_eq!(whole, file);
    }
    let uploaded = fixture(UPLOADED);
    let answer: AttachmentUploadResponse = serde_json::from_str(&uploaded).unwrap();
    assert_eq!(serde_json::to_string(&answer).unwrap(), uploaded);
}
