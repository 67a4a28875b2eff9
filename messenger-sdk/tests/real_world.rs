#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! Real webhook bodies other projects captured or wrote (`../shared/reference/messenger/real/`,
//! outside the repository; the test skips with a note when the folder is absent).
//!
//! For every body: no entry or event is lost; every event of a kind this crate models is typed
//! (never `Unknown` or `Malformed`); for typed events the key values (sender, recipient,
//! timestamp, text, payloads, attachment types and URLs, reactions, mids) equal the JSON's; and
//! re-serialising the typed value keeps every value of the JSON except the deliberate omissions
//! listed in [`OMITTED`].

use std::path::PathBuf;

use messenger_sdk::webhook::{self, Attachment, Event, EventKind, WebhookBody};
use serde_json::{Map, Value};

/// Values the typed model leaves out on purpose: (path suffix, why).
const OMITTED: &[(&str, &str)] = &[
    (
        ISO,
        "chatwoot's hand-written Instagram samples date events as ISO-8601 text; Meta sends Unix \
         milliseconds, and a timestamp that is not a number reads as `None`",
    ),
    (
        ".seq",
        "a per-thread sequence number Meta stopped sending in 2017; nothing can be done with it",
    ),
];

/// A timestamp written as ISO-8601 text, which `Event::timestamp` does not read.
const ISO: &str = "(ISO-8601 text)";

/// Whether a timestamp is text that is not a number.
fn iso_text(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.trim().parse::<f64>().is_err())
}

/// Values lost today: (file, path). Each fix removes its line.
const GAPS: &[(&str, &str)] = &[];

fn real_dir() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/messenger/real");
    dir.is_dir().then_some(dir)
}

fn real_bodies() -> Option<Vec<(String, Vec<u8>)>> {
    let Some(dir) = real_dir() else {
        eprintln!("note: ../shared/reference/messenger/real is absent; real-world checks skipped");
        return None;
    };
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(path).unwrap())
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 80, "the reference set has 80 bodies");
    Some(out)
}

/// The event key in the JSON and the [`EventKind::key`] it must give; `None`: not modelled.
fn modelled_key(event: &Map<String, Value>) -> Option<(&'static str, &'static str)> {
    const KEYS: &[(&str, &str)] = &[
        ("message", "message"),
        ("postback", "postback"),
        ("read", "read"),
        ("delivery", "delivery"),
        ("reaction", "reaction"),
        ("message_edit", "message_edit"),
        ("referral", "referral"),
        ("optin", "optin"),
        ("pass_thread_control", "pass_thread_control"),
        ("take_thread_control", "take_thread_control"),
        ("request_thread_control", "request_thread_control"),
        ("app_roles", "app_roles"),
        ("account_linking", "account_linking"),
        ("policy_enforcement", "policy_enforcement"),
        ("policy-enforcement", "policy_enforcement"),
        ("game_play", "game_play"),
        ("message_request", "message_request"),
    ];
    let found = KEYS.iter().copied().find(|(k, _)| event.contains_key(*k))?;
    let unsent = event.get("message").and_then(|m| m.get("is_deleted")) == Some(&Value::Bool(true));
    Some(if found.0 == "message" && unsent {
        ("message", "message_deleted")
    } else {
        found
    })
}

/// A number or numeric string as the crate reads timestamps: Unix ms, seconds scaled up.
#[allow(clippy::cast_possible_truncation, reason = "test values fit i64")]
fn millis(value: &Value) -> Option<i64> {
    let n = match value {
        Value::Number(n) => n.as_f64()? as i64,
        Value::String(s) => s.trim().parse::<i64>().ok()?,
        _ => return None,
    };
    Some(if n.abs() < 100_000_000_000 {
        n * 1000
    } else {
        n
    })
}

