#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
//! Webhook bodies as Meta sends them (fixtures are the exact bytes): signatures over the raw
//! bytes, and the typed events of every kind.

use std::collections::BTreeSet;

use hmac::{Hmac, KeyInit, Mac};
use messenger_sdk::webhook::{
    self, Attachment, Channel, Event, EventKind, SignatureError, SignatureVerifier, WebhookBody,
};
use serde_json::{Value, json};
use sha1::Sha1;
use sha2::Sha256;

const SECRET: &str = "fixture-app-secret";

macro_rules! fixtures {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../fixtures/messenger/webhook__", $name, ".json")))),*]
    };
}

/// Every webhook fixture, by case name, as raw bytes.
const FIXTURES: &[(&str, &[u8])] = fixtures![
    "text",
    "text_emoji_escaped",
    "text_emoji_raw",
    "quick_reply",
    "postback_referral",
    "image_reply_to",
    "location",
    "fallback_sticker",
    "echo",
    "echo_template",
    "read",
    "delivery",
    "reaction",
    "referral_ad",
    "batched",
    "standby_handover",
    "forward_compat",
    "optin_notification_messages",
    "handover_take_request_roles",
    "account_linking",
    "game_play",
    "media_attachments",
    "malformed_event",
    "lenient",
    "policy_enforcement_message_request",
    "instagram",
    "dropped_fields",
    "entry_changes",
];

fn raw(name: &str) -> &'static [u8] {
    FIXTURES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .1
}

fn events(name: &str) -> Vec<Event> {
    webhook::parse(raw(name)).unwrap().into_events()
}

