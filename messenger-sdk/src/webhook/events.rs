//! Typed webhook events.
//!
//! A body is parsed entry by entry and event by event: an event whose shape is unexpected becomes
//! [`EventKind::Malformed`], an event key this crate does not know becomes [`EventKind::Unknown`],
//! and neither affects the other events of the body.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::{PageId, Psid};
use crate::webhook::lenient;

/// A parsed webhook POST body.
///
/// ```
/// use messenger_sdk::webhook;
///
/// let body = webhook::parse(br#"{"object":"page","entry":[{"id":"1","time":1,"messaging":[]}]}"#).unwrap();
/// assert_eq!(body.object, "page");
/// assert_eq!(body.entries.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookBody {
    /// `page` for Messenger (also `instagram` for Instagram messaging).
    pub object: String,
    /// Every entry, in body order.
    pub entries: Vec<Entry>,
}

/// One `entry` of a body: the events of one Page.
///
/// ```
/// use messenger_sdk::{PageId, webhook};
///
/// let body = webhook::parse(br#"{"object":"page","entry":[{"id":"1","time":1767225600123,"messaging":[]}]}"#).unwrap();
/// assert_eq!(body.entries[0].page_id, PageId::from("1"));
/// assert_eq!(body.entries[0].time, Some(1_767_225_600_123));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Entry {
    /// The Page the events belong to.
    pub page_id: PageId,
    /// When Meta sent the entry (Unix milliseconds), when present.
    pub time: Option<i64>,
    /// The events, `messaging` first then `standby`, each in body order.
    pub events: Vec<Event>,
    /// `changes`: Graph-style change notifications (the dashboard's "Test" button, Page feed
    /// fields), in body order. They are not messaging events, so
    /// [`WebhookBody::into_events`](crate::webhook::WebhookBody::into_events) leaves them out.
    pub changes: Vec<EntryChange>,
}

/// One item of an entry's `changes`: which subscribed field changed, and its value as sent.
///
/// ```
/// use messenger_sdk::webhook;
///
/// let raw = br#"{"object":"page","entry":[{"id":"1","time":1767225600,"changes":[{"field":"feed","value":{"item":"like","verb":"add"}}]}]}"#;
/// let body = webhook::parse(raw).unwrap();
/// let change = &body.entries[0].changes[0];
/// assert_eq!(change.field, "feed");
/// assert_eq!(change.value["verb"], "add");
/// assert!(body.into_events().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EntryChange {
    /// The webhook field (`feed`, `messages` for the dashboard's test, …).
    #[serde(default, with = "lenient::string")]
    pub field: String,
    /// The change itself, as sent (its shape depends on the field).
    #[serde(default)]
    pub value: Value,
}

/// Where an event came from in the entry.
///
/// ```
/// use messenger_sdk::webhook::{self, Channel};
///
/// let raw = br#"{"object":"page","entry":[{"id":"1","standby":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"hi"}}]}]}"#;
/// let event = webhook::parse(raw).unwrap().into_events().remove(0);
/// assert_eq!(event.channel, Channel::Standby, "another app owns the thread");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    /// `entry[].messaging[]`: this app owns the thread.
    Messaging,
    /// `entry[].standby[]`: another app owns the thread; this app only listens.
    Standby,
}

/// Who sent an event: a PSID, or a `user_ref` (checkbox plugin, chat plugin guests).
///
/// ```
/// use messenger_sdk::webhook::Sender;
///
/// let value: Sender = serde_json::from_str(r#"{"user_ref":"ur_1"}"#).unwrap();
/// assert_eq!((value.id, value.user_ref.as_deref()), (None, Some("ur_1")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sender {
    /// The page-scoped id of the person (or of the Page, for echoes).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_string"
    )]
    pub id: Option<Psid>,
    /// A `user_ref`, when the person is not identified by a PSID yet.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_string"
    )]
    pub user_ref: Option<String>,
}

/// The receiving side of an event (normally the Page).
///
/// ```
/// use messenger_sdk::webhook::EventRecipient;
///
/// let value: EventRecipient = serde_json::from_str(r#"{"id":1}"#).unwrap();
/// assert_eq!(value.id.as_deref(), Some("1"), "numbers are read as text");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventRecipient {
    /// The Page (or, for echoes, the person).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_string"
    )]
    pub id: Option<String>,
}

/// One event of a webhook body, with its envelope.
///
/// ```
/// use messenger_sdk::webhook::{self, EventKind};
///
/// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1767225600000,"message":{"mid":"m_1","text":"hi"}}]}]}"#;
/// let event = webhook::parse(raw).unwrap().into_events().remove(0);
/// assert_eq!(event.timestamp, Some(1_767_225_600_000));
/// assert!(matches!(event.kind, EventKind::Message(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// The Page of the entry the event came in.
    pub page_id: PageId,
    /// `messaging` or `standby`.
    pub channel: Channel,
    /// Who sent it; absent on some events (`policy_enforcement`).
    pub sender: Option<Sender>,
    /// Who received it.
    pub recipient: Option<EventRecipient>,
    /// When it happened, Unix milliseconds. Absent on some events (`delivery`); a value in
    /// seconds (as some string timestamps are) is converted to milliseconds.
    pub timestamp: Option<i64>,
    /// What happened.
    pub kind: EventKind,
    /// The message before this one, when it came from outside the thread (`prior_message`:
    /// the checkbox plugin's `user_ref`, say).
    pub prior_message: Option<PriorMessage>,
}