/// A scalar as text (`"123"` and `123` are the same id).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn same_scalar(raw: &Value, typed: &Value) -> bool {
    if raw == typed || text(raw) == text(typed) {
        return true;
    }
    match (raw.as_f64(), typed.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => {
            matches!((raw, typed), (Value::Number(_), Value::String(s)) if raw.as_f64() == s.parse::<f64>().ok())
        }
    }
}

/// Every value of `raw` that `typed` does not carry, as paths.
fn lost(raw: &Value, typed: Option<&Value>, path: &str, out: &mut Vec<String>) {
    match (raw, typed) {
        (Value::Null, _) => {}
        (Value::Object(r), Some(Value::Object(t))) => {
            for (k, v) in r {
                lost(v, t.get(k), &format!("{path}.{k}"), out);
            }
        }
        (Value::Array(r), Some(Value::Array(t))) if r.len() == t.len() => {
            for (i, (rv, tv)) in r.iter().zip(t).enumerate() {
                lost(rv, Some(tv), &format!("{path}[{i}]"), out);
            }
        }
        (Value::Object(o), _) if o.is_empty() => {}
        (Value::Array(a), _) if a.is_empty() => {}
        (Value::Object(_) | Value::Array(_), Some(Value::String(s)))
            if serde_json::from_str::<Value>(s).ok().as_ref() == Some(raw) => {}
        (Value::Object(_) | Value::Array(_), _) | (_, None) => out.push(path.to_owned()),
        (_, Some(t)) => {
            if !same_scalar(raw, t) {
                out.push(format!("{path} (changed to {t})"));
            }
        }
    }
}

/// The typed content of an event, serialised back.
fn typed_content(kind: &EventKind) -> Option<Value> {
    let value = match kind {
        EventKind::Message(v) => serde_json::to_value(v),
        EventKind::Read(v) => serde_json::to_value(v),
        EventKind::Delivery(v) => serde_json::to_value(v),
        EventKind::Postback(v) => serde_json::to_value(v),
        EventKind::Referral(v) => serde_json::to_value(v),
        EventKind::Optin(v) => serde_json::to_value(v),
        EventKind::Reaction(v) => serde_json::to_value(v),
        EventKind::MessageEdit(v) => serde_json::to_value(v),
        EventKind::PassThreadControl(v) => serde_json::to_value(v),
        EventKind::TakeThreadControl(v) => serde_json::to_value(v),
        EventKind::RequestThreadControl(v) => serde_json::to_value(v),
        EventKind::AppRoles(v) => serde_json::to_value(v),
        EventKind::AccountLinking(v) => serde_json::to_value(v),
        EventKind::PolicyEnforcement(v) => serde_json::to_value(v),
        EventKind::GamePlay(v) => serde_json::to_value(v),
        EventKind::MessageRequest(v) => serde_json::to_value(v),
        // The kind says what `is_deleted` said.
        EventKind::MessageDeleted(v) => serde_json::to_value(v).map(|mut v| {
            v["is_deleted"] = Value::Bool(true);
            v
        }),
        _ => return None,
    };
    Some(value.unwrap())
}

