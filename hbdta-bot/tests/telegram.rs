//! Telegram end to end, by webhook: updates posted to `/telegram/webhook` of the bot's router (as
//! the server builds it), a wiremock OpenDota and a fake Bot API behind it, and the exact Bot API
//! calls that come out (method, chat, text or caption, parse mode, keyboard), written out here.
//! The texts are the conversation's own: where a long one is the Messenger fixture's, that is the
//! point (one conversation, two platforms that cannot drift).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;
#[path = "common/telegram.rs"]
mod tg;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{
    fixture, mount_last_match, mount_player, mount_tidehunter_main, od, od_ok, opendota_client,
    opendota_with_constants, sends,
};
use hbdta_bot::app::App;
use hbdta_bot::cards::Cards;
use hbdta_bot::config::WorkerConfig;
use hbdta_bot::stats::Stats;
use hbdta_bot::store::MemoryStore;
use hbdta_bot::workers;
use serde_json::{Value, json};
use tg::{SECRET, calls, calls_to, fake_bot_api, group_text, method_path, private_text, tap};
use tower::ServiceExt;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ANA: i64 = 4242;
const GROUP: i64 = -1_001_234_567_890;

struct Harness {
    opendota: MockServer,
    api: MockServer,
    app: Router,
    workers: tokio::task::JoinSet<()>,
}

impl Harness {
    /// Stops accepting, lets the workers finish, and returns every call made.
    async fn settle(self) -> Vec<Value> {
        let Self {
            api,
            app,
            mut workers,
            ..
        } = self;
        drop(app);
        tokio::time::timeout(Duration::from_secs(10), async {
            while workers.join_next().await.is_some() {}
        })
        .await
        .expect("the workers finish within 10 s");
        calls(&api).await
    }

    async fn post(&self, update: &Value) -> StatusCode {
        post_raw(&self.app, update.to_string().into_bytes(), Some(SECRET)).await
    }
}

async fn post_raw(app: &Router, body: Vec<u8>, secret: Option<&str>) -> StatusCode {
    let mut request = Request::post("/telegram/webhook").header("content-type", "application/json");
    if let Some(secret) = secret {
        request = request.header("x-telegram-bot-api-secret-token", secret);
    }
    app.clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap()
        .status()
}

async fn harness() -> Harness {
    harness_with(WorkerConfig {
        concurrency: 4,
        queue_per_worker: 16,
    })
    .await
}

async fn harness_with(workers: WorkerConfig) -> Harness {
    harness_of(workers, None).await
}

/// The bot drawing its pictures and uploading them.
async fn harness_with_pictures() -> Harness {
    let workers = WorkerConfig {
        concurrency: 4,
        queue_per_worker: 16,
    };
    harness_of(workers, Some(Cards::new(b"bot-card-key".to_vec(), None))).await
}

async fn harness_of(workers: WorkerConfig, cards: Option<Cards>) -> Harness {
    let opendota = opendota_with_constants().await;
    let api = fake_bot_api().await;
    let stats = Stats::new(opendota_client(&opendota));
    stats.warm_up().await.unwrap();
    let mut telegram = tg::telegram_on(&api, Some(SECRET));
    if let Some(cards) = cards {
        telegram = telegram.cards(cards);
    }
    let mut bot = App::new(
        reqwest::Client::new(),
        stats,
        Arc::new(MemoryStore::new()),
        vec![Arc::new(telegram.clone())],
    )
    .telegram(Some(telegram));
    // "Now" for "2 h ago": two hours and five minutes after Arteezy's last match ended.
    bot.conversation = bot
        .conversation
        .clone()
        .with_clock(|| 1_773_512_300 + 1_800 + 2 * 3_600 + 300);
    let (queues, receivers) = workers::queues(workers);
    let app = bot.router(&bot.dispatcher(Arc::new(queues)));
    Harness {
        opendota,
        api,
        app,
        workers: workers::spawn(receivers, &bot.answerer()),
    }
}

async fn mount_arteezy(server: &MockServer) {
    mount_player(server, 86_745_912, "arteezy", 29).await;
}

