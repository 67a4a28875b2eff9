//! The [`Client`], its [`ClientBuilder`], and the one path every call takes: limit, send,
//! check the status, decode, retry.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::Quota;
use reqwest::Method;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{Error, Result};
use crate::rate_limit::{Limiter, RateLimit, RateLimitStatus, StatusCell};
use crate::retry::RetryConfig;

/// The public OpenDota API.
///
/// ```
/// use opendota_sdk::{Client, DEFAULT_BASE_URL};
///
/// assert_eq!(Client::try_new()?.base_url().as_str(), DEFAULT_BASE_URL);
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
pub const DEFAULT_BASE_URL: &str = "https://api.opendota.com/api";
/// Default time for a whole call (connect, send, read the body).
///
/// ```
/// assert_eq!(opendota_sdk::DEFAULT_TIMEOUT, std::time::Duration::from_secs(15));
/// ```
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// Default time to establish a connection.
///
/// ```
/// assert_eq!(opendota_sdk::DEFAULT_CONNECT_TIMEOUT, std::time::Duration::from_secs(5));
/// ```
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default `User-Agent`.
///
/// ```
/// assert!(opendota_sdk::DEFAULT_USER_AGENT.starts_with("opendota-sdk/"));
/// ```
pub const DEFAULT_USER_AGENT: &str = concat!("opendota-sdk/", env!("CARGO_PKG_VERSION"));

