//! The SQLite store: one database file that several bot processes may share (or one database in
//! memory, for `dev` and `ask`).
//!
//! - The schema is created and migrated when the store opens; `PRAGMA user_version` holds how
//!   many of [`SqliteStore::SCHEMA_VERSION`] migrations ran (rusqlite_migration).
//! - WAL journal with `synchronous=NORMAL`: a committed write survives the process crashing or
//!   being stopped (only a power cut can lose the last commits), and readers never wait for the
//!   writer. Another process holding the write lock is waited for up to [`BUSY_TIMEOUT`].
//! - Every call runs on tokio's blocking threads, one at a time over the store's connection: SQLite
//!   calls block, and a few hundred microseconds on an async thread would stall other tasks.
//! - A claim is one `INSERT … ON CONFLICT DO UPDATE … WHERE` the earlier claim has ended: SQLite
//!   runs it under the database's write lock, so of any number of claims of one key, in any
//!   number of processes, exactly one changes a row.
//! - Log lines older than the configured retention and ended claims are deleted when the store
//!   opens and then every hour; reads skip log lines past the retention in between.
//!
//! The tables (times in Unix seconds, claims' `until` in Unix milliseconds):
//!
//! ```sql
//! memory    (person_id TEXT PRIMARY KEY, linked, last_player, created_at, updated_at)
//! log       (id INTEGER PRIMARY KEY, person_id, direction, message_id, text, kind, at)
//! claims    (key TEXT PRIMARY KEY, until)
//! deletions (code TEXT PRIMARY KEY, done_at)
//! cursors   (name TEXT PRIMARY KEY, value)          -- version 2
//! ```

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use opendota_sdk::AccountId;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};

use super::{
    Claims, Direction, LOG_TEXT_MAX, LogEntry, Memory, PersonId, Store, StoreError, unix_now,
};
use crate::config::SqliteConfig;

/// How long a call waits for another process's write to finish before it fails.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How often ended log lines and claims are deleted (besides when the store opens).
pub const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// The schema, one migration per version. A new version is a new entry at the end; an entry
/// never changes once released. The first one tolerates tables that exist already: two processes
/// opening a new file at once may both run it.
const MIGRATIONS: &[M<'static>] = &[
    M::up(
        "CREATE TABLE IF NOT EXISTS memory (
        person_id   TEXT PRIMARY KEY NOT NULL,
        linked      INTEGER,
        last_player INTEGER,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS log (
        id         INTEGER PRIMARY KEY,
        person_id  TEXT NOT NULL,
        direction  TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        message_id TEXT,
        text       TEXT NOT NULL,
        kind       TEXT,
        at         INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS log_person ON log (person_id);
    CREATE INDEX IF NOT EXISTS log_at ON log (at);
    CREATE TABLE IF NOT EXISTS claims (
        key   TEXT PRIMARY KEY NOT NULL,
        until INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS deletions (
        code    TEXT PRIMARY KEY NOT NULL,
        done_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;",
    ),
    // Version 2: named cursors (Telegram's long polling offset).
    M::up(
        "CREATE TABLE IF NOT EXISTS cursors (
        name  TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;",
    ),
];

/// An SQLite database: a file shared by every process that opens it, or a database in memory.
/// Cheap to clone (one connection behind an `Arc`).
#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

struct Inner {
    conn: Mutex<Connection>,
    /// The file as configured, or `:memory:`.
    name: String,
    log_retention: Duration,
}

impl fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqliteStore")
            .field("database", &self.inner.name)
            .field("log_retention", &self.inner.log_retention)
            .finish()
    }
}

impl SqliteStore {
    /// The schema version this build creates and reads (`PRAGMA user_version`).
    pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

    /// Opens the database `config` names (creating the file, not its directory), switches it to
    /// WAL, migrates it to [`SCHEMA_VERSION`](Self::SCHEMA_VERSION) and deletes what has expired;
    /// then, inside a tokio runtime, deletes expired lines every [`PRUNE_EVERY`].
    ///
    /// # Errors
    ///
    /// [`StoreError`] naming the file when it cannot be opened or created, is not an SQLite
    /// database, or was written by a newer schema.
    pub async fn open(config: &SqliteConfig) -> Result<Self, StoreError> {
        let config = config.clone();
        let store = tokio::task::spawn_blocking(move || Self::open_blocking(&config))
            .await
            .map_err(|e| StoreError(format!("opening the SQLite database failed: {e}")))??;
        store.prune_hourly();
        Ok(store)
    }

    fn open_blocking(config: &SqliteConfig) -> Result<Self, StoreError> {
        let name = config
            .path
            .as_deref()
            .map_or_else(|| ":memory:".to_owned(), |p| p.display().to_string());
        let fail = |e: &dyn fmt::Display| {
            StoreError(format!("cannot open the SQLite database {name}: {e}"))
        };
        let mut conn = match &config.path {
            None => Connection::open_in_memory(),
            // No URI interpretation: the path is a file name, whatever it looks like.
            Some(path) => Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ),
        }
        .map_err(|e| fail(&e))?;
        // Two processes opening a new file at once: switching it to WAL takes an exclusive lock,
        // and SQLite answers "database is locked" at once rather than waiting for it. Retry
        // until the busy timeout has passed.
        let started = std::time::Instant::now();
        loop {
            let opened = configure(&mut conn, config.path.as_deref())
                .and_then(|()| migrate(&mut conn))
                .and_then(|()| prune(&conn, config.log_retention).map_err(|e| e.to_string()));
            match opened {
                Ok(_) => break,
                Err(e) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(fail(&e)),
            }
        }
        Ok(Self {
            inner: Arc::new(Inner {
                conn: Mutex::new(conn),
                name,
                log_retention: config.log_retention,
            }),
        })
    }

    /// The database's schema version (`PRAGMA user_version`).
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the database cannot be read.
    pub async fn schema_version(&self) -> Result<usize, StoreError> {
        self.run(|conn| {
            conn.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))
                .map(|v| usize::try_from(v).unwrap_or_default())
        })
        .await
    }

    /// Deletes log lines older than the retention and claims that have ended. Returns how many
    /// rows went.
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the database refuses the deletes.
    pub async fn prune(&self) -> Result<usize, StoreError> {
        let retention = self.inner.log_retention;
        self.run(move |conn| prune(conn, retention)).await
    }

    /// Prunes every [`PRUNE_EVERY`] while the store is in use (the task holds it weakly and ends
    /// with it). Outside a tokio runtime only the prune on open happens.
    fn prune_hourly(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let store: Weak<Inner> = Arc::downgrade(&self.inner);
        runtime.spawn(async move {
            let start = tokio::time::Instant::now() + PRUNE_EVERY;
            let mut every = tokio::time::interval_at(start, PRUNE_EVERY);
            loop {
                every.tick().await;
                let Some(inner) = store.upgrade() else {
                    return;
                };
                let store = SqliteStore { inner };
                match store.prune().await {
                    Ok(rows) => tracing::debug!(store = %store.inner.name, rows, "pruned"),
                    Err(e) => {
                        tracing::warn!(store = %store.inner.name, error = %e, "pruning failed")
                    }
                }
            }
        });
    }

    /// Runs `f` over the connection on a blocking thread.
    async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            let mut conn = inner.conn.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut conn).map_err(|e| StoreError(format!("SQLite {}: {e}", inner.name)))
        })
        .await
        .map_err(|e| StoreError(format!("SQLite {}: {e}", self.inner.name)))?
    }

    fn log_cutoff(&self) -> i64 {
        int(unix_now().saturating_sub(self.inner.log_retention.as_secs()))
    }
}