/// The text Messenger gets for `case` (its last message): the same conversation.
fn messenger_text(case: &str) -> String {
    sends(case, "PSID").last().unwrap()["message"]["text"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn typing(chat: i64) -> Value {
    json!({"method": "sendChatAction", "chat_id": chat, "action": "typing"})
}

fn callback(text: &str, data: &str) -> Value {
    json!({"text": text, "callback_data": data})
}

/// What Arteezy's stats are on Telegram: typing, the photo card, the text with its keyboard.
fn arteezy_stats(chat: i64) -> Vec<Value> {
    vec![
        typing(chat),
        json!({
            "method": "sendPhoto",
            "chat_id": chat,
            "photo": "https://avatars.example/a1/a1b2c3_full.jpg",
            "caption": "<b>Arteezy</b>\nImmortal #32 · 61.7% wins · 6,075 games",
            "parse_mode": "HTML",
            "reply_markup": {"inline_keyboard": [[
                {"text": "OpenDota", "url": "https://www.opendota.com/players/86745912"},
                callback("Heroes", "HEROES:86745912"),
                callback("Recent", "RECENT:86745912")
            ]]}
        }),
        json!({
            "method": "sendMessage",
            "chat_id": chat,
            "text": messenger_text("arteezy_stats"),
            "reply_markup": {"inline_keyboard": [
                [callback("Heroes", "HEROES:86745912"), callback("Recent", "RECENT:86745912")],
                [callback("Last match", "LAST:86745912"), callback("Compare", "COMPARE:86745912")],
                [callback("This is me", "LINK:86745912")]
            ]}
        }),
    ]
}

#[tokio::test]
async fn an_account_id_gets_a_photo_card_and_the_text_with_a_keyboard() {
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "86745912")).await,
        StatusCode::OK
    );
    let want = arteezy_stats(ANA);
    assert_eq!(calls_to(&h.api, ANA, want.len()).await, want);
    assert_eq!(h.settle().await.len(), 3, "nothing more");
}

#[tokio::test]
async fn commands_with_the_bots_name_work_like_words() {
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "/stats@hbdta_bot 86745912"))
            .await,
        StatusCode::OK
    );
    let want = arteezy_stats(ANA);
    assert_eq!(calls_to(&h.api, ANA, want.len()).await, want);
    assert_eq!(h.post(&private_text(2, ANA, "/help")).await, StatusCode::OK);
    let got = calls_to(&h.api, ANA, 5).await;
    assert_eq!(
        got[3..],
        [
            typing(ANA),
            json!({"method": "sendMessage", "chat_id": ANA, "text": messenger_text("help")})
        ]
    );
}

#[tokio::test]
async fn several_matches_offer_a_keyboard_and_a_tap_is_answered_and_shows_the_stats() {
    let h = harness().await;
    od_ok(&h.opendota, "/search", "bot_search__several").await;
    mount_arteezy(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "Arteezy")).await,
        StatusCode::OK
    );
    let got = calls_to(&h.api, ANA, 2).await;
    assert_eq!(
        got,
        [
            typing(ANA),
            json!({
                "method": "sendMessage",
                "chat_id": ANA,
                "text": messenger_text("arteezy_several_matches"),
                "reply_markup": {"inline_keyboard": [
                    [callback("Arteezy", "86745912")],
                    [callback("Arteezy the greatest carry of all time", "200000001")],
                    [callback("🔥🔥 Arteezy fan 🔥🔥🔥🔥", "200000002")],
                    [callback("arteezy", "200000003")],
                    [callback("Arteezy2", "200000004")],
                    [callback("xArteezyx", "200000005")],
                    [callback("RTZ", "200000006")],
                    [callback("arteezy fan club👨‍👩‍👧", "200000007")],
                    [callback("Player 200000008", "200000008")],
                    [callback("Arteezy #9", "200000009")]
                ]}
            })
        ]
    );

    assert_eq!(
        h.post(&tap(2, ANA, "cbq-77", "86745912")).await,
        StatusCode::OK
    );
    let all = calls(&h.api).await;
    assert_eq!(
        all[2],
        json!({"method": "answerCallbackQuery", "callback_query_id": "cbq-77"}),
        "the tap is answered before the webhook's 200"
    );
    let got = calls_to(&h.api, ANA, 2 + 3).await;
    assert_eq!(got[2..].to_vec(), arteezy_stats(ANA));
}