/// `prior_message`: where the conversation began before the person wrote in the thread.
///
/// ```
/// use messenger_sdk::webhook::PriorMessage;
///
/// let value: PriorMessage = serde_json::from_str(r#"{"source":"checkbox_plugin","identifier":"ur_1"}"#).unwrap();
/// assert_eq!((value.source.as_deref(), value.identifier.as_deref()), (Some("checkbox_plugin"), Some("ur_1")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PriorMessage {
    /// `checkbox_plugin`, …
    #[serde(default, with = "lenient::opt_string")]
    pub source: Option<String>,
    /// The id the source knows the person by (the checkbox plugin's `user_ref`).
    #[serde(default, with = "lenient::opt_string")]
    pub identifier: Option<String>,
}

impl Event {
    /// The sender's PSID, when the sender is identified by one.
    ///
    /// ```
    /// use messenger_sdk::{Psid, webhook};
    ///
    /// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"hi"}}]}]}"#;
    /// let event = webhook::parse(raw).unwrap().into_events().remove(0);
    /// assert_eq!(event.sender_psid(), Some(&Psid::from("42")));
    /// ```
    #[must_use]
    pub fn sender_psid(&self) -> Option<&Psid> {
        self.sender.as_ref().and_then(|s| s.id.as_ref())
    }

    /// The id Meta gave the message this event is about (message, echo, postback, reaction,
    /// edit), for de-duplicating redeliveries.
    ///
    /// ```
    /// use messenger_sdk::webhook;
    ///
    /// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"hi"}}]}]}"#;
    /// let event = webhook::parse(raw).unwrap().into_events().remove(0);
    /// assert_eq!(event.message_id(), Some("m_1"));
    /// ```
    #[must_use]
    pub fn message_id(&self) -> Option<&str> {
        match &self.kind {
            EventKind::Message(m) => m.mid.as_deref(),
            EventKind::Postback(p) => p.mid.as_deref(),
            EventKind::Reaction(r) => r.mid.as_deref(),
            EventKind::MessageEdit(e) => e.mid.as_deref(),
            _ => None,
        }
    }

    /// Whether this is an echo of a message the Page itself sent.
    ///
    /// ```
    /// use messenger_sdk::webhook;
    ///
    /// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"1"},"recipient":{"id":"42"},"timestamp":1,"message":{"mid":"m_2","is_echo":true,"text":"gg"}}]}]}"#;
    /// let event = webhook::parse(raw).unwrap().into_events().remove(0);
    /// assert!(event.is_echo(), "the Page's own message: do not answer it");
    /// ```
    #[must_use]
    pub fn is_echo(&self) -> bool {
        matches!(&self.kind, EventKind::Message(m) if m.is_echo)
    }
}

/// The kinds of event, typed by which key the event carries.
///
/// ```
/// use messenger_sdk::webhook::{self, EventKind};
///
/// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"postback":{"mid":"m_2","title":"Get Started","payload":"GET_STARTED"}}]}]}"#;
/// let event = webhook::parse(raw).unwrap().into_events().remove(0);
/// let EventKind::Postback(postback) = &event.kind else { panic!("a postback") };
/// assert_eq!(postback.payload.as_deref(), Some("GET_STARTED"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(
    clippy::large_enum_variant,
    reason = "nearly every event is a message; boxing it would cost an allocation per message \
              and change the `EventKind::Message(m)` pattern callers use"
)]
pub enum EventKind {
    /// `message`: text, attachments, quick-reply taps, and echoes (`is_echo`).
    Message(Message),
    /// `message` with `is_deleted: true` (Instagram): the person unsent a message. Not a
    /// message, and [`Event::message_id`] leaves it out (its `mid` is the unsent message's, so
    /// de-duplicating on it would drop the unsend as a redelivery).
    MessageDeleted(MessageDeleted),
    /// `read`: everything up to `watermark` was read.
    Read(Read),
    /// `delivery`: messages were delivered.
    Delivery(Delivery),
    /// `postback`: a postback button, Get Started or a persistent-menu item was tapped.
    Postback(Postback),
    /// `referral`: the person came through an m.me link, an ad, a QR code…
    Referral(Referral),
    /// `optin`: a plugin opt-in or a notification-messages subscription.
    Optin(Optin),
    /// `reaction`: a reaction added to or removed from a message.
    Reaction(Reaction),
    /// `message_edit`: a message was edited.
    MessageEdit(MessageEdit),
    /// `pass_thread_control`: another app passed the thread to this one.
    PassThreadControl(PassThreadControl),
    /// `take_thread_control`: another app took the thread.
    TakeThreadControl(TakeThreadControl),
    /// `request_thread_control`: another app asks for the thread.
    RequestThreadControl(RequestThreadControl),
    /// `app_roles`: this app's roles changed.
    AppRoles(AppRoles),
    /// `account_linking`: the person linked or unlinked an account.
    AccountLinking(AccountLinking),
    /// `policy_enforcement` (older bodies write `policy-enforcement`): Meta warned, blocked or
    /// unblocked the Page.
    PolicyEnforcement(PolicyEnforcement),
    /// `message_request`: the person accepted the Page's message request.
    MessageRequest(MessageRequest),
    /// `game_play`: an Instant Game round ended.
    GamePlay(GamePlay),
    /// An event key this crate does not know, with the whole raw event.
    Unknown(Value),
    /// A known event key whose content did not have the expected shape.
    Malformed {
        /// The event key (`message`, `read`, …).
        key: String,
        /// What did not fit.
        error: String,
        /// The whole raw event.
        raw: Value,
    },
}

