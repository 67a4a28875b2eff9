//! Telegram long polling end to end: `poll::run` against a fake Bot API whose `getUpdates`
//! answers by offset, the same workers as the server, the offset kept in the store.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;
#[path = "common/telegram.rs"]
mod tg;

use std::sync::Arc;
use std::time::Duration;

use common::{opendota_client, opendota_with_constants, sends};
use hbdta_bot::app::App;
use hbdta_bot::config::{DEFAULT_LOG_RETENTION, SqliteConfig, StoreConfig, WorkerConfig};
use hbdta_bot::poll::{self, CURSOR, PollConfig};
use hbdta_bot::stats::Stats;
use hbdta_bot::store::{self, MemoryStore, Store};
use serde_json::{Value, json};
use tg::{calls_to, fake_bot_api, method_path, private_text};
use tokio::sync::oneshot;
use wiremock::matchers::{body_partial_json, method};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ANA: i64 = 4242;

fn config() -> PollConfig {
    PollConfig {
        timeout: Duration::from_secs(1),
        backoff: Duration::from_millis(10),
        backoff_max: Duration::from_millis(50),
        workers: WorkerConfig {
            concurrency: 2,
            queue_per_worker: 8,
        },
    }
}

fn updates(list: &[Value]) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"ok": true, "result": list}))
}

/// `getUpdates` with `offset` answers `list`.
async fn at_offset(api: &MockServer, offset: i64, list: &[Value]) {
    Mock::given(method("POST"))
        .and(method_path("getUpdates"))
        .and(body_partial_json(json!({"offset": offset})))
        .respond_with(updates(list))
        .with_priority(1)
        .mount(api)
        .await;
}

/// `getUpdates` without an offset answers `list`.
async fn without_offset(api: &MockServer, list: &[Value]) {
    Mock::given(method("POST"))
        .and(method_path("getUpdates"))
        .and(|r: &Request| {
            serde_json::from_slice::<Value>(&r.body).is_ok_and(|b| b.get("offset").is_none())
        })
        .respond_with(updates(list))
        .with_priority(2)
        .mount(api)
        .await;
}

/// Any other `getUpdates`: nothing new, after a long poll of `wait`.
async fn otherwise_nothing(api: &MockServer, wait: Duration) {
    Mock::given(method("POST"))
        .and(method_path("getUpdates"))
        .respond_with(updates(&[]).set_delay(wait))
        .with_priority(5)
        .mount(api)
        .await;
}

/// The `getUpdates` bodies `api` received, in order.
async fn polls(api: &MockServer) -> Vec<Value> {
    api.received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().to_lowercase().ends_with("/getupdates"))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

struct Polling {
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Polling {
    async fn start(opendota: &MockServer, api: &MockServer, store: Arc<dyn Store>) -> Self {
        let stats = Stats::new(opendota_client(opendota));
        stats.warm_up().await.unwrap();
        let telegram = tg::telegram_on(api, None);
        let app = App::new(
            reqwest::Client::new(),
            stats,
            store,
            vec![Arc::new(telegram.clone())],
        )
        .telegram(Some(telegram.clone()));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            poll::run(&app, &telegram, config(), async {
                let _ = stopped.await;
            })
            .await;
        });
        Self { stop, task }
    }

    /// Stops polling; it returns within 5 s, even in the middle of a long poll.
    async fn stop(self) {
        self.stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("polling stops within 5 s")
            .unwrap();
    }
}

fn text(chat: i64, case: &str) -> Vec<Value> {
    vec![
        json!({"method": "sendChatAction", "chat_id": chat, "action": "typing"}),
        json!({"method": "sendMessage", "chat_id": chat,
            "text": sends(case, "PSID").last().unwrap()["message"]["text"]}),
    ]
}

