//! What the bot remembers: per-person memory, a conversation log, and redelivery claims.
//!
//! [`Store`] is the seam (as teloxide's `dialogue::Storage`): the conversation reads and writes a
//! person's [`Memory`] through it, the answering path appends to the log, the dispatcher claims
//! de-duplication keys through its [`Claims`] part, and [`Store::forget`] deletes everything held
//! about one person. Keys are platform-qualified ([`PersonId`]), so a Messenger PSID and a
//! Telegram chat id never collide.
//!
//! The stores, chosen by [`StoreConfig`] and opened by [`open`]:
//!
//! - [`MemoryStore`]: everything in this process (lost on restart);
//! - `sqlite::SqliteStore` (feature `sqlite`, on by default): an SQLite file (`serve`'s default,
//!   shared by the processes that open it) or an SQLite database in memory (`dev`, `ask`);
//! - `dynamodb::DynamoDbStore` (feature `dynamodb`): a DynamoDB table every Lambda environment
//!   shares.
//!
//! [`open`] puts two layers around a persistent store: claims are first tried in this process
//! ([`LayeredClaims`]: a redelivery this process has seen is refused without a database call),
//! and a failing store is logged at most once a minute, naming it ([`Watched`]). A new store is a
//! new file here implementing the two traits, and an arm in [`open`].

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use opendota_sdk::AccountId;
use quick_cache::sync::GuardResult;

use crate::config::{DynamoDbConfig, SqliteConfig, StoreConfig};

#[cfg(feature = "dynamodb")]
pub mod dynamodb;
#[cfg(feature = "sqlite")]
pub mod sqlite;

/// A person, qualified by the platform they write from: `messenger:7000000000000001`.
/// Opaque to the conversation; built by the platform adapters.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct PersonId(String);

impl PersonId {
    /// `platform:user`.
    #[must_use]
    pub fn new(platform: &str, user: &str) -> Self {
        Self([platform, ":", user].concat())
    }

    /// The id as text (`messenger:7000000000000001`).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the bot remembers about one person.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Memory {
    /// The account the person said is theirs.
    pub linked: Option<AccountId>,
    /// The last player they looked at.
    pub last_player: Option<AccountId>,
    /// When the bot first remembered something (Unix seconds).
    pub created_at: u64,
    /// When the memory last changed (Unix seconds).
    pub updated_at: u64,
}

/// Which way a logged message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the person to the bot.
    In,
    /// From the bot to the person.
    Out,
}

/// One line of the conversation log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct LogEntry {
    /// Who.
    pub person: PersonId,
    /// Which way.
    pub direction: Direction,
    /// The platform's message id, when there is one.
    pub message_id: Option<String>,
    /// The text or payload, at most [`LOG_TEXT_MAX`] characters.
    pub text: String,
    /// What kind of reply (`text`, `card`), for outgoing lines.
    pub kind: Option<String>,
    /// When (Unix seconds).
    pub at: u64,
}

/// Logged texts are cut to this many characters.
pub const LOG_TEXT_MAX: usize = 500;

impl LogEntry {
    /// A log line stamped now, its text cut to [`LOG_TEXT_MAX`] characters.
    #[must_use]
    pub fn new(person: PersonId, direction: Direction, text: &str) -> Self {
        Self {
            person,
            direction,
            message_id: None,
            text: text.chars().take(LOG_TEXT_MAX).collect(),
            kind: None,
            at: unix_now(),
        }
    }

    /// With the platform's message id.
    #[must_use]
    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }

    /// With the kind of reply.
    #[must_use]
    pub fn kind(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }
}

/// Seconds since the Unix epoch.
#[must_use]
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A store that failed (unreachable, refused, corrupt). The bot still answers; what needed the
/// store says it is unavailable.
#[derive(Debug, thiserror::Error)]
#[error("the store failed: {0}")]
pub struct StoreError(pub String);

