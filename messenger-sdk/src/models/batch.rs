//! Models of Graph batch requests (`POST /` with up to 50 calls).

use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// The HTTP method of one call in a batch.
///
/// ```
/// use messenger_sdk::models::batch::BatchMethod;
///
/// assert_eq!(serde_json::to_string(&BatchMethod::Delete).unwrap(), r#""DELETE""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum BatchMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
}

/// One call in a batch: a method, a URL relative to the Graph version root (`me/messages`,
/// `7000000000000001?fields=first_name`) and, for `POST`, a form-encoded body.
///
/// The batch's access token applies to every call; when the client has an app secret, each
/// call's URL also gets `appsecret_proof`.
///
/// ```
/// use messenger_sdk::models::batch::BatchRequest;
/// use serde_json::json;
///
/// let send = BatchRequest::post(
///     "me/messages",
///     json!({"message": {"text": "gg"}, "messaging_type": "RESPONSE", "recipient": {"id": "7000000000000001"}}),
/// );
/// assert_eq!(
///     send.body.as_deref(),
///     Some("message=%7B%22text%22%3A%22gg%22%7D&messaging_type=RESPONSE&recipient=%7B%22id%22%3A%227000000000000001%22%7D")
/// );
/// let profile = BatchRequest::get("7000000000000001?fields=first_name");
/// assert!(profile.body.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchRequest {
    /// The method.
    pub method: BatchMethod,
    /// The URL relative to `https://graph.facebook.com/<version>/`, with its query.
    pub relative_url: String,
    /// The body, form-encoded (`key=value&…`, objects as JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// A name other calls of the batch can refer to (`{result=name:$.id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl BatchRequest {
    /// A `GET` of `relative_url`.
    ///
    /// ```
    /// use messenger_sdk::models::batch::{BatchMethod, BatchRequest};
    ///
    /// let call = BatchRequest::get("/7000000000000001?fields=first_name");
    /// assert_eq!(call.method, BatchMethod::Get);
    /// assert_eq!(call.relative_url, "7000000000000001?fields=first_name", "no leading slash");
    /// ```
    #[must_use]
    pub fn get(relative_url: impl Into<String>) -> Self {
        Self::new(BatchMethod::Get, relative_url, None)
    }

    /// A `DELETE` of `relative_url`.
    ///
    /// ```
    /// use messenger_sdk::models::batch::{BatchMethod, BatchRequest};
    ///
    /// assert_eq!(BatchRequest::delete("me/messenger_profile?fields=[\"greeting\"]").method, BatchMethod::Delete);
    /// ```
    #[must_use]
    pub fn delete(relative_url: impl Into<String>) -> Self {
        Self::new(BatchMethod::Delete, relative_url, None)
    }

    /// A `POST` to `relative_url` with `body`'s top-level keys as form fields: strings as they
    /// are, numbers and booleans as text, objects and arrays as JSON; `null` fields are left out.
    /// This is how a batch carries a Send API body.
    ///
    /// ```
    /// use messenger_sdk::models::batch::BatchRequest;
    ///
    /// let call = BatchRequest::post("me/messages", serde_json::json!({"sender_action": "typing_on", "recipient": null}));
    /// assert_eq!(call.body.as_deref(), Some("sender_action=typing_on"));
    /// ```
    #[must_use]
    pub fn post(relative_url: impl Into<String>, body: Value) -> Self {
        Self::new(BatchMethod::Post, relative_url, Some(form_encode(&body)))
    }

    /// A `POST` with a body that is already form-encoded.
    ///
    /// ```
    /// use messenger_sdk::models::batch::BatchRequest;
    ///
    /// let call = BatchRequest::post_form("me/messages", "sender_action=mark_seen&recipient=%7B%22id%22%3A%221%22%7D");
    /// assert!(call.body.expect("a body").starts_with("sender_action="));
    /// ```
    #[must_use]
    pub fn post_form(relative_url: impl Into<String>, body: impl Into<String>) -> Self {
        Self::new(BatchMethod::Post, relative_url, Some(body.into()))
    }

    /// Names the call, so later calls can use its result.
    ///
    /// ```
    /// use messenger_sdk::models::batch::BatchRequest;
    ///
    /// let call = BatchRequest::get("me?fields=id").name("page");
    /// assert_eq!(call.name.as_deref(), Some("page"));
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    fn new(method: BatchMethod, relative_url: impl Into<String>, body: Option<String>) -> Self {
        Self {
            method,
            relative_url: relative_url.into().trim_start_matches('/').to_owned(),
            body,
            name: None,
        }
    }
}

