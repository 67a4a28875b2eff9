//! The DynamoDB store (feature `dynamodb`, on with `lambda`): one table that every Lambda
//! environment shares.
//!
//! One table, string keys `pk` and `sk`, laid out for the store's reads:
//!
//! | item | `pk` | `sk` | attributes |
//! |---|---|---|---|
//! | a person's memory | `PERSON#<person id>` | `MEMORY` | `linked`, `last_player`, `created_at`, `updated_at` |
//! | a log line | `PERSON#<person id>` | `LOG#<at, 20 digits>#<order, 20 digits>#<random>` | `direction`, `message_id`, `text`, `kind`, `at`, `expires_at` |
//! | a claim | `CLAIM#<key>` | `CLAIM` | `until_ms`, `expires_at` |
//! | a deletion receipt | `DELETION#<code>` | `DELETION` | `done_at` |
//! | a named cursor | `CURSOR#<name>` | `CURSOR` | `value` |
//!
//! - `log` is one query (`pk` and `begins_with(sk, "LOG#")`, oldest first); `forget` queries every
//!   item of the person's `pk` and deletes them in batches of 25.
//! - A claim is a conditional put (`attribute_not_exists(pk) OR until_ms <= :now`): DynamoDB
//!   applies it atomically, so exactly one environment wins a key.
//! - `expires_at` (Unix seconds) is the table's TTL attribute: DynamoDB deletes log lines after
//!   the retention and ended claims, but only within a day or two, so reads skip items whose time
//!   has passed.
//! - Reads are strongly consistent: a memory written by one environment is read by the next.
//!
//! template.yaml creates the table (`AWS::DynamoDB::Table`) with this key schema and TTL.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use aws_sdk_dynamodb::config::retry::RetryConfig;
use aws_sdk_dynamodb::config::{BehaviorVersion, Region};
use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::types::{AttributeValue, DeleteRequest, KeyType, WriteRequest};
use opendota_sdk::AccountId;

use super::{
    Claims, Direction, LOG_TEXT_MAX, LogEntry, Memory, PersonId, Store, StoreError, unix_now,
};
use crate::aws::{ReqwestClient, credentials};
use crate::config::DynamoDbConfig;

type Item = HashMap<String, AttributeValue>;

/// The sort key of a person's memory.
const MEMORY: &str = "MEMORY";
/// The prefix of a log line's sort key.
const LOG: &str = "LOG#";
/// A batch write takes at most this many requests.
const BATCH: usize = 25;

/// A DynamoDB table holding every environment's memory, log and claims. Cheap to clone.
#[derive(Clone)]
pub struct DynamoDbStore {
    client: aws_sdk_dynamodb::Client,
    table: String,
    region: String,
    log_retention: Duration,
}

/// Its `Debug` names the table and region; never the credentials.
impl fmt::Debug for DynamoDbStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamoDbStore")
            .field("table", &self.table)
            .field("region", &self.region)
            .field("log_retention", &self.log_retention)
            .finish_non_exhaustive()
    }
}

/// The DynamoDB client for `config`: its credentials and region, requests sent through `http`
/// (the bot's one HTTP client), and bounded time. The webhook claims a message before it answers
/// Meta (within 5 s), so a call gets 1 s per attempt and 3 s in all; the SDK retries throttling,
/// timeouts and transient errors.
#[must_use]
pub fn dynamodb_client(
    config: &DynamoDbConfig,
    http: &reqwest::Client,
) -> aws_sdk_dynamodb::Client {
    let mut builder = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(config.region.clone()))
        .credentials_provider(credentials(
            &config.access_key_id,
            &config.secret_access_key,
            config.session_token.as_ref(),
        ))
        .http_client(ReqwestClient(http.clone()))
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .timeout_config(crate::aws::timeouts());
    if let Some(url) = &config.endpoint_url {
        builder = builder.endpoint_url(url.clone());
    }
    aws_sdk_dynamodb::Client::from_conf(builder.build())
}