/// Redelivery claims: the first to claim a key answers it.
#[async_trait]
pub trait Claims: Send + Sync + fmt::Debug {
    /// Claims `key` for `ttl`: `true` for the first claim (answer it), `false` while an earlier
    /// claim holds (a redelivery). Atomic: of concurrent claims exactly one wins.
    async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError>;

    /// Gives `key` up (its hand-over failed), so the next delivery is answered.
    async fn release(&self, key: &str) -> Result<(), StoreError>;
}

/// Per-person memory, the conversation log, claims, and forgetting a person.
#[async_trait]
pub trait Store: Send + Sync + fmt::Debug {
    /// What is remembered about `person` (the default when nothing is).
    async fn memory(&self, person: &PersonId) -> Result<Memory, StoreError>;

    /// Replaces what is remembered about `person` (the times are set by the store).
    async fn remember(&self, person: &PersonId, memory: Memory) -> Result<(), StoreError>;

    /// Appends a line to the conversation log.
    async fn append_log(&self, entry: LogEntry) -> Result<(), StoreError>;

    /// `person`'s log lines, oldest first.
    async fn log(&self, person: &PersonId) -> Result<Vec<LogEntry>, StoreError>;

    /// Deletes everything held about `person`: memory and log lines.
    async fn forget(&self, person: &PersonId) -> Result<(), StoreError>;

    /// Records that a data deletion request, known by its confirmation `code`, was carried out
    /// now (the receipt holds the code and the time, nothing about the person).
    async fn record_deletion(&self, code: &str) -> Result<(), StoreError>;

    /// When the deletion request `code` was carried out (Unix seconds); `None` for a code this
    /// store never recorded.
    async fn deletion(&self, code: &str) -> Result<Option<u64>, StoreError>;

    /// The value of the cursor `name` (Telegram's long polling keeps its next offset in
    /// `telegram:offset`); `None` when it was never set.
    ///
    /// The default is for stores that keep no cursors: it fails, naming the store's type.
    async fn cursor(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Err(StoreError(format!(
            "{self:?} keeps no cursors (asked for {name:?})"
        )))
    }

    /// Sets the cursor `name` to `value`.
    ///
    /// The default is for stores that keep no cursors: it fails, naming the store's type.
    async fn set_cursor(&self, name: &str, value: i64) -> Result<(), StoreError> {
        Err(StoreError(format!(
            "{self:?} keeps no cursors (asked to set {name:?} to {value})"
        )))
    }

    /// The redelivery claims kept beside this store.
    fn claims(&self) -> Arc<dyn Claims>;
}

/// Everything in this process: lost on restart, not shared between processes.
#[derive(Clone, Default)]
pub struct MemoryStore {
    people: Arc<Mutex<HashMap<PersonId, Person>>>,
    deletions: Arc<Mutex<HashMap<String, u64>>>,
    cursors: Arc<Mutex<HashMap<String, i64>>>,
    claims: Arc<MemoryClaims>,
}

/// Its `Debug` shows how many people it holds, never what it holds about them.
impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryStore")
            .field("people", &self.people().len())
            .field("claims", &self.claims)
            .finish()
    }
}

#[derive(Debug, Default)]
struct Person {
    memory: Option<Memory>,
    log: Vec<LogEntry>,
}

