//! Memory end to end, through signed webhooks into the bot's router with an SQLite file as the
//! store: link, "me", the conversation log, forget me (and the log really is empty), and Meta's
//! data deletion callback (a good and a tampered `signed_request`, the status page).
//!
//! Answers are made before the webhook's 200 here (the `Inline` hand-over, as on Lambda), so a
//! test reads the store right after its request.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::{od_ok, opendota_client, opendota_with_constants};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use hbdta_bot::answer::Inline;
use hbdta_bot::app::App;
use hbdta_bot::config::{SqliteConfig, StoreConfig};
use hbdta_bot::platform::messenger::Messenger;
use hbdta_bot::stats::Stats;
use hbdta_bot::store::{Direction, Memory, PersonId, Store};
use messenger_sdk::axum::WebhookConfig;
use messenger_sdk::webhook::SignatureVerifier;
use opendota_sdk::AccountId;
use serde_json::{Value, json};
use tower::ServiceExt;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "memory-app-secret";
const TOKEN: &str = "memory-page-token";
const ALICE: &str = "7000000000000001";
const BOB: &str = "7000000000000002";

struct Bot {
    router: Router,
    store: Arc<dyn Store>,
    graph: MockServer,
    opendota: MockServer,
    _dir: tempfile::TempDir,
}

async fn bot() -> Bot {
    let opendota = opendota_with_constants().await;
    for (route, name) in [
        ("/players/86745912", "bot_players_get__arteezy"),
        ("/players/86745912/heroes", "bot_players_heroes__arteezy"),
        (
            "/players/86745912/recentMatches",
            "bot_players_recent_matches__arteezy",
        ),
        (
            "/heroes/29/itemPopularity",
            "bot_heroes_item_popularity__tidehunter",
        ),
    ] {
        od_ok(&opendota, route, name).await;
    }
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v25.0/me/messages"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message_id": "m_out"})))
        .mount(&graph)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let store = hbdta_bot::store::open(&StoreConfig::Sqlite(SqliteConfig {
        path: Some(dir.path().join("bot.db")),
        log_retention: Duration::from_secs(30 * 86_400),
    }))
    .await
    .unwrap();
    let stats = Stats::new(opendota_client(&opendota));
    stats.warm_up().await.unwrap();
    let graph_client = messenger_sdk::Client::builder()
        .page_access_token(TOKEN)
        .app_secret(SECRET)
        .graph_url(graph.uri())
        .build()
        .unwrap();
    let messenger = Messenger::new(WebhookConfig::new(SECRET, "verify"), graph_client)
        .public_url(Some("https://bot.example.com/".to_owned()));
    let app = App::new(
        reqwest::Client::new(),
        stats,
        store.clone(),
        vec![Arc::new(messenger)],
    );
    let router = app.router(&app.dispatcher(Arc::new(Inline(app.answerer()))));
    Bot {
        router,
        store,
        graph,
        opendota,
        _dir: dir,
    }
}

impl Bot {
    /// `psid` sends `text` (message id `mid`) as a signed webhook; the answer is sent before
    /// this returns.
    async fn say(&self, psid: &str, mid: &str, text: &str) {
        self.send(psid, json!({"mid": mid, "text": text})).await;
    }

    /// `psid` taps the quick reply `title` whose payload is `payload`.
    async fn tap(&self, psid: &str, mid: &str, title: &str, payload: &str) {
        self.send(
            psid,
            json!({"mid": mid, "text": title, "quick_reply": {"payload": payload}}),
        )
        .await;
    }

    async fn send(&self, psid: &str, message: Value) {
        let body = serde_json::to_vec(&json!({
            "object": "page",
            "entry": [{"id": "104000000000001", "time": 1_767_225_600_123_i64, "messaging": [{
                "sender": {"id": psid},
                "recipient": {"id": "104000000000001"},
                "timestamp": 1_767_225_600_000_i64,
                "message": message
            }]}]
        }))
        .unwrap();
        let request = Request::post("/webhook")
            .header("content-type", "application/json")
            .header(
                "x-hub-signature-256",
                SignatureVerifier::new(SECRET).sign(&body),
            )
            .body(Body::from(body))
            .unwrap();
        let status = self.router.clone().oneshot(request).await.unwrap().status();
        assert_eq!(status, StatusCode::OK);
    }

