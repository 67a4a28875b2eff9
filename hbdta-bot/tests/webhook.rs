//! End to end: signed webhook bodies into the bot's router, a wiremock OpenDota and Graph API
//! behind it, and the exact Send API calls that come out.
//!
//! The expected Send API bodies are literal JSON (`fixtures/messenger/bot_sends__*.json`), so a
//! change in the conversation or in the conversion to Messenger messages shows here. "Exactly n
//! calls" is checked once the workers have stopped (`Harness::settle`), not after a sleep.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{
    all_sent, mount_arteezy_invoker, mount_last_match, mount_player, mount_tidehunter_main, od,
    od_ok, opendota_client, opendota_with_constants, sends, sent_to,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use hbdta_bot::app::App;
use hbdta_bot::cards::Cards;
use hbdta_bot::config::WorkerConfig;
use hbdta_bot::platform::messenger::Messenger;
use hbdta_bot::stats::Stats;
use hbdta_bot::store::MemoryStore;
use hbdta_bot::workers;
use messenger_sdk::axum::WebhookConfig;
use messenger_sdk::webhook::SignatureVerifier;
use serde_json::{Value, json};
use tower::ServiceExt;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "bot-app-secret";
const VERIFY: &str = "bot-verify-token";
const TOKEN: &str = "bot-page-token";
const ALICE: &str = "7000000000000001";
const BOB: &str = "7000000000000002";

/// The bot under test: built as the server builds it (`App`, worker queues, the router).
struct Harness {
    opendota: MockServer,
    graph: MockServer,
    app: Router,
    /// Dropping a `JoinSet` aborts its tasks: the workers live as long as the harness.
    workers: tokio::task::JoinSet<()>,
}

impl Harness {
    /// Stops accepting (the router and its queues go), lets the workers finish everything queued
    /// (10 s at most), and returns every Send API body sent: nothing more can come after this.
    async fn settle(self) -> Vec<Value> {
        let Self {
            graph,
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
        all_sent(&graph).await
    }
}

async fn harness_with(workers: WorkerConfig, graph_delay: Duration) -> Harness {
    harness_of(workers, graph_delay, None).await
}

/// The bot with its pictures linked from `https://bot.example` (`HBDTA_PUBLIC_URL`).
async fn harness_with_pictures() -> Harness {
    let cards = Cards::new(
        b"bot-card-key".to_vec(),
        Some("https://bot.example".to_owned()),
    );
    harness_of(
        WorkerConfig {
            concurrency: 4,
            queue_per_worker: 16,
        },
        Duration::ZERO,
        Some(cards),
    )
    .await
}

async fn harness_of(workers: WorkerConfig, graph_delay: Duration, cards: Option<Cards>) -> Harness {
    let opendota = opendota_with_constants().await;
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v25.0/me/messages"))
        .and(query_param("access_token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"recipient_id": ALICE, "message_id": "m_out"}))
                .set_delay(graph_delay),
        )
        .mount(&graph)
        .await;
    let stats = Stats::new(opendota_client(&opendota));
    stats.warm_up().await.unwrap();
    let graph_client = messenger_sdk::Client::builder()
        .page_access_token(TOKEN)
        .app_secret(SECRET)
        .graph_url(graph.uri())
        .build()
        .unwrap();
    let mut messenger = Messenger::new(WebhookConfig::new(SECRET, VERIFY), graph_client);
    if let Some(cards) = &cards {
        messenger = messenger.cards(cards.clone());
    }
    let mut bot = App::new(
        reqwest::Client::new(),
        stats,
        Arc::new(MemoryStore::new()),
        vec![Arc::new(messenger)],
    );
    if let Some(cards) = cards {
        bot = bot.cards(cards);
    }
    // "Now" for "2 h ago": two hours and five minutes after Arteezy's last match ended.
    bot.conversation = bot
        .conversation
        .clone()
        .with_clock(|| 1_773_512_300 + 1_800 + 2 * 3_600 + 300);
    let (queues, receivers) = workers::queues(workers);
    let app = bot.router(&bot.dispatcher(Arc::new(queues)));
    Harness {
        opendota,
        graph,
        app,
        workers: workers::spawn(receivers, &bot.answerer()),
    }
}

async fn harness() -> Harness {
    harness_with(
        WorkerConfig {
            concurrency: 4,
            queue_per_worker: 16,
        },
        Duration::ZERO,
    )
    .await
}

fn event(psid: &str, mid: &str, message: Value) -> Value {
    let mut message = message;
    message["mid"] = json!(mid);
    json!({
        "sender": {"id": psid},
        "recipient": {"id": "104000000000001"},
        "timestamp": 1_767_225_600_000_i64,
        "message": message
    })
}

fn body(events: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "page",
        "entry": [{"id": "104000000000001", "time": 1_767_225_600_123_i64, "messaging": events}]
    }))
    .unwrap()
}