#[tokio::test]
async fn no_match_an_unknown_account_and_an_opendota_outage_get_clear_replies() {
    let h = harness().await;
    od(&h.opendota, "/search", 200, "[]".to_owned()).await;
    od(
        &h.opendota,
        "/players/1",
        404,
        r#"{"error":"Not Found"}"#.to_owned(),
    )
    .await;
    for route in [
        "/players/3",
        "/players/3/heroes",
        "/players/3/recentMatches",
    ] {
        od(
            &h.opendota,
            route,
            500,
            "<html>502 Bad Gateway</html>".to_owned(),
        )
        .await;
    }
    let text = |t: &str| json!({"method": "sendMessage", "chat_id": ANA, "text": t});
    let cases = [
        (
            "zzqqxxnobody",
            "I couldn't find any player called “zzqqxxnobody” on OpenDota. 🤔\nTips:\n• check the spelling, or try their current Steam name\n• names need at least 3 characters\n• send their account id or profile link (OpenDota, Dotabuff, STRATZ, Steam /profiles/) instead",
        ),
        (
            "1",
            "I couldn't find player 1 on OpenDota. 🤔\nTips:\n• check the number: it's the Friend ID in Dota 2, or the number in an OpenDota or Dotabuff player link\n• a SteamID64 or a profile link works too\n• if it's your account, log in once at opendota.com and turn on “Expose Public Match Data” in Dota 2",
        ),
        (
            "3",
            "OpenDota isn't answering right now. 🛠️ Please try again in a few minutes.",
        ),
    ];
    for (i, (ask, answer)) in cases.iter().enumerate() {
        let id = u32::try_from(i).unwrap() + 1;
        assert_eq!(h.post(&private_text(id, ANA, ask)).await, StatusCode::OK);
        let got = calls_to(&h.api, ANA, 2 * (i + 1)).await;
        assert_eq!(got[2 * i..], [typing(ANA), text(answer)], "{ask}");
    }
}

#[tokio::test]
async fn in_a_group_only_commands_and_mentions_are_answered_quoting_the_question() {
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    // Talk among the group's people: not for the bot.
    assert_eq!(
        h.post(&group_text(1, GROUP, 77, "86745912 is cracked"))
            .await,
        StatusCode::OK
    );
    assert_eq!(
        h.post(&group_text(2, GROUP, 77, "/stats@other_bot 86745912"))
            .await,
        StatusCode::OK
    );
    // A mention: answered, the first message quoting the question (message 503).
    assert_eq!(
        h.post(&group_text(3, GROUP, 77, "@hbdta_bot 86745912"))
            .await,
        StatusCode::OK
    );
    let mut want = arteezy_stats(GROUP);
    want[1]["reply_parameters"] = json!({"message_id": 503, "allow_sending_without_reply": true});
    let got = calls_to(&h.api, GROUP, 3).await;
    assert_eq!(got, want);
    assert_eq!(h.settle().await.len(), 3, "the other two were ignored");
}

#[tokio::test]
async fn a_duplicate_update_id_is_answered_once() {
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    let update = private_text(41, ANA, "86745912");
    assert_eq!(h.post(&update).await, StatusCode::OK);
    assert_eq!(h.post(&update).await, StatusCode::OK);
    let sent = h.settle().await;
    assert_eq!(sent, arteezy_stats(ANA));
}

