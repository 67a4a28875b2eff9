//! The fast path of [`super::parse`]: decodes a body straight from its bytes into events, with no
//! intermediate `serde_json::Value`.
//!
//! It only accepts bodies in the shape Meta documents (strings where strings are expected, one
//! event key per event, no repeated keys, every event of a known kind that decodes). Anything
//! else makes it give up, and the body is parsed again by the tolerant `Value` path, which keeps
//! unknown and malformed events. For every body it accepts, the result equals the tolerant
//! path's (the tests check this on every webhook fixture).

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::ids::PageId;
use crate::webhook::events::{
    AccountLinking, AppRoles, Channel, Delivery, Entry, EntryChange, Event, EventKind,
    EventRecipient, GamePlay, Message, MessageEdit, MessageRequest, Optin, PassThreadControl,
    PolicyEnforcement, Postback, PriorMessage, Reaction, Read, Referral, RequestThreadControl,
    Sender, TakeThreadControl, WebhookBody,
};
use crate::webhook::lenient;

/// The body, or `None` when it is anything but the documented shape.
pub(super) fn parse(raw: &[u8]) -> Option<WebhookBody> {
    // One UTF-8 check of the whole body (webhook bodies are ASCII: Meta escapes the rest), so
    // the parser need not check every string again.
    let text = std::str::from_utf8(raw).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let body = Body::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(body.0)
}

struct Body(WebhookBody);

#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum BodyField {
    Object,
    Entry,
    #[serde(other)]
    Other,
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BodyVisitor;
        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = Body;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a webhook body")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Body, A::Error> {
                let mut object: Option<String> = None;
                let mut entries: Option<Vec<Entry>> = None;
                while let Some(field) = map.next_key::<BodyField>()? {
                    match field {
                        BodyField::Object => set_once(&mut object, "object", map.next_value()?)?,
                        BodyField::Entry => {
                            let list: Vec<DirectEntry> = map.next_value()?;
                            set_once(
                                &mut entries,
                                "entry",
                                list.into_iter().map(|e| e.0).collect(),
                            )?;
                        }
                        BodyField::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Body(WebhookBody {
                    object: object.unwrap_or_default(),
                    entries: entries.unwrap_or_default(),
                }))
            }
        }
        deserializer.deserialize_map(BodyVisitor)
    }
}

/// A repeated key gives up: the tolerant path keeps the last value, as `Value` does.
fn set_once<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

struct DirectEntry(Entry);

#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum EntryField {
    Id,
    Time,
    Messaging,
    Standby,
    Changes,
    #[serde(other)]
    Other,
}

impl<'de> Deserialize<'de> for DirectEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = DirectEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a webhook entry")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DirectEntry, A::Error> {
                let mut id: Option<Id> = None;
                let mut time: Option<Timestamp> = None;
                let mut changes: Option<Option<Vec<EntryChange>>> = None;
                // Events go straight into one list (messaging first, then standby, as the
                // tolerant path orders them); the page id is set once the whole entry is read.
                let mut events: Vec<Event> = Vec::new();
                let mut messaging_at: Option<usize> = None;
                let mut standby_at: Option<usize> = None;
                while let Some(field) = map.next_key::<EntryField>()? {
                    match field {
                        EntryField::Id => set_once(&mut id, "id", map.next_value()?)?,
                        EntryField::Time => set_once(&mut time, "time", map.next_value()?)?,
                        EntryField::Changes => {
                            set_once(&mut changes, "changes", map.next_value()?)?;
                        }
                        EntryField::Messaging | EntryField::Standby => {
                            let (slot, name, channel) = if matches!(field, EntryField::Messaging) {
                                (&mut messaging_at, "messaging", Channel::Messaging)
                            } else {
                                (&mut standby_at, "standby", Channel::Standby)
                            };
                            let start = events.len();
                            map.next_value_seed(EventsSeed {
                                channel,
                                out: &mut events,
                            })?;
                            set_once(slot, name, start)?;
                        }
                        EntryField::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                // Standby read before messaging: messaging's events go first.
                if let (Some(m), Some(s)) = (messaging_at, standby_at) {
                    if s < m {
                        events[s..].rotate_left(m - s);
                    }
                }
                let page_id = PageId(id.map(|id| id.0).unwrap_or_default());
                for event in &mut events {
                    event.page_id.clone_from(&page_id);
                }
                Ok(DirectEntry(Entry {
                    page_id,
                    time: time.and_then(|t| t.0),
                    events,
                    changes: changes.flatten().unwrap_or_default(),
                }))
            }
        }
        deserializer.deserialize_map(EntryVisitor)
    }
}