impl MemoryStore {
    /// Log lines kept per person (the oldest go first).
    pub const LOG_MAX: usize = 200;

    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn people(&self) -> std::sync::MutexGuard<'_, HashMap<PersonId, Person>> {
        self.people.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl Store for MemoryStore {
    async fn memory(&self, person: &PersonId) -> Result<Memory, StoreError> {
        Ok(self
            .people()
            .get(person)
            .and_then(|p| p.memory.clone())
            .unwrap_or_default())
    }

    async fn remember(&self, person: &PersonId, memory: Memory) -> Result<(), StoreError> {
        let now = unix_now();
        let mut people = self.people();
        let entry = people.entry(person.clone()).or_default();
        let created_at = entry.memory.as_ref().map_or(now, |m| m.created_at);
        entry.memory = Some(Memory {
            created_at,
            updated_at: now,
            ..memory
        });
        Ok(())
    }

    async fn append_log(&self, entry: LogEntry) -> Result<(), StoreError> {
        let mut people = self.people();
        let log = &mut people.entry(entry.person.clone()).or_default().log;
        if log.len() >= Self::LOG_MAX {
            log.remove(0);
        }
        log.push(entry);
        Ok(())
    }

    async fn log(&self, person: &PersonId) -> Result<Vec<LogEntry>, StoreError> {
        Ok(self
            .people()
            .get(person)
            .map(|p| p.log.clone())
            .unwrap_or_default())
    }

    async fn forget(&self, person: &PersonId) -> Result<(), StoreError> {
        self.people().remove(person);
        Ok(())
    }

    async fn record_deletion(&self, code: &str) -> Result<(), StoreError> {
        self.deletions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(code.to_owned(), unix_now());
        Ok(())
    }

    async fn deletion(&self, code: &str) -> Result<Option<u64>, StoreError> {
        Ok(self
            .deletions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(code)
            .copied())
    }

    async fn cursor(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .cursors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(name)
            .copied())
    }

    async fn set_cursor(&self, name: &str, value: i64) -> Result<(), StoreError> {
        self.cursors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name.to_owned(), value);
        Ok(())
    }

    fn claims(&self) -> Arc<dyn Claims> {
        self.claims.clone()
    }
}

/// Opens the store `config` describes: creates and migrates an SQLite database, checks that a
/// DynamoDB table is there. A persistent store comes [`Watched`], with [`LayeredClaims`].
///
/// # Errors
///
/// [`StoreError`] naming the store when it cannot be opened (the binary exits with status 2).
pub async fn open(config: &StoreConfig) -> Result<Arc<dyn Store>, StoreError> {
    let store = match config {
        StoreConfig::Memory => return Ok(Arc::new(MemoryStore::new())),
        StoreConfig::Sqlite(sqlite) => open_sqlite(sqlite).await?,
        StoreConfig::DynamoDb(table) => open_dynamodb(table).await?,
    };
    Ok(Arc::new(Watched::new(store, name(config))))
}

#[cfg(feature = "sqlite")]
async fn open_sqlite(config: &SqliteConfig) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(sqlite::SqliteStore::open(config).await?))
}

#[cfg(not(feature = "sqlite"))]
async fn open_sqlite(config: &SqliteConfig) -> Result<Arc<dyn Store>, StoreError> {
    Err(StoreError(format!(
        "{}: this binary was built without SQLite (build it with the default features, or \
         `--features sqlite`)",
        name(&StoreConfig::Sqlite(config.clone()))
    )))
}

#[cfg(feature = "dynamodb")]
async fn open_dynamodb(config: &DynamoDbConfig) -> Result<Arc<dyn Store>, StoreError> {
    let http = crate::http::client().map_err(|e| {
        StoreError(format!(
            "DynamoDB table {:?}: no HTTP client: {e}",
            config.table
        ))
    })?;
    Ok(Arc::new(
        dynamodb::DynamoDbStore::open(config, &http).await?,
    ))
}

#[cfg(not(feature = "dynamodb"))]
async fn open_dynamodb(config: &DynamoDbConfig) -> Result<Arc<dyn Store>, StoreError> {
    Err(StoreError(format!(
        "DynamoDB table {:?}: this binary was built without DynamoDB (build it with `--features \
         dynamodb` or `--features lambda`)",
        config.table
    )))
}

/// How logs name the store: `sqlite:hbdta.db`, `sqlite::memory:`, `dynamodb://hbdta`.
fn name(config: &StoreConfig) -> String {
    match config {
        StoreConfig::Memory => "memory:".to_owned(),
        StoreConfig::Sqlite(sqlite) => sqlite.path.as_ref().map_or_else(
            || "sqlite::memory:".to_owned(),
            |path| format!("sqlite:{}", path.display()),
        ),
        StoreConfig::DynamoDb(table) => format!("dynamodb://{}", table.table),
    }
}

