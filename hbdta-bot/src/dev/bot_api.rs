//! A stand-in for the Telegram Bot API (`POST /bot<token>/<method>`), for `hbdta-bot dev
//! --platform telegram`.
//!
//! It checks the token as Telegram does (401 otherwise), reads the call as Telegram reads it (a
//! JSON body, or a `multipart/form-data` form for a photo), answers with Telegram's shapes (`{"ok":
//! true, "result": …}`, a sent `Message` with its `message_id`, or `{"ok": false, "error_code": …,
//! "description": …}`), and hands each call the bot makes to a chat — `{"method": "sendMessage",
//! "message_id": 7, <its fields>}` — to the chat page of that chat through the [`Hub`].

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::Json;
use axum::Router;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value, json};
use subtle::ConstantTimeEq;

use super::graph::{Hub, quote};

/// The bot's user id and username in `dev` (what `getMe` answers).
pub const DEV_BOT_ID: i64 = 7_000_000_001;

/// The bot's username in `dev`.
pub const DEV_BOT_USERNAME: &str = "hbdta_dev_bot";

/// The prefix of the callback query ids the dev page's taps get: `dev_cbq_<chat>_<n>`, so that
/// `answerCallbackQuery` finds its chat.
pub const CALLBACK_PREFIX: &str = "dev_cbq_";

/// What the stand-in needs: the token the bot's client must present, and where calls go.
#[derive(Clone)]
pub struct FakeBotApi {
    /// `bot<token>`: the path segment every call starts with.
    segment: Arc<SecretString>,
    hub: Hub,
    next_message: Arc<AtomicI64>,
    log: bool,
    /// Uploaded photos (the last [`FILES_KEPT`]), served to the page at [`FILES_PATH`]`<n>`.
    files: Arc<std::sync::Mutex<std::collections::VecDeque<(u64, bytes::Bytes)>>>,
    next_file: Arc<std::sync::atomic::AtomicU64>,
}

/// Where the page fetches uploaded photos (the stand-in is nested at `/telegram-api`).
pub const FILES_PATH: &str = "/telegram-api/files/";
/// Uploaded photos kept.
pub const FILES_KEPT: usize = 64;

impl std::fmt::Debug for FakeBotApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeBotApi")
            .field("token", &"<redacted>")
            .field("log", &self.log)
            .finish_non_exhaustive()
    }
}

impl FakeBotApi {
    /// A stand-in accepting `token`, publishing to `hub`, printing a line per call when `log` is
    /// on.
    #[must_use]
    pub fn new(token: &SecretString, hub: Hub, log: bool) -> Self {
        Self {
            segment: Arc::new(SecretString::from(format!("bot{}", token.expose_secret()))),
            hub,
            next_message: Arc::new(AtomicI64::new(1000)),
            log,
            files: Arc::default(),
            next_file: Arc::default(),
        }
    }

    /// The routes, to nest under the API URL the bot's client is given.
    pub fn router(self) -> Router {
        Router::new()
            .route("/{segment}/{method}", post(call))
            .route("/files/{n}", axum::routing::get(file))
            .fallback(not_found)
            .with_state(self)
    }
}

/// Telegram's error body.
fn telegram_error(status: StatusCode, description: &str) -> Response {
    let body = json!({"ok": false, "error_code": status.as_u16(), "description": description});
    (status, Json(body)).into_response()
}

fn ok(result: Value) -> Response {
    Json(json!({"ok": true, "result": result})).into_response()
}

async fn not_found() -> Response {
    telegram_error(StatusCode::NOT_FOUND, "Not Found")
}

/// An uploaded photo, as Telegram would show it.
async fn file(State(api): State<FakeBotApi>, Path(n): Path<u64>) -> Response {
    let files = api
        .files
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match files.iter().find(|(id, _)| *id == n) {
        Some((_, png)) => ([(header::CONTENT_TYPE, "image/png")], png.clone()).into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

impl FakeBotApi {
    /// Keeps an uploaded file; its URL for the page.
    fn keep(&self, data: bytes::Bytes) -> String {
        let n = self.next_file.fetch_add(1, Ordering::Relaxed);
        let mut files = self
            .files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.push_back((n, data));
        while files.len() > FILES_KEPT {
            files.pop_front();
        }
        format!("{FILES_PATH}{n}")
    }
}

/// The fields of a call: its JSON object, or its form (numbers and JSON-valued fields decoded, as
/// Telegram reads them; an uploaded file kept, and `attach://<name>` replaced by its URL).
async fn fields(api: &FakeBotApi, request: Request) -> Result<Map<String, Value>, String> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if content_type.starts_with("multipart/form-data") {
        let mut form = Multipart::from_request(request, &())
            .await
            .map_err(|e| e.body_text())?;
        let mut fields = Map::new();
        let mut attached = Map::new();
        while let Some(field) = form.next_field().await.map_err(|e| e.body_text())? {
            let name = field.name().unwrap_or_default().to_owned();
            if field.file_name().is_some() {
                let data = field.bytes().await.map_err(|e| e.body_text())?;
                attached.insert(format!("attach://{name}"), json!(api.keep(data)));
                continue;
            }
            let text = field.text().await.map_err(|e| e.body_text())?;
            let value = match name.as_str() {
                "chat_id" | "message_id" => text.parse::<i64>().map_or(json!(text), |n| json!(n)),
                "reply_markup" | "reply_parameters" | "caption_entities" => {
                    serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?
                }
                _ => json!(text),
            };
            fields.insert(name, value);
        }
        for value in fields.values_mut() {
            if let Some(url) = value.as_str().and_then(|v| attached.get(v)) {
                *value = url.clone();
            }
        }
        return Ok(fields);
    }
    let bytes = axum::body::to_bytes(request.into_body(), 1024 * 1024)
        .await
        .map_err(|e| e.to_string())?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err("the body is not a JSON object".to_owned()),
        Err(e) => Err(format!("the body is not JSON: {e}")),
    }
}