#[tokio::test]
async fn a_429_from_telegram_is_waited_out_then_sent_once() {
    let h = harness().await;
    Mock::given(method("POST"))
        .and(method_path("sendMessage"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({
            "ok": false, "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1}
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&h.api)
        .await;
    let started = Instant::now();
    assert_eq!(h.post(&private_text(1, ANA, "/help")).await, StatusCode::OK);
    let got = calls_to(&h.api, ANA, 3).await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "retry_after was waited"
    );
    let help = json!({"method": "sendMessage", "chat_id": ANA, "text": messenger_text("help")});
    assert_eq!(
        got,
        [typing(ANA), help.clone(), help],
        "refused, then sent once"
    );
    assert_eq!(h.settle().await.len(), 3);
}

#[tokio::test]
async fn the_webhook_checks_the_secret_and_acknowledges_what_it_cannot_read() {
    let h = harness().await;
    let update = private_text(1, ANA, "help").to_string().into_bytes();
    assert_eq!(
        post_raw(&h.app, update.clone(), Some("forged-secret")).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post_raw(&h.app, update.clone(), Some("tg-webhook-secreT")).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(post_raw(&h.app, update, None).await, StatusCode::FORBIDDEN);
    // Not an update, not JSON, too big.
    assert_eq!(
        post_raw(&h.app, br#"{"hello": "world"}"#.to_vec(), Some(SECRET)).await,
        StatusCode::OK
    );
    assert_eq!(
        post_raw(&h.app, b"not json".to_vec(), Some(SECRET)).await,
        StatusCode::OK
    );
    assert_eq!(
        post_raw(&h.app, vec![b' '; 1024 * 1024 + 1], Some(SECRET)).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // An edited message and a channel post: nothing to answer.
    let edited = json!({"update_id": 5, "edited_message": private_text(0, ANA, "x")["message"]});
    assert_eq!(h.post(&edited).await, StatusCode::OK);
    let post = json!({"update_id": 6, "channel_post": {
        "message_id": 1, "date": 1_767_225_600,
        "chat": {"id": -100_777, "type": "channel", "title": "news"}, "text": "hi"}});
    assert_eq!(h.post(&post).await, StatusCode::OK);
    assert_eq!(h.settle().await, Vec::<Value>::new(), "nothing answered");
}

#[tokio::test]
async fn a_player_named_with_html_shows_literally() {
    let h = harness().await;
    let mut profile: Value = serde_json::from_str(&fixture("bot_players_get__arteezy")).unwrap();
    profile["profile"]["personaname"] = json!("<b>&amp; \"x\"");
    // This profile, before the fixture's.
    Mock::given(method("GET"))
        .and(path("/api/players/86745912"))
        .respond_with(ResponseTemplate::new(200).set_body_string(profile.to_string()))
        .with_priority(1)
        .mount(&h.opendota)
        .await;
    mount_arteezy(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "86745912")).await,
        StatusCode::OK
    );
    let got = calls_to(&h.api, ANA, 3).await;
    assert_eq!(
        got[1]["caption"],
        "<b>&lt;b&gt;&amp;amp; &quot;x&quot;</b>\nImmortal #32 · 61.7% wins · 6,075 games"
    );
    assert_eq!(got[1]["parse_mode"], "HTML");
    assert_eq!(
        got[2].get("parse_mode"),
        None,
        "texts go without a parse mode"
    );
}

#[tokio::test]
async fn a_steam_id64_and_a_profile_link_find_the_same_player() {
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "76561198047011640")).await,
        StatusCode::OK
    );
    let want = arteezy_stats(ANA);
    assert_eq!(calls_to(&h.api, ANA, 3).await, want);
    assert_eq!(
        h.post(&private_text(
            2,
            ANA,
            "https://www.dotabuff.com/players/86745912"
        ))
        .await,
        StatusCode::OK
    );
    assert_eq!(calls_to(&h.api, ANA, 6).await[3..], want);
}

#[tokio::test]
async fn a_name_with_one_match_gets_the_stats() {
    let h = harness().await;
    mount_tidehunter_main(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "stats tidehunter main")).await,
        StatusCode::OK
    );
    let want = vec![
        typing(ANA),
        json!({
            "method": "sendPhoto",
            "chat_id": ANA,
            "photo": "https://avatars.example/3c/3c4d5e_full.jpg",
            "caption": "<b>tidehunter main</b>\nLegend 4 · 54.1% wins · 257 games",
            "parse_mode": "HTML",
            "reply_markup": {"inline_keyboard": [[
                {"text": "OpenDota", "url": "https://www.opendota.com/players/311360822"},
                callback("Heroes", "HEROES:311360822"),
                callback("Recent", "RECENT:311360822")
            ]]}
        }),
        json!({
            "method": "sendMessage",
            "chat_id": ANA,
            "text": messenger_text("tidehunter_main_stats"),
            "reply_markup": {"inline_keyboard": [
                [callback("Heroes", "HEROES:311360822"), callback("Recent", "RECENT:311360822")],
                [callback("Last match", "LAST:311360822"), callback("Compare", "COMPARE:311360822")],
                [callback("This is me", "LINK:311360822")]
            ]}
        }),
    ];
    assert_eq!(calls_to(&h.api, ANA, 3).await, want);
    assert_eq!(h.settle().await.len(), 3, "nothing more");
}