/// A store as the bot uses it: every failure is returned to the caller (who answers that the
/// store is unavailable) and logged with the store's name, but at most once per
/// [`FailureLog::EVERY`], so a store that is down does not write a line per message. Its claims
/// are [`LayeredClaims`] in front of the store's own.
pub struct Watched {
    store: Arc<dyn Store>,
    claims: Arc<LayeredClaims>,
    failures: Arc<FailureLog>,
}

impl fmt::Debug for Watched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watched")
            .field("name", &self.failures.name)
            .field("store", &self.store)
            .field("claims", &self.claims)
            .finish()
    }
}

impl Watched {
    /// `store`, called `name` in logs.
    #[must_use]
    pub fn new(store: Arc<dyn Store>, name: impl Into<String>) -> Self {
        let failures = Arc::new(FailureLog::new(name));
        let shared = Arc::new(WatchedClaims {
            claims: store.claims(),
            failures: Arc::clone(&failures),
        });
        Self {
            store,
            claims: Arc::new(LayeredClaims::new(shared)),
            failures,
        }
    }

    fn watch<T>(
        &self,
        operation: &'static str,
        result: Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if let Err(e) = &result {
            self.failures.report(operation, e);
        }
        result
    }
}

#[async_trait]
impl Store for Watched {
    async fn memory(&self, person: &PersonId) -> Result<Memory, StoreError> {
        self.watch("memory", self.store.memory(person).await)
    }

    async fn remember(&self, person: &PersonId, memory: Memory) -> Result<(), StoreError> {
        self.watch("remember", self.store.remember(person, memory).await)
    }

    async fn append_log(&self, entry: LogEntry) -> Result<(), StoreError> {
        self.watch("append_log", self.store.append_log(entry).await)
    }

    async fn log(&self, person: &PersonId) -> Result<Vec<LogEntry>, StoreError> {
        self.watch("log", self.store.log(person).await)
    }

    async fn forget(&self, person: &PersonId) -> Result<(), StoreError> {
        self.watch("forget", self.store.forget(person).await)
    }

    async fn record_deletion(&self, code: &str) -> Result<(), StoreError> {
        self.watch("record_deletion", self.store.record_deletion(code).await)
    }

    async fn deletion(&self, code: &str) -> Result<Option<u64>, StoreError> {
        self.watch("deletion", self.store.deletion(code).await)
    }

    async fn cursor(&self, name: &str) -> Result<Option<i64>, StoreError> {
        self.watch("cursor", self.store.cursor(name).await)
    }

    async fn set_cursor(&self, name: &str, value: i64) -> Result<(), StoreError> {
        self.watch("set_cursor", self.store.set_cursor(name, value).await)
    }

    fn claims(&self) -> Arc<dyn Claims> {
        self.claims.clone()
    }
}

/// A store's claims, their failures logged through the store's [`FailureLog`].
#[derive(Debug)]
struct WatchedClaims {
    claims: Arc<dyn Claims>,
    failures: Arc<FailureLog>,
}

#[async_trait]
impl Claims for WatchedClaims {
    async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        let result = self.claims.claim(key, ttl).await;
        if let Err(e) = &result {
            self.failures.report("claim", e);
        }
        result
    }

    async fn release(&self, key: &str) -> Result<(), StoreError> {
        let result = self.claims.release(key).await;
        if let Err(e) = &result {
            self.failures.report("release", e);
        }
        result
    }
}

/// Logs a store's failures, at most one line per [`EVERY`](Self::EVERY); the line says how many
/// failures went unlogged since the last one.
#[derive(Debug)]
pub struct FailureLog {
    name: String,
    last: Mutex<Option<Instant>>,
    unlogged: AtomicU64,
}

impl FailureLog {
    /// At most one line this often.
    pub const EVERY: Duration = Duration::from_secs(60);