#[tokio::test]
async fn updates_across_several_calls_are_answered_in_order_and_the_offset_kept() {
    let opendota = opendota_with_constants().await;
    let api = fake_bot_api().await;
    without_offset(
        &api,
        &[
            private_text(1, ANA, "/help"),
            private_text(2, ANA, "/start"),
        ],
    )
    .await;
    at_offset(&api, 3, &[private_text(3, ANA, "help")]).await;
    otherwise_nothing(&api, Duration::from_secs(30)).await;
    let store: Arc<dyn Store> = Arc::new(MemoryStore::new());
    let polling = Polling::start(&opendota, &api, store.clone()).await;

    let got = calls_to(&api, ANA, 6).await;
    let want: Vec<Value> = [
        text(ANA, "help"),
        text(ANA, "get_started"),
        text(ANA, "help"),
    ]
    .concat();
    assert_eq!(got, want);
    // Now in a long poll at offset 4 (answered after 30 s): the stop does not wait for it.
    while polls(&api).await.len() < 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    polling.stop().await;

    let bodies = polls(&api).await;
    let allowed = json!(["message", "edited_message", "callback_query"]);
    assert_eq!(
        bodies,
        [
            json!({"timeout": 1, "allowed_updates": allowed}),
            json!({"offset": 3, "timeout": 1, "allowed_updates": allowed}),
            json!({"offset": 4, "timeout": 1, "allowed_updates": allowed}),
        ]
    );
    assert_eq!(store.cursor(CURSOR).await.unwrap(), Some(4));
    let paths: Vec<String> = api
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().rsplit('/').next().unwrap().to_lowercase())
        .collect();
    let delete = paths.iter().position(|p| p == "deletewebhook").unwrap();
    let first_poll = paths.iter().position(|p| p == "getupdates").unwrap();
    assert!(
        delete < first_poll,
        "the webhook is deleted first: {paths:?}"
    );
    assert!(paths.contains(&"setmycommands".to_owned()), "{paths:?}");
}

#[tokio::test]
async fn a_restart_resumes_at_the_stored_offset() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = StoreConfig::Sqlite(SqliteConfig {
        path: Some(dir.path().join("hbdta.db")),
        log_retention: DEFAULT_LOG_RETENTION,
    });
    let opendota = opendota_with_constants().await;

    let api = fake_bot_api().await;
    without_offset(&api, &[private_text(7, ANA, "/help")]).await;
    otherwise_nothing(&api, Duration::from_millis(200)).await;
    let polling = Polling::start(&opendota, &api, store::open(&sqlite).await.unwrap()).await;
    assert_eq!(calls_to(&api, ANA, 2).await, text(ANA, "help"));
    polling.stop().await;

    // Another process on the same file: it asks from offset 8, so update 7 is not answered again.
    let api = fake_bot_api().await;
    without_offset(&api, &[private_text(7, ANA, "/help")]).await;
    at_offset(&api, 8, &[private_text(8, ANA, "/start")]).await;
    otherwise_nothing(&api, Duration::from_millis(200)).await;
    let store = store::open(&sqlite).await.unwrap();
    let polling = Polling::start(&opendota, &api, store.clone()).await;
    assert_eq!(calls_to(&api, ANA, 2).await, text(ANA, "get_started"));
    while polls(&api).await.len() < 2 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    polling.stop().await;
    assert_eq!(polls(&api).await[0]["offset"], 8);
    assert_eq!(
        calls_to(&api, ANA, 2).await.len(),
        2,
        "update 7 not repeated"
    );
    assert_eq!(store.cursor(CURSOR).await.unwrap(), Some(9));
}

#[tokio::test]
async fn a_502_and_a_network_error_mid_poll_are_retried_after_a_pause() {
    let opendota = opendota_with_constants().await;
    let api = fake_bot_api().await;
    Mock::given(method("POST"))
        .and(method_path("getUpdates"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>502 Bad Gateway</html>"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&api)
        .await;
    // A reply that is not the Bot API's JSON (a broken connection through a proxy, say).
    Mock::given(method("POST"))
        .and(method_path("getUpdates"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"ok\": tru"))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&api)
        .await;
    without_offset(&api, &[private_text(1, ANA, "/help")]).await;
    otherwise_nothing(&api, Duration::from_millis(200)).await;
    let polling = Polling::start(&opendota, &api, Arc::new(MemoryStore::new())).await;
    // teloxide itself holds a 5xx answer 10 s before it returns the error (it keeps a bot from
    // hammering a Bot API that is down); the pause after it is ours.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while polls(&api).await.len() < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            polls(&api).await
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(calls_to(&api, ANA, 2).await, text(ANA, "help"));
    polling.stop().await;
    let bodies = polls(&api).await;
    assert!(bodies.len() >= 3, "{bodies:?}");
    assert_eq!(calls_to(&api, ANA, 2).await.len(), 2, "answered once");
}