impl EventKind {
    /// The event key this kind comes from (`"message"`, …; `"message_deleted"` for an unsent
    /// message, `"unknown"` for unknown events).
    ///
    /// ```
    /// use messenger_sdk::webhook;
    ///
    /// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"read":{"watermark":1}}]}]}"#;
    /// let event = webhook::parse(raw).unwrap().into_events().remove(0);
    /// assert_eq!(event.kind.key(), "read");
    /// ```
    #[must_use]
    pub fn key(&self) -> &str {
        match self {
            Self::Message(_) => "message",
            Self::MessageDeleted(_) => "message_deleted",
            Self::Read(_) => "read",
            Self::Delivery(_) => "delivery",
            Self::Postback(_) => "postback",
            Self::Referral(_) => "referral",
            Self::Optin(_) => "optin",
            Self::Reaction(_) => "reaction",
            Self::MessageEdit(_) => "message_edit",
            Self::PassThreadControl(_) => "pass_thread_control",
            Self::TakeThreadControl(_) => "take_thread_control",
            Self::RequestThreadControl(_) => "request_thread_control",
            Self::AppRoles(_) => "app_roles",
            Self::AccountLinking(_) => "account_linking",
            Self::PolicyEnforcement(_) => "policy_enforcement",
            Self::MessageRequest(_) => "message_request",
            Self::GamePlay(_) => "game_play",
            Self::Unknown(_) => "unknown",
            Self::Malformed { key, .. } => key,
        }
    }
}

/// A message a person sent (or, with `is_echo`, one the Page sent).
///
/// ```
/// use messenger_sdk::webhook::Message;
///
/// let value: Message = serde_json::from_str(r#"{"mid":"m_1","text":"gg","quick_reply":{"payload":"HEROES"}}"#).unwrap();
/// assert_eq!(value.text.as_deref(), Some("gg"));
/// assert_eq!(value.quick_reply.map(|q| q.payload).as_deref(), Some("HEROES"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// Message id.
    #[serde(default, with = "lenient::opt_string")]
    pub mid: Option<String>,
    /// The text, when there is any.
    #[serde(default, with = "lenient::opt_string")]
    pub text: Option<String>,
    /// Set when the person tapped a quick reply.
    #[serde(default)]
    pub quick_reply: Option<QuickReplyTap>,
    /// The message this one replies to.
    #[serde(default)]
    pub reply_to: Option<ReplyTo>,
    /// Attachments (images, files, locations, shared posts…).
    #[serde(default, with = "lenient::vec")]
    pub attachments: Vec<Attachment>,
    /// Whether this is an echo of the Page's own message.
    #[serde(default, with = "lenient::bool")]
    pub is_echo: bool,
    /// For echoes: the app that sent the message.
    #[serde(default, with = "lenient::opt_string")]
    pub app_id: Option<String>,
    /// For echoes: the `metadata` sent with the message.
    #[serde(default, with = "lenient::opt_string")]
    pub metadata: Option<String>,
    /// For stickers: the sticker id.
    #[serde(default, with = "lenient::opt_string")]
    pub sticker_id: Option<String>,
    /// A referral attached to the first message of a thread.
    #[serde(default)]
    pub referral: Option<Referral>,
    /// Bot commands the person used (`/command`).
    #[serde(default, with = "lenient::vec")]
    pub commands: Vec<Command>,
    /// What Meta's built-in NLP found in the text (`entities`, `detected_locales`, …), as sent:
    /// its shape depends on the Page's NLP settings and has changed over the years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nlp: Option<Value>,
    /// `tags` (e.g. `[{"source": "customer_chat_plugin"}]` on chat-plugin messages), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value>,
    /// `is_deleted` (Instagram unsend): read into [`EventKind::MessageDeleted`], never a message.
    #[serde(default, with = "lenient::bool", skip_serializing)]
    pub(crate) is_deleted: bool,
}

/// An unsent Instagram message (`message.is_deleted: true`).
///
/// ```
/// use messenger_sdk::webhook::{self, EventKind};
///
/// let raw = br#"{"object":"instagram","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"aWdf_1","is_deleted":true}}]}]}"#;
/// let event = webhook::parse(raw).unwrap().into_events().remove(0);
/// let EventKind::MessageDeleted(deleted) = &event.kind else { panic!("an unsend") };
/// assert_eq!(deleted.mid.as_deref(), Some("aWdf_1"));
/// assert_eq!(event.message_id(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageDeleted {
    /// The message that was unsent.
    #[serde(default, with = "lenient::opt_string")]
    pub mid: Option<String>,
}

impl EventKind {
    /// A decoded `message`: an unsend when `is_deleted`, else the message.
    pub(crate) fn from_message(message: Message) -> Self {
        if message.is_deleted {
            Self::MessageDeleted(MessageDeleted { mid: message.mid })
        } else {
            Self::Message(message)
        }
    }
}

/// The payload of a tapped quick reply.
///
/// ```
/// use messenger_sdk::webhook::QuickReplyTap;
///
/// let value: QuickReplyTap = serde_json::from_str(r#"{"payload":"MODE_RANKED"}"#).unwrap();
/// assert_eq!(value.payload, "MODE_RANKED");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuickReplyTap {
    /// The payload the quick reply was sent with (or the phone number / email for those kinds).
    #[serde(default, with = "lenient::string")]
    pub payload: String,
}