    /// The texts sent to `psid` so far (cards as their title).
    async fn texts_to(&self, psid: &str) -> Vec<String> {
        common::all_sent(&self.graph)
            .await
            .into_iter()
            .filter(|b| b["recipient"]["id"] == psid && b.get("message").is_some())
            .map(|b| {
                b["message"]["text"].as_str().map_or_else(
                    || {
                        b["message"]["attachment"]["payload"]["elements"][0]["title"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned()
                    },
                    str::to_owned,
                )
            })
            .collect()
    }

    async fn request(&self, request: Request<Body>) -> (StatusCode, String) {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn delete(&self, form: &str) -> (StatusCode, String) {
        self.request(
            Request::post("/messenger/data-deletion")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form.to_owned()))
                .unwrap(),
        )
        .await
    }
}

/// The quick replies of the last message sent to `psid`, as `(title, payload)`.
async fn last_chips(bot: &Bot, psid: &str) -> Vec<(String, String)> {
    let sent = common::all_sent(&bot.graph).await;
    let last = sent
        .iter()
        .rev()
        .find(|b| b["recipient"]["id"] == psid && b.get("message").is_some())
        .expect("a message");
    last["message"]["quick_replies"]
        .as_array()
        .map(|chips| {
            chips
                .iter()
                .map(|c| {
                    (
                        c["title"].as_str().unwrap().to_owned(),
                        c["payload"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn alice() -> PersonId {
    PersonId::new("messenger", ALICE)
}

#[tokio::test]
async fn link_me_and_forget_me_through_webhooks() {
    let bot = bot().await;
    bot.say(ALICE, "m_1", "I am 86745912").await;
    let memory = bot.store.memory(&alice()).await.unwrap();
    assert_eq!(memory.linked, Some(AccountId(86_745_912)));

    bot.say(ALICE, "m_2", "me").await;
    assert_eq!(
        bot.texts_to(ALICE).await[..2],
        [
            "✅ Got it: you are Arteezy (86745912), Immortal #32.\nNow “me”, “my heroes”, “my recent” and “compare me <player>” work. To undo it send unlink; forget me deletes everything I keep about you.".to_owned(),
            "Arteezy".to_owned(),
        ]
    );

    // The log: each message in, each reply out, with the message's key.
    let log = bot.store.log(&alice()).await.unwrap();
    let lines: Vec<(Direction, &str, Option<&str>, Option<&str>)> = log
        .iter()
        .map(|l| {
            (
                l.direction,
                l.text.as_str(),
                l.message_id.as_deref(),
                l.kind.as_deref(),
            )
        })
        .collect();
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert_eq!(
        lines[0],
        (
            Direction::In,
            "I am 86745912",
            Some("messenger:mid:m_1"),
            None
        )
    );
    assert_eq!(lines[1].0, Direction::Out);
    assert_eq!(lines[1].3, Some("text"));
    assert_eq!(
        lines[2],
        (Direction::In, "me", Some("messenger:mid:m_2"), None)
    );
    assert_eq!(
        lines[3],
        (
            Direction::Out,
            "Arteezy\nImmortal #32 · 61.7% wins · 6,075 games",
            None,
            Some("card")
        )
    );

    // Bob is someone else.
    bot.say(BOB, "m_3", "me").await;
    assert_eq!(
        bot.store
            .memory(&PersonId::new("messenger", BOB))
            .await
            .unwrap()
            .linked,
        None
    );

    bot.say(ALICE, "m_4", "forget me").await;
    assert_eq!(
        bot.texts_to(ALICE).await.last().map(String::as_str),
        Some(
            "🗑️ Done: I've deleted everything I kept about you: your linked account, the last player you looked at and our conversation log."
        )
    );
    assert_eq!(bot.store.memory(&alice()).await.unwrap(), Memory::default());
    assert_eq!(
        bot.store.log(&alice()).await.unwrap(),
        [],
        "the log really is empty, the confirmation included"
    );
    assert_eq!(
        bot.store
            .log(&PersonId::new("messenger", BOB))
            .await
            .unwrap()
            .len(),
        2,
        "Bob's log is untouched"
    );
}

/// `signed_request` for `user_id`, signed outside the crate (Python's `hmac`, the secret
/// `memory-app-secret`): `{"algorithm":"HMAC-SHA256","issued_at":1767225600,"user_id":"7000000000000001"}`.
const SIGNED_FOR_ALICE: &str = "YeE71UZtrb6hwyoXe9b_cSudi4gBsHuk-TYRXDlmNd0.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsImlzc3VlZF9hdCI6MTc2NzIyNTYwMCwidXNlcl9pZCI6IjcwMDAwMDAwMDAwMDAwMDEifQ";

#[tokio::test]
async fn metas_data_deletion_callback_deletes_and_reports() {
    let bot = bot().await;
    bot.say(ALICE, "m_1", "I am 86745912").await;
    assert!(!bot.store.log(&alice()).await.unwrap().is_empty());

    // A tampered request (another person's payload under Alice's signature): 400, nothing deleted.
    let (signature, _) = SIGNED_FOR_ALICE.split_once('.').unwrap();
    // {"algorithm":"HMAC-SHA256","user_id":"7000000000000001","issued_at":1}
    let tampered = format!(
        "signed_request={signature}.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsInVzZXJfaWQiOiI3MDAwMDAwMDAwMDAwMDAxIiwiaXNzdWVkX2F0IjoxfQ"
    );
    let (status, body) = bot.delete(&tampered).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"error": "the signed_request signature does not match"})
    );
    assert_eq!(
        bot.store.memory(&alice()).await.unwrap().linked,
        Some(AccountId(86_745_912)),
        "nothing deleted"
    );
    let (status, body) = bot.delete("other=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"error": "the form field signed_request is missing"})
    );

    // The real one.
    let (status, body) = bot
        .delete(&format!("signed_request={SIGNED_FOR_ALICE}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    let code = answer["confirmation_code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 20);
    assert!(code.bytes().all(|b| b.is_ascii_alphanumeric()), "{code}");
    assert_eq!(
        answer,
        json!({
            "url": format!("https://bot.example.com/messenger/data-deletion/{code}"),
            "confirmation_code": code,
        })
    );
    assert_eq!(bot.store.memory(&alice()).await.unwrap(), Memory::default());
    assert_eq!(bot.store.log(&alice()).await.unwrap(), []);

    // The status page.
    let (status, page) = bot
        .request(
            Request::get(format!("/messenger/data-deletion/{code}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>Deletion complete</h1>"), "{page}");
    assert!(
        page.contains(&format!("Deletion request {code}: done on ")),
        "{page}"
    );
    for unknown in ["AAAAAAAAAAAAAAAAAAAA", "not-a-code", "%3Cscript%3E"] {
        let (status, page) = bot
            .request(
                Request::get(format!("/messenger/data-deletion/{unknown}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}");
        assert!(
            page.contains("There is no deletion request with this confirmation code."),
            "{page}"
        );
        assert!(!page.contains("<script>"));
    }
}

#[tokio::test]
async fn fifty_people_linking_and_asking_at_once_keep_their_own_memory() {
    let bot = bot().await;
    // Any other account: the same profile (the name does not matter here, the id does).
    Mock::given(method("GET"))
        .and(wiremock::matchers::path_regex(
            r"^/api/players/3000000\d\d$",
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(common::fixture("bot_players_get__arteezy")),
        )
        .mount(&bot.opendota)
        .await;
    let people: Vec<(String, u32)> = (0..50)
        .map(|n| (format!("71000000000000{n:02}"), 300_000_000 + n))
        .collect();
    let bot = &bot;
    futures_util::future::join_all(people.iter().map(|(psid, id)| async move {
        bot.say(psid, &format!("m_link_{psid}"), &format!("I am {id}"))
            .await;
        bot.say(psid, &format!("m_me_{psid}"), "unlink").await;
        bot.say(psid, &format!("m_again_{psid}"), &format!("link {id}"))
            .await;
    }))
    .await;
    for (psid, id) in &people {
        let person = PersonId::new("messenger", psid);
        let memory = bot.store.memory(&person).await.unwrap();
        assert_eq!(memory.linked, Some(AccountId(*id)), "{psid}");
        assert_eq!(memory.last_player, Some(AccountId(*id)), "{psid}");
        let log = bot.store.log(&person).await.unwrap();
        let ins: Vec<&str> = log
            .iter()
            .filter(|l| l.direction == Direction::In)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            ins,
            [
                format!("I am {id}"),
                "unlink".to_owned(),
                format!("link {id}")
            ],
            "{psid}"
        );
        assert!(log.iter().all(|l| l.person == person));
    }
}

#[tokio::test]
async fn a_name_choice_compare_me_the_last_player_and_unlink_through_webhooks() {
    let bot = bot().await;
    Mock::given(method("GET"))
        .and(path("/api/search"))
        .and(wiremock::matchers::query_param("q", "Arteezy"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(common::fixture("bot_search__several")),
        )
        .mount(&bot.opendota)
        .await;
    for (route, name) in [
        ("/players/111620041", "bot_players_get__sumail"),
        ("/players/111620041/heroes", "bot_players_heroes__sumail"),
        (
            "/players/111620041/recentMatches",
            "bot_players_recent_matches__sumail",
        ),
    ] {
        od_ok(&bot.opendota, route, name).await;
    }

    bot.say(ALICE, "m_1", "I am Arteezy").await;
    let chips = last_chips(&bot, ALICE).await;
    assert_eq!(chips.len(), 10, "{chips:?}");
    assert_eq!(chips[0], ("Arteezy".to_owned(), "LINK:86745912".to_owned()));
    assert_eq!(
        chips[2],
        (
            "🔥🔥 Arteezy fan 🔥".to_owned(),
            "LINK:200000002".to_owned()
        ),
        "Messenger's titles: 20 UTF-16 units (an emoji is two)"
    );
    assert_eq!(bot.store.memory(&alice()).await.unwrap().linked, None);

    bot.tap(ALICE, "m_2", "Arteezy", "LINK:86745912").await;
    assert_eq!(
        bot.store.memory(&alice()).await.unwrap().linked,
        Some(AccountId(86_745_912))
    );

    bot.say(ALICE, "m_3", "compare me 111620041").await;
    let texts = bot.texts_to(ALICE).await;
    assert!(
        texts
            .last()
            .unwrap()
            .starts_with("⚔️ Arteezy vs SumaiL\n\nArteezy (86745912)"),
        "{texts:#?}"
    );

    // A comparison is no single player: the last player is still Arteezy (set by the link).
    bot.say(ALICE, "m_4", "heroes").await;
    assert!(
        bot.texts_to(ALICE)
            .await
            .last()
            .unwrap()
            .starts_with("🦸 Top heroes of Arteezy:"),
    );
    bot.say(ALICE, "m_5", "111620041").await;
    bot.say(ALICE, "m_6", "recent").await;
    assert!(
        bot.texts_to(ALICE)
            .await
            .last()
            .unwrap()
            .starts_with("📈 SumaiL, last 3 matches:"),
        "the follow-up follows the last player looked at"
    );

    bot.say(ALICE, "m_7", "unlink").await;
    assert_eq!(
        bot.texts_to(ALICE).await.last().map(String::as_str),
        Some(
            "Done: 86745912 is no longer linked to you. Send “I am <player>” to link another account."
        )
    );
    assert_eq!(bot.store.memory(&alice()).await.unwrap().linked, None);
}
