//! The stores' behaviour, one suite run against every store: memory, SQLite in memory, an SQLite
//! file, and DynamoDB on dynalite (a DynamoDB-compatible server this test starts on 127.0.0.1;
//! see tests/common/dynalite.rs). Then what only a shared store does: two instances on one file
//! or table, as two processes would have, answer a redelivery once.
#![allow(clippy::unwrap_used, reason = "tests")]

mod common;

use std::collections::BTreeSet;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hbdta_bot::config::{DEFAULT_LOG_RETENTION, SqliteConfig, StoreConfig};
use hbdta_bot::store::sqlite::SqliteStore;
use hbdta_bot::store::{
    self, Claims, Direction, LOG_TEXT_MAX, LogEntry, Memory, PersonId, Store, unix_now,
};
use opendota_sdk::AccountId;
use tokio::task::JoinSet;

const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

fn alice() -> PersonId {
    PersonId::new("messenger", "7000000000000001")
}

/// The same user id as alice's, on another platform: another person.
fn bob() -> PersonId {
    PersonId::new("telegram", "7000000000000001")
}

fn memory(linked: Option<u32>, last_player: Option<u32>) -> Memory {
    let mut memory = Memory::default();
    memory.linked = linked.map(AccountId);
    memory.last_player = last_player.map(AccountId);
    memory
}