/// Busy timeout, write transactions that take the lock at once, and for a file WAL.
fn configure(conn: &mut Connection, path: Option<&Path>) -> Result<(), String> {
    let sql = |e: rusqlite::Error| e.to_string();
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
    // A deferred transaction that reads and then writes can fail at once with SQLITE_BUSY when
    // another process writes meanwhile; an immediate one waits for the lock instead.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    if path.is_some() {
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(format!("its journal mode stayed {mode:?}, not WAL"));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sql)?;
    }
    Ok(())
}

/// Whether an error is SQLite's "another connection holds the lock".
fn is_busy(error: &str) -> bool {
    error.contains("database is locked") || error.contains("database table is locked")
}

/// Brings the schema to [`SqliteStore::SCHEMA_VERSION`].
fn migrate(conn: &mut Connection) -> Result<(), String> {
    let version = |conn: &Connection| {
        conn.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))
            .map_err(|e| e.to_string())
    };
    let latest = i64::try_from(SqliteStore::SCHEMA_VERSION).unwrap_or(i64::MAX);
    let found = version(conn)?;
    if found > latest {
        return Err(format!(
            "its schema version is {found}, newer than this bot's ({latest}): a newer hbdta-bot \
             wrote it"
        ));
    }
    match Migrations::from_slice(MIGRATIONS).to_latest(conn) {
        Ok(()) => Ok(()),
        // Another process migrated the file between our read of the version and our write.
        Err(_) if version(conn)? == latest => Ok(()),
        Err(e) => Err(format!(
            "migrating its schema to version {latest} failed: {e}"
        )),
    }
}

fn prune(conn: &Connection, log_retention: Duration) -> rusqlite::Result<usize> {
    let cutoff = int(unix_now().saturating_sub(log_retention.as_secs()));
    let log = conn.execute("DELETE FROM log WHERE at < ?1", [cutoff])?;
    let claims = conn.execute("DELETE FROM claims WHERE until <= ?1", [now_millis()])?;
    Ok(log + claims)
}