fn hmac_sha256_hex(key: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

fn message(event: &Event) -> &webhook::Message {
    match &event.kind {
        EventKind::Message(m) => m,
        other => panic!("expected a message, got {other:?}"),
    }
}

fn psid(event: &Event) -> &str {
    event.sender_psid().unwrap().as_str()
}

// ---------------------------------------------------------------------------------------------
// Signatures

#[test]
fn fixtures_are_exact_bytes() {
    for (name, raw) in FIXTURES {
        assert!(
            !raw.ends_with(b"\n"),
            "{name} ends with a newline nobody sent"
        );
        assert!(
            raw.starts_with(b"{\"object\":\"page\"")
                || raw.starts_with(b"{\"object\":\"instagram\""),
            "{name}"
        );
        serde_json::from_slice::<Value>(raw).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"));
    }
    assert!(
        raw("text_emoji_escaped").is_ascii(),
        "the escaped body is pure ASCII, as Meta sends it"
    );
    assert!(!raw("text_emoji_raw").is_ascii());
}

#[test]
fn every_fixture_verifies_over_its_raw_bytes() {
    let verifier = SignatureVerifier::new(SECRET);
    for (name, raw) in FIXTURES {
        let header = verifier.sign(raw);
        assert_eq!(
            header,
            format!("sha256={}", hmac_sha256_hex(SECRET, raw)),
            "{name}"
        );
        let hex_part = header.strip_prefix("sha256=").unwrap();
        assert_eq!(hex_part.len(), 64);
        assert!(
            hex_part
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "lowercase hex"
        );
        assert_eq!(verifier.verify(raw, Some(&header)), Ok(()), "{name}");
        // What Meta would send for the same body is accepted through the generic entry too.
        assert_eq!(
            verifier.verify_headers(raw, Some(&header), None),
            Ok(()),
            "{name}"
        );
    }
}

#[test]
fn wrong_secret_is_a_mismatch() {
    for (name, raw) in FIXTURES {
        let header = SignatureVerifier::new("another-app-secret").sign(raw);
        assert_eq!(
            SignatureVerifier::new(SECRET).verify(raw, Some(&header)),
            Err(SignatureError::Mismatch),
            "{name}"
        );
    }
}

#[test]
fn missing_header_is_missing() {
    let verifier = SignatureVerifier::new(SECRET);
    for (name, raw) in FIXTURES {
        assert_eq!(
            verifier.verify(raw, None),
            Err(SignatureError::Missing),
            "{name}"
        );
    }
}

#[test]
fn malformed_headers_are_malformed() {
    let verifier = SignatureVerifier::new(SECRET);
    let raw = raw("text");
    let good = verifier.sign(raw);
    let hex_part = good.strip_prefix("sha256=").unwrap();
    let sha1_style = format!("sha1={}", &hex_part[..40]);
    let truncated = good[..good.len() - 2].to_owned();
    let not_hex = format!("sha256={}zz", &hex_part[..62]);
    let no_prefix = hex_part.to_owned();
    let longer = format!("{good}00");
    for bad in [
        "",
        "sha256=",
        "sha256",
        sha1_style.as_str(),
        truncated.as_str(),
        not_hex.as_str(),
        no_prefix.as_str(),
        longer.as_str(),
    ] {
        assert_eq!(
            verifier.verify(raw, Some(bad)),
            Err(SignatureError::Malformed),
            "{bad:?}"
        );
    }
}

#[test]
fn one_tampered_byte_is_a_mismatch() {
    let verifier = SignatureVerifier::new(SECRET);
    // Every position of a small body, and the middle byte of every fixture.
    let text = raw("text");
    let header = verifier.sign(text);
    for i in 0..text.len() {
        let mut tampered = text.to_vec();
        tampered[i] ^= 0x01;
        assert_eq!(
            verifier.verify(&tampered, Some(&header)),
            Err(SignatureError::Mismatch),
            "byte {i}"
        );
    }
    for (name, raw) in FIXTURES {
        let header = verifier.sign(raw);
        let mut tampered = raw.to_vec();
        let mid = tampered.len() / 2;
        tampered[mid] = tampered[mid].wrapping_add(1);
        assert_eq!(
            verifier.verify(&tampered, Some(&header)),
            Err(SignatureError::Mismatch),
            "{name}"
        );
        let mut longer = raw.to_vec();
        longer.push(b'\n');
        assert_eq!(
            verifier.verify(&longer, Some(&header)),
            Err(SignatureError::Mismatch),
            "{name} plus a newline"
        );
    }
}

#[test]
fn re_serialised_json_never_verifies() {
    let verifier = SignatureVerifier::new(SECRET);
    for name in [
        "text_emoji_escaped",
        "image_reply_to",
        "echo",
        "media_attachments",
        "optin_notification_messages",
    ] {
        let raw = raw(name);
        let header = verifier.sign(raw);
        let value: Value = serde_json::from_slice(raw).unwrap();
        let reserialised = serde_json::to_vec(&value).unwrap();
        assert_ne!(
            reserialised, raw,
            "{name}: serde writes emoji and slashes unescaped"
        );
        assert_eq!(
            verifier.verify(&reserialised, Some(&header)),
            Err(SignatureError::Mismatch),
            "{name}"
        );
        assert_eq!(
            verifier.verify(raw, Some(&header)),
            Ok(()),
            "{name}: the raw bytes do verify"
        );
    }
}

#[test]
fn escaped_and_raw_utf8_bodies_parse_the_same_but_sign_differently() {
    let escaped = raw("text_emoji_escaped");
    let unescaped = raw("text_emoji_raw");
    assert_eq!(
        webhook::parse(escaped).unwrap(),
        webhook::parse(unescaped).unwrap()
    );
    assert_eq!(
        serde_json::from_slice::<Value>(escaped).unwrap(),
        serde_json::from_slice::<Value>(unescaped).unwrap()
    );
    let verifier = SignatureVerifier::new(SECRET);
    let header = verifier.sign(escaped);
    assert_ne!(header, verifier.sign(unescaped));
    assert_eq!(
        verifier.verify(unescaped, Some(&header)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn legacy_sha1_only_when_enabled() {
    let raw = raw("text");
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(raw);
    let sha1 = format!("sha1={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(
        SignatureVerifier::new(SECRET).verify_headers(raw, None, Some(&sha1)),
        Err(SignatureError::Missing)
    );
    let legacy = SignatureVerifier::new(SECRET).allow_sha1(true);
    assert_eq!(legacy.verify_headers(raw, None, Some(&sha1)), Ok(()));
    let mut tampered = raw.to_vec();
    tampered[10] ^= 0x20;
    assert_eq!(
        legacy.verify_headers(&tampered, None, Some(&sha1)),
        Err(SignatureError::Mismatch)
    );
    // A present SHA-256 header always decides, even when SHA-1 is allowed.
    assert_eq!(
        legacy.verify_headers(raw, Some("sha256=00"), Some(&sha1)),
        Err(SignatureError::Malformed)
    );
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[test]
fn every_event_key_and_attachment_type_is_covered() {
    let mut keys = BTreeSet::new();
    let mut attachments = BTreeSet::new();
    for (name, raw) in FIXTURES {
        let body = webhook::parse(raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        let object = if *name == "instagram" {
            "instagram"
        } else {
            "page"
        };
        assert_eq!(body.object, object, "{name}");
        for event in body.into_events() {
            keys.insert(event.kind.key().to_owned());
            if let EventKind::Message(m) = &event.kind {
                attachments.extend(m.attachments.iter().map(|a| a.kind().to_owned()));
            }
        }
    }
    for key in [
        "message",
        "read",
        "delivery",
        "postback",
        "referral",
        "optin",
        "reaction",
        "message_edit",
        "pass_thread_control",
        "take_thread_control",
        "request_thread_control",
        "app_roles",
        "account_linking",
        "policy_enforcement",
        "game_play",
        "message_request",
        "message_deleted",
        "unknown",
    ] {
        assert!(keys.contains(key), "no fixture has a {key} event");
    }
    for kind in [
        "image",
        "audio",
        "video",
        "file",
        "sticker",
        "reel",
        "ig_reel",
        "post",
        "ig_post",
        "location",
        "fallback",
        "template",
        "appointment_booking",
        "story_mention",
        "share",
        "like_heart",
        "ig_future_kind",
    ] {
        assert!(
            attachments.contains(kind),
            "no fixture has a {kind} attachment"
        );
    }
}

#[test]
fn text_message() {
    let events = events("text");
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.page_id.as_str(), "104000000000001");
    assert_eq!(event.channel, Channel::Messaging);
    assert_eq!(psid(event), "7000000000000001");
    assert_eq!(
        event.recipient.as_ref().unwrap().id.as_deref(),
        Some("104000000000001")
    );
    assert_eq!(event.timestamp, Some(1_767_225_600_000));
    assert_eq!(event.message_id(), Some("m_AbCdEf0123456789"));
    assert!(!event.is_echo());
    let m = message(event);
    assert_eq!(m.text.as_deref(), Some("!lastmatch 86745912"));
    assert!(m.attachments.is_empty() && m.quick_reply.is_none() && m.reply_to.is_none());
}

#[test]
fn escaped_text_is_decoded() {
    let events = events("text_emoji_escaped");
    assert_eq!(events.len(), 1);
    assert_eq!(
        message(&events[0]).text.as_deref(),
        Some(
            "gg wp 🔥🏆 élève 你好 ❤\u{fe0f} 👨\u{200d}💻 mail me@x.io https://dotabuff.com/players/1 <b>"
        )
    );
}

#[test]
fn quick_reply_tap() {
    let events = events("quick_reply");
    let m = message(&events[0]);
    assert_eq!(m.text.as_deref(), Some("Ranked"));
    assert_eq!(m.quick_reply.as_ref().unwrap().payload, "MODE_RANKED");
}

#[test]
fn postback_with_referral() {
    let events = events("postback_referral");
    assert_eq!(events.len(), 1);
    let EventKind::Postback(p) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(p.mid.as_deref(), Some("m_PB0001"));
    assert_eq!(p.title.as_deref(), Some("Get Started"));
    assert_eq!(p.payload.as_deref(), Some("GET_STARTED"));
    let r = p.referral.as_ref().unwrap();
    assert_eq!(
        (r.ref_.as_deref(), r.source.as_deref(), r.kind.as_deref()),
        (Some("twitch_panel"), Some("SHORTLINK"), Some("OPEN_THREAD"))
    );
    assert_eq!(events[0].message_id(), Some("m_PB0001"));
}

#[test]
fn image_with_reply_to() {
    let events = events("image_reply_to");
    let m = message(&events[0]);
    let reply = m.reply_to.as_ref().unwrap();
    assert_eq!(reply.mid.as_deref(), Some("m_BOT0042"));
    assert!(!reply.is_self_reply);
    assert_eq!(m.attachments.len(), 1);
    match &m.attachments[0] {
        Attachment::Image(p) => assert_eq!(
            p.url.as_deref(),
            Some("https://scontent.xx.fbcdn.net/v/t1.15752-9/abc.png?_nc_cat=1&oh=00_x")
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn legacy_location() {
    let events = events("location");
    match &message(&events[0]).attachments[..] {
        [Attachment::Location { title, lat, long }] => {
            assert_eq!(title.as_deref(), Some("Pinned Location"));
            assert_eq!(*lat, Some(59.3293));
            assert_eq!(*long, Some(18.0686));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn fallback_and_sticker_transition() {
    let events = events("fallback_sticker");
    assert_eq!(events.len(), 2);
    let shared = message(&events[0]);
    assert_eq!(
        shared.text.as_deref(),
        Some("https://www.opendota.com/matches/8000000000")
    );
    match &shared.attachments[..] {
        [
            Attachment::Fallback {
                title,
                url,
                payload,
            },
        ] => {
            assert_eq!(title.as_deref(), Some("Match 8000000000 - OpenDota"));
            assert_eq!(
                url.as_deref(),
                Some("https://www.opendota.com/matches/8000000000")
            );
            assert_eq!(*payload, None, "payload: null");
        }
        other => panic!("{other:?}"),
    }
    let sticker = message(&events[1]);
    assert_eq!(
        sticker.sticker_id.as_deref(),
        Some("369239263222822"),
        "a numeric id read as text"
    );
    match &sticker.attachments[..] {
        [Attachment::Sticker(s), Attachment::Image(i)] => {
            assert_eq!(s.sticker_id.as_deref(), Some("369239263222822"));
            assert_eq!(s.url, i.url);
            assert_eq!(i.sticker_id.as_deref(), Some("369239263222822"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn echo_from_the_page() {
    let events = events("echo");
    let event = &events[0];
    assert!(event.is_echo());
    assert_eq!(
        psid(event),
        "104000000000001",
        "the Page is the sender of an echo"
    );
    assert_eq!(
        event.recipient.as_ref().unwrap().id.as_deref(),
        Some("7000000000000001")
    );
    let m = message(event);
    assert_eq!(
        m.app_id.as_deref(),
        Some("1517776481860111"),
        "app_id is a number on the wire"
    );
    assert_eq!(m.metadata.as_deref(), Some(r#"{"req":"lastmatch","v":1}"#));
    assert_eq!(m.text.as_deref(), Some("Won as Invoker, KDA 12/3/18"));
}

#[test]
fn echo_of_a_template() {
    let events = events("echo_template");
    assert!(events[0].is_echo());
    match &message(&events[0]).attachments[..] {
        [Attachment::Template { title, payload, .. }] => {
            assert_eq!(title, &None);
            assert_eq!(payload["template_type"], "button");
            assert_eq!(payload["text"], "What next? 🤔");
            assert_eq!(
                payload["buttons"][1]["url"],
                "https://www.opendota.com/players/86745912"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn read_and_delivery() {
    let reads = events("read");
    let EventKind::Read(read) = &reads[0].kind else {
        panic!("{:?}", reads[0].kind)
    };
    assert_eq!(read.watermark, Some(1_767_225_607_000));

    let events = events("delivery");
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].timestamp, None,
        "the documented delivery has no timestamp"
    );
    let EventKind::Delivery(delivery) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(delivery.mids, vec!["m_ECHO0001".to_owned()]);
    assert_eq!(delivery.watermark, Some(1_767_225_607_000));
}

#[test]
fn reaction_with_emoji() {
    let events = events("reaction");
    let EventKind::Reaction(r) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(r.reaction.as_deref(), Some("love"));
    assert_eq!(r.emoji.as_deref(), Some("\u{2764}\u{fe0f}"));
    assert_eq!(r.action.as_deref(), Some("react"));
    assert_eq!(r.mid.as_deref(), Some("m_ECHO0001"));
    assert_eq!(events[0].message_id(), Some("m_ECHO0001"));
}

#[test]
fn referral_from_an_ad() {
    let events = events("referral_ad");
    let EventKind::Referral(r) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(r.ref_.as_deref(), Some("ti_promo"));
    assert_eq!(r.ad_id.as_deref(), Some("6100000000001"));
    assert_eq!(r.source.as_deref(), Some("ADS"));
    let ads = r.ads_context_data.as_ref().unwrap();
    assert_eq!(ads["ad_title"], "Track your MMR");
    assert_eq!(ads["photo_url"], "https://x.test/a.jpg");
}

#[test]
fn batched_entries_in_timestamp_order() {
    let body = webhook::parse(raw("batched")).unwrap();
    assert_eq!(body.entries.len(), 2);
    assert_eq!(body.entries[0].events.len(), 3);
    assert_eq!(body.entries[1].events.len(), 2);
    assert_eq!(body.entries[1].page_id.as_str(), "104000000000002");
    let events = body.into_events();
    let summary: Vec<(&str, Option<&str>, Option<i64>)> = events
        .iter()
        .map(|e| (e.kind.key(), e.message_id(), e.timestamp))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("message", Some("m_B1"), Some(1_767_225_611_900)),
            ("read", None, Some(1_767_225_611_950)),
            ("message", Some("m_B2"), Some(1_767_225_612_000)),
            ("postback", Some("m_B3"), Some(1_767_225_612_100)),
            ("delivery", None, None),
        ]
    );
    assert_eq!(psid(&events[1]), "7000000000000002");
    assert_eq!(events[3].page_id.as_str(), "104000000000002");
    assert_eq!(psid(&events[4]), "7100000000000009");
}

#[test]
fn standby_and_pass_thread_control() {
    let events = events("standby_handover");
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].channel, Channel::Standby);
    assert_eq!(
        message(&events[0]).text.as_deref(),
        Some("can a human help?")
    );
    assert_eq!(events[1].channel, Channel::Messaging);
    let EventKind::PassThreadControl(pass) = &events[1].kind else {
        panic!("{:?}", events[1].kind)
    };
    assert_eq!(
        pass.previous_owner_app_id, None,
        "null: the thread was idle"
    );
    assert_eq!(pass.new_owner_app_id.as_deref(), Some("263902037430900"));
    assert_eq!(pass.metadata.as_deref(), Some("handoff:billing"));
}

#[test]
fn forward_compatibility() {
    let events = events("forward_compat");
    let keys: Vec<&str> = events.iter().map(|e| e.kind.key()).collect();
    // The seconds-based string timestamp equals the edit's; ties keep body order.
    assert_eq!(
        keys,
        [
            "message_edit",
            "postback",
            "policy_enforcement",
            "unknown",
            "message"
        ]
    );

    let EventKind::MessageEdit(edit) = &events[0].kind else {
        panic!()
    };
    assert_eq!(
        (edit.mid.as_deref(), edit.text.as_deref(), edit.num_edit),
        (Some("m_B2"), Some("pudge mid"), Some(1))
    );

    let postback = &events[1];
    assert_eq!(
        postback.timestamp,
        Some(1_767_225_614_000),
        "\"1767225614\" (seconds, as a string) read as ms"
    );
    let sender = postback.sender.as_ref().unwrap();
    assert_eq!(sender.user_ref.as_deref(), Some("ur_9f8e7d"));
    assert_eq!(postback.sender_psid(), None);

    let policy = &events[2];
    assert!(policy.sender.is_none(), "policy_enforcement has no sender");
    let EventKind::PolicyEnforcement(p) = &policy.kind else {
        panic!()
    };
    assert_eq!(
        (p.action.as_deref(), p.reason.as_deref()),
        (Some("warning"), Some("Excessive messaging"))
    );

    let EventKind::Unknown(unknown) = &events[3].kind else {
        panic!()
    };
    assert_eq!(
        unknown["hologram_ping"],
        json!({"strength": 3, "new_field": [1, 2]})
    );
    assert_eq!(
        psid(&events[3]),
        "7000000000000001",
        "the envelope is still typed"
    );

    let m = message(&events[4]);
    match &m.attachments[..] {
        [
            Attachment::Other {
                kind: booking,
                raw: booking_raw,
            },
            Attachment::Other {
                kind: future,
                raw: future_raw,
            },
        ] => {
            assert_eq!(booking, "appointment_booking");
            assert_eq!(booking_raw["payload"]["booking_id"], "b1");
            assert_eq!(future, "ig_future_kind");
            assert_eq!(*future_raw, json!({"type": "ig_future_kind"}));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn optin_for_notification_messages() {
    let events = events("optin_notification_messages");
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0].timestamp,
        Some(1_767_225_615_000),
        "a string timestamp in ms"
    );
    let EventKind::Optin(optin) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(optin.kind.as_deref(), Some("notification_messages"));
    assert_eq!(optin.payload.as_deref(), Some("MATCH_ALERTS"));
    assert_eq!(
        optin.notification_messages_token.as_deref(),
        Some("nmt_7f3a9c2b1d")
    );
    assert_eq!(
        optin.notification_messages_frequency.as_deref(),
        Some("DAILY")
    );
    assert_eq!(
        optin.notification_messages_timezone.as_deref(),
        Some("Europe/Stockholm")
    );
    assert_eq!(optin.token_expiry_timestamp, Some(1_782_777_615_000));
    assert_eq!(optin.user_token_status.as_deref(), Some("NOT_REFRESHED"));
    assert_eq!(
        optin.notification_messages_status.as_deref(),
        Some("RESUME_NOTIFICATIONS")
    );
    assert_eq!(optin.title.as_deref(), Some("Match alerts ⚡"));

    let plugin = &events[1];
    assert_eq!(
        plugin.sender.as_ref().unwrap().user_ref.as_deref(),
        Some("ur_5c4b3a")
    );
    let EventKind::Optin(optin) = &plugin.kind else {
        panic!()
    };
    assert_eq!(
        (
            optin.ref_.as_deref(),
            optin.user_ref.as_deref(),
            optin.kind.as_deref()
        ),
        (Some("landing_page"), Some("ur_5c4b3a"), None)
    );
}

#[test]
fn take_and_request_thread_control_and_app_roles() {
    let events = events("handover_take_request_roles");
    assert_eq!(events.len(), 3);
    let EventKind::TakeThreadControl(take) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(
        take.previous_owner_app_id.as_deref(),
        Some("263902037430900")
    );
    assert_eq!(take.new_owner_app_id.as_deref(), Some("1517776481860111"));
    assert_eq!(take.metadata.as_deref(), Some("bot resumes"));
    let EventKind::RequestThreadControl(request) = &events[1].kind else {
        panic!("{:?}", events[1].kind)
    };
    assert_eq!(
        request.requested_owner_app_id.as_deref(),
        Some("263902037430900"),
        "a numeric app id read as text"
    );
    assert_eq!(request.metadata.as_deref(), Some("agent wants the thread"));
    assert!(events[2].sender.is_none());
    let EventKind::AppRoles(roles) = &events[2].kind else {
        panic!("{:?}", events[2].kind)
    };
    assert_eq!(
        roles.0["1517776481860111"],
        vec!["primary_receiver".to_owned()]
    );
    assert_eq!(
        roles.0["263902037430900"],
        vec!["secondary_receiver".to_owned()]
    );
}

#[test]
fn account_linking_and_unlinking() {
    let events = events("account_linking");
    let EventKind::AccountLinking(linked) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(linked.status.as_deref(), Some("linked"));
    assert_eq!(
        linked.authorization_code.as_deref(),
        Some("auth_c0de_86745912")
    );
    let EventKind::AccountLinking(unlinked) = &events[1].kind else {
        panic!("{:?}", events[1].kind)
    };
    assert_eq!(unlinked.status.as_deref(), Some("unlinked"));
    assert_eq!(unlinked.authorization_code, None);
    assert_eq!(psid(&events[1]), "7000000000000002");
}

#[test]
fn game_play() {
    let events = events("game_play");
    let EventKind::GamePlay(game) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(game.game_id.as_deref(), Some("311000000000001"));
    assert_eq!(game.player_id.as_deref(), Some("6600000000000001"));
    assert_eq!(game.context_type.as_deref(), Some("THREAD"));
    assert_eq!(game.context_id.as_deref(), Some("8800000000000001"));
    assert_eq!(game.score, Some(json!(4200)));
    assert_eq!(
        game.payload.as_deref(),
        Some(r#"{"level":7,"hero":"Invoker"}"#)
    );
}

#[test]
fn policy_enforcement_with_a_hyphen_and_an_accepted_message_request() {
    let events = events("policy_enforcement_message_request");
    let EventKind::PolicyEnforcement(policy) = &events[0].kind else {
        panic!("{:?}", events[0].kind)
    };
    assert_eq!(events[0].kind.key(), "policy_enforcement");
    assert_eq!(policy.action.as_deref(), Some("block"));
    assert_eq!(
        policy.reason.as_deref(),
        Some("Repeated unsolicited match reports")
    );
    assert_eq!(events[0].sender, None);
    assert_eq!(
        events[1].kind,
        EventKind::MessageRequest(webhook::MessageRequest::Accept)
    );
    assert_eq!(events[1].kind.key(), "message_request");
    assert_eq!(psid(&events[1]), "7000000000000003");
    assert_eq!(events[1].timestamp, Some(1_767_225_615_100));
}

#[test]
fn instagram_story_reply_mentions_shares_unsend_and_seen() {
    let events = events("instagram");
    assert_eq!(events.len(), 5);
    let reply = message(&events[0]);
    assert_eq!(reply.text.as_deref(), Some("gg on that rampage"));
    let story = reply.reply_to.as_ref().unwrap().story.as_ref().unwrap();
    assert_eq!(story.id.as_deref(), Some("17990000000000001"));
    assert_eq!(
        story.url.as_deref(),
        Some(
            "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17990000000000001&signature=AbC1"
        )
    );

    let shared = message(&events[1]);
    let kinds: Vec<&str> = shared.attachments.iter().map(Attachment::kind).collect();
    assert_eq!(kinds, ["story_mention", "share", "ig_reel", "like_heart"]);
    let Attachment::StoryMention(mention) = &shared.attachments[0] else {
        panic!("{:?}", shared.attachments[0])
    };
    assert_eq!(
        mention.url.as_deref(),
        Some(
            "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17990000000000002&signature=AbC2"
        )
    );
    let Attachment::Share(share) = &shared.attachments[1] else {
        panic!("{:?}", shared.attachments[1])
    };
    assert_eq!(
        share.url.as_deref(),
        Some("https://scontent.cdninstagram.com/v/t51.2885-15/share.jpg")
    );
    let Attachment::IgReel(reel) = &shared.attachments[2] else {
        panic!("{:?}", shared.attachments[2])
    };
    assert_eq!(reel.reel_video_id.as_deref(), Some("18000000000000001"));
    assert_eq!(reel.title.as_deref(), Some("Pudge hook montage"));
    assert_eq!(shared.attachments[3], Attachment::LikeHeart);
    assert_eq!(
        shared.attachments[3].to_value(),
        json!({"type": "like_heart"})
    );

    let EventKind::MessageDeleted(unsent) = &events[2].kind else {
        panic!("an unsend, not an empty message: {:?}", events[2].kind)
    };
    assert_eq!(unsent.mid.as_deref(), Some("aWdfZAG1faXRlbToxOkEx"));
    assert_eq!(events[2].kind.key(), "message_deleted");
    assert_eq!(
        events[2].message_id(),
        None,
        "not a redelivery of the message"
    );

    let EventKind::Read(seen) = &events[3].kind else {
        panic!("{:?}", events[3].kind)
    };
    assert_eq!(seen.mid.as_deref(), Some("aWdfZAG1faXRlbToxOkIw"));
    assert_eq!(seen.watermark, None);

    assert!(events[4].is_echo());
    assert_eq!(message(&events[4]).text, None);
}

#[test]
fn nlp_commands_tags_prior_message_origin_domain_and_template_title_are_kept() {
    let events = events("dropped_fields");
    let m = message(&events[0]);
    assert_eq!(m.commands[0].name, "stats");
    let nlp = m.nlp.as_ref().unwrap();
    assert_eq!(
        nlp["entities"]["wit$datetime:datetime"][0]["value"],
        "2026-01-02T00:00:00.000-08:00"
    );
    assert_eq!(nlp["detected_locales"][0]["locale"], "en_XX");
    assert_eq!(m.tags, Some(json!([{"source": "customer_chat_plugin"}])));
    let prior = events[0].prior_message.as_ref().unwrap();
    assert_eq!(prior.source.as_deref(), Some("checkbox_plugin"));
    assert_eq!(prior.identifier.as_deref(), Some("ur_5c4b3a"));
    assert_eq!(events[1].prior_message, None);

    let EventKind::Referral(referral) = &events[1].kind else {
        panic!("{:?}", events[1].kind)
    };
    assert_eq!(referral.source.as_deref(), Some("CUSTOMER_CHAT_PLUGIN"));
    assert_eq!(
        referral.origin_domain.as_deref(),
        Some("https://hbdta.example/")
    );

    let echo = message(&events[2]);
    let [
        Attachment::Template {
            title,
            url,
            payload,
        },
    ] = &echo.attachments[..]
    else {
        panic!("{:?}", echo.attachments)
    };
    assert_eq!(title.as_deref(), Some("Match 8000000000 receipt"));
    assert_eq!(url, &None);
    assert_eq!(payload["template_type"], "receipt");
    assert_eq!(
        echo.attachments[0].to_value()["title"],
        "Match 8000000000 receipt"
    );
}

#[test]
fn entry_changes_are_surfaced_beside_the_events() {
    let body = webhook::parse(raw("entry_changes")).unwrap();
    let test_button = &body.entries[0];
    assert_eq!(test_button.page_id.as_str(), "0");
    assert_eq!(test_button.time, Some(1_767_225_618_000));
    assert!(test_button.events.is_empty());
    assert_eq!(test_button.changes[0].field, "messages");
    assert_eq!(
        test_button.changes[0].value,
        json!({"page_id": "<PAGE_ID>"})
    );
    let feed = &body.entries[1].changes[0];
    assert_eq!(feed.field, "feed");
    assert_eq!(feed.value["reaction_type"], "like");
    assert_eq!(feed.value["from"]["id"], "7000000000000005");
    let events = body.into_events();
    assert_eq!(events.len(), 1, "changes are not messaging events");
    assert_eq!(events[0].message_id(), Some("m_CHG0001"));
}

#[test]
fn media_and_shared_content_attachments() {
    let events = events("media_attachments");
    assert_eq!(events.len(), 2);
    let kinds: Vec<&str> = events
        .iter()
        .flat_map(|e| message(e).attachments.iter().map(Attachment::kind))
        .collect();
    assert_eq!(
        kinds,
        [
            "audio", "video", "file", "reel", "ig_reel", "post", "ig_post"
        ]
    );
    match &message(&events[0]).attachments[..] {
        [
            Attachment::Audio(a),
            Attachment::Video(v),
            Attachment::File(f),
        ] => {
            assert_eq!(
                a.url.as_deref(),
                Some("https://cdn.fbsbx.com/v/t59.3654-21/voice.mp4?_nc_cat=1")
            );
            assert_eq!(
                v.url.as_deref(),
                Some("https://video.xx.fbcdn.net/v/t42.3356-2/clip.mp4")
            );
            assert_eq!(
                f.url.as_deref(),
                Some("https://cdn.fbsbx.com/v/t59.2708-21/replay_8000000000.dem?dl=1")
            );
        }
        other => panic!("{other:?}"),
    }
    match &message(&events[1]).attachments[..] {
        [
            Attachment::Reel(reel),
            Attachment::IgReel(ig_reel),
            Attachment::Post(post),
            Attachment::IgPost(ig_post),
        ] => {
            assert_eq!(reel.title.as_deref(), Some("Rampage 🔥"));
            assert_eq!(reel.reel_video_id.as_deref(), Some("990000000000001"));
            assert_eq!(ig_reel.reel_video_id.as_deref(), Some("17900000000000001"));
            assert_eq!(post.id.as_deref(), Some("104000000000001_555"));
            assert_eq!(
                post.url.as_deref(),
                Some("https://www.facebook.com/104000000000001/posts/555")
            );
            assert_eq!(ig_post.title.as_deref(), Some("Café LAN night"));
            assert_eq!(ig_post.id.as_deref(), Some("17800000000000001"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_malformed_event_loses_nothing_else() {
    let body = webhook::parse(raw("malformed_event")).unwrap();
    assert_eq!(
        body.entries.len(),
        1,
        "an entry that is not an object is skipped"
    );
    let events = body.into_events();
    assert_eq!(events.len(), 4);
    assert_eq!(message(&events[0]).text.as_deref(), Some("before"));
    match &events[1].kind {
        EventKind::Malformed { key, raw, .. } => {
            assert_eq!(key, "read");
            assert_eq!(raw["read"], "not an object");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        psid(&events[1]),
        "7000000000000001",
        "the envelope of a malformed event is still read"
    );
    match &events[2].kind {
        EventKind::Malformed { key, raw, .. } => {
            assert_eq!(key, "event");
            assert_eq!(*raw, json!(42));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(message(&events[3]).text.as_deref(), Some("after"));
}

#[test]
fn lenient_ids_and_missing_timestamps() {
    let body: WebhookBody = webhook::parse(raw("lenient")).unwrap();
    assert_eq!(
        body.entries[0].page_id.as_str(),
        "104000000000001",
        "a numeric page id"
    );
    let events = body.into_events();
    let mids: Vec<Option<&str>> = events.iter().map(Event::message_id).collect();
    // The delivery has no timestamp: it takes its entry's time (…621500), between the two messages.
    assert_eq!(mids, [Some("m_L1"), None, Some("m_L3")]);
    assert_eq!(events[1].kind.key(), "delivery");
    assert_eq!(events[1].timestamp, None);
    assert_eq!(psid(&events[0]), "7000000000000001", "a numeric sender id");
    assert_eq!(
        events[0].recipient.as_ref().unwrap().id.as_deref(),
        Some("104000000000001")
    );
    assert_eq!(
        message(&events[2]).app_id.as_deref(),
        Some("1517776481860111")
    );
    assert!(events[2].is_echo());
}

#[test]
fn bodies_that_are_not_objects() {
    assert!(webhook::parse(b"not json").is_err());
    assert!(webhook::parse(b"[1,2]").is_err());
    let empty = webhook::parse(br#"{"object":"page"}"#).unwrap();
    assert!(empty.entries.is_empty() && empty.into_events().is_empty());
}