/// What a message replies to.
///
/// ```
/// use messenger_sdk::webhook::ReplyTo;
///
/// let value: ReplyTo = serde_json::from_str(r#"{"mid":"m_0"}"#).unwrap();
/// assert_eq!(value.mid.as_deref(), Some("m_0"));
/// assert!(!value.is_self_reply);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReplyTo {
    /// The message replied to.
    #[serde(default, with = "lenient::opt_string")]
    pub mid: Option<String>,
    /// Whether the person replied to their own message.
    #[serde(default, with = "lenient::bool")]
    pub is_self_reply: bool,
    /// The story replied to (Instagram story replies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<StoryRef>,
}

/// An Instagram story a message replies to.
///
/// ```
/// use messenger_sdk::webhook::ReplyTo;
///
/// let value: ReplyTo = serde_json::from_str(r#"{"story":{"id":"1790","url":"https://x.test/s.mp4"}}"#).unwrap();
/// let story = value.story.unwrap();
/// assert_eq!((story.id.as_deref(), story.url.as_deref()), (Some("1790"), Some("https://x.test/s.mp4")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StoryRef {
    /// The story's id.
    #[serde(default, with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Where the story's media can be fetched (expires with the story).
    #[serde(default, with = "lenient::opt_string")]
    pub url: Option<String>,
}

/// A bot command.
///
/// ```
/// use messenger_sdk::webhook::Command;
///
/// let value: Command = serde_json::from_str(r#"{"name":"flights"}"#).unwrap();
/// assert_eq!(value.name, "flights");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Command {
    /// The command's name.
    #[serde(default, with = "lenient::string")]
    pub name: String,
}

/// An attachment of an incoming message, typed by its `type`.
///
/// ```
/// use messenger_sdk::webhook::Attachment;
///
/// let value: Attachment = serde_json::from_str(r#"{"type":"location","payload":{"coordinates":{"lat":59.3,"long":18.1}},"title":"Pinned Location"}"#).unwrap();
/// assert_eq!(value.kind(), "location");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Attachment {
    /// `image`.
    Image(MediaPayload),
    /// `audio`.
    Audio(MediaPayload),
    /// `video`.
    Video(MediaPayload),
    /// `file`.
    File(MediaPayload),
    /// `sticker`.
    Sticker(MediaPayload),
    /// `reel` (a shared Facebook reel).
    Reel(MediaPayload),
    /// `ig_reel` (a shared Instagram reel).
    IgReel(MediaPayload),
    /// `post` (a shared Facebook post).
    Post(MediaPayload),
    /// `ig_post` (a shared Instagram post).
    IgPost(MediaPayload),
    /// `story_mention` (Instagram: the person mentioned the account in their story; `url` is
    /// the story's media, a CDN link that expires).
    StoryMention(MediaPayload),
    /// `share` (Instagram: a shared post).
    Share(MediaPayload),
    /// `like_heart` (Instagram: the heart sticker, no payload).
    LikeHeart,
    /// `location` (legacy shape with coordinates).
    Location {
        /// Title, e.g. `Pinned Location`.
        title: Option<String>,
        /// Latitude.
        lat: Option<f64>,
        /// Longitude.
        long: Option<f64>,
    },
    /// `fallback`: a shared link or content Messenger cannot show.
    Fallback {
        /// Title of the shared content.
        title: Option<String>,
        /// Its URL.
        url: Option<String>,
        /// The payload, when there is one.
        payload: Option<Value>,
    },
    /// `template` (in echoes of template messages).
    Template {
        /// The template's title, when the echo carries one (receipts, generic templates).
        title: Option<String>,
        /// The attachment's `url`, when set.
        url: Option<String>,
        /// The template as sent (`template_type`, elements, buttons, …).
        payload: Value,
    },
    /// A type this crate does not know, kept whole.
    Other {
        /// The `type` value.
        kind: String,
        /// The whole attachment object.
        raw: Value,
    },
}

impl Attachment {
    /// The attachment's `type` as Meta names it.
    ///
    /// ```
    /// use messenger_sdk::webhook::{self, EventKind};
    ///
    /// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","attachments":[{"type":"image","payload":{"url":"https://x.test/a.png"}}]}}]}]}"#;
    /// let event = webhook::parse(raw).unwrap().into_events().remove(0);
    /// let EventKind::Message(message) = &event.kind else { panic!("a message") };
    /// assert_eq!(message.attachments[0].kind(), "image");
    /// ```
    #[must_use]
    pub fn kind(&self) -> &str {
        match self {
            Self::Image(_) => "image",
            Self::Audio(_) => "audio",
            Self::Video(_) => "video",
            Self::File(_) => "file",
            Self::Sticker(_) => "sticker",
            Self::Reel(_) => "reel",
            Self::IgReel(_) => "ig_reel",
            Self::Post(_) => "post",
            Self::IgPost(_) => "ig_post",
            Self::StoryMention(_) => "story_mention",
            Self::Share(_) => "share",
            Self::LikeHeart => "like_heart",
            Self::Location { .. } => "location",
            Self::Fallback { .. } => "fallback",
            Self::Template { .. } => "template",
            Self::Other { kind, .. } => kind,
        }
    }

