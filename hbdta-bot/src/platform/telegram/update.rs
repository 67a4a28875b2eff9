//! Telegram updates → [`Job`]s: which updates the bot answers, who asked, where the answer goes,
//! and what the conversation is told (commands mapped to its words). Pure functions, shared by the
//! webhook and long polling.
//!
//! - A private chat: every text; a sticker, photo or other message without text gets the help (as
//!   on Messenger).
//! - A group or supergroup: commands (`/stats x`, `/stats@thisbot x`; a command for another bot is
//!   not ours) and messages that mention the bot (`@thisbot x`, the mention taken out); the answer
//!   quotes the asking message. Everything else is ignored (privacy mode).
//! - A tapped inline button (a callback query): its data as [`Incoming::Payload`]; the caller
//!   answers the query (`answerCallbackQuery`) so the button stops spinning.
//! - Edited messages, channel posts and every other kind: nothing.

use teloxide_core::types::{CallbackQuery, CallbackQueryId, Message, Update, UpdateKind, User};

use super::NAME;
use crate::conversation::Incoming;
use crate::conversation::intent::GET_STARTED_PAYLOAD;
use crate::job::{Address, Job};
use crate::store::PersonId;

/// What to do with one update.
#[derive(Debug)]
pub struct Accepted {
    /// The question to answer, if any.
    pub job: Option<Job>,
    /// A tapped button's query, to answer with `answerCallbackQuery`.
    pub callback: Option<CallbackQueryId>,
    /// Why nothing is answered (for the log).
    pub ignored: Option<&'static str>,
}

impl Accepted {
    fn ignored(why: &'static str) -> Self {
        Self {
            job: None,
            callback: None,
            ignored: Some(why),
        }
    }
}

/// The de-duplication key of an update: `telegram:update:<update_id>`.
#[must_use]
pub fn key_of(update_id: u32) -> String {
    format!("{NAME}:update:{update_id}")
}

/// What to do with `update`; `me` is the bot's username (without `@`), when known.
#[must_use]
pub fn accept(update: Update, me: Option<&str>) -> Accepted {
    let key = key_of(update.id.0);
    match update.kind {
        UpdateKind::Message(message) => message_job(&message, me, key),
        UpdateKind::CallbackQuery(query) => callback_job(query, key),
        UpdateKind::EditedMessage(_) => Accepted::ignored("an edited message"),
        UpdateKind::ChannelPost(_) | UpdateKind::EditedChannelPost(_) => {
            Accepted::ignored("a channel post")
        }
        UpdateKind::Error(_) => Accepted::ignored("an update of a kind this bot does not know"),
        _ => Accepted::ignored("an update this bot does not answer"),
    }
}

fn message_job(message: &Message, me: Option<&str>, key: String) -> Accepted {
    let Some(from) = message.from.as_ref() else {
        return Accepted::ignored("a message without a sender");
    };
    if from.is_bot {
        return Accepted::ignored("a message from a bot");
    }
    let group = message.chat.is_group() || message.chat.is_supergroup();
    let incoming = if group {
        let addressed = message
            .text()
            .and_then(|text| group_incoming(text, me))
            .or_else(|| {
                // A reply to one of the bot's messages is addressed to it too.
                let replied_to_me = message
                    .reply_to_message()
                    .and_then(|m| m.from.as_ref())
                    .is_some_and(|u| is_me(u, me));
                (replied_to_me && message.text().is_some())
                    .then(|| Incoming::Text(message.text().unwrap_or_default().to_owned()))
            });
        match addressed {
            Some(incoming) => incoming,
            None => return Accepted::ignored("a group message not addressed to the bot"),
        }
    } else if message.chat.is_private() {
        match message.text() {
            Some(text) => match private_incoming(text, me) {
                Some(incoming) => incoming,
                None => return Accepted::ignored("a command for another bot"),
            },
            // A sticker, a photo, a voice note…: the help, as on Messenger.
            None => Incoming::Text(String::new()),
        }
    } else {
        return Accepted::ignored("a message in a channel");
    };
    let job = Job::new(
        Address::new(NAME, message.chat.id.0.to_string()),
        person_of(from),
        incoming,
        key,
    );
    // In a group several people talk: the answer quotes the question it answers.
    let job = if group {
        job.replying_to(message.id.0.to_string())
    } else {
        job
    };
    Accepted {
        job: Some(job),
        callback: None,
        ignored: None,
    }
}

fn callback_job(query: CallbackQuery, key: String) -> Accepted {
    let chat = query.message.as_ref().map_or_else(
        || i64::try_from(query.from.id.0).unwrap_or_default(),
        |m| m.chat().id.0,
    );
    let job = query.data.filter(|d| !d.is_empty()).map(|data| {
        Job::new(
            Address::new(NAME, chat.to_string()),
            person_of(&query.from),
            Incoming::Payload(data),
            key,
        )
    });
    Accepted {
        ignored: job.is_none().then_some("a callback query without data"),
        job,
        callback: Some(query.id),
    }
}