/// A client for the OpenDota API. Cheap to clone: clones share the connection pool, the rate
/// limiter and the last seen rate-limit status.
///
/// ```no_run
/// # async fn demo() -> opendota_sdk::Result<()> {
/// use opendota_sdk::{AccountId, Client};
///
/// let client = Client::try_new()?;
/// let wl = client.players(AccountId(86745912)).wl().limit(20).await?;
/// println!("last 20: {} wins, {} losses", wl.win, wl.lose);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    api_key: Option<SecretString>,
    timeout: Duration,
    limiter: Option<Limiter>,
    /// Whether to wait out a minute the API reported as spent (no per-minute number known).
    learn_minute: bool,
    retry: RetryConfig,
    status: StatusCell,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field(
                "api_key",
                &self.inner.api_key.as_ref().map(|_| "<redacted>"),
            )
            .field("timeout", &self.inner.timeout)
            .field("rate_limited", &self.inner.limiter.is_some())
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for the public API with the default settings: no key (60 calls a minute), the
    /// [`DEFAULT_BASE_URL`], the default timeouts and retries. Reads no environment.
    ///
    /// Same as `Client::builder().build()`. It is fallible because building the HTTP client can
    /// fail (the TLS backend may not initialise), and this crate never panics on that; for the
    /// same reason `Client` has no `new()` and does not implement [`Default`].
    ///
    /// ```
    /// use opendota_sdk::Client;
    ///
    /// let client = Client::try_new()?;
    /// assert_eq!(client.base_url().as_str(), "https://api.opendota.com/api");
    /// assert!(!client.has_api_key());
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Transport`] when the HTTP client cannot be built (TLS backend).
    pub fn try_new() -> Result<Self> {
        ClientBuilder::default().build()
    }

    /// Starts a [`ClientBuilder`] with the defaults (see [`ClientBuilder`] for each one).
    ///
    /// ```
    /// use opendota_sdk::Client;
    ///
    /// let client = Client::builder().api_key("00000000-0000-4000-8000-000000000000").build()?;
    /// assert!(client.has_api_key());
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `OPENDOTA_API_KEY` and `OPENDOTA_BASE_URL` (both optional;
    /// empty counts as unset).
    ///
    /// ```no_run
    /// # async fn demo() -> opendota_sdk::Result<()> {
    /// let client = opendota_sdk::Client::from_env()?;
    /// println!("calling {} with a key: {}", client.base_url(), client.has_api_key());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] when `OPENDOTA_BASE_URL` is not a URL.
    pub fn from_env() -> Result<Self> {
        let mut builder = Self::builder();
        if let Some(key) = non_empty_env("OPENDOTA_API_KEY") {
            builder = builder.api_key(key);
        }
        if let Some(url) = non_empty_env("OPENDOTA_BASE_URL") {
            builder = builder.base_url(url);
        }
        builder.build()
    }

    /// The base URL calls go to.
    ///
    /// ```
    /// let client = opendota_sdk::Client::builder().base_url("http://127.0.0.1:8080/api").build()?;
    /// assert_eq!(client.base_url().as_str(), "http://127.0.0.1:8080/api");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// Whether an API key is configured.
    ///
    /// ```
    /// use opendota_sdk::Client;
    ///
    /// assert!(!Client::try_new()?.has_api_key());
    /// let keyed = Client::builder().api_key("00000000-0000-4000-8000-000000000000").build()?;
    /// assert!(keyed.has_api_key());
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    #[must_use]
    pub fn has_api_key(&self) -> bool {
        self.inner.api_key.is_some()
    }

    /// The `X-Rate-Limit-Remaining-*` values of the last response (both `None` before the
    /// first one).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// assert_eq!(client.rate_limit_status().remaining_minute, None);
    /// client.search("Miracle").await?;
    /// println!("{:?} calls left this minute", client.rate_limit_status().remaining_minute);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn rate_limit_status(&self) -> RateLimitStatus {
        self.inner.status.get()
    }

    /// GETs any API path (`/players/86745912/wl`) with a query built from `query` (arrays as
    /// repeated keys) and decodes the JSON answer into `T`, with the same key, limits, retries
    /// and error mapping as the typed methods. The escape hatch for what is not typed here.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let rows: serde_json::Value = client
    ///     .get_json("/players/86745912/matches", &[("limit", "5"), ("project", "kills")])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn get_json<T, Q>(&self, path: &str, query: &Q) -> Result<T>
    where
        T: DeserializeOwned,
        Q: Serialize + ?Sized,
    {
        let (url, query) = self.url_and_query(path, query)?;
        self.execute(Call::get(url, query)).await
    }

    /// POSTs to any API path and decodes the JSON answer; not retried.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let answer: serde_json::Value = client.post_json("/players/86745912/refresh", &()).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn post_json<T, Q>(&self, path: &str, query: &Q) -> Result<T>
    where
        T: DeserializeOwned,
        Q: Serialize + ?Sized,
    {
        let (url, query) = self.url_and_query(path, query)?;
        self.execute(Call {
            method: Method::POST,
            url,
            query,
            cost: NonZeroU32::MIN,
            idempotent: false,
        })
        .await
    }

    /// The URL of a path below the base URL, and the query: any query written in the path
    /// comes first, then the encoded `query`.
    fn url_and_query<Q>(&self, path: &str, query: &Q) -> Result<(Url, String)>
    where
        Q: Serialize + ?Sized,
    {
        let (path, inline) = path.split_once('?').unwrap_or((path, ""));
        let mut url = self.inner.base_url.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}/{}", path.trim_start_matches('/')));
        let encoded = encode_query(query)?;
        let query = match (inline.is_empty(), encoded.is_empty()) {
            (true, _) => encoded,
            (false, true) => inline.to_owned(),
            (false, false) => format!("{inline}&{encoded}"),
        };
        Ok((url, query))
    }

    /// The URL of `segments` below the base URL, each segment percent-encoded.
    pub(crate) fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.inner.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// Sends one logical call, retrying as configured, and decodes the answer.
    pub(crate) async fn execute<T>(&self, call: Call) -> Result<T>
    where
        T: DeserializeOwned,
    {
        let bytes = self.execute_bytes(&call).await?;
        decode(&bytes)
    }

    /// Like [`Client::execute`], but hands back the raw success body (for endpoints whose answer
    /// needs a look before decoding).
    pub(crate) async fn execute_bytes(&self, call: &Call) -> Result<Vec<u8>> {
        let mut attempt = 0;
        loop {
            match self.attempt(call).await {
                Ok(bytes) => return Ok(bytes),
                Err(err)
                    if call.idempotent
                        && attempt < self.inner.retry.max_retries
                        && err.is_retryable() =>
                {
                    let delay = self.inner.retry.backoff(attempt, rand::random::<f64>());
                    tracing::debug!(path = call.url.path(), attempt, ?delay, error = %err, "retrying OpenDota call");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                Err(err) => return Err(err),
            }
        }
    }

    async fn attempt(&self, call: &Call) -> Result<Vec<u8>> {
        if let Some(limiter) = &self.inner.limiter {
            limiter.acquire(call.cost).await;
        }
        if self.inner.learn_minute {
            if let Some(pause) = self.inner.status.minute_pause(std::time::SystemTime::now()) {
                tracing::debug!(
                    ?pause,
                    "OpenDota reported this minute spent; waiting for the next"
                );
                tokio::time::sleep(pause).await;
            }
        }
        let mut url = call.url.clone();
        if !call.query.is_empty() {
            url.set_query(Some(&call.query));
        }
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url)
            .timeout(self.inner.timeout)
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(key) = &self.inner.api_key {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", key.expose_secret()))
                .map_err(|_| {
                    Error::InvalidInput(
                        "the API key contains characters not allowed in a header".to_owned(),
                    )
                })?;
            value.set_sensitive(true);
            request = request.header(AUTHORIZATION, value);
        }
        let response = request.send().await?;
        self.inner.status.record(response.headers());
        let status = response.status();
        let bytes = response.bytes().await?;
        tracing::debug!(method = %call.method, path = call.url.path(), %status, bytes = bytes.len(), "OpenDota call");
        if !status.is_success() {
            return Err(Error::from_status(status, call.url.path(), &bytes));
        }
        Ok(bytes.to_vec())
    }
}