    fn from_value(value: Value) -> Self {
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let payload = value.get("payload").cloned().unwrap_or(Value::Null);
        let media = || serde_json::from_value::<MediaPayload>(payload.clone()).unwrap_or_default();
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
        match kind.as_str() {
            "image" => Self::Image(media()),
            "audio" => Self::Audio(media()),
            "video" => Self::Video(media()),
            "file" => Self::File(media()),
            "sticker" => Self::Sticker(media()),
            "reel" => Self::Reel(media()),
            "ig_reel" => Self::IgReel(media()),
            "post" => Self::Post(media()),
            "ig_post" => Self::IgPost(media()),
            "story_mention" => Self::StoryMention(media()),
            "share" => Self::Share(media()),
            "like_heart" if payload.is_null() => Self::LikeHeart,
            "location" => {
                let coords = payload.get("coordinates");
                let num = |key: &str| coords.and_then(|c| c.get(key)).and_then(Value::as_f64);
                Self::Location {
                    title: text(&value, "title"),
                    lat: num("lat"),
                    long: num("long"),
                }
            }
            "fallback" => Self::Fallback {
                title: text(&value, "title").or_else(|| text(&payload, "title")),
                url: text(&value, "URL")
                    .or_else(|| text(&value, "url"))
                    .or_else(|| text(&payload, "url")),
                payload: (!payload.is_null()).then_some(payload),
            },
            "template" => Self::Template {
                title: text(&value, "title"),
                url: text(&value, "url"),
                payload,
            },
            _ => Self::Other { kind, raw: value },
        }
    }
}

impl Attachment {
    /// The attachment in the shape Meta sends it (`{"type": …, "payload": …}`).
    ///
    /// ```
    /// use messenger_sdk::webhook::{self, EventKind};
    ///
    /// let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","attachments":[{"type":"image","payload":{"url":"https://x.test/a.png"}}]}}]}]}"#;
    /// let event = webhook::parse(raw).unwrap().into_events().remove(0);
    /// let EventKind::Message(message) = &event.kind else { panic!("a message") };
    /// let value = message.attachments[0].to_value();
    /// assert_eq!(value["type"], "image");
    /// assert_eq!(value["payload"]["url"], "https://x.test/a.png");
    /// ```
    #[must_use]
    pub fn to_value(&self) -> Value {
        let media = |p: &MediaPayload| serde_json::to_value(p).unwrap_or(Value::Null);
        let mut out = Map::new();
        out.insert("type".to_owned(), Value::String(self.kind().to_owned()));
        match self {
            Self::Image(p)
            | Self::Audio(p)
            | Self::Video(p)
            | Self::File(p)
            | Self::Sticker(p)
            | Self::Reel(p)
            | Self::IgReel(p)
            | Self::Post(p)
            | Self::IgPost(p)
            | Self::StoryMention(p)
            | Self::Share(p) => {
                out.insert("payload".to_owned(), media(p));
            }
            Self::LikeHeart => {}
            Self::Location { title, lat, long } => {
                if let Some(title) = title {
                    out.insert("title".to_owned(), Value::String(title.clone()));
                }
                out.insert(
                    "payload".to_owned(),
                    serde_json::json!({ "coordinates": { "lat": lat, "long": long } }),
                );
            }
            Self::Fallback {
                title,
                url,
                payload,
            } => {
                insert_text(&mut out, "title", title.as_deref());
                insert_text(&mut out, "URL", url.as_deref());
                out.insert("payload".to_owned(), payload.clone().unwrap_or(Value::Null));
            }
            Self::Template {
                title,
                url,
                payload,
            } => {
                insert_text(&mut out, "title", title.as_deref());
                insert_text(&mut out, "url", url.as_deref());
                out.insert("payload".to_owned(), payload.clone());
            }
            Self::Other { raw, .. } => return raw.clone(),
        }
        Value::Object(out)
    }
}

/// Sets `key` to `text` when there is one.
fn insert_text(out: &mut Map<String, Value>, key: &str, text: Option<&str>) {
    if let Some(text) = text {
        out.insert(key.to_owned(), Value::String(text.to_owned()));
    }
}

impl Serialize for Attachment {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Attachment {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        Value::deserialize(deserializer).map(Self::from_value)
    }
}

/// The payload of a media attachment. Which fields are set depends on the type.
///
/// ```
/// use messenger_sdk::webhook::MediaPayload;
///
/// let value: MediaPayload = serde_json::from_str(r#"{"url":"https://x.test/a.png","sticker_id":369239263222822}"#).unwrap();
/// assert_eq!(value.sticker_id.as_deref(), Some("369239263222822"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct MediaPayload {
    /// Where the media can be downloaded (expires after a while).
    #[serde(default, with = "lenient::opt_string")]
    pub url: Option<String>,
    /// Title (shared posts, reels).
    #[serde(default, with = "lenient::opt_string")]
    pub title: Option<String>,
    /// Sticker id (stickers).
    #[serde(default, with = "lenient::opt_string")]
    pub sticker_id: Option<String>,
    /// Reel video id (reels).
    #[serde(default, with = "lenient::opt_string")]
    pub reel_video_id: Option<String>,
    /// Shared post or media id.
    #[serde(default, with = "lenient::opt_string")]
    pub id: Option<String>,
}