/// Waits until `condition` holds, polling, for at most `deadline`.
async fn eventually<F, Fut>(deadline: Duration, what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let end = Instant::now() + deadline;
    while !condition().await {
        assert!(Instant::now() < end, "{what}: not within {deadline:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn sqlite(path: Option<PathBuf>) -> StoreConfig {
    StoreConfig::Sqlite(SqliteConfig {
        path,
        log_retention: DEFAULT_LOG_RETENTION,
    })
}

/// Everything every store does, asserted with literal values. `store` is fresh.
async fn behaves(store: Arc<dyn Store>) {
    let (alice, bob) = (alice(), bob());

    // Nothing remembered: the default.
    assert_eq!(store.memory(&alice).await.unwrap(), Memory::default());
    assert_eq!(store.log(&alice).await.unwrap(), Vec::new());

    // Remembered and read back; the store stamps the times.
    let before = unix_now();
    store
        .remember(&alice, memory(Some(86_745_912), Some(111_620_041)))
        .await
        .unwrap();
    let first = store.memory(&alice).await.unwrap();
    assert_eq!(first.linked, Some(AccountId(86_745_912)));
    assert_eq!(first.last_player, Some(AccountId(111_620_041)));
    assert!(
        (before..=unix_now()).contains(&first.created_at),
        "{first:?}"
    );
    assert_eq!(first.updated_at, first.created_at);

    // An update keeps created_at and moves updated_at (times are whole seconds: wait for the next).
    eventually(
        Duration::from_secs(3),
        "the clock's next second",
        || async { unix_now() > first.updated_at },
    )
    .await;
    store
        .remember(&alice, memory(Some(86_745_912), None))
        .await
        .unwrap();
    let second = store.memory(&alice).await.unwrap();
    assert_eq!(second.linked, Some(AccountId(86_745_912)));
    assert_eq!(second.last_player, None, "None is remembered as None");
    assert_eq!(second.created_at, first.created_at);
    assert!(second.updated_at > first.updated_at, "{second:?}");

    // The same user id on another platform is another person.
    assert_eq!(store.memory(&bob).await.unwrap(), Memory::default());
    store.remember(&bob, memory(Some(1), None)).await.unwrap();
    assert_eq!(
        store.memory(&alice).await.unwrap().linked,
        Some(AccountId(86_745_912))
    );
    assert_eq!(store.memory(&bob).await.unwrap().linked, Some(AccountId(1)));

    // The log: order, text cap, message id and kind kept.
    let lines = [
        LogEntry::new(alice.clone(), Direction::In, "86745912").message_id("m_1"),
        LogEntry::new(alice.clone(), Direction::Out, &"x".repeat(600)).kind("text"),
        LogEntry::new(alice.clone(), Direction::Out, &"é".repeat(501)).kind("card"),
    ];
    for line in lines.clone() {
        store.append_log(line).await.unwrap();
    }
    for i in 0..10 {
        store
            .append_log(LogEntry::new(
                alice.clone(),
                Direction::In,
                &format!("line {i}"),
            ))
            .await
            .unwrap();
    }
    store
        .append_log(LogEntry::new(bob.clone(), Direction::In, "hello"))
        .await
        .unwrap();
    let log = store.log(&alice).await.unwrap();
    assert_eq!(log.len(), 13);
    assert_eq!(log[0].person, alice);
    assert_eq!(log[0].direction, Direction::In);
    assert_eq!(log[0].text, "86745912");
    assert_eq!(log[0].message_id.as_deref(), Some("m_1"));
    assert_eq!(log[0].kind, None);
    assert_eq!(log[0].at, lines[0].at);
    assert_eq!(log[1].direction, Direction::Out);
    assert_eq!(log[1].text, "x".repeat(500));
    assert_eq!(log[1].message_id, None);
    assert_eq!(log[1].kind.as_deref(), Some("text"));
    assert_eq!(log[2].text, "é".repeat(500), "the cap counts characters");
    assert_eq!(log[2].text.chars().count(), LOG_TEXT_MAX);
    assert_eq!(log[2].kind.as_deref(), Some("card"));
    let texts: Vec<&str> = log[3..].iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7",
            "line 8", "line 9"
        ]
    );
    let bob_log = store.log(&bob).await.unwrap();
    assert_eq!(bob_log.len(), 1);
    assert_eq!(bob_log[0].text, "hello");

    // Forgetting alice removes her memory and log and leaves bob.
    store.forget(&alice).await.unwrap();
    assert_eq!(store.memory(&alice).await.unwrap(), Memory::default());
    assert_eq!(store.log(&alice).await.unwrap(), Vec::new());
    assert_eq!(store.memory(&bob).await.unwrap().linked, Some(AccountId(1)));
    assert_eq!(store.log(&bob).await.unwrap().len(), 1);
    // Forgetting someone the store never saw is fine.
    store
        .forget(&PersonId::new("messenger", "nobody"))
        .await
        .unwrap();

    // Deletion receipts.
    let before = unix_now();
    store.record_deletion("del_7f3a9c").await.unwrap();
    let done = store.deletion("del_7f3a9c").await.unwrap().unwrap();
    assert!((before..=unix_now()).contains(&done), "{done}");
    assert_eq!(store.deletion("del_unknown").await.unwrap(), None);

    // Named cursors (Telegram's polling offset): unset, set, overwritten, kept apart by name.
    assert_eq!(store.cursor("telegram:offset").await.unwrap(), None);
    store.set_cursor("telegram:offset", 41).await.unwrap();
    store
        .set_cursor("telegram:offset", 900_000_001)
        .await
        .unwrap();
    store.set_cursor("other", -5).await.unwrap();
    assert_eq!(
        store.cursor("telegram:offset").await.unwrap(),
        Some(900_000_001)
    );
    assert_eq!(store.cursor("other").await.unwrap(), Some(-5));

    claims_behave(&store.claims()).await;
    concurrent_people(&store).await;
}

/// Claim once, refuse while held, release, expire.
async fn claims_behave(claims: &Arc<dyn Claims>) {
    assert!(claims.claim("messenger:mid:m_1", HOUR).await.unwrap());
    assert!(!claims.claim("messenger:mid:m_1", HOUR).await.unwrap());
    assert!(claims.claim("messenger:mid:m_2", HOUR).await.unwrap());
    claims.release("messenger:mid:m_1").await.unwrap();
    assert!(claims.claim("messenger:mid:m_1", HOUR).await.unwrap());
    assert!(!claims.claim("messenger:mid:m_1", HOUR).await.unwrap());

    // A claim of a second: refused while it holds, claimable once it has ended.
    assert!(
        claims
            .claim("messenger:mid:short", Duration::from_secs(1))
            .await
            .unwrap()
    );
    assert!(!claims.claim("messenger:mid:short", HOUR).await.unwrap());
    eventually(
        Duration::from_secs(10),
        "the ended claim taken again",
        || async { claims.claim("messenger:mid:short", HOUR).await.unwrap() },
    )
    .await;
    assert!(!claims.claim("messenger:mid:short", HOUR).await.unwrap());

    // Of 20 concurrent claims of one key, exactly one wins.
    let mut tasks = JoinSet::new();
    for _ in 0..20 {
        let claims = Arc::clone(claims);
        tasks.spawn(async move { claims.claim("messenger:mid:burst", HOUR).await.unwrap() });
    }
    let won = tasks
        .join_all()
        .await
        .into_iter()
        .filter(|won| *won)
        .count();
    assert_eq!(won, 1);
}