/// A `messaging` or `standby` list (or `null`), appended to `out` as events of `channel`, with
/// an empty page id for the entry to fill in.
struct EventsSeed<'a> {
    channel: Channel,
    out: &'a mut Vec<Event>,
}

impl<'de> DeserializeSeed<'de> for EventsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EventsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of webhook events")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Nearly every delivery carries one event: room for one, not `reserve`'s four (an
        // event is about 500 bytes, and four would leave the allocator's fast path).
        self.out
            .reserve_exact(seq.size_hint().unwrap_or(1).clamp(1, 64));
        while let Some(parts) = seq.next_element::<EventParts>()? {
            self.out.push(Event {
                page_id: PageId(String::new()),
                channel: self.channel,
                sender: parts.sender,
                recipient: parts.recipient,
                timestamp: parts.timestamp,
                kind: parts.kind,
                prior_message: parts.prior_message,
            });
        }
        Ok(())
    }
}

/// An event without the entry's page id.
struct EventParts {
    sender: Option<Sender>,
    recipient: Option<EventRecipient>,
    timestamp: Option<i64>,
    kind: EventKind,
    prior_message: Option<PriorMessage>,
}

#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum EventField {
    Sender,
    Recipient,
    Timestamp,
    PriorMessage,
    Message,
    Postback,
    Read,
    Delivery,
    Reaction,
    MessageEdit,
    Referral,
    Optin,
    PassThreadControl,
    TakeThreadControl,
    RequestThreadControl,
    AppRoles,
    AccountLinking,
    #[serde(alias = "policy-enforcement")]
    PolicyEnforcement,
    GamePlay,
    MessageRequest,
    #[serde(other)]
    Other,
}

