//! `hbdta-bot dev` end to end, without a browser: the chat page's API over real HTTP, a wiremock
//! OpenDota behind, and the Send API bodies the page receives on its event stream.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{fixture, od_ok, opendota_with_constants, sends};
use std::time::Duration;

use hbdta_bot::config::{self, DevArgs, DevPlatform, Face, OpenDotaArgs};
use hbdta_bot::dev::{self, DevServer};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A fake OpenDota knowing Arteezy (86745912) and a search for "arteezy" with several matches.
async fn opendota() -> MockServer {
    let server = opendota_with_constants().await;
    od_ok(&server, "/players/86745912", "bot_players_get__arteezy").await;
    od_ok(
        &server,
        "/players/86745912/heroes",
        "bot_players_heroes__arteezy",
    )
    .await;
    od_ok(
        &server,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
    )
    .await;
    Mock::given(method("GET"))
        .and(path_regex_item_popularity())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(fixture("bot_heroes_item_popularity__tidehunter")),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(query_param("q", "arteezy"))
        .respond_with(ResponseTemplate::new(200).set_body_string(fixture("bot_search__several")))
        .mount(&server)
        .await;
    server
}

fn path_regex_item_popularity() -> wiremock::matchers::PathRegexMatcher {
    wiremock::matchers::path_regex(r"^/api/heroes/\d+/itemPopularity$")
}

/// `url` answers 200 with an 800×418 PNG.
async fn assert_png(url: &str) {
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    assert_eq!(response.headers()["content-type"], "image/png");
    let png = response.bytes().await.unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
    assert_eq!((pixmap.width(), pixmap.height()), (800, 418));
}

async fn start(opendota_base_url: String) -> DevServer {
    start_on(opendota_base_url, DevPlatform::Messenger).await
}

async fn start_on(opendota_base_url: String, platform: DevPlatform) -> DevServer {
    let args = DevArgs {
        host: "127.0.0.1".to_owned(),
        port: 0,
        quiet: true,
        platform,
        opendota: OpenDotaArgs {
            opendota_base_url: Some(opendota_base_url),
            opendota_api_key: None,
        },
    };
    let config = config::load(Face::Dev(&args), |_| None).unwrap();
    dev::start(config).await.unwrap()
}

/// One person in the chat page: a session and its event stream.
struct Person {
    base: String,
    psid: String,
    platform: String,
    http: reqwest::Client,
    events: mpsc::UnboundedReceiver<Value>,
}