fn person_of(user: &User) -> PersonId {
    PersonId::new(NAME, &user.id.0.to_string())
}

fn is_me(user: &User, me: Option<&str>) -> bool {
    match (user.username.as_deref(), me) {
        (Some(name), Some(me)) => user.is_bot && name.eq_ignore_ascii_case(me),
        _ => false,
    }
}

/// A private chat's text as the conversation reads it: commands mapped ([`command`]), other texts
/// as they are. `None` for a command addressed to another bot.
#[must_use]
pub fn private_incoming(text: &str, me: Option<&str>) -> Option<Incoming> {
    if text.trim_start().starts_with('/') {
        return command(text, me, false);
    }
    Some(Incoming::Text(text.to_owned()))
}

/// A group message's text, when it is addressed to the bot: a command (for this bot, or for no
/// bot in particular) or a text mentioning `@me` (the mention taken out). `None` otherwise, and
/// always `None` for a mention when the bot's username is unknown.
#[must_use]
pub fn group_incoming(text: &str, me: Option<&str>) -> Option<Incoming> {
    if text.trim_start().starts_with('/') {
        return command(text, me, true);
    }
    let me = me?;
    let mention = format!("@{me}");
    let lower = text.to_lowercase();
    let at = lower.find(&mention.to_lowercase())?;
    // `@thisbotX` is someone else.
    let end = at + mention.len();
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    let rest = [&text[..at], " ", &text[end..]].concat();
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = rest.trim_start_matches([',', ':']).trim().to_owned();
    Some(Incoming::Text(rest))
}