/// `read`.
///
/// ```
/// use messenger_sdk::webhook::Read;
///
/// let value: Read = serde_json::from_str(r#"{"watermark":1767225600000}"#).unwrap();
/// assert_eq!(value.watermark, Some(1_767_225_600_000));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Read {
    /// Every message sent at or before this time (Unix ms) was read (Messenger).
    #[serde(default, with = "lenient::opt_i64")]
    pub watermark: Option<i64>,
    /// The message that was seen (Instagram's `messaging_seen`, which has no watermark).
    #[serde(default, with = "lenient::opt_string")]
    pub mid: Option<String>,
}

/// `delivery`.
///
/// ```
/// use messenger_sdk::webhook::Delivery;
///
/// let value: Delivery = serde_json::from_str(r#"{"mids":["m_1"],"watermark":1767225600000}"#).unwrap();
/// assert_eq!(value.mids, ["m_1"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Delivery {
    /// The delivered messages (may be absent).
    #[serde(default, with = "lenient::vec_string")]
    pub mids: Vec<String>,
    /// Every message sent at or before this time (Unix ms) was delivered.
    #[serde(default, with = "lenient::opt_i64")]
    pub watermark: Option<i64>,
}

/// `postback`.
///
/// ```
/// use messenger_sdk::webhook::Postback;
///
/// let value: Postback = serde_json::from_str(r#"{"title":"Recent","payload":"RECENT:86745912"}"#).unwrap();
/// assert_eq!(value.payload.as_deref(), Some("RECENT:86745912"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Postback {
    /// Message id of the postback.
    #[serde(default, with = "lenient::opt_string")]
    pub mid: Option<String>,
    /// The button's title.
    #[serde(default, with = "lenient::opt_string")]
    pub title: Option<String>,
    /// The button's payload (only sent to the app that created the button).
    #[serde(default, with = "lenient::opt_string")]
    pub payload: Option<String>,
    /// How the person got here (Get Started with an m.me ref, say).
    #[serde(default)]
    pub referral: Option<Referral>,
}

/// `referral`, also inside postbacks and first messages.
///
/// ```
/// use messenger_sdk::webhook::Referral;
///
/// let value: Referral = serde_json::from_str(r#"{"ref":"promo","source":"SHORTLINK","type":"OPEN_THREAD"}"#).unwrap();
/// assert_eq!((value.ref_.as_deref(), value.kind.as_deref()), (Some("promo"), Some("OPEN_THREAD")));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Referral {
    /// The `ref` parameter of the link.
    #[serde(default, rename = "ref", with = "lenient::opt_string")]
    pub ref_: Option<String>,
    /// `SHORTLINK`, `ADS`, `MESSENGER_CODE`, `CUSTOMER_CHAT_PLUGIN`, …
    #[serde(default, with = "lenient::opt_string")]
    pub source: Option<String>,
    /// `OPEN_THREAD`.
    #[serde(default, rename = "type", with = "lenient::opt_string")]
    pub kind: Option<String>,
    /// The ad, for `ADS` referrals.
    #[serde(default, with = "lenient::opt_string")]
    pub ad_id: Option<String>,
    /// Details of the ad.
    #[serde(default)]
    pub ads_context_data: Option<Value>,
    /// The page the chat plugin was on.
    #[serde(default, with = "lenient::opt_string")]
    pub referer_uri: Option<String>,
    /// The site the chat plugin was on (`CUSTOMER_CHAT_PLUGIN` referrals).
    #[serde(default, with = "lenient::opt_string")]
    pub origin_domain: Option<String>,
}

/// `optin`.
///
/// ```
/// use messenger_sdk::webhook::Optin;
///
/// let value: Optin = serde_json::from_str(r#"{"type":"notification_messages","payload":"WEEKLY_STATS","notification_messages_token":"tok"}"#).unwrap();
/// assert_eq!(value.notification_messages_token.as_deref(), Some("tok"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Optin {
    /// `notification_messages` for recurring notifications; absent for plugin opt-ins.
    #[serde(default, rename = "type", with = "lenient::opt_string")]
    pub kind: Option<String>,
    /// The payload of the opt-in request.
    #[serde(default, with = "lenient::opt_string")]
    pub payload: Option<String>,
    /// The `data-ref` of a Send-to-Messenger plugin.
    #[serde(default, rename = "ref", with = "lenient::opt_string")]
    pub ref_: Option<String>,
    /// A `user_ref` of the checkbox plugin.
    #[serde(default, with = "lenient::opt_string")]
    pub user_ref: Option<String>,
    /// The token to send notification messages with.
    #[serde(default, with = "lenient::opt_string")]
    pub notification_messages_token: Option<String>,
    /// `DAILY`, `WEEKLY`, `MONTHLY`.
    #[serde(default, with = "lenient::opt_string")]
    pub notification_messages_frequency: Option<String>,
    /// The person's timezone.
    #[serde(default, with = "lenient::opt_string")]
    pub notification_messages_timezone: Option<String>,
    /// When the token expires (Unix ms).
    #[serde(default, with = "lenient::opt_i64")]
    pub token_expiry_timestamp: Option<i64>,
    /// `REFRESHED` or `NOT_REFRESHED`.
    #[serde(default, with = "lenient::opt_string")]
    pub user_token_status: Option<String>,
    /// `STOP_NOTIFICATIONS` or `RESUME_NOTIFICATIONS`.
    #[serde(default, with = "lenient::opt_string")]
    pub notification_messages_status: Option<String>,
    /// Title of the opt-in request.
    #[serde(default, with = "lenient::opt_string")]
    pub title: Option<String>,
}