impl<'de> Deserialize<'de> for EventParts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventVisitor;
        impl<'de> Visitor<'de> for EventVisitor {
            type Value = EventParts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a webhook event")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventParts, A::Error> {
                let mut sender: Option<Option<Sender>> = None;
                let mut recipient: Option<Option<EventRecipient>> = None;
                let mut timestamp: Option<Timestamp> = None;
                let mut kind: Option<EventKind> = None;
                let mut prior_message: Option<Option<PriorMessage>> = None;
                while let Some(field) = map.next_key::<EventField>()? {
                    let typed = match field {
                        EventField::Sender => {
                            set_once(&mut sender, "sender", map.next_value()?)?;
                            continue;
                        }
                        EventField::Recipient => {
                            set_once(&mut recipient, "recipient", map.next_value()?)?;
                            continue;
                        }
                        EventField::Timestamp => {
                            set_once(&mut timestamp, "timestamp", map.next_value()?)?;
                            continue;
                        }
                        EventField::PriorMessage => {
                            set_once(&mut prior_message, "prior_message", map.next_value()?)?;
                            continue;
                        }
                        EventField::Other => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                        EventField::Message => {
                            EventKind::from_message(map.next_value::<Message>()?)
                        }
                        EventField::Postback => EventKind::Postback(map.next_value::<Postback>()?),
                        EventField::Read => EventKind::Read(map.next_value::<Read>()?),
                        EventField::Delivery => EventKind::Delivery(map.next_value::<Delivery>()?),
                        EventField::Reaction => EventKind::Reaction(map.next_value::<Reaction>()?),
                        EventField::MessageEdit => {
                            EventKind::MessageEdit(map.next_value::<MessageEdit>()?)
                        }
                        EventField::Referral => EventKind::Referral(map.next_value::<Referral>()?),
                        EventField::Optin => EventKind::Optin(map.next_value::<Optin>()?),
                        EventField::PassThreadControl => {
                            EventKind::PassThreadControl(map.next_value::<PassThreadControl>()?)
                        }
                        EventField::TakeThreadControl => {
                            EventKind::TakeThreadControl(map.next_value::<TakeThreadControl>()?)
                        }
                        EventField::RequestThreadControl => EventKind::RequestThreadControl(
                            map.next_value::<RequestThreadControl>()?,
                        ),
                        EventField::AppRoles => EventKind::AppRoles(map.next_value::<AppRoles>()?),
                        EventField::AccountLinking => {
                            EventKind::AccountLinking(map.next_value::<AccountLinking>()?)
                        }
                        EventField::PolicyEnforcement => {
                            EventKind::PolicyEnforcement(map.next_value::<PolicyEnforcement>()?)
                        }
                        EventField::GamePlay => EventKind::GamePlay(map.next_value::<GamePlay>()?),
                        EventField::MessageRequest => {
                            EventKind::MessageRequest(map.next_value::<MessageRequest>()?)
                        }
                    };
                    // Two event keys in one event: the tolerant path picks by priority.
                    set_once(&mut kind, "event kind", typed)?;
                }
                Ok(EventParts {
                    sender: sender.flatten(),
                    recipient: recipient.flatten(),
                    timestamp: timestamp.and_then(|t| t.0),
                    prior_message: prior_message.flatten(),
                    // No known event key: the tolerant path keeps it as `Unknown`.
                    kind: kind.ok_or_else(|| de::Error::missing_field("event kind"))?,
                })
            }
        }
        deserializer.deserialize_map(EventVisitor)
    }
}