    /// For the store called `name`.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            last: Mutex::new(None),
            unlogged: AtomicU64::new(0),
        }
    }

    /// Logs `error` (from `operation`) unless a line was written less than
    /// [`EVERY`](Self::EVERY) ago.
    pub fn report(&self, operation: &str, error: &StoreError) {
        if !self.due(Instant::now()) {
            self.unlogged.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let unlogged = self.unlogged.swap(0, Ordering::Relaxed);
        tracing::error!(
            store = %self.name,
            operation,
            unlogged,
            error = %error,
            "the store failed (one line a minute at most; `unlogged` failures since the last)"
        );
    }

    /// Whether a failure at `now` is logged; if so, the next one is not before `now` +
    /// [`EVERY`](Self::EVERY).
    #[must_use]
    pub fn due(&self, now: Instant) -> bool {
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        match *last {
            Some(at) if now.saturating_duration_since(at) < Self::EVERY => false,
            _ => {
                *last = Some(now);
                true
            }
        }
    }
}

/// Claims in two layers: this process's [`MemoryClaims`] first, so a redelivery already seen here
/// is refused without a database call (the webhook's fast path when Meta redelivers in bursts),
/// then the shared claims, so only one process answers a key.
pub struct LayeredClaims {
    local: MemoryClaims,
    shared: Arc<dyn Claims>,
}

impl fmt::Debug for LayeredClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LayeredClaims")
            .field("local", &self.local)
            .field("shared", &self.shared)
            .finish()
    }
}

impl LayeredClaims {
    /// This process's claims in front of `shared`.
    #[must_use]
    pub fn new(shared: Arc<dyn Claims>) -> Self {
        Self {
            local: MemoryClaims::default(),
            shared,
        }
    }
}

#[async_trait]
impl Claims for LayeredClaims {
    /// Refused at once when this process holds `key`; otherwise what the shared claims say.
    /// Only a key this process won stays held here: when another process holds it (and may
    /// release it when its hand-over fails, so Meta's next redelivery must be answered) or the
    /// shared claim fails, the next delivery asks the shared claims again.
    async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        if !self.local.claim_now(key, ttl) {
            return Ok(false);
        }
        let shared = self.shared.claim(key, ttl).await;
        if !matches!(shared, Ok(true)) {
            self.local.0.remove(key);
        }
        shared
    }

    async fn release(&self, key: &str) -> Result<(), StoreError> {
        self.local.0.remove(key);
        self.shared.release(key).await
    }
}

/// Claims in this process: at most [`MemoryClaims::CAPACITY`] keys (the least used go first). A
/// redelivery is one read of a sharded map with no allocation: Meta redelivers in bursts when a
/// webhook is slow, and the check must stay cheap then.
pub struct MemoryClaims(quick_cache::sync::Cache<String, Instant>);

impl MemoryClaims {
    /// Keys remembered at most.
    pub const CAPACITY: usize = 100_000;
}

impl Default for MemoryClaims {
    fn default() -> Self {
        Self(quick_cache::sync::Cache::new(Self::CAPACITY))
    }
}

impl fmt::Debug for MemoryClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryClaims")
            .field("keys", &self.0.len())
            .finish()
    }
}

impl MemoryClaims {
    /// The claim, answered at once (the [`Claims`] methods wrap these).
    #[must_use]
    pub fn claim_now(&self, key: &str, ttl: Duration) -> bool {
        self.claim_at(key, ttl, Instant::now())
    }

    /// [`claim_now`](Self::claim_now) as of `now` (a test can put a claim in the past).
    #[must_use]
    pub fn claim_at(&self, key: &str, ttl: Duration, now: Instant) -> bool {
        // The stored value is when the claim ends; a hit is answered under the shard's read lock,
        // only a new key takes the write lock.
        let until = now + ttl;
        match self.0.get_value_or_guard(key, Some(Duration::ZERO)) {
            GuardResult::Value(ends) if now < ends => false,
            // An expired claim: a new delivery as far as anyone can tell.
            GuardResult::Value(_) => {
                self.0.insert(key.to_owned(), until);
                true
            }
            GuardResult::Guard(guard) => {
                let _ = guard.insert(until);
                true
            }
            // A concurrent delivery of the same key is claiming it right now.
            GuardResult::Timeout => false,
        }
    }
}