/// `reaction`.
///
/// ```
/// use messenger_sdk::webhook::Reaction;
///
/// let value: Reaction = serde_json::from_str(r#"{"reaction":"love","emoji":"❤️","action":"react","mid":"m_1"}"#).unwrap();
/// assert_eq!(value.emoji.as_deref(), Some("❤️"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reaction {
    /// `smile`, `angry`, `sad`, `wow`, `love`, `like`, `dislike`, `other`.
    #[serde(default, with = "lenient::opt_string")]
    pub reaction: Option<String>,
    /// The emoji itself.
    #[serde(default, with = "lenient::opt_string")]
    pub emoji: Option<String>,
    /// `react` or `unreact`.
    #[serde(default, with = "lenient::opt_string")]
    pub action: Option<String>,
    /// The message reacted to.
    #[serde(default, with = "lenient::opt_string")]
    pub mid: Option<String>,
}

/// `message_edit`.
///
/// ```
/// use messenger_sdk::webhook::MessageEdit;
///
/// let value: MessageEdit = serde_json::from_str(r#"{"mid":"m_1","text":"gg wp","num_edit":1}"#).unwrap();
/// assert_eq!(value.num_edit, Some(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageEdit {
    /// The edited message.
    #[serde(default, with = "lenient::opt_string")]
    pub mid: Option<String>,
    /// Its new text.
    #[serde(default, with = "lenient::opt_string")]
    pub text: Option<String>,
    /// How many times it has been edited.
    #[serde(default, with = "lenient::opt_i64")]
    pub num_edit: Option<i64>,
}

/// `pass_thread_control`.
///
/// ```
/// use messenger_sdk::webhook::PassThreadControl;
///
/// let value: PassThreadControl = serde_json::from_str(r#"{"new_owner_app_id":"123","metadata":"handover"}"#).unwrap();
/// assert_eq!(value.new_owner_app_id.as_deref(), Some("123"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PassThreadControl {
    /// The app that now owns the thread.
    #[serde(default, with = "lenient::opt_string")]
    pub new_owner_app_id: Option<String>,
    /// The app that owned it (`None`: the thread was idle).
    #[serde(default, with = "lenient::opt_string")]
    pub previous_owner_app_id: Option<String>,
    /// Metadata passed along.
    #[serde(default, with = "lenient::opt_string")]
    pub metadata: Option<String>,
}

/// `take_thread_control`.
///
/// ```
/// use messenger_sdk::webhook::TakeThreadControl;
///
/// let value: TakeThreadControl = serde_json::from_str(r#"{"previous_owner_app_id":"123","new_owner_app_id":"263902037430900"}"#).unwrap();
/// assert_eq!(value.previous_owner_app_id.as_deref(), Some("123"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TakeThreadControl {
    /// The app that had the thread.
    #[serde(default, with = "lenient::opt_string")]
    pub previous_owner_app_id: Option<String>,
    /// The app that took it.
    #[serde(default, with = "lenient::opt_string")]
    pub new_owner_app_id: Option<String>,
    /// Metadata passed along.
    #[serde(default, with = "lenient::opt_string")]
    pub metadata: Option<String>,
}

/// `request_thread_control`.
///
/// ```
/// use messenger_sdk::webhook::RequestThreadControl;
///
/// let value: RequestThreadControl = serde_json::from_str(r#"{"requested_owner_app_id":"123"}"#).unwrap();
/// assert_eq!(value.requested_owner_app_id.as_deref(), Some("123"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RequestThreadControl {
    /// The app asking for the thread.
    #[serde(default, with = "lenient::opt_string")]
    pub requested_owner_app_id: Option<String>,
    /// Metadata passed along.
    #[serde(default, with = "lenient::opt_string")]
    pub metadata: Option<String>,
}

/// `app_roles`: app id → roles (`primary_receiver`, `secondary_receiver`).
///
/// ```
/// use messenger_sdk::webhook::AppRoles;
///
/// let value: AppRoles = serde_json::from_str(r#"{"123":["primary_receiver"]}"#).unwrap();
/// assert_eq!(value.0["123"], ["primary_receiver"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct AppRoles(pub std::collections::BTreeMap<String, Vec<String>>);

/// `account_linking`.
///
/// ```
/// use messenger_sdk::webhook::AccountLinking;
///
/// let value: AccountLinking = serde_json::from_str(r#"{"status":"linked","authorization_code":"code"}"#).unwrap();
/// assert_eq!(value.status.as_deref(), Some("linked"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountLinking {
    /// `linked` or `unlinked`.
    #[serde(default, with = "lenient::opt_string")]
    pub status: Option<String>,
    /// The code passed when linking (only when `linked`).
    #[serde(default, with = "lenient::opt_string")]
    pub authorization_code: Option<String>,
}

/// `policy_enforcement`.
///
/// ```
/// use messenger_sdk::webhook::PolicyEnforcement;
///
/// let value: PolicyEnforcement = serde_json::from_str(r#"{"action":"block","reason":"spam"}"#).unwrap();
/// assert_eq!(value.action.as_deref(), Some("block"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyEnforcement {
    /// `warning`, `block` or `unblock`.
    #[serde(default, with = "lenient::opt_string")]
    pub action: Option<String>,
    /// Why (absent on `unblock`).
    #[serde(default, with = "lenient::opt_string")]
    pub reason: Option<String>,
}