#[tokio::test]
async fn a_comparison_puts_both_players_side_by_side() {
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    mount_player(&h.opendota, 111_620_041, "sumail", 29).await;
    od_ok(
        &h.opendota,
        "/heroes/74/itemPopularity",
        "bot_heroes_item_popularity__tidehunter",
    )
    .await;
    assert_eq!(
        h.post(&private_text(1, ANA, "/compare 86745912 111620041"))
            .await,
        StatusCode::OK
    );
    let want = [
        typing(ANA),
        json!({
            "method": "sendMessage",
            "chat_id": ANA,
            "text": messenger_text("compare_arteezy_sumail"),
            "reply_markup": {"inline_keyboard": [[
                callback("Arteezy", "86745912"), callback("SumaiL", "111620041")
            ]]}
        }),
    ];
    assert_eq!(calls_to(&h.api, ANA, 2).await, want);
    assert_eq!(h.settle().await.len(), 2, "nothing more");
}

#[tokio::test]
async fn an_opendota_rate_limit_gets_a_busy_reply() {
    let h = harness().await;
    for route in [
        "/players/2",
        "/players/2/heroes",
        "/players/2/recentMatches",
    ] {
        od(
            &h.opendota,
            route,
            429,
            r#"{"error":"minute rate limit exceeded"}"#.to_owned(),
        )
        .await;
    }
    assert_eq!(h.post(&private_text(1, ANA, "2")).await, StatusCode::OK);
    let want = [
        typing(ANA),
        json!({
            "method": "sendMessage",
            "chat_id": ANA,
            "text": "OpenDota is busy right now, try again in a minute. ⏳"
        }),
    ];
    assert_eq!(calls_to(&h.api, ANA, 2).await, want);
    assert_eq!(messenger_text("opendota_busy"), want[1]["text"]);
}

#[tokio::test]
async fn several_people_and_a_group_are_each_answered_in_order() {
    const BO: i64 = 5151;
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    // Ana asks twice, Bo starts, and two people ask in the group, all at once.
    for update in [
        private_text(1, ANA, "86745912"),
        group_text(2, GROUP, 77, "/stats@hbdta_bot 86745912"),
        private_text(3, BO, "/start"),
        group_text(4, GROUP, 78, "/help@hbdta_bot"),
        private_text(5, ANA, "/help"),
    ] {
        assert_eq!(h.post(&update).await, StatusCode::OK);
    }
    let help = |chat: i64| json!({"method": "sendMessage", "chat_id": chat, "text": messenger_text("help")});
    let quoting = |mut call: Value, message: i64| {
        call["reply_parameters"] =
            json!({"message_id": message, "allow_sending_without_reply": true});
        call
    };

    let mut ana = arteezy_stats(ANA);
    ana.extend([typing(ANA), help(ANA)]);
    assert_eq!(calls_to(&h.api, ANA, 5).await, ana, "Ana: stats, then help");

    let bo = [
        typing(BO),
        json!({"method": "sendMessage", "chat_id": BO, "text": messenger_text("get_started")}),
    ];
    assert_eq!(calls_to(&h.api, BO, 2).await, bo, "Bo: the welcome");

    let mut group = arteezy_stats(GROUP);
    group[1] = quoting(group[1].clone(), 502);
    group.extend([typing(GROUP), quoting(help(GROUP), 504)]);
    assert_eq!(
        calls_to(&h.api, GROUP, 5).await,
        group,
        "the group: each question in turn, each answer quoting its question"
    );
    assert_eq!(h.settle().await.len(), 12, "nothing more");
}