#[async_trait]
impl Claims for MemoryClaims {
    async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        Ok(self.claim_now(key, ttl))
    }

    async fn release(&self, key: &str) -> Result<(), StoreError> {
        self.0.remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[tokio::test]
    async fn a_key_is_claimed_once_until_released() {
        let claims = MemoryClaims::default();
        assert!(claims.claim("messenger:mid:m_1", HOUR).await.unwrap());
        assert!(!claims.claim("messenger:mid:m_1", HOUR).await.unwrap());
        assert!(claims.claim("messenger:mid:m_2", HOUR).await.unwrap());
        claims.release("messenger:mid:m_1").await.unwrap();
        assert!(claims.claim("messenger:mid:m_1", HOUR).await.unwrap());
        assert!(!claims.claim("messenger:mid:m_1", HOUR).await.unwrap());
    }

    #[test]
    fn an_expired_claim_can_be_claimed_again() {
        let claims = MemoryClaims::default();
        let start = Instant::now();
        assert!(claims.claim_at("k", HOUR, start));
        assert!(!claims.claim_at("k", HOUR, start + Duration::from_secs(3599)));
        assert!(claims.claim_at("k", HOUR, start + Duration::from_secs(3601)));
        assert!(!claims.claim_at("k", HOUR, start + Duration::from_secs(3602)));
    }

    #[test]
    fn of_concurrent_claims_exactly_one_wins() {
        let claims = MemoryClaims::default();
        for round in 0..50 {
            let key = format!("mid:m_{round}");
            let won: usize = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..4)
                    .map(|_| scope.spawn(|| usize::from(claims.claim_now(&key, HOUR))))
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).sum()
            });
            assert_eq!(won, 1, "round {round}");
        }
    }

    /// Shared claims that count their calls, answer what `wins` says, or fail.
    #[derive(Debug, Default)]
    struct Counted {
        calls: AtomicU64,
        fail: bool,
        lose: bool,
    }

    #[async_trait]
    impl Claims for Counted {
        async fn claim(&self, _key: &str, _ttl: Duration) -> Result<bool, StoreError> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            if self.fail {
                return Err(StoreError("down".into()));
            }
            Ok(!self.lose)
        }

        async fn release(&self, _key: &str) -> Result<(), StoreError> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_redelivery_seen_here_is_refused_without_asking_the_shared_claims() {
        let shared = Arc::new(Counted::default());
        let claims = LayeredClaims::new(shared.clone());
        assert!(claims.claim("mid:m_1", HOUR).await.unwrap());
        assert!(!claims.claim("mid:m_1", HOUR).await.unwrap());
        assert!(!claims.claim("mid:m_1", HOUR).await.unwrap());
        assert_eq!(shared.calls.load(Ordering::SeqCst), 1);
        claims.release("mid:m_1").await.unwrap();
        assert!(claims.claim("mid:m_1", HOUR).await.unwrap());
        assert_eq!(shared.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_key_another_process_holds_or_a_failed_claim_is_asked_again() {
        let lost = Arc::new(Counted {
            lose: true,
            ..Counted::default()
        });
        let claims = LayeredClaims::new(lost.clone());
        assert!(!claims.claim("mid:m_1", HOUR).await.unwrap());
        assert!(!claims.claim("mid:m_1", HOUR).await.unwrap());
        assert_eq!(lost.calls.load(Ordering::SeqCst), 2);

        let down = Arc::new(Counted {
            fail: true,
            ..Counted::default()
        });
        let claims = LayeredClaims::new(down.clone());
        assert_eq!(
            claims.claim("mid:m_1", HOUR).await.unwrap_err().to_string(),
            "the store failed: down"
        );
        assert!(claims.claim("mid:m_1", HOUR).await.is_err());
        assert_eq!(down.calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn failures_are_logged_once_a_minute() {
        let log = FailureLog::new("sqlite:hbdta.db");
        let start = Instant::now();
        assert!(log.due(start));
        assert!(!log.due(start + Duration::from_secs(1)));
        assert!(!log.due(start + Duration::from_secs(59)));
        assert!(log.due(start + Duration::from_secs(60)));
        assert!(!log.due(start + Duration::from_secs(119)));
        assert!(log.due(start + Duration::from_secs(121)));
    }

    #[tokio::test]
    async fn a_watched_store_returns_every_failure() {
        #[derive(Debug)]
        struct Down;
        #[async_trait]
        impl Store for Down {
            async fn memory(&self, _: &PersonId) -> Result<Memory, StoreError> {
                Err(StoreError("SQLite hbdta.db: disk I/O error".into()))
            }
            async fn remember(&self, _: &PersonId, _: Memory) -> Result<(), StoreError> {
                Ok(())
            }
            async fn append_log(&self, _: LogEntry) -> Result<(), StoreError> {
                Ok(())
            }
            async fn log(&self, _: &PersonId) -> Result<Vec<LogEntry>, StoreError> {
                Ok(Vec::new())
            }
            async fn forget(&self, _: &PersonId) -> Result<(), StoreError> {
                Ok(())
            }
            async fn record_deletion(&self, _: &str) -> Result<(), StoreError> {
                Ok(())
            }
            async fn deletion(&self, _: &str) -> Result<Option<u64>, StoreError> {
                Ok(None)
            }
            fn claims(&self) -> Arc<dyn Claims> {
                Arc::new(Counted {
                    fail: true,
                    ..Counted::default()
                })
            }
        }
        let store = Watched::new(Arc::new(Down), "sqlite:hbdta.db");
        let person = PersonId::new("messenger", "1");
        for _ in 0..3 {
            assert_eq!(
                store.memory(&person).await.unwrap_err().to_string(),
                "the store failed: SQLite hbdta.db: disk I/O error"
            );
        }
        assert!(store.claims().claim("k", HOUR).await.is_err());
        assert_eq!(store.failures.unlogged.load(Ordering::Relaxed), 3);
    }

    #[tokio::test]
    async fn memory_log_and_forget() {
        let store = MemoryStore::new();
        let alice = PersonId::new("messenger", "7000000000000001");
        let bob = PersonId::new("telegram", "7000000000000001");
        assert_eq!(alice.as_str(), "messenger:7000000000000001");
        assert_eq!(store.memory(&alice).await.unwrap(), Memory::default());

        let linked = Memory {
            linked: Some(AccountId(86_745_912)),
            ..Memory::default()
        };
        store.remember(&alice, linked).await.unwrap();
        let got = store.memory(&alice).await.unwrap();
        assert_eq!(got.linked, Some(AccountId(86_745_912)));
        assert!(got.created_at > 0 && got.updated_at >= got.created_at);
        assert_eq!(
            store.memory(&bob).await.unwrap(),
            Memory::default(),
            "the same user id on another platform is another person"
        );

        store
            .append_log(LogEntry::new(alice.clone(), Direction::In, "86745912").message_id("m_1"))
            .await
            .unwrap();
        store
            .append_log(LogEntry::new(alice.clone(), Direction::Out, &"x".repeat(600)).kind("text"))
            .await
            .unwrap();
        let log = store.log(&alice).await.unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].text, "86745912");
        assert_eq!(log[0].message_id.as_deref(), Some("m_1"));
        assert_eq!(log[1].text.chars().count(), 500);
        assert_eq!(log[1].kind.as_deref(), Some("text"));

        assert_eq!(
            format!("{store:?}"),
            "MemoryStore { people: 1, claims: MemoryClaims { keys: 0 } }",
            "no one's data in Debug"
        );

        store.forget(&alice).await.unwrap();
        assert_eq!(store.memory(&alice).await.unwrap(), Memory::default());
        assert!(store.log(&alice).await.unwrap().is_empty());
    }
}