/// `message_request`: what the person did with a message request (`"accept"`).
///
/// ```
/// use messenger_sdk::webhook::MessageRequest;
///
/// let value: MessageRequest = serde_json::from_str(r#""accept""#).unwrap();
/// assert_eq!(value, MessageRequest::Accept);
/// let value: MessageRequest = serde_json::from_str(r#""ignore""#).unwrap();
/// assert_eq!(value, MessageRequest::Other("ignore".to_owned()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MessageRequest {
    /// The person accepted the request: the Page may now message them.
    Accept,
    /// A value this crate does not know yet.
    #[serde(untagged)]
    Other(String),
}

/// `game_play`.
///
/// ```
/// use messenger_sdk::webhook::GamePlay;
///
/// let value: GamePlay = serde_json::from_str(r#"{"game_id":"1","player_id":"2","context_type":"SOLO","score":120}"#).unwrap();
/// assert_eq!(value.score, Some(serde_json::json!(120)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GamePlay {
    /// The game's app id.
    #[serde(default, with = "lenient::opt_string")]
    pub game_id: Option<String>,
    /// The player's Instant Games id.
    #[serde(default, with = "lenient::opt_string")]
    pub player_id: Option<String>,
    /// `SOLO`, `THREAD` or `GROUP`.
    #[serde(default, with = "lenient::opt_string")]
    pub context_type: Option<String>,
    /// The context id (for threads and groups).
    #[serde(default, with = "lenient::opt_string")]
    pub context_id: Option<String>,
    /// The score.
    #[serde(default)]
    pub score: Option<Value>,
    /// The game's payload.
    #[serde(default, with = "lenient::opt_string")]
    pub payload: Option<String>,
}

/// Event keys in the order they are looked for.
const EVENT_KEYS: &[&str] = &[
    "message",
    "postback",
    "read",
    "delivery",
    "reaction",
    "message_edit",
    "referral",
    "optin",
    "pass_thread_control",
    "take_thread_control",
    "request_thread_control",
    "app_roles",
    "account_linking",
    "policy_enforcement",
    "policy-enforcement",
    "game_play",
    "message_request",
];

impl Event {
    /// Types one raw event object. Never fails: see [`EventKind::Unknown`] and
    /// [`EventKind::Malformed`].
    pub(crate) fn from_value(page_id: &PageId, channel: Channel, raw: Value) -> Self {
        let Value::Object(map) = raw else {
            return Self {
                page_id: page_id.clone(),
                channel,
                sender: None,
                recipient: None,
                timestamp: None,
                prior_message: None,
                kind: EventKind::Malformed {
                    key: "event".to_owned(),
                    error: "an event must be a JSON object".to_owned(),
                    raw,
                },
            };
        };
        let sender = map.get("sender").and_then(|v| Sender::deserialize(v).ok());
        let recipient = map
            .get("recipient")
            .and_then(|v| EventRecipient::deserialize(v).ok());
        let timestamp = map.get("timestamp").and_then(lenient::timestamp_millis);
        let prior_message = map
            .get("prior_message")
            .and_then(|v| PriorMessage::deserialize(v).ok());
        let kind = typed_kind(map);
        Self {
            page_id: page_id.clone(),
            channel,
            sender,
            recipient,
            timestamp,
            kind,
            prior_message,
        }
    }
}

fn typed_kind(map: Map<String, Value>) -> EventKind {
    let Some(key) = EVENT_KEYS.iter().copied().find(|k| map.contains_key(*k)) else {
        return EventKind::Unknown(Value::Object(map));
    };
    let content = &map[key];
    let parsed = match key {
        "message" => Message::deserialize(content).map(EventKind::from_message),
        "postback" => Postback::deserialize(content).map(EventKind::Postback),
        "read" => Read::deserialize(content).map(EventKind::Read),
        "delivery" => Delivery::deserialize(content).map(EventKind::Delivery),
        "reaction" => Reaction::deserialize(content).map(EventKind::Reaction),
        "message_edit" => MessageEdit::deserialize(content).map(EventKind::MessageEdit),
        "referral" => Referral::deserialize(content).map(EventKind::Referral),
        "optin" => Optin::deserialize(content).map(EventKind::Optin),
        "pass_thread_control" => {
            PassThreadControl::deserialize(content).map(EventKind::PassThreadControl)
        }
        "take_thread_control" => {
            TakeThreadControl::deserialize(content).map(EventKind::TakeThreadControl)
        }
        "request_thread_control" => {
            RequestThreadControl::deserialize(content).map(EventKind::RequestThreadControl)
        }
        "app_roles" => AppRoles::deserialize(content).map(EventKind::AppRoles),
        "account_linking" => AccountLinking::deserialize(content).map(EventKind::AccountLinking),
        "policy_enforcement" | "policy-enforcement" => {
            PolicyEnforcement::deserialize(content).map(EventKind::PolicyEnforcement)
        }
        "message_request" => MessageRequest::deserialize(content).map(EventKind::MessageRequest),
        _ => GamePlay::deserialize(content).map(EventKind::GamePlay),
    };
    parsed.unwrap_or_else(|e| EventKind::Malformed {
        key: key.to_owned(),
        error: e.to_string(),
        raw: Value::Object(map.clone()),
    })
}