impl DynamoDbStore {
    /// Opens the table `config` names through `http`: checks that it exists and has the keys
    /// `pk` (partition) and `sk` (sort).
    ///
    /// # Errors
    ///
    /// [`StoreError`] naming the table when it does not exist, has other keys, or cannot be
    /// described (no network, credentials refused).
    pub async fn open(config: &DynamoDbConfig, http: &reqwest::Client) -> Result<Self, StoreError> {
        let store = Self {
            client: dynamodb_client(config, http),
            table: config.table.clone(),
            region: config.region.clone(),
            log_retention: config.log_retention,
        };
        let described = store
            .client
            .describe_table()
            .table_name(&store.table)
            .send()
            .await
            .map_err(|e| {
                let missing = e
                    .as_service_error()
                    .is_some_and(aws_sdk_dynamodb::operation::describe_table::DescribeTableError::is_resource_not_found_exception);
                if missing {
                    StoreError(format!(
                        "the DynamoDB table {:?} does not exist in {} (create it: template.yaml)",
                        store.table, store.region
                    ))
                } else {
                    store.failed("DescribeTable", &e)
                }
            })?;
        let keys: Vec<(String, KeyType)> = described
            .table()
            .map(|t| t.key_schema())
            .unwrap_or_default()
            .iter()
            .map(|k| (k.attribute_name().to_owned(), k.key_type().clone()))
            .collect();
        let wanted = [
            ("pk".to_owned(), KeyType::Hash),
            ("sk".to_owned(), KeyType::Range),
        ];
        if !wanted.iter().all(|w| keys.contains(w)) || keys.len() != 2 {
            return Err(StoreError(format!(
                "the DynamoDB table {:?} has the keys {keys:?}; the bot needs pk (HASH) and sk \
                 (RANGE), both strings",
                store.table
            )));
        }
        Ok(store)
    }

    /// The table's name.
    #[must_use]
    pub fn table(&self) -> &str {
        &self.table
    }

    fn failed<E, R>(&self, operation: &str, e: &SdkError<E, R>) -> StoreError
    where
        E: std::error::Error + 'static,
        R: fmt::Debug,
    {
        StoreError(format!(
            "DynamoDB table {:?}: {operation} failed: {}",
            self.table,
            DisplayErrorContext(e)
        ))
    }