/// SQLite integers are signed; our times fit.
fn int(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn uint(v: i64) -> u64 {
    u64::try_from(v).unwrap_or_default()
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn account(v: Option<i64>) -> Option<AccountId> {
    v.and_then(|v| u32::try_from(v).ok()).map(AccountId)
}

fn direction_text(direction: Direction) -> &'static str {
    match direction {
        Direction::In => "in",
        Direction::Out => "out",
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn memory(&self, person: &PersonId) -> Result<Memory, StoreError> {
        let person = person.clone();
        self.run(move |conn| {
            conn.prepare_cached(
                "SELECT linked, last_player, created_at, updated_at FROM memory
                 WHERE person_id = ?1",
            )?
            .query_row([person.as_str()], |row| {
                Ok(Memory {
                    linked: account(row.get(0)?),
                    last_player: account(row.get(1)?),
                    created_at: uint(row.get(2)?),
                    updated_at: uint(row.get(3)?),
                })
            })
            .optional()
            .map(Option::unwrap_or_default)
        })
        .await
    }

    async fn remember(&self, person: &PersonId, memory: Memory) -> Result<(), StoreError> {
        let person = person.clone();
        self.run(move |conn| {
            conn.prepare_cached(
                "INSERT INTO memory (person_id, linked, last_player, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT (person_id) DO UPDATE SET
                     linked = excluded.linked,
                     last_player = excluded.last_player,
                     updated_at = excluded.updated_at",
            )?
            .execute(params![
                person.as_str(),
                memory.linked.map(|a| a.0),
                memory.last_player.map(|a| a.0),
                int(unix_now()),
            ])
            .map(drop)
        })
        .await
    }

    async fn append_log(&self, entry: LogEntry) -> Result<(), StoreError> {
        self.run(move |conn| {
            let text: String = entry.text.chars().take(LOG_TEXT_MAX).collect();
            conn.prepare_cached(
                "INSERT INTO log (person_id, direction, message_id, text, kind, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                entry.person.as_str(),
                direction_text(entry.direction),
                entry.message_id,
                text,
                entry.kind,
                int(entry.at),
            ])
            .map(drop)
        })
        .await
    }

    async fn log(&self, person: &PersonId) -> Result<Vec<LogEntry>, StoreError> {
        let person = person.clone();
        let cutoff = self.log_cutoff();
        self.run(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT direction, message_id, text, kind, at FROM log
                 WHERE person_id = ?1 AND at >= ?2 ORDER BY id",
            )?;
            let rows = statement.query_map(params![person.as_str(), cutoff], |row| {
                Ok(LogEntry {
                    person: person.clone(),
                    direction: if row.get::<_, String>(0)? == "in" {
                        Direction::In
                    } else {
                        Direction::Out
                    },
                    message_id: row.get(1)?,
                    text: row.get(2)?,
                    kind: row.get(3)?,
                    at: uint(row.get(4)?),
                })
            })?;
            rows.collect()
        })
        .await
    }

    async fn forget(&self, person: &PersonId) -> Result<(), StoreError> {
        let person = person.clone();
        self.run(move |conn| {
            let tx = conn.transaction()?;
            tx.execute("DELETE FROM memory WHERE person_id = ?1", [person.as_str()])?;
            tx.execute("DELETE FROM log WHERE person_id = ?1", [person.as_str()])?;
            tx.commit()
        })
        .await
    }

    async fn record_deletion(&self, code: &str) -> Result<(), StoreError> {
        let code = code.to_owned();
        self.run(move |conn| {
            conn.prepare_cached(
                "INSERT INTO deletions (code, done_at) VALUES (?1, ?2)
                 ON CONFLICT (code) DO UPDATE SET done_at = excluded.done_at",
            )?
            .execute(params![code, int(unix_now())])
            .map(drop)
        })
        .await
    }

    async fn deletion(&self, code: &str) -> Result<Option<u64>, StoreError> {
        let code = code.to_owned();
        self.run(move |conn| {
            conn.prepare_cached("SELECT done_at FROM deletions WHERE code = ?1")?
                .query_row([code], |row| row.get::<_, i64>(0).map(uint))
                .optional()
        })
        .await
    }

    async fn cursor(&self, name: &str) -> Result<Option<i64>, StoreError> {
        let name = name.to_owned();
        self.run(move |conn| {
            conn.prepare_cached("SELECT value FROM cursors WHERE name = ?1")?
                .query_row([name], |row| row.get::<_, i64>(0))
                .optional()
        })
        .await
    }

    async fn set_cursor(&self, name: &str, value: i64) -> Result<(), StoreError> {
        let name = name.to_owned();
        self.run(move |conn| {
            conn.prepare_cached(
                "INSERT INTO cursors (name, value) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![name, value])
            .map(drop)
        })
        .await
    }

    fn claims(&self) -> Arc<dyn Claims> {
        Arc::new(self.clone())
    }
}

#[async_trait]
impl Claims for SqliteStore {
    /// One statement: a new key is inserted; an existing key is taken over only when its claim
    /// has ended. Exactly one concurrent caller changes the row.
    async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        let key = key.to_owned();
        let ttl = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        self.run(move |conn| {
            let now = now_millis();
            conn.prepare_cached(
                "INSERT INTO claims (key, until) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET until = excluded.until
                 WHERE claims.until <= ?3",
            )?
            .execute(params![key, now.saturating_add(ttl), now])
            .map(|changed| changed == 1)
        })
        .await
    }

    async fn release(&self, key: &str) -> Result<(), StoreError> {
        let key = key.to_owned();
        self.run(move |conn| {
            conn.prepare_cached("DELETE FROM claims WHERE key = ?1")?
                .execute([key])
                .map(drop)
        })
        .await
    }
}