/// Decodes a success body, reporting the JSON path of a mismatch. An empty body reads as `null`.
///
/// A good body costs the plain typed decode: the path is only tracked when that decode fails, by
/// decoding the same bytes again through `serde_path_to_error` to name it.
pub(crate) fn decode<T>(bytes: &[u8]) -> Result<T>
where
    T: DeserializeOwned,
{
    let body: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(plain) => Err(decode_error::<T>(body, bytes, plain)),
    }
}

/// The error of a failed decode, with the JSON path found by decoding again with tracking.
#[cold]
fn decode_error<T>(body: &[u8], raw: &[u8], plain: serde_json::Error) -> Error
where
    T: DeserializeOwned,
{
    let mut de = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(e) => Error::decode(e, raw),
        // Only trailing input can fail the plain decode yet pass the tracked one.
        Ok(_) => Error::Decode {
            source: plain,
            path: ".".to_owned(),
            body: crate::error::excerpt(raw),
        },
    }
}

/// One HTTP call, before it is sent.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) query: String,
    /// Rate-limit units the call costs (`POST /request/{match_id}` costs 10).
    pub(crate) cost: NonZeroU32,
    /// Whether sending it twice is harmless, so it may be retried.
    pub(crate) idempotent: bool,
}

impl Call {
    pub(crate) fn get(url: Url, query: String) -> Self {
        Self {
            method: Method::GET,
            url,
            query,
            cost: NonZeroU32::MIN,
            idempotent: true,
        }
    }
}

/// Encodes a query struct; sequences become repeated keys (`a=1&a=2`).
pub(crate) fn encode_query<Q>(query: &Q) -> Result<String>
where
    Q: Serialize + ?Sized,
{
    serde_html_form::to_string(query).map_err(|e| Error::InvalidInput(format!("query: {e}")))
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Builds a [`Client`]. Nothing here reads the environment; see [`Client::from_env`].
///
/// ```
/// use std::time::Duration;
/// use opendota_sdk::{Client, RetryConfig};
///
/// let client = Client::builder()
///     .base_url("http://127.0.0.1:8080/api")
///     .api_key("00000000-0000-4000-8000-000000000000")
///     .timeout(Duration::from_secs(10))
///     .per_minute(600)
///     .daily_budget(50_000)
///     .retry(RetryConfig::new(3, Duration::from_millis(200), Duration::from_secs(5)))
///     .build()
///     .expect("valid configuration");
/// assert!(format!("{client:?}").contains("<redacted>"));
/// ```
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    api_key: Option<SecretString>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    rate_limit: RateLimit,
    per_minute: Option<NonZeroU32>,
    per_day: Option<NonZeroU32>,
    retry: RetryConfig,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("rate_limit", &self.rate_limit)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http_client: None,
            rate_limit: RateLimit::Default,
            per_minute: None,
            per_day: None,
            retry: RetryConfig::default(),
        }
    }
}