/// A page id: a string, or an integer written as a number; `null` is empty.
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Id, E> {
                Ok(Id(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                // Beyond i64 the tolerant path goes through f64; leave that to it.
                i64::try_from(v)
                    .map(|v| Id(v.to_string()))
                    .map_err(|_| E::custom("id out of range"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Id, E> {
                Ok(Id(String::new()))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

/// A timestamp (see [`lenient::timestamp_millis`]): a number or numeric string, in ms or seconds.
struct Timestamp(Option<i64>);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;
        impl Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp(Some(lenient::millis(v))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                i64::try_from(v)
                    .map(|v| Timestamp(Some(lenient::millis(v))))
                    .map_err(|_| E::custom("timestamp out of range"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "as the tolerant path: timestamps fit i64"
                )]
                Ok(Timestamp(Some(lenient::millis(v as i64))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Ok(Timestamp(v.trim().parse::<i64>().ok().map(lenient::millis)))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Timestamp, E> {
                Ok(Timestamp(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Timestamp, E> {
                Ok(Timestamp(None))
            }
        }
        deserializer.deserialize_any(TimestampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> Vec<(String, Vec<u8>)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/messenger");
        let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("webhook__"))
            })
            .map(|path| {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(path).unwrap())
            })
            .collect();
        out.sort();
        assert!(out.len() >= 20, "webhook fixtures missing: {}", out.len());
        out
    }

    #[test]
    fn equals_the_tolerant_path_on_every_fixture_it_accepts() {
        for (name, raw) in fixtures() {
            let tolerant = super::super::parse_tolerant(&raw).unwrap();
            if let Some(direct) = parse(&raw) {
                assert_eq!(direct, tolerant, "{name}");
            }
        }
    }

    #[test]
    fn documented_shapes_take_the_fast_path() {
        let fast: Vec<String> = fixtures()
            .into_iter()
            .filter(|(_, raw)| parse(raw).is_some())
            .map(|(name, _)| name)
            .collect();
        for name in [
            "webhook__text",
            "webhook__text_emoji_escaped",
            "webhook__text_emoji_raw",
            "webhook__quick_reply",
            "webhook__batched",
            "webhook__echo",
            "webhook__read",
            "webhook__delivery",
            "webhook__reaction",
            "webhook__postback_referral",
            "webhook__policy_enforcement_message_request",
            "webhook__instagram",
            "webhook__dropped_fields",
            "webhook__entry_changes",
        ] {
            assert!(fast.iter().any(|n| n == name), "{name} fell back: {fast:?}");
        }
    }

    #[test]
    fn anything_unusual_falls_back() {
        let unusual: [&[u8]; 10] = [
            // an unknown event key
            br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"future_event":{}}]}]}"#,
            // a malformed known event
            br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"read":"yesterday"}]}]}"#,
            // two event keys
            br#"{"object":"page","entry":[{"id":"1","messaging":[{"message":{"mid":"m"},"read":{"watermark":1}}]}]}"#,
            // a repeated key
            br#"{"object":"page","object":"instagram","entry":[]}"#,
            // an event that is not an object
            br#"{"object":"page","entry":[{"id":"1","messaging":[42]}]}"#,
            // an entry that is not an object
            br#"{"object":"page","entry":[7]}"#,
            // object not a string
            br#"{"object":1,"entry":[]}"#,
            // an id beyond i64
            br#"{"object":"page","entry":[{"id":18446744073709551615,"messaging":[]}]}"#,
            // trailing garbage
            br#"{"object":"page","entry":[]} x"#,
            // not UTF-8
            b"{\"object\":\"p\xffge\",\"entry\":[]}",
        ];
        for raw in unusual {
            assert!(parse(raw).is_none(), "{}", String::from_utf8_lossy(raw));
        }
    }

    #[test]
    fn events_keep_their_channel_order_and_page_id_whatever_the_key_order() {
        let raw = br#"{"entry":[{"standby":[{"sender":{"id":"3"},"timestamp":3,"message":{"mid":"m_3"}}],"messaging":[{"sender":{"id":"1"},"timestamp":1,"message":{"mid":"m_1"}},{"sender":{"id":"2"},"timestamp":2,"read":{"watermark":1}}],"id":"42"},{"id":"43","messaging":null}],"object":"page"}"#;
        let direct = parse(raw).expect("fast path");
        assert_eq!(direct, super::super::parse_tolerant(raw).unwrap());
        let first = &direct.entries[0];
        let channels: Vec<Channel> = first.events.iter().map(|e| e.channel).collect();
        assert_eq!(
            channels,
            [Channel::Messaging, Channel::Messaging, Channel::Standby]
        );
        assert!(first.events.iter().all(|e| e.page_id.0 == "42"));
        assert!(direct.entries[1].events.is_empty());
    }

    #[test]
    fn lenient_envelope_values_match_the_tolerant_path() {
        let raw = br#"{"object":"page","entry":[{"id":108273645928374,"time":"1767225600","standby":[{"sender":{"id":7012},"recipient":null,"timestamp":1767225600.5,"message":{"mid":"m_1","text":"hi"}}],"messaging":[{"sender":{"user_ref":"u"},"timestamp":"1767225614000","postback":{"mid":"m_2","title":"Go","payload":"GO"},"extra":[1,{"a":null}]}],"changes":[]}],"unknown":{"deep":[true]}}"#;
        let direct = parse(raw).expect("fast path");
        assert_eq!(direct, super::super::parse_tolerant(raw).unwrap());
        let events = direct.into_events();
        assert_eq!(events[0].timestamp, Some(1_767_225_600_000));
        assert_eq!(events[0].channel, Channel::Standby);
        assert_eq!(events[1].channel, Channel::Messaging);
    }
}