#[tokio::test]
async fn a_full_queue_asks_telegram_to_deliver_again_and_nothing_is_lost() {
    // One worker, room for one waiting update, and a slow Bot API keeps the worker busy.
    let h = harness_with(WorkerConfig {
        concurrency: 1,
        queue_per_worker: 1,
    })
    .await;
    Mock::given(method("POST"))
        .and(method_path("sendMessage"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(tg::message_result(ANA))
                .set_delay(Duration::from_millis(300)),
        )
        .with_priority(1)
        .mount(&h.api)
        .await;
    let mut statuses = Vec::new();
    for id in 1..=3 {
        statuses.push(h.post(&private_text(id, ANA, "/help")).await);
    }
    assert!(
        statuses.contains(&StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
    // Telegram delivers a refused update again later, until one is accepted.
    for (id, status) in (1..=3).zip(&statuses) {
        if *status != StatusCode::SERVICE_UNAVAILABLE {
            continue;
        }
        let started = Instant::now();
        loop {
            let again = h.post(&private_text(id, ANA, "/help")).await;
            if again == StatusCode::OK {
                break;
            }
            assert_eq!(again, StatusCode::SERVICE_UNAVAILABLE);
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the queue never drained"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    let help = json!({"method": "sendMessage", "chat_id": ANA, "text": messenger_text("help")});
    let once = [typing(ANA), help];
    let want: Vec<Value> = once.iter().chain(&once).chain(&once).cloned().collect();
    assert_eq!(h.settle().await, want, "every update answered exactly once");
}

#[tokio::test]
async fn link_me_and_forget_me_work_in_a_private_chat_and_in_a_group() {
    let h = harness().await;
    mount_arteezy(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "/link 86745912")).await,
        StatusCode::OK
    );
    let linked = json!({
        "method": "sendMessage",
        "chat_id": ANA,
        "text": "✅ Got it: you are Arteezy (86745912), Immortal #32.\nNow “me”, “my heroes”, “my recent” and “compare me <player>” work. To undo it send unlink; forget me deletes everything I keep about you.",
        "reply_markup": {"inline_keyboard": [
            [callback("My stats", "86745912"), callback("My heroes", "HEROES:86745912")],
            [callback("My recent", "RECENT:86745912")]
        ]}
    });
    assert_eq!(calls_to(&h.api, ANA, 2).await, [typing(ANA), linked]);

    // The link belongs to the person: `/me` works in a group too (user 4242 is Ana).
    assert_eq!(
        h.post(&group_text(2, GROUP, ANA, "/me@hbdta_bot")).await,
        StatusCode::OK
    );
    let mut want = arteezy_stats(GROUP);
    want[1]["reply_parameters"] = json!({"message_id": 502, "allow_sending_without_reply": true});
    // Linked: no "This is me" any more.
    want[2]["reply_markup"] = json!({"inline_keyboard": [
        [callback("Heroes", "HEROES:86745912"), callback("Recent", "RECENT:86745912")],
        [callback("Last match", "LAST:86745912"), callback("Compare", "COMPARE:86745912")]
    ]});
    assert_eq!(calls_to(&h.api, GROUP, 3).await, want);

    assert_eq!(
        h.post(&private_text(3, ANA, "/forget")).await,
        StatusCode::OK
    );
    let forgotten = json!({
        "method": "sendMessage",
        "chat_id": ANA,
        "text": "🗑️ Done: I've deleted everything I kept about you: your linked account, the last player you looked at and our conversation log."
    });
    assert_eq!(
        calls_to(&h.api, ANA, 4).await[2..],
        [typing(ANA), forgotten]
    );
}

#[tokio::test]
async fn the_last_match_is_a_text_with_a_keyboard() {
    let h = harness().await;
    mount_last_match(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "/last@hbdta_bot 86745912"))
            .await,
        StatusCode::OK
    );
    let want = [
        typing(ANA),
        json!({
            "method": "sendMessage",
            "chat_id": ANA,
            "text": "✅ Arteezy's last match: Tidehunter, won as Radiant\nK/D/A 3/1/5 · 30:00 · All Draft, Ranked · 2 h ago\n600 GPM · 700 XPM · 300 last hits · 20,000 hero damage\nItems: Blink Dagger, Black King Bar, Boots of Travel, Magic Wand, Abyssal Blade\nhttps://www.opendota.com/matches/8731220045\nNot parsed yet: OpenDota has not read this match's replay, so its laning, wards, gold graph and fights are missing. Open the link and ask for a parse to get them.",
            "reply_markup": {"inline_keyboard": [
                [callback("Stats", "86745912"), callback("Recent", "RECENT:86745912")],
                [callback("Heroes", "HEROES:86745912"), callback("Match details", "MATCH:8731220045")]
            ]}
        }),
    ];
    assert_eq!(calls_to(&h.api, ANA, 2).await, want);
    assert_eq!(h.settle().await.len(), 2, "nothing more");
}

/// The file parts of the `sendPhoto` uploads `api` received: (field name, file name, content
/// type, bytes).
async fn uploads(api: &MockServer) -> Vec<(String, String, String, Vec<u8>)> {
    let mut out = Vec::new();
    for request in api.received_requests().await.unwrap_or_default() {
        if !request.url.path().ends_with("/SendPhoto") {
            continue;
        }
        let content_type = request.headers["content-type"].to_str().unwrap().to_owned();
        let Some(boundary) = content_type.split("boundary=").nth(1) else {
            continue;
        };
        let delimiter = format!("--{}", boundary.trim_matches('"'));
        let body = &request.body;
        let starts: Vec<usize> = body
            .windows(delimiter.len())
            .enumerate()
            .filter(|(_, w)| *w == delimiter.as_bytes())
            .map(|(i, _)| i)
            .collect();
        for pair in starts.windows(2) {
            let part = &body[pair[0] + delimiter.len()..pair[1]];
            let Some(split) = part.windows(4).position(|w| w == b"\r\n\r\n") else {
                continue;
            };
            let head = String::from_utf8_lossy(&part[..split]).into_owned();
            let Some(file) = head
                .split("filename=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
            else {
                continue;
            };
            let name = head
                .split("name=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let kind = head
                .lines()
                .find_map(|l| {
                    l.strip_prefix("Content-Type: ")
                        .or_else(|| l.strip_prefix("content-type: "))
                })
                .unwrap_or_default()
                .to_owned();
            let data = part[split + 4..part.len() - 2].to_vec();
            out.push((name.to_owned(), file.to_owned(), kind, data));
        }
    }
    out
}

#[tokio::test]
async fn pictures_are_uploaded_with_send_photo() {
    let h = harness_with_pictures().await;
    mount_arteezy(&h.opendota).await;
    common::mount_last_match(&h.opendota).await;
    assert_eq!(
        h.post(&private_text(1, ANA, "86745912")).await,
        StatusCode::OK
    );
    let got = calls_to(&h.api, ANA, 3).await;
    assert_eq!(got[1]["method"], "sendPhoto");
    assert_eq!(
        got[1]["caption"],
        "<b>Arteezy</b>\nImmortal #32 · 61.7% wins · 6,075 games"
    );
    assert_eq!(got[1]["parse_mode"], "HTML");
    let photo = got[1]["photo"].as_str().unwrap();
    assert!(
        photo.starts_with("attach://"),
        "an upload, not a URL: {photo}"
    );
    assert_eq!(got[2]["method"], "sendMessage");

    assert_eq!(
        h.post(&private_text(2, ANA, "last 86745912")).await,
        StatusCode::OK
    );
    let got = calls_to(&h.api, ANA, 6).await;
    assert_eq!(got[3], typing(ANA));
    assert_eq!(
        got[4]["method"], "sendPhoto",
        "the last match's picture first"
    );
    assert_eq!(got[4].get("caption"), None);
    assert!(
        got[5]["text"]
            .as_str()
            .unwrap()
            .starts_with("✅ Arteezy's last match: Tidehunter")
    );

    // Each photo field names its file part: `card.png`, a PNG (Telegram reads the type from the
    // name; teloxide sends the part without one).
    let files = uploads(&h.api).await;
    let attached: Vec<String> = files
        .iter()
        .map(|(name, ..)| format!("attach://{name}"))
        .collect();
    assert_eq!(attached, [photo, got[4]["photo"].as_str().unwrap()]);
    for (_, file, kind, png) in &files {
        assert_eq!((file.as_str(), kind.as_str()), ("card.png", ""));
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("a PNG");
        assert_eq!((pixmap.width(), pixmap.height()), (800, 418));
    }
    assert_eq!(h.settle().await.len(), 6, "nothing more");
}