fn str_at<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The key values of a typed event equal the JSON's.
fn check_key_values(raw: &Map<String, Value>, key: &str, event: &Event, out: &mut Vec<String>) {
    macro_rules! same {
        ($typed:expr, $json:expr, $what:expr) => {
            let (typed, json) = ($typed, $json);
            if typed != json {
                out.push(format!("{}: {typed:?} != {json:?}", $what));
            }
        };
    }
    let raw_sender = raw.get("sender");
    same!(
        event.sender_psid().map(|p| p.as_str().to_owned()),
        raw_sender.and_then(|s| s.get("id")).and_then(text),
        "sender.id"
    );
    same!(
        event.sender.as_ref().and_then(|s| s.user_ref.clone()),
        raw_sender.and_then(|s| s.get("user_ref")).and_then(text),
        "sender.user_ref"
    );
    same!(
        event.recipient.as_ref().and_then(|r| r.id.clone()),
        raw.get("recipient")
            .and_then(|r| r.get("id"))
            .and_then(text),
        "recipient.id"
    );
    same!(
        event.timestamp,
        raw.get("timestamp").and_then(millis),
        "timestamp"
    );
    let content = &raw[key];
    match &event.kind {
        EventKind::Message(m) => {
            same!(m.mid.as_deref(), str_at(content, "mid"), "mid");
            same!(m.text.as_deref(), str_at(content, "text"), "text");
            same!(
                m.quick_reply.as_ref().map(|q| q.payload.as_str()),
                content
                    .get("quick_reply")
                    .and_then(|q| str_at(q, "payload")),
                "quick_reply.payload"
            );
            same!(
                m.is_echo,
                content.get("is_echo") == Some(&Value::Bool(true)),
                "is_echo"
            );
            let raw_attachments = content
                .get("attachments")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            same!(m.attachments.len(), raw_attachments.len(), "attachments");
            for (typed, raw) in m.attachments.iter().zip(raw_attachments) {
                same!(Some(typed.kind()), str_at(raw, "type"), "attachment type");
                if matches!(typed, Attachment::Other { .. }) {
                    out.push(format!("attachment {} not typed", typed.kind()));
                    continue;
                }
                let raw_url = str_at(raw, "URL")
                    .or_else(|| str_at(raw, "url"))
                    .or_else(|| raw.get("payload").and_then(|p| str_at(p, "url")));
                same!(attachment_url(typed), raw_url, "attachment url");
            }
        }
        EventKind::Postback(p) => {
            same!(p.mid.as_deref(), str_at(content, "mid"), "mid");
            same!(p.title.as_deref(), str_at(content, "title"), "title");
            same!(p.payload.as_deref(), str_at(content, "payload"), "payload");
        }
        EventKind::Reaction(r) => {
            same!(r.mid.as_deref(), str_at(content, "mid"), "mid");
            same!(
                r.reaction.as_deref(),
                str_at(content, "reaction"),
                "reaction"
            );
            same!(r.emoji.as_deref(), str_at(content, "emoji"), "emoji");
            same!(r.action.as_deref(), str_at(content, "action"), "action");
        }
        EventKind::MessageDeleted(d) => {
            same!(d.mid.as_deref(), str_at(content, "mid"), "mid");
        }
        EventKind::Read(r) => {
            same!(r.mid.as_deref(), str_at(content, "mid"), "read.mid");
            same!(
                r.watermark,
                content.get("watermark").and_then(millis),
                "watermark"
            );
        }
        EventKind::Delivery(d) => {
            let mids: Vec<String> = content
                .get("mids")
                .and_then(Value::as_array)
                .map(|m| m.iter().filter_map(text).collect())
                .unwrap_or_default();
            same!(&d.mids, &mids, "mids");
            same!(
                d.watermark,
                content.get("watermark").and_then(millis),
                "watermark"
            );
        }
        _ => {}
    }
}

fn attachment_url(attachment: &Attachment) -> Option<&str> {
    match attachment {
        Attachment::Image(p)
        | Attachment::Audio(p)
        | Attachment::Video(p)
        | Attachment::File(p)
        | Attachment::Sticker(p)
        | Attachment::Reel(p)
        | Attachment::IgReel(p)
        | Attachment::Post(p)
        | Attachment::IgPost(p)
        | Attachment::StoryMention(p)
        | Attachment::Share(p) => p.url.as_deref(),
        Attachment::Fallback { url, .. } => url.as_deref(),
        _ => None,
    }
}