/// 50 people write their memory and a log line at once: nothing lost, nothing crossed.
async fn concurrent_people(store: &Arc<dyn Store>) {
    let person = |i: u32| PersonId::new("messenger", &format!("80000000000000{i:02}"));
    let mut tasks = JoinSet::new();
    for i in 0..50 {
        let store = Arc::clone(store);
        tasks.spawn(async move {
            let who = person(i);
            store
                .remember(&who, memory(Some(1000 + i), Some(2000 + i)))
                .await
                .unwrap();
            store
                .append_log(LogEntry::new(
                    who.clone(),
                    Direction::In,
                    &format!("person {i}"),
                ))
                .await
                .unwrap();
        });
    }
    tasks.join_all().await;
    for i in 0..50 {
        let who = person(i);
        let got = store.memory(&who).await.unwrap();
        assert_eq!(got.linked, Some(AccountId(1000 + i)), "person {i}");
        assert_eq!(got.last_player, Some(AccountId(2000 + i)), "person {i}");
        let log: Vec<String> = store
            .log(&who)
            .await
            .unwrap()
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(log, [format!("person {i}")]);
    }
}

/// Two instances on one database, as two processes have: a key claimed in one is refused in the
/// other (a redelivery answered once), and what one writes the other reads.
async fn shared_by_two(one: Arc<dyn Store>, two: Arc<dyn Store>) {
    assert!(one.claims().claim("messenger:mid:m_9", HOUR).await.unwrap());
    assert!(!two.claims().claim("messenger:mid:m_9", HOUR).await.unwrap());
    assert!(!one.claims().claim("messenger:mid:m_9", HOUR).await.unwrap());
    one.claims().release("messenger:mid:m_9").await.unwrap();
    assert!(two.claims().claim("messenger:mid:m_9", HOUR).await.unwrap());
    assert!(!one.claims().claim("messenger:mid:m_9", HOUR).await.unwrap());

    one.remember(&alice(), memory(Some(42), None))
        .await
        .unwrap();
    assert_eq!(
        two.memory(&alice()).await.unwrap().linked,
        Some(AccountId(42))
    );
    two.append_log(LogEntry::new(alice(), Direction::In, "hi"))
        .await
        .unwrap();
    assert_eq!(one.log(&alice()).await.unwrap()[0].text, "hi");
    two.forget(&alice()).await.unwrap();
    assert_eq!(one.memory(&alice()).await.unwrap(), Memory::default());
}

/// The database's own atomicity (no claims in front of it): 20 concurrent claims of one key over
/// two raw instances, exactly one wins.
async fn one_claim_wins_across(one: Arc<dyn Claims>, two: Arc<dyn Claims>) {
    let mut tasks = JoinSet::new();
    for i in 0..20 {
        let claims = Arc::clone(if i % 2 == 0 { &one } else { &two });
        tasks.spawn(async move { claims.claim("messenger:mid:raw", HOUR).await.unwrap() });
    }
    let won = tasks
        .join_all()
        .await
        .into_iter()
        .filter(|won| *won)
        .count();
    assert_eq!(won, 1);
}