impl Person {
    async fn open(server: &DevServer) -> Self {
        let base = server.url();
        let http = reqwest::Client::new();
        let session: Value = http
            .post(format!("{base}dev/api/session"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(session["page_name"], "hbdta");
        let psid = session["psid"].as_str().unwrap().to_owned();
        let platform = session["platform"].as_str().unwrap().to_owned();
        assert!(psid.bytes().all(|b| b.is_ascii_digit()) && psid.len() >= 10);
        let mut stream = http
            .get(format!("{base}dev/api/events?psid={psid}"))
            .send()
            .await
            .unwrap();
        assert_eq!(stream.status(), 200);
        assert_eq!(
            stream.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        let (tx, events) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut pending = String::new();
            while let Ok(Some(chunk)) = stream.chunk().await {
                pending.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = pending.find("\n\n") {
                    let event: String = pending.drain(..end + 2).collect();
                    let data: Vec<&str> = event
                        .lines()
                        .filter_map(|line| line.strip_prefix("data:"))
                        .map(str::trim_start)
                        .collect();
                    if !data.is_empty() {
                        let _ = tx.send(serde_json::from_str(&data.join("\n")).unwrap());
                    }
                }
            }
            let _ = tx.send(json!({"stream": "ended"}));
        });
        Self {
            base,
            psid,
            platform,
            http,
            events,
        }
    }

    async fn send(&self, body: Value) -> (u16, Value) {
        let mut body = body;
        body["psid"] = json!(self.psid);
        let answer = self
            .http
            .post(format!("{}dev/api/send", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(json!(text)))
    }

    /// The next call the page's stream carries, verbatim (Telegram: a Bot API call).
    async fn next_call(&mut self) -> Value {
        tokio::time::timeout(Duration::from_secs(15), self.events.recv())
            .await
            .expect("a call within 15 s")
            .expect("the stream is open")
    }

    /// The person's chat id, as Telegram writes it (a number).
    fn chat(&self) -> i64 {
        self.psid.parse().unwrap()
    }

    /// Send API bodies until one carries a message (sender actions are collected on the way).
    async fn next_message(&mut self) -> (Vec<String>, Value) {
        let mut actions = Vec::new();
        loop {
            let body = tokio::time::timeout(Duration::from_secs(15), self.events.recv())
                .await
                .expect("a Send API body within 15 s")
                .expect("the stream is open");
            assert_eq!(body["recipient"]["id"], json!(self.psid), "{body}");
            if let Some(action) = body["sender_action"].as_str() {
                actions.push(action.to_owned());
                continue;
            }
            return (actions, body["message"].clone());
        }
    }
}

#[tokio::test]
async fn an_account_id_gets_the_card_and_the_stats_then_a_chip_goes_further() {
    let od = opendota().await;
    let server = start(format!("{}/api", od.uri())).await;
    let mut alice = Person::open(&server).await;

    let (status, sent) = alice.send(json!({"text": "86745912"})).await;
    assert_eq!(status, 202, "{sent}");
    assert_eq!(
        sent["status"], 200,
        "the bot's webhook accepted the signed body"
    );
    assert!(sent["mid"].as_str().unwrap().starts_with("m_dev_"));

    let (actions, card) = alice.next_message().await;
    assert_eq!(actions, ["mark_seen", "typing_on"]);
    let element = &card["attachment"]["payload"]["elements"][0];
    assert_eq!(card["attachment"]["payload"]["template_type"], "generic");
    assert_eq!(element["title"], "Arteezy");
    assert!(element["subtitle"].as_str().unwrap().contains("wins"));
    assert_eq!(
        element["buttons"][0]["url"],
        "https://www.opendota.com/players/86745912"
    );
    // The drawn stats picture, served by the dev server itself.
    let image = element["image_url"].as_str().unwrap();
    assert!(
        image.starts_with(&format!("{}cards/", server.url())) && image.ends_with(".png"),
        "{image}"
    );
    assert_png(image).await;

    let (_, stats) = alice.next_message().await;
    assert!(
        stats["text"].as_str().unwrap().contains("Immortal #32"),
        "{stats}"
    );
    let chips = stats["quick_replies"].as_array().unwrap();
    let recent = chips
        .iter()
        .find(|c| c["payload"] == "RECENT:86745912")
        .expect("a Recent chip");

    let (status, _) = alice
        .send(json!({"quick_reply": {"title": recent["title"], "payload": recent["payload"]}}))
        .await;
    assert_eq!(status, 202);
    let (_, last_20) = alice.next_message().await;
    assert!(
        last_20["text"].as_str().unwrap().contains("matches"),
        "{last_20}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn several_matches_become_chips_and_a_tap_shows_that_player() {
    let od = opendota().await;
    let server = start(format!("{}/api", od.uri())).await;
    let mut bob = Person::open(&server).await;
    bob.send(json!({"text": "arteezy"})).await;
    let (_, choices) = bob.next_message().await;
    assert!(choices["text"].as_str().unwrap().contains("Which one?"));
    let chips = choices["quick_replies"].as_array().unwrap();
    assert!(chips.len() >= 2 && chips.len() <= 10, "{choices}");
    let first = &chips[0];
    assert_eq!(first["payload"], "86745912");
    let (status, sent) = bob
        .send(json!({"quick_reply": {"title": first["title"], "payload": first["payload"]}}))
        .await;
    assert_eq!((status, sent["status"].clone()), (202, json!(200)));
    let (_, card) = bob.next_message().await;
    assert_eq!(
        card["attachment"]["payload"]["elements"][0]["title"],
        "Arteezy"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn get_started_is_a_postback_and_each_session_is_its_own_person() {
    let od = opendota().await;
    let server = start(format!("{}/api", od.uri())).await;
    let mut alice = Person::open(&server).await;
    let mut bob = Person::open(&server).await;
    assert_ne!(alice.psid, bob.psid);
    alice
        .send(json!({"postback": {"title": "Get Started", "payload": "GET_STARTED"}}))
        .await;
    let (_, welcome) = alice.next_message().await;
    assert!(welcome["text"].as_str().is_some(), "{welcome}");
    bob.send(json!({"text": "help"})).await;
    let (_, help) = bob.next_message().await;
    assert!(help["text"].as_str().unwrap().contains("Arteezy"), "{help}");
    // Nothing of Bob's reached Alice's page.
    assert!(
        tokio::time::timeout(Duration::from_millis(300), alice.events.recv())
            .await
            .is_err()
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn when_opendota_cannot_be_reached_the_page_gets_the_friendly_reply() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let server = start(format!("http://127.0.0.1:{port}/api")).await;
    let mut alice = Person::open(&server).await;
    alice.send(json!({"text": "86745912"})).await;
    let (_, reply) = alice.next_message().await;
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("OpenDota isn't answering"),
        "{reply}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn the_page_and_bad_requests() {
    let od = opendota().await;
    let server = start(format!("{}/api", od.uri())).await;
    let http = reqwest::Client::new();
    let base = server.url();
    for (file, content_type, needle) in [
        ("", "text/html; charset=utf-8", "/chat.js"),
        ("chat.js", "text/javascript; charset=utf-8", "EventSource"),
        ("chat.css", "text/css; charset=utf-8", "{"),
    ] {
        let page = http.get(format!("{base}{file}")).send().await.unwrap();
        assert_eq!(page.status(), 200, "{file}");
        assert_eq!(page.headers()["content-type"], content_type, "{file}");
        assert!(page.text().await.unwrap().contains(needle), "{file}");
    }
    for body in [
        json!({"psid": "abc", "text": "hi"}),
        json!({"psid": "123", "text": "   "}),
        json!({"psid": "123"}),
        json!({"psid": "123", "text": "hi", "postback": {"title": "t", "payload": "p"}}),
    ] {
        let answer = http
            .post(format!("{base}dev/api/send"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 400, "{body}");
    }
    let stream = http
        .get(format!("{base}dev/api/events?psid=x1"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 400);
    // The bot's own webhook still refuses unsigned bodies.
    let unsigned = http
        .post(format!("{base}webhook"))
        .body(r#"{"object":"page","entry":[]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 403);
    server.stop().await.unwrap();
}

#[tokio::test]
async fn stopping_ends_the_open_streams() {
    let od = opendota().await;
    let server = start(format!("{}/api", od.uri())).await;
    let mut alice = Person::open(&server).await;
    tokio::time::timeout(Duration::from_secs(10), server.stop())
        .await
        .expect("stops while a page is open")
        .unwrap();
    let end = tokio::time::timeout(Duration::from_secs(5), alice.events.recv())
        .await
        .unwrap();
    assert_eq!(end, Some(json!({"stream": "ended"})));
}

#[tokio::test]
async fn on_telegram_the_page_gets_a_photo_a_keyboard_and_a_tap_goes_further() {
    let od = opendota().await;
    let server = start_on(format!("{}/api", od.uri()), DevPlatform::Telegram).await;
    let page = reqwest::get(server.url())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"<html lang="en" data-platform="telegram">"#),
        "the page is told to draw Telegram"
    );
    let mut ana = Person::open(&server).await;
    assert_eq!(ana.platform, "telegram");
    let chat = ana.chat();

    let (status, sent) = ana.send(json!({"text": "86745912"})).await;
    assert_eq!(status, 202, "{sent}");
    assert_eq!(
        sent,
        json!({"mid": "1", "status": 200}),
        "the bot's webhook took the update (secret header and all); Ana's first message is 1"
    );
    assert_eq!(
        ana.next_call().await,
        json!({"method": "sendChatAction", "chat_id": chat, "action": "typing"})
    );
    assert_eq!(
        ana.next_call().await,
        json!({
            "method": "sendPhoto",
            "message_id": 1000,
            "chat_id": chat,
            "photo": "/telegram-api/files/0",
            "caption": "<b>Arteezy</b>\nImmortal #32 · 61.7% wins · 6,075 games",
            "parse_mode": "HTML",
            "reply_markup": {"inline_keyboard": [[
                {"text": "OpenDota", "url": "https://www.opendota.com/players/86745912"},
                {"text": "Heroes", "callback_data": "HEROES:86745912"},
                {"text": "Recent", "callback_data": "RECENT:86745912"}
            ]]}
        })
    );
    // The uploaded picture, as the page fetches it.
    assert_png(&format!("{}telegram-api/files/0", server.url())).await;
    let stats_text = sends("arteezy_stats", "PSID").last().unwrap()["message"]["text"].clone();
    assert_eq!(
        ana.next_call().await,
        json!({
            "method": "sendMessage",
            "message_id": 1001,
            "chat_id": chat,
            "text": stats_text,
            "reply_markup": {"inline_keyboard": [
                [{"text": "Heroes", "callback_data": "HEROES:86745912"},
                 {"text": "Recent", "callback_data": "RECENT:86745912"}],
                [{"text": "Last match", "callback_data": "LAST:86745912"},
                 {"text": "Compare", "callback_data": "COMPARE:86745912"}],
                [{"text": "This is me", "callback_data": "LINK:86745912"}]
            ]}
        })
    );

    // A tap on "Recent" under message 1001: a callback query, answered, then the answer.
    let (status, sent) = ana
        .send(json!({"callback": {"data": "RECENT:86745912", "message_id": 1001}}))
        .await;
    assert_eq!(status, 202);
    let query = format!("dev_cbq_{chat}_2");
    assert_eq!(sent, json!({"mid": query, "status": 200}));
    assert_eq!(
        ana.next_call().await,
        json!({"method": "answerCallbackQuery", "callback_query_id": query})
    );
    assert_eq!(ana.next_call().await["method"], "sendChatAction");
    assert_eq!(
        ana.next_call().await,
        json!({
            "method": "sendMessage",
            "message_id": 1002,
            "chat_id": chat,
            "text": "📈 Arteezy, last 20 matches: 12 wins, 8 losses (60.0%)\nAverage K/D/A: 7.9/4.5/10.8\n\nLatest:\n✅ Tidehunter · Won · 3/1/5 · 30 min\n✅ Anti-Mage · Won · 10/6/8 · 31 min\n❌ Invoker · Lost · 6/3/11 · 32 min\n✅ Pudge · Won · 13/8/14 · 33 min\n❌ Tidehunter · Lost · 9/5/17 · 34 min",
            "reply_markup": {"inline_keyboard": [
                [{"text": "Stats", "callback_data": "86745912"},
                 {"text": "Heroes", "callback_data": "HEROES:86745912"}],
                [{"text": "Compare", "callback_data": "COMPARE:86745912"}]
            ]}
        })
    );

    // What Telegram has no word for is refused, with what it takes instead.
    let (status, answer) = ana
        .send(json!({"quick_reply": {"title": "Heroes", "payload": "HEROES:86745912"}}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        answer,
        json!(
            "send {\"psid\": digits} with one of \"text\" (not empty) or \"callback\" ({\"data\", \"message_id\"})"
        )
    );
    server.stop().await.unwrap();
}