/// Checks one body; returns the paths of values the typed result does not carry.
fn check_body(file: &str, raw: &[u8], body: &WebhookBody) -> Vec<String> {
    let json: Value = serde_json::from_slice(raw).unwrap();
    let raw_entries: Vec<&Map<String, Value>> = json["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_object().unwrap())
        .collect();
    assert_eq!(body.entries.len(), raw_entries.len(), "{file}: entries");
    let mut out = Vec::new();
    for (i, (entry, raw_entry)) in body.entries.iter().zip(&raw_entries).enumerate() {
        let raw_events: Vec<&Value> = ["messaging", "standby"]
            .iter()
            .filter_map(|k| raw_entry.get(*k).and_then(Value::as_array))
            .flatten()
            .collect();
        assert_eq!(
            entry.events.len(),
            raw_events.len(),
            "{file}: events of entry {i}"
        );
        if entry.page_id.as_str() != raw_entry.get("id").and_then(text).unwrap_or_default() {
            out.push(format!("entry[{i}].id"));
        }
        let time = raw_entry.get("time");
        if entry.time != time.and_then(millis) {
            out.push(format!("entry[{i}].time"));
        } else if time.is_some_and(iso_text) {
            out.push(format!("entry[{i}].time {ISO}"));
        }
        for (key, value) in *raw_entry {
            if key == "changes" {
                let typed = serde_json::to_value(&entry.changes).unwrap();
                lost(value, Some(&typed), &format!("entry[{i}].{key}"), &mut out);
            } else if !["id", "time", "messaging", "standby"].contains(&key.as_str()) {
                out.push(format!("entry[{i}].{key}"));
            }
        }
        for (j, (event, raw_event)) in entry.events.iter().zip(raw_events).enumerate() {
            let raw_event = raw_event.as_object().unwrap();
            let path = format!("entry[{i}].event[{j}]");
            let Some((json_key, kind_key)) = modelled_key(raw_event) else {
                match &event.kind {
                    EventKind::Unknown(v) => {
                        assert_eq!(v, &Value::Object(raw_event.clone()), "{file}: {path}");
                    }
                    other => panic!("{file}: {path}: expected Unknown, got {other:?}"),
                }
                continue;
            };
            if event.kind.key() != kind_key || matches!(event.kind, EventKind::Malformed { .. }) {
                out.push(format!("{path}: not typed as {kind_key}"));
                continue;
            }
            let mut wrong = Vec::new();
            check_key_values(raw_event, json_key, event, &mut wrong);
            if raw_event.get("timestamp").is_some_and(iso_text) {
                wrong.push(format!("timestamp {ISO}"));
            } else if raw_event.get("timestamp").is_some_and(|t| !t.is_null())
                && event.timestamp.is_none()
            {
                wrong.push("timestamp not read".to_owned());
            }
            out.extend(wrong.into_iter().map(|w| format!("{path}: {w}")));
            let typed = typed_content(&event.kind);
            lost(
                &raw_event[json_key],
                typed.as_ref(),
                &format!("{path}.{json_key}"),
                &mut out,
            );
            for (key, value) in raw_event {
                if key == "prior_message" {
                    let typed = serde_json::to_value(&event.prior_message).unwrap();
                    lost(value, Some(&typed), &format!("{path}.{key}"), &mut out);
                } else if !["sender", "recipient", "timestamp", json_key].contains(&key.as_str()) {
                    out.push(format!("{path}.{key}"));
                }
            }
        }
    }
    out.retain(|p| !OMITTED.iter().any(|(suffix, _)| p.ends_with(suffix)));
    out
}

#[test]
fn every_real_body_decodes_typed_with_nothing_lost() {
    let Some(bodies) = real_bodies() else { return };
    let mut lost_values = Vec::new();
    for (file, raw) in &bodies {
        let body = webhook::parse(raw).unwrap();
        lost_values.extend(
            check_body(file, raw, &body)
                .into_iter()
                .map(|p| (file.clone(), p)),
        );
    }
    let expected: Vec<(String, String)> = GAPS
        .iter()
        .map(|(f, p)| ((*f).to_owned(), (*p).to_owned()))
        .collect();
    let listing: String = lost_values
        .iter()
        .map(|(f, p)| format!("    (\"{f}\", \"{p}\"),\n"))
        .collect();
    assert_eq!(lost_values, expected, "lost values:\n{listing}");
}