/// Log lines past the retention are not read (DynamoDB deletes expired items only eventually;
/// SQLite prunes hourly).
async fn old_lines_are_not_read(store: &dyn Store) {
    let mut old = LogEntry::new(alice(), Direction::In, "two days ago");
    old.at -= 2 * DAY.as_secs();
    store.append_log(old).await.unwrap();
    store
        .append_log(LogEntry::new(alice(), Direction::In, "now"))
        .await
        .unwrap();
    let texts: Vec<String> = store
        .log(&alice())
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert_eq!(texts, ["now"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn memory_store() {
    behaves(store::open(&StoreConfig::Memory).await.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_in_memory() {
    let store = store::open(&sqlite(None)).await.unwrap();
    assert_eq!(
        format!("{store:?}").split(", store:").next().unwrap(),
        r#"Watched { name: "sqlite::memory:""#
    );
    behaves(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hbdta.db");
    behaves(store::open(&sqlite(Some(path))).await.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_file_shared_by_two_processes() {
    let dir = tempfile::tempdir().unwrap();
    let config = sqlite(Some(dir.path().join("hbdta.db")));
    let (one, two) = tokio::join!(store::open(&config), store::open(&config));
    shared_by_two(one.unwrap(), two.unwrap()).await;

    let StoreConfig::Sqlite(raw) = &config else {
        unreachable!()
    };
    let one = SqliteStore::open(raw).await.unwrap();
    let two = SqliteStore::open(raw).await.unwrap();
    one_claim_wins_across(one.claims(), two.claims()).await;
}

#[tokio::test]
async fn sqlite_file_keeps_data_and_schema_on_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hbdta.db");
    let config = SqliteConfig {
        path: Some(path.clone()),
        log_retention: DEFAULT_LOG_RETENTION,
    };
    {
        let store = SqliteStore::open(&config).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), 2);
        store.set_cursor("telegram:offset", 77).await.unwrap();
        store
            .remember(&alice(), memory(Some(7), Some(8)))
            .await
            .unwrap();
        store
            .append_log(LogEntry::new(alice(), Direction::Out, "ok").kind("text"))
            .await
            .unwrap();
        store.record_deletion("del_1").await.unwrap();
        assert!(store.claim("messenger:mid:m_1", HOUR).await.unwrap());
    }
    let store = SqliteStore::open(&config).await.unwrap();
    assert_eq!(SqliteStore::SCHEMA_VERSION, 2);
    assert_eq!(store.schema_version().await.unwrap(), 2);
    assert_eq!(
        store.cursor("telegram:offset").await.unwrap(),
        Some(77),
        "a cursor outlives a restart"
    );
    let remembered = store.memory(&alice()).await.unwrap();
    assert_eq!(
        (remembered.linked, remembered.last_player),
        (Some(AccountId(7)), Some(AccountId(8)))
    );
    let log = store.log(&alice()).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].text.as_str(), log[0].kind.as_deref()),
        ("ok", Some("text"))
    );
    assert!(store.deletion("del_1").await.unwrap().is_some());
    assert!(
        !store.claim("messenger:mid:m_1", HOUR).await.unwrap(),
        "a claim outlives a restart"
    );
    drop(store);

    // What another tool sees in the file: WAL, the schema version, the four tables.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, 2);
    let tables: BTreeSet<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        tables,
        BTreeSet::from(["claims", "cursors", "deletions", "log", "memory"].map(str::to_owned))
    );
}

/// A file written at schema version 1 (before cursors) is migrated to version 2 on open and
/// keeps what it held.
#[tokio::test]
async fn sqlite_file_of_version_1_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let config = SqliteConfig {
        path: Some(path.clone()),
        log_retention: DEFAULT_LOG_RETENTION,
    };
    {
        let store = SqliteStore::open(&config).await.unwrap();
        store
            .remember(&alice(), memory(Some(7), None))
            .await
            .unwrap();
    }
    {
        // Back to what version 1 left: no cursors table, user_version 1.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TABLE cursors; PRAGMA user_version = 1;")
            .unwrap();
    }
    let store = SqliteStore::open(&config).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), 2);
    assert_eq!(
        store.memory(&alice()).await.unwrap().linked,
        Some(AccountId(7))
    );
    assert_eq!(store.cursor("telegram:offset").await.unwrap(), None);
    store.set_cursor("telegram:offset", 3).await.unwrap();
    assert_eq!(store.cursor("telegram:offset").await.unwrap(), Some(3));
}

