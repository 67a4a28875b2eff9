//! Telegram updates as the Bot API delivers them to a webhook, built from what a person does in
//! the dev chat page (`hbdta-bot dev --platform telegram`): a typed message in a private chat, or
//! a tap on an inline button (a callback query).

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::bot_api::{CALLBACK_PREFIX, DEV_BOT_ID, DEV_BOT_USERNAME};

/// The person of a private chat: in Telegram a private chat's id is the user's id.
fn user(chat: i64) -> Value {
    json!({"id": chat, "is_bot": false, "first_name": "Dev", "language_code": "en"})
}

fn private_chat(chat: i64) -> Value {
    json!({"id": chat, "type": "private", "first_name": "Dev"})
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Update `update_id`: message `message_id` with `text` in the private chat `chat`. A leading
/// `/command` is marked as a `bot_command` entity, as Telegram marks it.
#[must_use]
pub fn message(update_id: u32, chat: i64, message_id: i64, text: &str) -> Value {
    let mut message = json!({
        "message_id": message_id,
        "date": now_secs(),
        "chat": private_chat(chat),
        "from": user(chat),
        "text": text,
    });
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        message["entities"] = json!([{
            "type": "bot_command",
            "offset": 0,
            "length": command.encode_utf16().count()
        }]);
    }
    json!({"update_id": update_id, "message": message})
}

/// Update `update_id`: a tap on a button carrying `data` under the bot's message `message_id`
/// in the private chat `chat`; the query's id is `dev_cbq_<chat>_<update_id>`.
#[must_use]
pub fn callback(update_id: u32, chat: i64, message_id: i64, data: &str) -> Value {
    json!({"update_id": update_id, "callback_query": {
        "id": format!("{CALLBACK_PREFIX}{chat}_{update_id}"),
        "from": user(chat),
        "chat_instance": format!("dev-{chat}"),
        "message": {
            "message_id": message_id,
            "date": now_secs(),
            "chat": private_chat(chat),
            "from": {"id": DEV_BOT_ID, "is_bot": true, "first_name": "hbdta", "username": DEV_BOT_USERNAME},
            "text": "…"
        },
        "data": data
    }})
}

#[cfg(test)]
mod tests {
    use teloxide_core::types::{Update, UpdateKind};

    use super::*;

    /// From text, as the webhook reads it.
    fn read(value: &Value) -> Update {
        serde_json::from_str(&value.to_string()).unwrap()
    }

    #[test]
    fn a_typed_command_reads_back_as_telegram_sends_it() {
        let update = message(7, 4242, 12, "/stats 86745912");
        assert_eq!(
            update["message"]["entities"],
            json!([{"type": "bot_command", "offset": 0, "length": 6}])
        );
        let read = read(&update);
        assert_eq!(read.id.0, 7);
        match read.kind {
            UpdateKind::Message(m) => {
                assert_eq!(m.text(), Some("/stats 86745912"));
                assert_eq!(m.chat.id.0, 4242);
                assert!(m.chat.is_private());
                assert_eq!(m.from.unwrap().id.0, 4242);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            message(8, 4242, 13, "86745912")["message"].get("entities"),
            None
        );
    }

    #[test]
    fn a_tap_reads_back_as_a_callback_query() {
        match read(&callback(9, 4242, 1001, "HEROES:86745912")).kind {
            UpdateKind::CallbackQuery(q) => {
                assert_eq!(q.id.0, "dev_cbq_4242_9");
                assert_eq!(q.data.as_deref(), Some("HEROES:86745912"));
                assert_eq!(q.message.unwrap().chat().id.0, 4242);
            }
            other => panic!("{other:?}"),
        }
    }
}