    /// All items of `pk` whose sort key starts with `prefix` (every item for an empty prefix),
    /// oldest first, including those past their TTL.
    async fn query(
        &self,
        pk: &str,
        prefix: &str,
        keys_only: bool,
    ) -> Result<Vec<Item>, StoreError> {
        let mut items = Vec::new();
        let mut start: Option<Item> = None;
        loop {
            let mut query = self
                .client
                .query()
                .table_name(&self.table)
                .consistent_read(true)
                .expression_attribute_values(":pk", s(pk))
                .set_exclusive_start_key(start.take());
            query = if prefix.is_empty() {
                query.key_condition_expression("pk = :pk")
            } else {
                query
                    .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
                    .expression_attribute_values(":prefix", s(prefix))
            };
            if keys_only {
                query = query.projection_expression("pk, sk");
            }
            let page = query.send().await.map_err(|e| self.failed("Query", &e))?;
            items.extend(page.items.unwrap_or_default());
            match page.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => return Ok(items),
            }
        }
    }

    /// Deletes `keys` (each a `pk`/`sk` pair) in batches, retrying what DynamoDB leaves
    /// unprocessed (throttled) a few times.
    async fn delete_all(&self, keys: Vec<Item>) -> Result<(), StoreError> {
        for chunk in keys.chunks(BATCH) {
            let mut requests = chunk
                .iter()
                .map(|key| {
                    let delete = DeleteRequest::builder()
                        .set_key(Some(key.clone()))
                        .build()
                        .map_err(|e| StoreError(format!("a delete request: {e}")))?;
                    Ok(WriteRequest::builder().delete_request(delete).build())
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let mut pause = Duration::from_millis(50);
            for attempt in 0.. {
                let output = self
                    .client
                    .batch_write_item()
                    .request_items(&self.table, requests)
                    .send()
                    .await
                    .map_err(|e| self.failed("BatchWriteItem", &e))?;
                requests = output
                    .unprocessed_items
                    .and_then(|mut left| left.remove(&self.table))
                    .unwrap_or_default();
                if requests.is_empty() {
                    break;
                }
                if attempt == 4 {
                    return Err(StoreError(format!(
                        "DynamoDB table {:?}: BatchWriteItem left {} deletes unprocessed",
                        self.table,
                        requests.len()
                    )));
                }
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
        }
        Ok(())
    }
}

fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

fn n(v: impl fmt::Display) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn person_key(person: &PersonId) -> String {
    ["PERSON#", person.as_str()].concat()
}

fn get_s(item: &Item, name: &str) -> Option<String> {
    item.get(name).and_then(|v| v.as_s().ok()).cloned()
}

fn get_n(item: &Item, name: &str) -> Option<u64> {
    item.get(name)
        .and_then(|v| v.as_n().ok())
        .and_then(|v| v.parse().ok())
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A number that grows with every log line this process appends, and with the clock: the sort
/// key keeps lines of the same second in the order they were appended.
fn next_order() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

#[async_trait]
impl Store for DynamoDbStore {
    async fn memory(&self, person: &PersonId) -> Result<Memory, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(person_key(person)))
            .key("sk", s(MEMORY))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.failed("GetItem", &e))?;
        let Some(item) = output.item else {
            return Ok(Memory::default());
        };
        let account = |name| {
            get_n(&item, name)
                .and_then(|v| u32::try_from(v).ok())
                .map(AccountId)
        };
        Ok(Memory {
            linked: account("linked"),
            last_player: account("last_player"),
            created_at: get_n(&item, "created_at").unwrap_or_default(),
            updated_at: get_n(&item, "updated_at").unwrap_or_default(),
        })
    }

    /// One `UpdateItem`: `created_at` is set only when the item is new; an account that is
    /// `None` is removed.
    async fn remember(&self, person: &PersonId, memory: Memory) -> Result<(), StoreError> {
        let mut set = vec![
            "updated_at = :now".to_owned(),
            "created_at = if_not_exists(created_at, :now)".to_owned(),
        ];
        let mut remove = Vec::new();
        let mut values = HashMap::from([(":now".to_owned(), n(unix_now()))]);
        for (name, account) in [
            ("linked", memory.linked),
            ("last_player", memory.last_player),
        ] {
            match account {
                Some(account) => {
                    set.push(format!("{name} = :{name}"));
                    values.insert(format!(":{name}"), n(account.0));
                }
                None => remove.push(name),
            }
        }
        let mut expression = ["SET ", &set.join(", ")].concat();
        if !remove.is_empty() {
            expression.push_str(" REMOVE ");
            expression.push_str(&remove.join(", "));
        }
        self.client
            .update_item()
            .table_name(&self.table)
            .key("pk", s(person_key(person)))
            .key("sk", s(MEMORY))
            .update_expression(expression)
            .set_expression_attribute_values(Some(values))
            .send()
            .await
            .map_err(|e| self.failed("UpdateItem", &e))?;
        Ok(())
    }

    async fn append_log(&self, entry: LogEntry) -> Result<(), StoreError> {
        let sk = format!(
            "{LOG}{:020}#{:020}#{:08x}",
            entry.at,
            next_order(),
            rand::random::<u32>()
        );
        let direction = match entry.direction {
            Direction::In => "in",
            Direction::Out => "out",
        };
        let mut item = HashMap::from([
            ("pk".to_owned(), s(person_key(&entry.person))),
            ("sk".to_owned(), s(sk)),
            ("direction".to_owned(), s(direction)),
            (
                "text".to_owned(),
                s(entry.text.chars().take(LOG_TEXT_MAX).collect::<String>()),
            ),
            ("at".to_owned(), n(entry.at)),
            (
                "expires_at".to_owned(),
                n(entry.at.saturating_add(self.log_retention.as_secs())),
            ),
        ]);
        if let Some(id) = entry.message_id {
            item.insert("message_id".to_owned(), s(id));
        }
        if let Some(kind) = entry.kind {
            item.insert("kind".to_owned(), s(kind));
        }
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| self.failed("PutItem", &e))?;
        Ok(())
    }

    async fn log(&self, person: &PersonId) -> Result<Vec<LogEntry>, StoreError> {
        let now = unix_now();
        let items = self.query(&person_key(person), LOG, false).await?;
        Ok(items
            .iter()
            // DynamoDB deletes expired items lazily (within days): skip them here.
            .filter(|item| get_n(item, "expires_at").is_none_or(|at| at > now))
            .map(|item| LogEntry {
                person: person.clone(),
                direction: if get_s(item, "direction").as_deref() == Some("in") {
                    Direction::In
                } else {
                    Direction::Out
                },
                message_id: get_s(item, "message_id"),
                text: get_s(item, "text").unwrap_or_default(),
                kind: get_s(item, "kind"),
                at: get_n(item, "at").unwrap_or_default(),
            })
            .collect())
    }

    /// Every item of the person (memory and log lines), deleted in batches. Not one transaction:
    /// a failure part way leaves the rest, and `forget` can be called again.
    async fn forget(&self, person: &PersonId) -> Result<(), StoreError> {
        let keys = self.query(&person_key(person), "", true).await?;
        self.delete_all(keys).await
    }

    async fn record_deletion(&self, code: &str) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .item("pk", s(["DELETION#", code].concat()))
            .item("sk", s("DELETION"))
            .item("done_at", n(unix_now()))
            .send()
            .await
            .map_err(|e| self.failed("PutItem", &e))?;
        Ok(())
    }

    async fn deletion(&self, code: &str) -> Result<Option<u64>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(["DELETION#", code].concat()))
            .key("sk", s("DELETION"))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.failed("GetItem", &e))?;
        Ok(output.item.and_then(|item| get_n(&item, "done_at")))
    }

    async fn cursor(&self, name: &str) -> Result<Option<i64>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", s(["CURSOR#", name].concat()))
            .key("sk", s("CURSOR"))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.failed("GetItem", &e))?;
        Ok(output.item.and_then(|item| {
            item.get("value")
                .and_then(|v| v.as_n().ok())
                .and_then(|v| v.parse().ok())
        }))
    }

    async fn set_cursor(&self, name: &str, value: i64) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .item("pk", s(["CURSOR#", name].concat()))
            .item("sk", s("CURSOR"))
            .item("value", n(value))
            .send()
            .await
            .map_err(|e| self.failed("PutItem", &e))?;
        Ok(())
    }

    fn claims(&self) -> std::sync::Arc<dyn Claims> {
        std::sync::Arc::new(self.clone())
    }
}

#[async_trait]
impl Claims for DynamoDbStore {
    /// A put on the condition that no claim of `key` holds: DynamoDB applies it atomically.
    async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        let now = now_millis();
        let until = now.saturating_add(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX));
        let put = self
            .client
            .put_item()
            .table_name(&self.table)
            .item("pk", s(["CLAIM#", key].concat()))
            .item("sk", s("CLAIM"))
            .item("until_ms", n(until))
            .item("expires_at", n(until.div_ceil(1000)))
            .condition_expression("attribute_not_exists(pk) OR until_ms <= :now")
            .expression_attribute_values(":now", n(now))
            .send()
            .await;
        match put {
            Ok(_) => Ok(true),
            Err(e)
                if e.as_service_error().is_some_and(
                    aws_sdk_dynamodb::operation::put_item::PutItemError::is_conditional_check_failed_exception,
                ) =>
            {
                Ok(false)
            }
            Err(e) => Err(self.failed("PutItem", &e)),
        }
    }

    async fn release(&self, key: &str) -> Result<(), StoreError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key("pk", s(["CLAIM#", key].concat()))
            .key("sk", s("CLAIM"))
            .send()
            .await
            .map_err(|e| self.failed("DeleteItem", &e))?;
        Ok(())
    }
}