#[tokio::test]
async fn sqlite_skips_and_prunes_old_lines_and_ended_claims() {
    let dir = tempfile::tempdir().unwrap();
    let config = SqliteConfig {
        path: Some(dir.path().join("hbdta.db")),
        log_retention: DAY,
    };
    let store = SqliteStore::open(&config).await.unwrap();
    old_lines_are_not_read(&store).await;
    assert!(store.claim("held", HOUR).await.unwrap());
    assert!(store.claim("ended", Duration::ZERO).await.unwrap());
    // The line of two days ago and the ended claim; not the current line nor the held claim.
    assert_eq!(store.prune().await.unwrap(), 2);
    assert!(!store.claim("held", HOUR).await.unwrap());
    drop(store);
    let reopened = SqliteStore::open(&config).await.unwrap();
    assert_eq!(reopened.prune().await.unwrap(), 0);
    assert_eq!(reopened.log(&alice()).await.unwrap().len(), 1);
}

/// Opening `path` fails, naming the file.
async fn refused(path: &Path) -> String {
    let e = store::open(&sqlite(Some(path.to_owned())))
        .await
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(&path.display().to_string()),
        "{e:?} does not name {}",
        path.display()
    );
    e
}

#[tokio::test]
async fn an_unusable_sqlite_path_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let e = refused(dir.path()).await;
    assert!(
        e.starts_with("the store failed: cannot open the SQLite database "),
        "{e}"
    );
    let e = refused(&dir.path().join("no-such-dir").join("hbdta.db")).await;
    assert!(
        e.starts_with("the store failed: cannot open the SQLite database "),
        "{e}"
    );

    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, "not a database, just some text ".repeat(100)).unwrap();
    let e = refused(&not_sqlite).await;
    assert!(e.contains("not a database"), "{e}");
}

#[cfg(feature = "dynamodb")]
mod dynamodb {
    use super::*;
    use crate::common::dynalite::{Dynalite, SECRET_ACCESS_KEY};
    use hbdta_bot::store::dynamodb::DynamoDbStore;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn dynamodb_behaves() {
        let Some(server) = Dynalite::start() else {
            return;
        };
        let config = server.create_table("hbdta").await;
        let store = store::open(&StoreConfig::DynamoDb(config.clone()))
            .await
            .unwrap();
        let debug = format!("{store:?}");
        assert!(
            debug.starts_with(r#"Watched { name: "dynamodb://hbdta""#),
            "{debug}"
        );
        assert!(!debug.contains(SECRET_ACCESS_KEY), "{debug}");
        behaves(store).await;

        let mut config = server.create_table("hbdta-retention").await;
        config.log_retention = DAY;
        let store = DynamoDbStore::open(&config, &hbdta_bot::http::client().unwrap())
            .await
            .unwrap();
        old_lines_are_not_read(&store).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn dynamodb_table_shared_by_two_environments() {
        let Some(server) = Dynalite::start() else {
            return;
        };
        let config = StoreConfig::DynamoDb(server.create_table("hbdta").await);
        let (one, two) = tokio::join!(store::open(&config), store::open(&config));
        shared_by_two(one.unwrap(), two.unwrap()).await;

        let StoreConfig::DynamoDb(raw) = &config else {
            unreachable!()
        };
        let http = hbdta_bot::http::client().unwrap();
        let one = DynamoDbStore::open(raw, &http).await.unwrap();
        let two = DynamoDbStore::open(raw, &http).await.unwrap();
        one_claim_wins_across(one.claims(), two.claims()).await;
    }

    #[tokio::test]
    async fn a_missing_table_is_named() {
        let Some(server) = Dynalite::start() else {
            return;
        };
        let e = store::open(&StoreConfig::DynamoDb(server.config("hbdta-missing")))
            .await
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "the store failed: the DynamoDB table \"hbdta-missing\" does not exist in us-east-1 \
             (create it: template.yaml)"
        );
    }

    #[tokio::test]
    async fn an_unreachable_endpoint_fails_naming_the_table_and_no_secret() {
        // Nothing listens there (a port just freed).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = hbdta_bot::config::DynamoDbConfig {
            endpoint_url: Some(format!("http://127.0.0.1:{port}")),
            ..unreachable_config()
        };
        let e = store::open(&StoreConfig::DynamoDb(config))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("the store failed: DynamoDB table \"hbdta\": DescribeTable failed:"),
            "{e}"
        );
        assert!(!e.contains(SECRET_ACCESS_KEY), "{e}");
    }

    /// Settings with a secret and a session token, and no server.
    fn unreachable_config() -> hbdta_bot::config::DynamoDbConfig {
        hbdta_bot::config::DynamoDbConfig {
            table: "hbdta".to_owned(),
            region: "eu-west-1".to_owned(),
            endpoint_url: None,
            access_key_id: "AKIDHBDTATEST".to_owned(),
            secret_access_key: SECRET_ACCESS_KEY.to_owned().into(),
            session_token: Some("session-token-secret".to_owned().into()),
            log_retention: DEFAULT_LOG_RETENTION,
        }
    }
}