impl ClientBuilder {
    /// Where the API lives (default [`DEFAULT_BASE_URL`]); point it at a mock server in tests.
    ///
    /// ```
    /// let client = opendota_sdk::Client::builder().base_url("http://127.0.0.1:9/api").build()?;
    /// assert_eq!(client.base_url().as_str(), "http://127.0.0.1:9/api");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The API key, sent as `Authorization: Bearer <key>` (never in the URL). Lifts the free
    /// tier's 60 a minute; the keyed limit depends on the plan, so set it with
    /// [`per_minute`](Self::per_minute) or let the client follow the API's headers. An empty key
    /// is ignored.
    ///
    /// ```
    /// use opendota_sdk::Client;
    ///
    /// let keyed = Client::builder().api_key("00000000-0000-4000-8000-000000000000").build()?;
    /// assert!(keyed.has_api_key());
    /// assert!(!Client::builder().api_key("  ").build()?.has_api_key());
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        let key: String = key.into();
        self.api_key = (!key.trim().is_empty()).then(|| SecretString::from(key.trim().to_owned()));
        self
    }

    /// Time allowed for a whole call (default 15 s).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let client = opendota_sdk::Client::builder().timeout(Duration::from_secs(30)).build()?;
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect (default 5 s); ignored with [`ClientBuilder::http_client`].
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let client = opendota_sdk::Client::builder()
    ///     .connect_timeout(Duration::from_secs(2))
    ///     .build()?;
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` (default `opendota-sdk/<version>`); ignored with
    /// [`ClientBuilder::http_client`].
    ///
    /// ```
    /// let client = opendota_sdk::Client::builder().user_agent("my-bot/1.0").build()?;
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Use this `reqwest::Client` (its own user agent, proxy and TLS settings apply), e.g. to
    /// share one connection pool with the rest of a program.
    ///
    /// ```
    /// let http = reqwest::Client::builder().user_agent("my-bot/1.0").build()?;
    /// let client = opendota_sdk::Client::builder().http_client(http.clone()).build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Calls allowed per minute before callers wait. Default: 60 without a key; with a key, no
    /// number is assumed (it depends on your plan) and the client follows the API's
    /// `X-Rate-Limit-Remaining-Minute` instead; set your plan's figure here. `0` turns proactive
    /// limiting off.
    ///
    /// ```
    /// use opendota_sdk::Client;
    ///
    /// let polite = Client::builder().per_minute(30).build()?;
    /// let unlimited = Client::builder().per_minute(0).build()?;
    /// assert!(format!("{unlimited:?}").contains("rate_limited: false"));
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn per_minute(mut self, calls: u32) -> Self {
        self.per_minute = NonZeroU32::new(calls);
        self.rate_limit = if calls == 0 {
            RateLimit::Disabled
        } else {
            self.rate_limit
        };
        self
    }

    /// A daily budget (calls a day, refilled evenly); callers wait when it is spent.
    ///
    /// ```
    /// // Stay under the free tier's daily cap (3000 calls a day at the time of writing):
    /// let client = opendota_sdk::Client::builder().daily_budget(2500).build()?;
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn daily_budget(mut self, calls: u32) -> Self {
        self.per_day = NonZeroU32::new(calls);
        self
    }

    /// Replaces the whole rate-limit setting (and any [`per_minute`](Self::per_minute) or
    /// [`daily_budget`](Self::daily_budget) set before).
    ///
    /// ```
    /// use opendota_sdk::{Client, RateLimit};
    ///
    /// let client = Client::builder().rate_limit(RateLimit::Disabled).build()?;
    /// assert!(format!("{client:?}").contains("rate_limited: false"));
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn rate_limit(mut self, rate_limit: RateLimit) -> Self {
        self.rate_limit = rate_limit;
        self.per_minute = None;
        self.per_day = None;
        self
    }

    /// Retry policy (default: 2 retries, 500 ms doubling up to 8 s, with jitter).
    ///
    /// ```
    /// use opendota_sdk::{Client, RetryConfig};
    ///
    /// let client = Client::builder().retry(RetryConfig::disabled()).build()?;
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the client.
    ///
    /// ```
    /// use opendota_sdk::{Client, Error};
    ///
    /// let client = Client::builder().build()?;
    /// assert!(matches!(
    ///     Client::builder().base_url("ftp://example.com").build(),
    ///     Err(Error::InvalidInput(_))
    /// ));
    /// # Ok::<(), Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a base URL that is not an `http(s)` URL;
    /// [`Error::Transport`] when the HTTP client cannot be built (TLS backend).
    pub fn build(self) -> Result<Client> {
        let base_url = Url::parse(self.base_url.trim())
            .map_err(|e| Error::InvalidInput(format!("base URL {:?}: {e}", self.base_url)))?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(Error::InvalidInput(format!(
                "base URL {:?} must be an http(s) URL",
                self.base_url
            )));
        }
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .user_agent(self.user_agent)
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .build()?,
        };
        let has_key = self.api_key.is_some();
        let (minute, day) = match (self.rate_limit, self.per_minute, self.per_day) {
            (RateLimit::Disabled, _, _) => (None, None),
            (setting, None, None) => setting.quotas(has_key),
            (_, per_minute, per_day) => (
                per_minute
                    .map(Quota::per_minute)
                    .or_else(|| RateLimit::Default.quotas(has_key).0),
                per_day.map(crate::rate_limit::daily_quota),
            ),
        };
        // With a key and no per-minute number given, follow the API's own count.
        let learn_minute = minute.is_none() && !matches!(self.rate_limit, RateLimit::Disabled);
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                api_key: self.api_key,
                timeout: self.timeout,
                limiter: Limiter::new(minute, day),
                learn_minute,
                retry: self.retry,
                status: StatusCell::default(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_urls_with_encoded_segments() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:1/api/")
            .build()
            .expect("builds");
        assert_eq!(
            client
                .url(&["players", "1", "histograms", "a b/c"])
                .as_str(),
            "http://127.0.0.1:1/api/players/1/histograms/a%20b%2Fc"
        );
        let (url, query) = client
            .url_and_query("/players/1/wl?win=1", &[("limit", "5")])
            .expect("url");
        assert_eq!(url.as_str(), "http://127.0.0.1:1/api/players/1/wl");
        assert_eq!(query, "win=1&limit=5");
    }

    #[test]
    fn rejects_bad_base_urls() {
        for bad in ["not a url", "ftp://example.com", "mailto:a@b.c"] {
            assert!(matches!(
                Client::builder().base_url(bad).build(),
                Err(Error::InvalidInput(_))
            ));
        }
    }

    #[test]
    fn debug_never_shows_the_key() {
        let client = Client::builder()
            .api_key("11111111-2222-4333-8444-555555555555")
            .build()
            .expect("builds");
        let debug = format!(
            "{client:?} {:?}",
            Client::builder().api_key("11111111-2222-4333-8444-555555555555")
        );
        assert!(!debug.contains("11111111"), "{debug}");
        assert!(debug.contains("<redacted>"));
        assert!(client.has_api_key());
    }

    #[test]
    fn decode_reports_the_failing_path() {
        #[derive(Debug, serde::Deserialize)]
        struct Row {
            #[allow(dead_code, reason = "decoded only")]
            n: u32,
        }
        let err = decode::<Vec<Row>>(br#"[{"n":1},{"n":"x"}]"#).unwrap_err();
        match err {
            Error::Decode { path, body, .. } => {
                assert_eq!(path, "[1].n");
                assert!(body.contains(r#""n":"x""#));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(
            decode::<Option<Vec<Row>>>(b"  ")
                .expect("empty is null")
                .is_none()
        );
        match decode::<Vec<Row>>(br#"[{"n":1}] x"#).unwrap_err() {
            Error::Decode { path, .. } => assert_eq!(path, "."),
            other => panic!("unexpected {other:?}"),
        }
    }
}
