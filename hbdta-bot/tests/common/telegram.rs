//! A fake Telegram Bot API (wiremock) and what the Telegram tests share: the calls the bot made,
//! each as `{"method": …, <its fields>}` (JSON bodies as they are; `sendPhoto`'s multipart form
//! read back into the same shape).
#![allow(dead_code, reason = "each test file uses the part it needs")]

use std::collections::BTreeMap;
use std::time::Duration;

use hbdta_bot::config::TelegramConfig;
use hbdta_bot::platform::telegram::{self, Telegram};
use secrecy::SecretString;
use serde_json::{Value, json};
use teloxide_core::adaptors::throttle::Limits;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const TOKEN: &str = "123456:TEST-token";
pub const SECRET: &str = "tg-webhook-secret";
pub const BOT_NAME: &str = "hbdta_bot";

/// Matches `/bot<token>/<method>` (teloxide writes `SendMessage`; Telegram takes any case).
pub fn method_path(name: &str) -> wiremock::matchers::PathRegexMatcher {
    path_regex(format!("(?i)^/bot{}/{name}$", regex_escape(TOKEN)))
}

/// A sent message as the Bot API returns it.
pub fn message_result(chat: i64) -> Value {
    json!({"ok": true, "result": {
        "message_id": 900, "date": 1_767_225_700,
        "chat": {"id": chat, "type": "private", "first_name": "Ana"},
        "from": {"id": 123_456, "is_bot": true, "first_name": "hbdta", "username": BOT_NAME},
        "text": "ok"
    }})
}

/// A fake Bot API accepting every call (priority 10, so a test's own mocks win).
pub async fn fake_bot_api() -> MockServer {
    let server = MockServer::start().await;
    for name in ["sendMessage", "sendPhoto"] {
        Mock::given(method("POST"))
            .and(method_path(name))
            .respond_with(ResponseTemplate::new(200).set_body_json(message_result(4242)))
            .with_priority(10)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(method_path("getMe"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"ok": true, "result": {
                "id": 123_456, "is_bot": true, "first_name": "hbdta", "username": BOT_NAME,
                "can_join_groups": true, "can_read_all_group_messages": false,
                "supports_inline_queries": false
            }})),
        )
        .with_priority(10)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(method_path(
            "(sendChatAction|answerCallbackQuery|setMyCommands|deleteWebhook|setWebhook)",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true, "result": true})))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_ascii_alphanumeric() {
                vec![c]
            } else {
                vec!['\\', c]
            }
        })
        .collect()
}

/// Limits high enough that tests do not wait on them (the limiter's own step, 250 ms, stays).
pub fn fast_limits() -> Limits {
    Limits {
        messages_per_sec_chat: 100,
        messages_per_sec_overall: 100,
        messages_per_min_chat: 1000,
        messages_per_min_channel_or_supergroup: 1000,
    }
}

/// Telegram on the fake API, its username known, with `secret` for the webhook.
pub fn telegram_on(api: &MockServer, secret: Option<&str>) -> Telegram {
    let config = TelegramConfig {
        bot_token: SecretString::from(TOKEN),
        webhook_secret: secret.map(SecretString::from),
        api_url: Some(api.uri()),
        username: Some(BOT_NAME.to_owned()),
    };
    Telegram::with_limits(
        telegram::bot(&config).unwrap(),
        config.webhook_secret.clone(),
        fast_limits(),
    )
    .username(config.username)
}

/// The fields of a `multipart/form-data` body.
fn form_fields(content_type: &str, body: &[u8]) -> BTreeMap<String, String> {
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .unwrap()
        .trim_matches('"')
        .to_owned();
    let body = String::from_utf8_lossy(body);
    let mut fields = BTreeMap::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split("name=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        else {
            continue;
        };
        fields.insert(name.to_owned(), value.trim_end_matches("\r\n").to_owned());
    }
    fields
}

/// Every Bot API call `api` received (but `getMe`, `getUpdates` and `setMyCommands`), in order,
/// as `{"method": …, <fields>}`.
pub async fn calls(api: &MockServer) -> Vec<Value> {
    let mut out = Vec::new();
    for request in api.received_requests().await.unwrap_or_default() {
        let name = request.url.path().rsplit('/').next().unwrap();
        // `SendMessage` → `sendMessage`, as Telegram's documentation names it.
        let name = name[..1].to_lowercase() + &name[1..];
        if matches!(
            name.as_str(),
            "getMe" | "getUpdates" | "setMyCommands" | "deleteWebhook"
        ) {
            continue;
        }
        let content_type = request
            .headers
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let mut call = if content_type.starts_with("multipart/form-data") {
            let mut object = serde_json::Map::new();
            for (key, value) in form_fields(&content_type, &request.body) {
                let value = match key.as_str() {
                    "chat_id" => json!(value.parse::<i64>().unwrap()),
                    "reply_markup" | "reply_parameters" => serde_json::from_str(&value).unwrap(),
                    _ => json!(value),
                };
                object.insert(key, value);
            }
            Value::Object(object)
        } else {
            serde_json::from_slice(&request.body).unwrap_or(json!({}))
        };
        call["method"] = json!(name);
        out.push(call);
    }
    out
}

/// The calls to `chat` (`chat_id`), once there are at least `n` (10 s at most).
pub async fn calls_to(api: &MockServer, chat: i64, n: usize) -> Vec<Value> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let mut got = calls(api).await;
        got.retain(|c| c["chat_id"] == json!(chat));
        if got.len() >= n {
            return got;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} of {n} Bot API calls to {chat} after 10 s: {got:#?}",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits (10 s at most) until `api` received `n` calls of `name`.
pub async fn wait_for(api: &MockServer, name: &str, n: usize) -> Vec<Value> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let got: Vec<Value> = calls(api)
            .await
            .into_iter()
            .filter(|c| c["method"] == name)
            .collect();
        if got.len() >= n {
            return got;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} of {n} {name} calls after 10 s",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A private chat's text message update.
pub fn private_text(update_id: u32, chat: i64, text: &str) -> Value {
    json!({"update_id": update_id, "message": {
        "message_id": 10 + update_id, "date": 1_767_225_600,
        "chat": {"id": chat, "type": "private", "first_name": "Ana"},
        "from": {"id": chat, "is_bot": false, "first_name": "Ana", "language_code": "en"},
        "text": text
    }})
}

/// A supergroup's text message update from `user`.
pub fn group_text(update_id: u32, group: i64, user: i64, text: &str) -> Value {
    json!({"update_id": update_id, "message": {
        "message_id": 500 + update_id, "date": 1_767_225_600,
        "chat": {"id": group, "type": "supergroup", "title": "Dota night"},
        "from": {"id": user, "is_bot": false, "first_name": "Bo"},
        "text": text
    }})
}

/// A tap on an inline button under message 900 in `chat`.
pub fn tap(update_id: u32, chat: i64, query: &str, data: &str) -> Value {
    json!({"update_id": update_id, "callback_query": {
        "id": query, "chat_instance": "-5550001",
        "from": {"id": chat, "is_bot": false, "first_name": "Ana"},
        "message": {"message_id": 900, "date": 1_767_225_700,
            "chat": {"id": chat, "type": "private", "first_name": "Ana"},
            "from": {"id": 123_456, "is_bot": true, "first_name": "hbdta", "username": BOT_NAME},
            "text": "Which one?"},
        "data": data
    }})
}