/// Latency per operation (p50 and p99 over 2,000 calls, one at a time) of the SQLite file store
/// and of DynamoDB on dynalite, and the SQLite file's size per 10,000 logged messages of 100
/// characters. A measurement, printed; run it by name:
///
/// `cargo test --release -p hbdta-bot --all-features --test store -- --ignored --nocapture latency`
#[ignore = "a measurement: run it by name"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency() {
    let dir = tempfile::tempdir().unwrap();
    let store = store::open(&sqlite(Some(dir.path().join("latency.db"))))
        .await
        .unwrap();
    measure("sqlite file", &store).await;

    let path = dir.path().join("size.db");
    let store = store::open(&sqlite(Some(path.clone()))).await.unwrap();
    for i in 0..10_000_u32 {
        let person = PersonId::new("messenger", &format!("70000000000{:05}", i % 500));
        let text: String = format!("{i:05} ").chars().cycle().take(100).collect();
        store
            .append_log(LogEntry::new(person, Direction::In, &text).message_id(format!("m_{i}")))
            .await
            .unwrap();
    }
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    let bytes = std::fs::metadata(&path).unwrap().len();
    eprintln!(
        "sqlite file: {bytes} bytes ({:.2} MiB) after 10,000 logged messages of 100 characters \
         (500 people, message ids m_0..m_9999)",
        bytes as f64 / (1024.0 * 1024.0)
    );

    #[cfg(feature = "dynamodb")]
    {
        let Some(server) = common::dynalite::Dynalite::start() else {
            return;
        };
        let config = server.create_table("hbdta").await;
        let store = store::open(&StoreConfig::DynamoDb(config)).await.unwrap();
        measure("dynalite", &store).await;
    }
}

async fn measure(label: &str, store: &Arc<dyn Store>) {
    const CALLS: u32 = 2_000;
    let person = |i: u32| PersonId::new("messenger", &format!("70000000000{:05}", i % 100));
    let text: String = "abcdefghij".repeat(10);
    for operation in ["claim", "remember", "memory", "append_log"] {
        let mut times = Vec::with_capacity(CALLS as usize);
        for i in 0..CALLS {
            let start = Instant::now();
            match operation {
                "claim" => {
                    assert!(
                        store
                            .claims()
                            .claim(&format!("messenger:mid:m_{i}"), HOUR)
                            .await
                            .unwrap()
                    );
                }
                "remember" => store
                    .remember(&person(i), memory(Some(i), Some(i + 1)))
                    .await
                    .unwrap(),
                "memory" => drop(store.memory(&person(i)).await.unwrap()),
                _ => store
                    .append_log(LogEntry::new(person(i), Direction::In, &text))
                    .await
                    .unwrap(),
            }
            times.push(start.elapsed());
        }
        times.sort();
        let at = |q: usize| times[times.len() * q / 100];
        eprintln!(
            "{label:>12} {operation:>10}: p50 {:>9.1?}  p99 {:>9.1?}  ({CALLS} calls)",
            at(50),
            at(99)
        );
    }
}