/// Form-encodes a JSON object's top-level fields the way Graph batch bodies are written.
fn form_encode(body: &Value) -> String {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    match body {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::Null => {}
                    Value::String(s) => {
                        form.append_pair(key, s);
                    }
                    Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_) => {
                        form.append_pair(key, &value.to_string());
                    }
                }
            }
        }
        Value::Null => {}
        Value::String(s) => return s.clone(),
        other => return other.to_string(),
    }
    form.finish()
}

/// The request body of a batch call.
#[derive(Debug, Serialize)]
pub(crate) struct BatchBody<'a> {
    pub(crate) batch: &'a [BatchRequest],
    pub(crate) include_headers: bool,
}

/// The answer to one call of a batch. (A batch answers `null` for a call that was not run, for
/// example because a call it depends on failed.)
///
/// ```
/// use messenger_sdk::models::batch::BatchResponse;
///
/// let value: BatchResponse = serde_json::from_str(r#"{"code":200,"body":"{\"id\":\"1\"}"}"#).unwrap();
/// assert_eq!(value.code, 200);
/// assert_eq!(value.body, r#"{"id":"1"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchResponse {
    /// The call's HTTP status.
    pub code: u16,
    /// The call's body, as text (JSON for Graph calls).
    #[serde(default)]
    pub body: String,
    /// The call's headers (only when the batch asked for them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<Vec<BatchHeader>>,
}

/// One header of a [`BatchResponse`].
///
/// ```
/// use messenger_sdk::models::batch::BatchHeader;
///
/// let value: BatchHeader = serde_json::from_str(r#"{"name":"Content-Type","value":"application/json"}"#).unwrap();
/// assert_eq!(value.name, "Content-Type");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchHeader {
    /// Header name.
    pub name: String,
    /// Header value.
    pub value: String,
}

impl BatchResponse {
    /// Whether the call succeeded (2xx).
    ///
    /// ```
    /// use messenger_sdk::models::batch::BatchResponse;
    ///
    /// let answer: BatchResponse = serde_json::from_str(r#"{"code":200,"body":"{}"}"#).expect("JSON");
    /// assert!(answer.is_success());
    /// ```
    #[must_use]
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.code)
    }

    /// The call's error, classified like any Graph error, when it failed.
    ///
    /// ```
    /// use messenger_sdk::GraphErrorKind;
    /// use messenger_sdk::models::batch::BatchResponse;
    ///
    /// let answer: BatchResponse = serde_json::from_str(
    ///     r#"{"code":400,"body":"{\"error\":{\"message\":\"(#100) No matching user found\",\"code\":100,\"error_subcode\":2018001}}"}"#,
    /// )
    /// .expect("JSON");
    /// assert_eq!(answer.error().and_then(|e| e.graph_kind()), Some(GraphErrorKind::NoMatchingUser));
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<Error> {
        if self.is_success() {
            return None;
        }
        let status = StatusCode::from_u16(self.code).unwrap_or(StatusCode::BAD_GATEWAY);
        Some(Error::from_status(status, self.body.as_bytes()))
    }

    /// Decodes the call's body; a failed call gives its Graph error instead.
    ///
    /// ```
    /// use messenger_sdk::GraphErrorKind;
    /// use messenger_sdk::models::batch::BatchResponse;
    ///
    /// let ok: BatchResponse = serde_json::from_str(
    ///     r#"{"code":200,"body":"{\"recipient_id\":\"7000000000000001\",\"message_id\":\"m_1\"}"}"#,
    /// )
    /// .expect("JSON");
    /// let sent: serde_json::Value = ok.body_json().expect("a JSON body");
    /// assert_eq!(sent["message_id"], "m_1");
    ///
    /// let failed: BatchResponse = serde_json::from_str(
    ///     r#"{"code":400,"body":"{\"error\":{\"message\":\"(#613) Calls to this api have exceeded the rate limit.\",\"code\":613}}"}"#,
    /// )
    /// .expect("JSON");
    /// let err = failed.body_json::<serde_json::Value>().unwrap_err();
    /// assert_eq!(err.graph_kind(), Some(GraphErrorKind::RateLimited));
    /// ```
    ///
    /// # Errors
    ///
    /// The call's [`Error::Graph`] (or [`Error::Api`]) when it failed, [`Error::Decode`] when the
    /// body does not fit `T`.
    pub fn body_json<T>(&self) -> Result<T>
    where
        T: DeserializeOwned,
    {
        if let Some(error) = self.error() {
            return Err(error);
        }
        crate::client::decode(self.body.as_bytes())
    }
}