/// The bot user, as `getMe` and sent messages show it.
fn bot_user() -> Value {
    json!({"id": DEV_BOT_ID, "is_bot": true, "first_name": "hbdta", "username": DEV_BOT_USERNAME})
}

async fn call(
    State(api): State<FakeBotApi>,
    Path((segment, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    let expected = api.segment.expose_secret().as_bytes();
    if !bool::from(segment.as_bytes().ct_eq(expected)) {
        return telegram_error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let fields = match fields(&api, request).await {
        Ok(fields) => fields,
        Err(why) => return telegram_error(StatusCode::BAD_REQUEST, &format!("Bad Request: {why}")),
    };
    // teloxide writes `SendMessage`; Telegram takes any case.
    let method = method.to_ascii_lowercase();
    match method.as_str() {
        "getme" => ok(json!({
            "id": DEV_BOT_ID, "is_bot": true, "first_name": "hbdta", "username": DEV_BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false
        })),
        "setmycommands" | "deletewebhook" | "setwebhook" => ok(json!(true)),
        "answercallbackquery" => {
            let chat = fields
                .get("callback_query_id")
                .and_then(Value::as_str)
                .and_then(|id| id.strip_prefix(CALLBACK_PREFIX))
                .and_then(|rest| rest.split('_').next())
                .map(str::to_owned);
            if let Some(chat) = chat {
                api.publish(&chat, "answerCallbackQuery", None, fields);
            }
            ok(json!(true))
        }
        "sendchataction" | "sendmessage" | "sendphoto" => {
            let Some(chat) = fields.get("chat_id").and_then(chat_key) else {
                return telegram_error(StatusCode::BAD_REQUEST, "Bad Request: chat not found");
            };
            let name = match method.as_str() {
                "sendchataction" => "sendChatAction",
                "sendmessage" => "sendMessage",
                _ => "sendPhoto",
            };
            if name == "sendChatAction" {
                api.publish(&chat, name, None, fields);
                return ok(json!(true));
            }
            let id = api.next_message.fetch_add(1, Ordering::Relaxed);
            let mut sent = json!({
                "message_id": id,
                "date": now_secs(),
                "chat": {"id": chat.parse::<i64>().unwrap_or_default(), "type": "private", "first_name": "Dev"},
                "from": bot_user(),
            });
            if name == "sendMessage" {
                sent["text"] = fields.get("text").cloned().unwrap_or(json!(""));
            } else {
                sent["photo"] = json!([{"file_id": "dev-photo", "file_unique_id": "dev-photo", "width": 300, "height": 300}]);
                if let Some(caption) = fields.get("caption") {
                    sent["caption"] = caption.clone();
                }
            }
            api.publish(&chat, name, Some(id), fields);
            ok(sent)
        }
        _ => telegram_error(
            StatusCode::NOT_FOUND,
            "Not Found: the hbdta dev Bot API stand-in answers getMe, setMyCommands, sendMessage, sendPhoto, sendChatAction and answerCallbackQuery",
        ),
    }
}

impl FakeBotApi {
    /// Hands `{"method": name, "message_id": id, <fields>}` to the pages of `chat`.
    fn publish(&self, chat: &str, name: &str, id: Option<i64>, fields: Map<String, Value>) {
        let mut body = Map::new();
        body.insert("method".to_owned(), json!(name));
        if let Some(id) = id {
            body.insert("message_id".to_owned(), json!(id));
        }
        body.extend(fields);
        let body = Value::Object(body);
        if self.log {
            super::print_line(format_args!("bot API   → {chat}: {}", describe(&body)));
        }
        self.hub.publish(chat, Arc::from(body.to_string()));
    }
}

/// A chat id (a number, or a string of digits) as the hub's key.
fn chat_key(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => n.as_i64().map(|n| n.to_string()),
        Value::String(s) if s.parse::<i64>().is_ok() => Some(s.clone()),
        _ => None,
    }
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// One line about a Bot API call, for the terminal.
#[must_use]
pub fn describe(call: &Value) -> String {
    let method = call.get("method").and_then(Value::as_str).unwrap_or("call");
    let buttons = call
        .pointer("/reply_markup/inline_keyboard")
        .and_then(Value::as_array)
        .map_or(0, |rows| {
            rows.iter()
                .filter_map(Value::as_array)
                .map(Vec::len)
                .sum::<usize>()
        });
    let text = call
        .get("text")
        .or_else(|| call.get("caption"))
        .and_then(Value::as_str);
    let mut line = method.to_owned();
    if let Some(action) = call.get("action").and_then(Value::as_str) {
        line = format!("{line} {action}");
    }
    if let Some(text) = text {
        line = format!("{line} {}", quote(text));
    }
    if buttons > 0 {
        line = format!("{line} + {buttons} buttons");
    }
    line
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    use super::*;

    fn api(hub: &Hub) -> FakeBotApi {
        FakeBotApi::new(&SecretString::from("1:dev-token"), hub.clone(), false)
    }

    async fn call(
        api: &FakeBotApi,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> (StatusCode, Value) {
        let response = api
            .clone()
            .router()
            .oneshot(
                Request::post(path)
                    .header("content-type", content_type)
                    .body(Body::from(body.to_owned()))
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn a_message_is_answered_as_telegram_does_and_reaches_the_page() {
        let hub = Hub::default();
        let api = api(&hub);
        let mut page = hub.subscribe("4242");
        let body = r#"{"chat_id":4242,"text":"hi","reply_markup":{"inline_keyboard":[[{"text":"Heroes","callback_data":"HEROES:1"}]]}}"#;
        let (status, answer) = call(
            &api,
            "/bot1:dev-token/SendMessage",
            "application/json",
            body,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer["ok"], true);
        assert_eq!(answer["result"]["message_id"], 1000);
        assert_eq!(answer["result"]["chat"]["id"], 4242);
        assert_eq!(answer["result"]["text"], "hi");
        let published: Value = serde_json::from_str(&page.recv().await.unwrap()).unwrap();
        assert_eq!(
            published,
            json!({"method": "sendMessage", "message_id": 1000, "chat_id": 4242, "text": "hi",
                "reply_markup": {"inline_keyboard": [[{"text": "Heroes", "callback_data": "HEROES:1"}]]}})
        );
        assert_eq!(describe(&published), "sendMessage “hi” + 1 buttons");

        let (_, answer) = call(&api, "/bot1:dev-token/getMe", "application/json", "").await;
        assert_eq!(answer["result"]["username"], DEV_BOT_USERNAME);
    }

    #[tokio::test]
    async fn a_photo_form_is_read_like_telegram_reads_it() {
        let hub = Hub::default();
        let api = api(&hub);
        let mut page = hub.subscribe("4242");
        let form = "--XyZ\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n4242\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nhttps://avatars.example/a.jpg\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n<b>Arteezy</b>\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"reply_markup\"\r\n\r\n{\"inline_keyboard\":[]}\r\n\
            --XyZ--\r\n";
        let (status, answer) = call(
            &api,
            "/bot1:dev-token/SendPhoto",
            "multipart/form-data; boundary=XyZ",
            form,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert_eq!(answer["result"]["caption"], "<b>Arteezy</b>");
        let published: Value = serde_json::from_str(&page.recv().await.unwrap()).unwrap();
        assert_eq!(
            published,
            json!({"method": "sendPhoto", "message_id": 1000, "chat_id": 4242,
                "photo": "https://avatars.example/a.jpg", "caption": "<b>Arteezy</b>",
                "reply_markup": {"inline_keyboard": []}})
        );
    }

    #[tokio::test]
    async fn a_wrong_token_a_missing_chat_and_an_unknown_method_get_telegram_errors() {
        let hub = Hub::default();
        let api = api(&hub);
        let (status, answer) =
            call(&api, "/bot1:other/sendMessage", "application/json", "{}").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            answer,
            json!({"ok": false, "error_code": 401, "description": "Unauthorized"})
        );
        let (status, answer) = call(
            &api,
            "/bot1:dev-token/sendMessage",
            "application/json",
            r#"{"text":"x"}"#,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(answer["description"], "Bad Request: chat not found");
        let (status, answer) = call(
            &api,
            "/bot1:dev-token/sendMessage",
            "application/json",
            "not json",
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(answer["ok"], false);
        let (status, _) = call(&api, "/bot1:dev-token/sendDice", "application/json", "{}").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn answering_a_tap_reaches_the_page_of_its_chat() {
        let hub = Hub::default();
        let api = api(&hub);
        let mut page = hub.subscribe("4242");
        let body = format!(r#"{{"callback_query_id":"{CALLBACK_PREFIX}4242_3"}}"#);
        let (status, answer) = call(
            &api,
            "/bot1:dev-token/AnswerCallbackQuery",
            "application/json",
            &body,
        )
        .await;
        assert_eq!(
            (status, answer),
            (StatusCode::OK, json!({"ok": true, "result": true}))
        );
        let published: Value = serde_json::from_str(&page.recv().await.unwrap()).unwrap();
        assert_eq!(
            published,
            json!({"method": "answerCallbackQuery", "callback_query_id": "dev_cbq_4242_3"})
        );
    }
}