/// `/command[@bot] args` as the conversation's words: `/start` → the Get Started payload, `/help`
/// → `help`, `/me` → `me`, `/forget` → `forget me`, `/stats x` → `stats x` (and `/heroes`,
/// `/recent`, `/compare`, `/link`, `/unlink` alike). A command for another bot is `None`; in a
/// group an unknown command is `None` too (it may be another bot's).
#[must_use]
pub fn command(text: &str, me: Option<&str>, group: bool) -> Option<Incoming> {
    let text = text.trim();
    let (word, rest) = match text.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (text, ""),
    };
    let word = word.strip_prefix('/').unwrap_or(word);
    let name = match word.split_once('@') {
        Some((name, bot)) => {
            if me.is_some_and(|me| !bot.eq_ignore_ascii_case(me)) {
                return None;
            }
            name
        }
        None => word,
    };
    let name = name.to_lowercase();
    let with_rest = |words: &str| {
        if rest.is_empty() {
            Incoming::Text(words.to_owned())
        } else {
            Incoming::Text(format!("{words} {rest}"))
        }
    };
    Some(match name.as_str() {
        "start" => Incoming::Payload(GET_STARTED_PAYLOAD.to_owned()),
        "help" => Incoming::Text("help".to_owned()),
        "me" => Incoming::Text("me".to_owned()),
        "forget" => Incoming::Text("forget me".to_owned()),
        "unlink" => Incoming::Text("unlink".to_owned()),
        "stats" | "heroes" | "recent" | "compare" | "link" => with_rest(&name),
        "last" | "lm" => with_rest("last"),
        "match" | "peers" => with_rest(&name),
        _ if group => return None,
        _ => Incoming::Text(text.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn text(t: &str) -> Option<Incoming> {
        Some(Incoming::Text(t.to_owned()))
    }

    #[test]
    fn commands_become_the_conversations_words() {
        let me = Some("hbdta_bot");
        assert_eq!(
            command("/start", me, false),
            Some(Incoming::Payload("GET_STARTED".to_owned()))
        );
        assert_eq!(
            command("/start deep-link", me, false),
            command("/start", me, false)
        );
        assert_eq!(command("/help", me, false), text("help"));
        assert_eq!(command("/last 86745912", me, false), text("last 86745912"));
        assert_eq!(command("/lm@hbdta_bot", me, true), text("last"));
        assert_eq!(
            command("/stats 86745912", me, false),
            text("stats 86745912")
        );
        assert_eq!(
            command("/stats@hbdta_bot  Arteezy ", me, true),
            text("stats Arteezy")
        );
        assert_eq!(command("/Stats@HBDTA_bot x", me, true), text("stats x"));
        assert_eq!(command("/stats@other_bot x", me, true), None);
        assert_eq!(command("/heroes", me, false), text("heroes"));
        assert_eq!(command("/compare 1 2", me, false), text("compare 1 2"));
        assert_eq!(command("/me", me, false), text("me"));
        assert_eq!(command("/forget", me, false), text("forget me"));
        assert_eq!(command("/unlink", me, false), text("unlink"));
        assert_eq!(command("/link 86745912", me, false), text("link 86745912"));
        assert_eq!(command("/dance", me, false), text("/dance"));
        assert_eq!(command("/dance", me, true), None);
        // The username unknown: commands with a bot name are taken as ours.
        assert_eq!(command("/stats@hbdta_bot 1", None, true), text("stats 1"));
    }

    #[test]
    fn a_group_text_counts_only_when_it_mentions_the_bot() {
        let me = Some("hbdta_bot");
        assert_eq!(group_incoming("@hbdta_bot 86745912", me), text("86745912"));
        assert_eq!(
            group_incoming("hey @HBDTA_bot, Arteezy", me),
            text("hey , Arteezy")
        );
        assert_eq!(group_incoming("@hbdta_bot: heroes 1", me), text("heroes 1"));
        assert_eq!(group_incoming("@hbdta_bot", me), text(""));
        assert_eq!(group_incoming("86745912", me), None);
        assert_eq!(group_incoming("@hbdta_bot2 hi", me), None);
        assert_eq!(group_incoming("@hbdta_bot hi", None), None);
        assert_eq!(group_incoming("/recent 1", me), text("recent 1"));
    }

    #[test]
    fn a_group_question_is_addressed_to_the_group_and_quoted() {
        let accepted = accept(
            update(json!({"update_id": 21, "message": {
                "message_id": 55, "date": 1_767_225_600,
                "chat": {"id": -1_001_234, "type": "supergroup", "title": "Stack"},
                "from": {"id": 4242, "is_bot": false, "first_name": "Ana"},
                "text": "/stats@hbdta_bot 86745912",
                "entities": [{"type": "bot_command", "offset": 0, "length": 16}]
            }})),
            Some("hbdta_bot"),
        );
        let job = accepted.job.unwrap();
        assert_eq!(job.address, Address::new("telegram", "-1001234"));
        assert_eq!(job.reply_to.as_deref(), Some("55"));
        assert_eq!(job.person.as_str(), "telegram:4242");

        let private = accept(update(private_text(22, "86745912")), Some("hbdta_bot"));
        assert_eq!(private.job.unwrap().reply_to, None);
    }

    /// From text, as the webhook and `getUpdates` read it (teloxide's `UpdateKind` does not decode
    /// from a `serde_json::Value`).
    fn update(value: serde_json::Value) -> Update {
        serde_json::from_str(&value.to_string()).unwrap()
    }

    fn private_text(id: u32, text: &str) -> serde_json::Value {
        json!({"update_id": id, "message": {
            "message_id": 10, "date": 1_767_225_600,
            "chat": {"id": 4242, "type": "private", "first_name": "Ana"},
            "from": {"id": 4242, "is_bot": false, "first_name": "Ana"},
            "text": text
        }})
    }

    #[test]
    fn updates_become_jobs() {
        let accepted = accept(update(private_text(7, "86745912")), Some("hbdta_bot"));
        let job = accepted.job.unwrap();
        assert_eq!(job.address, Address::new("telegram", "4242"));
        assert_eq!(job.person.as_str(), "telegram:4242");
        assert_eq!(job.key, "telegram:update:7");
        assert_eq!(job.incoming, Incoming::Text("86745912".to_owned()));

        let tap = accept(
            update(json!({"update_id": 8, "callback_query": {
                "id": "cbq-1", "chat_instance": "ci",
                "from": {"id": 4242, "is_bot": false, "first_name": "Ana"},
                "message": {"message_id": 11, "date": 1_767_225_600,
                    "chat": {"id": 4242, "type": "private", "first_name": "Ana"}, "text": "Which one?"},
                "data": "86745912"
            }})),
            None,
        );
        assert_eq!(tap.ignored, None, "{tap:?}");
        assert_eq!(tap.callback.unwrap().0, "cbq-1");
        assert_eq!(
            tap.job.unwrap().incoming,
            Incoming::Payload("86745912".to_owned())
        );

        let edited = accept(
            update(json!({"update_id": 9, "edited_message": private_text(0, "x")["message"]})),
            None,
        );
        assert!(edited.job.is_none() && edited.ignored.is_some());

        let sticker = accept(
            update(json!({"update_id": 10, "message": {
                "message_id": 12, "date": 1_767_225_600,
                "chat": {"id": 4242, "type": "private", "first_name": "Ana"},
                "from": {"id": 4242, "is_bot": false, "first_name": "Ana"},
                "sticker": {"file_id": "f", "file_unique_id": "u", "type": "regular",
                    "width": 512, "height": 512, "is_animated": false, "is_video": false}
            }})),
            None,
        );
        assert_eq!(sticker.job.unwrap().incoming, Incoming::Text(String::new()));
    }
}