fn text_body(psid: &str, mid: &str, text: &str) -> Vec<u8> {
    body(vec![event(psid, mid, json!({"text": text}))])
}

async fn post(app: &Router, body: Vec<u8>, signed: bool) -> StatusCode {
    let mut request = Request::post("/webhook").header("content-type", "application/json");
    if signed {
        request = request.header(
            "x-hub-signature-256",
            SignatureVerifier::new(SECRET).sign(&body),
        );
    }
    app.clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap()
        .status()
}

fn card_title(message: &Value) -> &str {
    message["message"]["attachment"]["payload"]["elements"][0]["title"]
        .as_str()
        .unwrap()
}

fn text_of(message: &Value) -> &str {
    message["message"]["text"].as_str().unwrap()
}

fn chips(message: &Value) -> Vec<(String, String)> {
    message["message"]["quick_replies"]
        .as_array()
        .map(|qs| {
            qs.iter()
                .map(|q| {
                    (
                        q["title"].as_str().unwrap().to_owned(),
                        q["payload"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Asks `text` as ALICE and checks the bot sends the Send API bodies of `case`, in order.
async fn ask_and_check(h: &Harness, mid: &str, text: &str, case: &str) -> Vec<Value> {
    assert_eq!(
        post(&h.app, text_body(ALICE, mid, text), true).await,
        StatusCode::OK
    );
    let want = sends(case, ALICE);
    let got = sent_to(&h.graph, ALICE, want.len()).await;
    assert_eq!(got, want, "Send API calls for {text:?}");
    got
}

fn assert_arteezy_stats(sent: &[Value]) {
    assert_eq!(sent.len(), 4, "seen, typing, card, text: {sent:#?}");
    assert_eq!(sent[0]["sender_action"], "mark_seen");
    assert_eq!(sent[1]["sender_action"], "typing_on");
    assert_eq!(card_title(&sent[2]), "Arteezy");
    let buttons = &sent[2]["message"]["attachment"]["payload"]["elements"][0]["buttons"];
    assert_eq!(
        buttons[0]["url"],
        "https://www.opendota.com/players/86745912"
    );
    assert_eq!(buttons[1]["payload"], "HEROES:86745912");
    let chips = chips(&sent[3]);
    assert!(
        chips.iter().any(|(_, p)| p == "RECENT:86745912"),
        "{chips:?}"
    );
    assert!(
        chips.iter().any(|(_, p)| p == "COMPARE:86745912"),
        "{chips:?}"
    );
}

#[tokio::test]
async fn an_account_id_gets_the_card_and_the_stats_text() {
    let h = harness().await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    let sent = ask_and_check(&h, "m_id", "86745912", "arteezy_stats").await;
    assert_arteezy_stats(&sent);
}

#[tokio::test]
async fn a_steam_id64_and_a_profile_link_find_the_same_player() {
    let h = harness().await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    let sent = ask_and_check(&h, "m_steam", "76561198047011640", "arteezy_stats").await;
    assert_arteezy_stats(&sent);
    let h = harness().await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    let sent = ask_and_check(
        &h,
        "m_link",
        "https://www.dotabuff.com/players/86745912",
        "arteezy_stats",
    )
    .await;
    assert_arteezy_stats(&sent);
}

#[tokio::test]
async fn a_name_with_one_match_gets_the_stats() {
    let h = harness().await;
    mount_tidehunter_main(&h.opendota).await;
    let sent = ask_and_check(
        &h,
        "m_one",
        "stats tidehunter main",
        "tidehunter_main_stats",
    )
    .await;
    assert_eq!(card_title(&sent[2]), "tidehunter main");
}

#[tokio::test]
async fn a_name_with_several_matches_offers_choices_and_a_choice_shows_the_stats() {
    let h = harness().await;
    od_ok(&h.opendota, "/search", "bot_search__several").await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    let sent = ask_and_check(&h, "m_several", "Arteezy", "arteezy_several_matches").await;
    assert_eq!(
        sent.len(),
        3,
        "seen, typing, one text with choices: {sent:#?}"
    );
    let chips = chips(&sent[2]);
    assert!(!chips.is_empty() && chips.len() <= 10, "{chips:?}");
    assert!(
        chips
            .iter()
            .all(|(title, _)| title.encode_utf16().count() <= 20),
        "{chips:?}"
    );
    assert!(
        chips.contains(&("Arteezy".to_owned(), "86745912".to_owned())),
        "{chips:?}"
    );

    // Tapping the first choice sends its payload back as a quick reply.
    let tap = body(vec![event(
        ALICE,
        "m_tap",
        json!({"text": "Arteezy", "quick_reply": {"payload": "86745912"}}),
    )]);
    assert_eq!(post(&h.app, tap, true).await, StatusCode::OK);
    let want = sends("arteezy_stats", ALICE);
    let all = sent_to(&h.graph, ALICE, 3 + want.len()).await;
    assert_eq!(all[3..].to_vec(), want);
    assert_arteezy_stats(&all[3..]);
}

#[tokio::test]
async fn a_name_with_no_match_gets_a_friendly_reply_with_tips() {
    let h = harness().await;
    od(&h.opendota, "/search", 200, "[]".to_owned()).await;
    let sent = ask_and_check(&h, "m_none", "zzqqxxnobody", "no_match").await;
    assert_eq!(sent.len(), 3);
    assert!(
        text_of(&sent[2]).contains("zzqqxxnobody"),
        "{}",
        text_of(&sent[2])
    );
}

#[tokio::test]
async fn a_comparison_puts_both_players_side_by_side() {
    let h = harness().await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    mount_player(&h.opendota, 111_620_041, "sumail", 29).await;
    od_ok(
        &h.opendota,
        "/heroes/74/itemPopularity",
        "bot_heroes_item_popularity__tidehunter",
    )
    .await;
    let sent = ask_and_check(
        &h,
        "m_cmp",
        "compare 86745912 111620041",
        "compare_arteezy_sumail",
    )
    .await;
    let text: String = sent[2..]
        .iter()
        .filter_map(|m| m["message"]["text"].as_str())
        .collect();
    assert!(
        text.contains("Arteezy") && text.contains("SumaiL"),
        "{text}"
    );
}

#[tokio::test]
async fn an_unknown_account_and_an_opendota_outage_get_clear_replies() {
    let h = harness().await;
    od(
        &h.opendota,
        "/players/1",
        404,
        r#"{"error":"Not Found"}"#.to_owned(),
    )
    .await;
    let sent = ask_and_check(&h, "m_unknown", "1", "unknown_account").await;
    assert_eq!(sent.len(), 3, "{sent:#?}");
    assert!(
        text_of(&sent[2]).contains("couldn't find"),
        "{}",
        text_of(&sent[2])
    );

    let h = harness().await;
    od(
        &h.opendota,
        "/players/2",
        429,
        r#"{"error":"minute rate limit exceeded"}"#.to_owned(),
    )
    .await;
    od(
        &h.opendota,
        "/players/2/heroes",
        429,
        r#"{"error":"minute rate limit exceeded"}"#.to_owned(),
    )
    .await;
    od(
        &h.opendota,
        "/players/2/recentMatches",
        429,
        r#"{"error":"minute rate limit exceeded"}"#.to_owned(),
    )
    .await;
    let sent = ask_and_check(&h, "m_429", "2", "opendota_busy").await;
    assert!(text_of(sent.last().unwrap()).contains("busy"), "{sent:#?}");

    let h = harness().await;
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
    let sent = ask_and_check(&h, "m_500", "3", "opendota_down").await;
    assert!(
        text_of(sent.last().unwrap()).contains("isn't answering"),
        "{sent:#?}"
    );
}

#[tokio::test]
async fn a_duplicate_delivery_is_answered_once() {
    let h = harness().await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    let once = text_body(ALICE, "m_dup", "86745912");
    assert_eq!(post(&h.app, once.clone(), true).await, StatusCode::OK);
    assert_eq!(
        post(&h.app, once, true).await,
        StatusCode::OK,
        "a redelivery is acknowledged"
    );
    assert_eq!(
        h.settle().await,
        sends("arteezy_stats", ALICE),
        "answered once"
    );
}

#[tokio::test]
async fn several_events_from_several_people_are_each_answered_in_order() {
    let h = harness().await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    od(&h.opendota, "/search", 200, "[]".to_owned()).await;
    let postback = json!({
        "sender": {"id": BOB},
        "recipient": {"id": "104000000000001"},
        "timestamp": 1_767_225_600_500_i64,
        "postback": {"mid": "m_pb", "title": "Get Started", "payload": "GET_STARTED"}
    });
    let read = json!({
        "sender": {"id": ALICE},
        "recipient": {"id": "104000000000001"},
        "timestamp": 1_767_225_600_600_i64,
        "read": {"watermark": 1_767_225_600_000_i64}
    });
    let echo = json!({
        "sender": {"id": "104000000000001"},
        "recipient": {"id": ALICE},
        "timestamp": 1_767_225_600_700_i64,
        "message": {"mid": "m_echo", "is_echo": true, "text": "from the page"}
    });
    let multi = body(vec![
        event(ALICE, "m_a1", json!({"text": "86745912"})),
        postback,
        read,
        echo,
        event(ALICE, "m_a2", json!({"text": "help"})),
    ]);
    assert_eq!(post(&h.app, multi, true).await, StatusCode::OK);

    let mut want_alice = sends("arteezy_stats", ALICE);
    want_alice.extend(sends("help", ALICE));
    let want_bob = sends("get_started", BOB);
    assert_eq!(
        sent_to(&h.graph, ALICE, want_alice.len()).await,
        want_alice,
        "Alice: stats, then help"
    );
    assert_eq!(
        sent_to(&h.graph, BOB, want_bob.len()).await,
        want_bob,
        "Bob: the welcome"
    );
}

#[tokio::test]
async fn the_router_checks_before_it_accepts() {
    let h = harness().await;
    let unsigned = post(&h.app, text_body(ALICE, "m_x", "1"), false).await;
    assert_eq!(unsigned, StatusCode::FORBIDDEN);
    let mut tampered = text_body(ALICE, "m_y", "1");
    let signature = SignatureVerifier::new(SECRET).sign(&tampered);
    tampered[10] ^= 1;
    let response = h
        .app
        .clone()
        .oneshot(
            Request::post("/webhook")
                .header("x-hub-signature-256", signature)
                .body(Body::from(tampered))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        post(&h.app, b"not json".to_vec(), true).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post(&h.app, vec![b' '; 1024 * 1024 + 1], true).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let unknown = serde_json::to_vec(&json!({"object": "page", "entry": [{"id": "1", "messaging": [{"sender": {"id": ALICE}, "hologram": {}}]}]})).unwrap();
    assert_eq!(
        post(&h.app, unknown, true).await,
        StatusCode::OK,
        "unknown events are acknowledged"
    );

    let ok = h
        .app
        .clone()
        .oneshot(
            Request::get(format!(
                "/webhook?hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=42"
            ))
            .body(Body::empty())
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let health = h
        .app
        .clone()
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert!(
        h.settle().await.is_empty(),
        "nothing answered for refused bodies"
    );
}

#[tokio::test]
async fn a_full_queue_asks_meta_to_deliver_again_and_nothing_is_lost() {
    // One worker, room for one waiting event, and a slow Graph API keeps the worker busy.
    let h = harness_with(
        WorkerConfig {
            concurrency: 1,
            queue_per_worker: 1,
        },
        Duration::from_millis(300),
    )
    .await;
    let mut statuses = Vec::new();
    for i in 0..3 {
        statuses.push(post(&h.app, text_body(ALICE, &format!("m_q{i}"), "help"), true).await);
    }
    assert!(
        statuses.contains(&StatusCode::SERVICE_UNAVAILABLE),
        "{statuses:?}"
    );
    // Meta delivers the refused bodies again later, until one is accepted.
    for (i, status) in statuses.iter().enumerate() {
        if *status != StatusCode::SERVICE_UNAVAILABLE {
            continue;
        }
        let started = Instant::now();
        loop {
            let again = post(&h.app, text_body(ALICE, &format!("m_q{i}"), "help"), true).await;
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
    let help = sends("help", ALICE);
    let want: Vec<Value> = help.iter().chain(&help).chain(&help).cloned().collect();
    assert_eq!(
        h.settle().await,
        want,
        "every message answered exactly once"
    );
}

#[tokio::test]
async fn the_last_match_answers_with_its_items_and_link() {
    let h = harness().await;
    mount_last_match(&h.opendota).await;
    assert_eq!(
        post(&h.app, text_body(ALICE, "m_last", "last 86745912"), true).await,
        StatusCode::OK
    );
    let want = [
        json!({"messaging_type": "RESPONSE", "recipient": {"id": ALICE}, "sender_action": "mark_seen"}),
        json!({"messaging_type": "RESPONSE", "recipient": {"id": ALICE}, "sender_action": "typing_on"}),
        json!({
            "messaging_type": "RESPONSE",
            "recipient": {"id": ALICE},
            "message": {
                "text": "✅ Arteezy's last match: Tidehunter, won as Radiant\nK/D/A 3/1/5 · 30:00 · All Draft, Ranked · 2 h ago\n600 GPM · 700 XPM · 300 last hits · 20,000 hero damage\nItems: Blink Dagger, Black King Bar, Boots of Travel, Magic Wand, Abyssal Blade\nhttps://www.opendota.com/matches/8731220045\nNot parsed yet: OpenDota has not read this match's replay, so its laning, wards, gold graph and fights are missing. Open the link and ask for a parse to get them.",
                "quick_replies": [
                    {"content_type": "text", "title": "Stats", "payload": "86745912"},
                    {"content_type": "text", "title": "Recent", "payload": "RECENT:86745912"},
                    {"content_type": "text", "title": "Heroes", "payload": "HEROES:86745912"},
                    {"content_type": "text", "title": "Match details", "payload": "MATCH:8731220045"}
                ]
            }
        }),
    ];
    assert_eq!(sent_to(&h.graph, ALICE, 3).await, want);
    assert_eq!(h.settle().await.len(), 3, "nothing more");
}

#[tokio::test]
async fn a_match_link_and_peers_through_signed_webhooks() {
    let h = harness().await;
    od_ok(
        &h.opendota,
        "/matches/8731220045",
        "bot_matches_get__arteezy_last",
    )
    .await;
    od_ok(&h.opendota, "/players/86745912", "bot_players_get__arteezy").await;
    od_ok(
        &h.opendota,
        "/players/86745912/peers",
        "bot_players_peers__arteezy",
    )
    .await;
    let seen = json!({"messaging_type": "RESPONSE", "recipient": {"id": ALICE}, "sender_action": "mark_seen"});
    let typing = json!({"messaging_type": "RESPONSE", "recipient": {"id": ALICE}, "sender_action": "typing_on"});
    let chip = |title: &str, payload: &str| json!({"content_type": "text", "title": title, "payload": payload});

    assert_eq!(
        post(
            &h.app,
            text_body(
                ALICE,
                "m_match",
                "https://www.dotabuff.com/matches/8731220045"
            ),
            true
        )
        .await,
        StatusCode::OK
    );
    let game = json!({
        "messaging_type": "RESPONSE",
        "recipient": {"id": ALICE},
        "message": {
            "text": "🏆 Radiant won 23–18 · 30:00 · All Draft, Ranked · 2 h ago\n\nRadiant:\n• Tidehunter · Arteezy · 3/1/5\n• Anti-Mage · 8/2/10\n• Pudge · tidehunter main · 5/4/14\n• Axe · 6/3/12\n• Centaur Warrunner · arteezy · 1/8/20\n\nDire:\n• Invoker · SumaiL · 9/5/3\n• Shadow Fiend · 4/6/7\n• Pudge · Arteezy2 · 2/7/9\n• Axe · 2/5/6\n• Anti-Mage · 1/9/4\n\n⭐ Player of the match: Anti-Mage · 8/2/10 (Radiant)\n\nhttps://www.opendota.com/matches/8731220045",
            "quick_replies": [
                chip("Arteezy", "86745912"),
                chip("tidehunter main", "311360822"),
                chip("arteezy", "200000003"),
                chip("SumaiL", "111620041"),
                chip("Arteezy2", "200000004")
            ]
        }
    });
    assert_eq!(
        sent_to(&h.graph, ALICE, 3).await,
        [seen.clone(), typing.clone(), game]
    );

    assert_eq!(
        post(&h.app, text_body(ALICE, "m_peers", "peers 86745912"), true).await,
        StatusCode::OK
    );
    let peers = json!({
        "messaging_type": "RESPONSE",
        "recipient": {"id": ALICE},
        "message": {
            "text": "👥 Who Arteezy plays with most:\n1. SumaiL: 120 games together, 58.3% won\n2. <b>stack</b> & co: 60 games together, 50.0% won (and 35 against, 10 won)\n3. Player 200000006: 33 games together, 60.6% won",
            "quick_replies": [
                chip("SumaiL", "111620041"),
                chip("<b>stack</b> & co", "200000005"),
                chip("Player 200000006", "200000006"),
                chip("Stats", "86745912"),
                chip("Recent", "RECENT:86745912")
            ]
        }
    });
    assert_eq!(
        sent_to(&h.graph, ALICE, 6).await[3..],
        [seen, typing, peers]
    );
    assert_eq!(h.settle().await.len(), 6, "nothing more");
}

/// Alice's answers, in order: after each message, mark_seen, typing_on, then `messages`.
fn answered(messages: &[Value]) -> Vec<Value> {
    let seen = json!({"messaging_type": "RESPONSE", "recipient": {"id": ALICE}, "sender_action": "mark_seen"});
    let typing = json!({"messaging_type": "RESPONSE", "recipient": {"id": ALICE}, "sender_action": "typing_on"});
    messages
        .iter()
        .flat_map(|m| {
            [
                seen.clone(),
                typing.clone(),
                json!({"messaging_type": "RESPONSE", "recipient": {"id": ALICE}, "message": m}),
            ]
        })
        .collect()
}

fn chip(title: &str, payload: &str) -> Value {
    json!({"content_type": "text", "title": title, "payload": payload})
}

#[tokio::test]
async fn one_hero_known_short_typo_and_unknown_through_signed_webhooks() {
    let h = harness().await;
    mount_arteezy_invoker(&h.opendota).await;
    let invoker = json!({
        "text": "🦸 Arteezy on Invoker\n1,200 games, 60.0% won · last played 2 h ago\nLast 4 on Invoker: 8.5/3.0/10.0 K/D/A average, 3 wins, 1 loss\nWith Invoker on the team: 600 games, 60.0% won\nAgainst Invoker: 1,200 games, 40.0% won\n\nhttps://www.opendota.com/players/86745912/matches?hero_id=74",
        "quick_replies": [
            chip("Heroes", "HEROES:86745912"),
            chip("Last match", "LAST:86745912"),
            chip("Stats", "86745912")
        ]
    });
    let questions = [
        "invoker 86745912",
        "invo 86745912",
        "86745912 on invokr",
        "86745912 on pud",
    ];
    for (n, question) in questions.into_iter().enumerate() {
        let mid = format!("m_hero_{n}");
        assert_eq!(
            post(&h.app, text_body(ALICE, &mid, question), true).await,
            StatusCode::OK
        );
    }
    let want = answered(&[
        invoker.clone(),
        invoker.clone(),
        invoker,
        json!({
            "text": "I don't know a hero called “pud”. Did you mean Pudge?",
            "quick_replies": [chip("Pudge", "HERO:14:86745912")]
        }),
    ]);
    assert_eq!(sent_to(&h.graph, ALICE, want.len()).await, want);
    assert_eq!(h.settle().await.len(), 12, "nothing more");
}

#[tokio::test]
async fn a_parsed_last_match_no_last_match_and_a_private_profile_through_signed_webhooks() {
    let h = harness().await;
    // Arteezy: his last match, parsed.
    od_ok(&h.opendota, "/players/86745912", "bot_players_get__arteezy").await;
    od_ok(
        &h.opendota,
        "/players/86745912/recentMatches",
        "bot_players_recent_matches__arteezy",
    )
    .await;
    let mut parsed: Value =
        serde_json::from_str(&common::fixture("bot_matches_get__arteezy_last")).unwrap();
    parsed["version"] = json!(22);
    Mock::given(method("GET"))
        .and(path("/api/matches/8731220045"))
        .respond_with(ResponseTemplate::new(200).set_body_json(parsed))
        .mount(&h.opendota)
        .await;
    // SumaiL: no recent matches.
    od_ok(&h.opendota, "/players/111620041", "bot_players_get__sumail").await;
    Mock::given(method("GET"))
        .and(path("/api/players/111620041/recentMatches"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&h.opendota)
        .await;
    // A private profile.
    od_ok(
        &h.opendota,
        "/players/123456789",
        "bot_players_get__private",
    )
    .await;
    od_ok(
        &h.opendota,
        "/players/123456789/heroes",
        "bot_players_heroes__private",
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/api/players/123456789/recentMatches"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&h.opendota)
        .await;

    for (mid, question) in [
        ("m_parsed", "last 86745912"),
        ("m_none", "last 111620041"),
        ("m_private", "123456789"),
    ] {
        assert_eq!(
            post(&h.app, text_body(ALICE, mid, question), true).await,
            StatusCode::OK
        );
    }
    let want = answered(&[
        json!({
            "text": "✅ Arteezy's last match: Tidehunter, won as Radiant\nK/D/A 3/1/5 · 30:00 · All Draft, Ranked · 2 h ago\n600 GPM · 700 XPM · 300 last hits · 20,000 hero damage\nItems: Blink Dagger, Black King Bar, Boots of Travel, Magic Wand, Abyssal Blade\nhttps://www.opendota.com/matches/8731220045",
            "quick_replies": [
                chip("Stats", "86745912"),
                chip("Recent", "RECENT:86745912"),
                chip("Heroes", "HEROES:86745912"),
                chip("Match details", "MATCH:8731220045")
            ]
        }),
        json!({
            "text": "OpenDota has no recent matches of SumaiL (111620041).\nIf this is your account: in Dota 2, open Settings → Options → Social, turn on “Expose Public Match Data”, play a match, then ask me again (OpenDota may take a little while to catch up).",
            "quick_replies": [
                chip("Stats", "111620041"),
                chip("Recent", "RECENT:111620041"),
                chip("Heroes", "HEROES:111620041")
            ]
        }),
        json!({"text": "🔒 hidden hero (123456789) has no public match data on OpenDota, so I can't show their stats.\nIf this is your account: in Dota 2, open Settings → Options → Social, turn on “Expose Public Match Data”, play a match, then ask me again (OpenDota may take a little while to catch up)."}),
    ]);
    assert_eq!(sent_to(&h.graph, ALICE, want.len()).await, want);
    assert_eq!(h.settle().await.len(), 9, "nothing more");
}

/// The picture a `/cards/` URL carries: the JSON in its key (base64url before the `.`).
fn picture_in(url: &str) -> Value {
    let key = url
        .strip_prefix("https://bot.example/cards/")
        .and_then(|k| k.strip_suffix(".png"))
        .unwrap_or_else(|| panic!("a card URL: {url}"));
    let (payload, signature) = key.split_once('.').unwrap();
    assert_eq!(signature.len(), 32, "128 bits of HMAC, in hex");
    let json =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload).unwrap();
    serde_json::from_slice(&json).unwrap()
}

/// `GET <path>` on the bot's router: status, content type, body.
async fn get(app: &Router, path: &str) -> (StatusCode, String, Vec<u8>) {
    let response = app
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, content_type, body.to_vec())
}

#[tokio::test]
async fn with_a_public_url_the_card_and_the_last_match_show_their_pictures() {
    let h = harness_with_pictures().await;
    mount_player(&h.opendota, 86_745_912, "arteezy", 29).await;
    od_ok(
        &h.opendota,
        "/matches/8731220045",
        "bot_matches_get__arteezy_last",
    )
    .await;
    assert_eq!(
        post(&h.app, text_body(ALICE, "m_pic_1", "86745912"), true).await,
        StatusCode::OK
    );
    let sent = sent_to(&h.graph, ALICE, 4).await;
    let element = &sent[2]["message"]["attachment"]["payload"]["elements"][0];
    let image = element["image_url"].as_str().unwrap().to_owned();
    assert_eq!(picture_in(&image), common::arteezy_stats_picture());
    // The same router serves it, to Facebook's fetcher as to anyone.
    let path = image.strip_prefix("https://bot.example").unwrap();
    let (status, content_type, png) = get(&h.app, path).await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::OK, "image/png")
    );
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (800, 418));

    // The last match: its picture as an image message, then the text.
    assert_eq!(
        post(&h.app, text_body(ALICE, "m_pic_2", "last 86745912"), true).await,
        StatusCode::OK
    );
    let sent = sent_to(&h.graph, ALICE, 8).await;
    assert_eq!(sent[4]["sender_action"], "mark_seen");
    assert_eq!(sent[5]["sender_action"], "typing_on");
    let attachment = &sent[6]["message"]["attachment"];
    assert_eq!(attachment["type"], "image");
    let image = attachment["payload"]["url"].as_str().unwrap();
    assert_eq!(
        picture_in(image),
        json!({
            "kind": "last_match",
            "name": "Arteezy",
            "hero": "Tidehunter",
            "won": true,
            "radiant": true,
            "kda": [3, 1, 5],
            "facts": "30:00 · All Draft, Ranked · 2 h ago",
            "economy": "600 GPM · 700 XPM · 300 last hits · 20,000 hero damage",
            "items": ["Blink Dagger", "Black King Bar", "Boots of Travel", "Magic Wand", "Abyssal Blade"]
        })
    );
    assert!(text_of(&sent[7]).starts_with("✅ Arteezy's last match: Tidehunter"));
    let (status, _, _) = get(&h.app, image.strip_prefix("https://bot.example").unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h.settle().await.len(), 8, "nothing more");
}
