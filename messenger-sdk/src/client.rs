//! The Graph API [`Client`] and its [`ClientBuilder`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{Error, Result};
use crate::retry::{RetryConfig, with_retries};
use crate::webhook::signature::hmac_sha256;

/// The Graph API host.
pub const DEFAULT_GRAPH_URL: &str = "https://graph.facebook.com";
/// The Graph API version used unless another is set.
pub const DEFAULT_GRAPH_VERSION: &str = "v25.0";
/// Default time for a whole call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// Default time to connect.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default `User-Agent`.
pub const DEFAULT_USER_AGENT: &str = concat!("messenger-sdk/", env!("CARGO_PKG_VERSION"));

/// A Graph API client for one Page. Cheap to clone (clones share the connection pool).
///
/// Every call carries `access_token` and, when an app secret is configured, `appsecret_proof`
/// (hex HMAC-SHA256 of the token keyed by the secret). Neither ever appears in `Debug` output,
/// logs or errors.
///
/// ```
/// use messenger_sdk::Client;
///
/// let client = Client::builder()
///     .page_access_token("EAAG-page-token")
///     .app_secret("app-secret")
///     .graph_version("v25.0")
///     .build()
///     .expect("valid configuration");
/// let debug = format!("{client:?}");
/// assert!(!debug.contains("EAAG") && !debug.contains("app-secret"));
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    version: String,
    page_token: SecretString,
    appsecret_proof: Option<SecretString>,
    timeout: Duration,
    retry: RetryConfig,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("version", &self.inner.version)
            .field("page_access_token", &"<redacted>")
            .field(
                "appsecret_proof",
                &self.inner.appsecret_proof.as_ref().map(|_| "<redacted>"),
            )
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl Client {
    /// Starts a [`ClientBuilder`].
    ///
    /// ```
    /// let client = messenger_sdk::Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .build()
    ///     .expect("valid configuration");
    /// assert_eq!(client.graph_version(), messenger_sdk::DEFAULT_GRAPH_VERSION);
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `MESSENGER_PAGE_ACCESS_TOKEN` (required), `MESSENGER_APP_SECRET`,
    /// `MESSENGER_GRAPH_URL` and `MESSENGER_GRAPH_VERSION` (optional; empty counts as unset).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming the variable when the token is missing or a value is invalid.
    ///
    /// ```no_run
    /// // MESSENGER_PAGE_ACCESS_TOKEN=EAAG… MESSENGER_APP_SECRET=… ./my-bot
    /// let client = messenger_sdk::Client::from_env()?;
    /// # Ok::<(), messenger_sdk::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let token = env("MESSENGER_PAGE_ACCESS_TOKEN").ok_or_else(|| {
            Error::InvalidInput("MESSENGER_PAGE_ACCESS_TOKEN is not set".to_owned())
        })?;
        let mut builder = Self::builder().page_access_token(token);
        if let Some(secret) = env("MESSENGER_APP_SECRET") {
            builder = builder.app_secret(secret);
        }
        if let Some(url) = env("MESSENGER_GRAPH_URL") {
            builder = builder.graph_url(url);
        }
        if let Some(version) = env("MESSENGER_GRAPH_VERSION") {
            builder = builder.graph_version(version);
        }
        builder.build()
    }

    /// The Graph API version calls use.
    ///
    /// ```
    /// let client = messenger_sdk::Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .graph_version("24.0")
    ///     .build()?;
    /// assert_eq!(client.graph_version(), "v24.0");
    /// # Ok::<(), messenger_sdk::Error>(())
    /// ```
    #[must_use]
    pub fn graph_version(&self) -> &str {
        &self.inner.version
    }

    /// GETs any Graph API path below the version (`me/custom_labels`, a PSID, …) and decodes
    /// the JSON answer into `T`: the escape hatch for what this crate does not type yet.
    ///
    /// The call carries `access_token` and `appsecret_proof` like every other, then any query
    /// written in `path` (`me/custom_labels?fields=name`), then `query` encoded as a form (a
    /// slice of pairs, a map or a struct). Errors are mapped like everywhere else (a Graph error
    /// body is [`Error::Graph`], anything else that is not a success is [`Error::Api`] with the
    /// raw text), and it is retried under the same rule: only when the error says the call was
    /// not accepted.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// let labels: serde_json::Value = client
    ///     .get_json("me/custom_labels", &[("fields", "page_label_name"), ("limit", "25")])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] (nothing sent) when `path` is empty, holds a `.` or `..`
    /// segment, or `query` cannot be encoded; otherwise as any call (see [`Error`]).
    pub async fn get_json<T, Q>(&self, path: &str, query: &Q) -> Result<T>
    where
        T: DeserializeOwned,
        Q: Serialize + ?Sized,
    {
        let url = self.raw_url(path, query)?;
        self.call_url::<(), T>(Method::GET, url, None).await
    }

    /// POSTs `body` as JSON to any Graph API path below the version and decodes the JSON answer
    /// into `T`; the counterpart of [`Client::get_json`], with the same credentials, error
    /// mapping and retry rule (a Send API call through here is retried only when the error says
    /// the message was not accepted).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// let label: serde_json::Value = client
    ///     .post_json("me/custom_labels", &serde_json::json!({"page_label_name": "vip"}))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] (nothing sent) for a bad `path` or a `body` that cannot be
    /// serialized; otherwise as any call (see [`Error`]).
    pub async fn post_json<T, B>(&self, path: &str, body: &B) -> Result<T>
    where
        T: DeserializeOwned,
        B: Serialize + ?Sized,
    {
        let url = self.raw_url(path, &[] as &[(&str, &str)])?;
        self.call_url(Method::POST, url, Some(body)).await
    }

    /// The URL of a raw call: credentials, then the query written in `path`, then `query`.
    fn raw_url<Q>(&self, path: &str, query: &Q) -> Result<Url>
    where
        Q: Serialize + ?Sized,
    {
        let (path, inline) = path.split_once('?').unwrap_or((path, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segments.is_empty() || segments.iter().any(|s| matches!(*s, "." | "..")) {
            return Err(Error::InvalidInput(format!(
                "graph path {path:?} must name a node or edge below the version"
            )));
        }
        let encoded = serde_html_form::to_string(query)
            .map_err(|e| Error::InvalidInput(format!("query: {e}")))?;
        let mut url = self.url_with_query(&segments, &[]);
        let query = [url.query().unwrap_or_default(), inline, &encoded]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("&");
        url.set_query(Some(&query));
        Ok(url)
    }

    /// `<graph url>/<version>/<segments…>`, without credentials.
    pub(crate) fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.inner.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty()
                .push(&self.inner.version)
                .extend(segments);
        }
        url
    }

    /// The credential query pairs every call carries.
    pub(crate) fn credentials(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![(
            "access_token",
            self.inner.page_token.expose_secret().to_owned(),
        )];
        if let Some(proof) = &self.inner.appsecret_proof {
            pairs.push(("appsecret_proof", proof.expose_secret().to_owned()));
        }
        pairs
    }

    /// The URL of a call: credentials first, then `query`.
    fn url_with_query(&self, segments: &[&str], query: &[(&str, String)]) -> Url {
        let mut url = self.url(segments);
        {
            let mut pairs = url.query_pairs_mut();
            for (key, value) in self.credentials() {
                pairs.append_pair(key, &value);
            }
            for (key, value) in query {
                pairs.append_pair(key, value);
            }
        }
        url
    }

    /// Sends a JSON call and decodes the answer, retrying only what is safe to retry.
    pub(crate) async fn call<B, T>(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<&B>,
    ) -> Result<T>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        self.call_url(method, self.url_with_query(segments, query), body)
            .await
    }

    /// [`Client::call`] to a finished URL (credentials included).
    async fn call_url<B, T>(&self, method: Method, url: Url, body: Option<&B>) -> Result<T>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| Error::InvalidInput(format!("body: {e}")))?;
        with_retries(&self.inner.retry, url.path(), || {
            let mut request = self
                .inner
                .http
                .request(method.clone(), url.clone())
                .timeout(self.inner.timeout);
            if let Some(body) = &body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone());
            }
            async move { decode(&self.execute(request).await?) }
        })
        .await
    }

    /// Sends a multipart form (attachment upload), retried under the same rule as every call
    /// ([`with_retries`]).
    pub(crate) async fn call_multipart<T>(
        &self,
        segments: &[&str],
        form: impl Fn() -> reqwest::multipart::Form,
    ) -> Result<T>
    where
        T: DeserializeOwned,
    {
        let url = self.url_with_query(segments, &[]);
        with_retries(&self.inner.retry, url.path(), || {
            let request = self
                .inner
                .http
                .post(url.clone())
                .timeout(self.inner.timeout)
                .multipart(form());
            async move { decode(&self.execute(request).await?) }
        })
        .await
    }

    async fn execute(&self, request: reqwest::RequestBuilder) -> Result<Vec<u8>> {
        let response = request.send().await?;
        let status = response.status();
        let bytes = response.bytes().await?;
        tracing::debug!(%status, bytes = bytes.len(), "Graph API call");
        if !status.is_success() {
            return Err(Error::from_status(status, &bytes));
        }
        Ok(bytes.to_vec())
    }
}

pub(crate) fn decode<T>(bytes: &[u8]) -> Result<T>
where
    T: DeserializeOwned,
{
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Error::Decode {
            source: e.into_inner(),
            path,
            body: crate::error::excerpt(bytes),
        }
    })
}

/// Builds a [`Client`]. Only [`Client::from_env`] reads the environment.
///
/// ```
/// use std::time::Duration;
/// use messenger_sdk::Client;
///
/// let client = Client::builder()
///     .page_access_token("EAAG-page-token")
///     .app_secret("app-secret")
///     .timeout(Duration::from_secs(10))
///     .build()?;
/// # Ok::<(), messenger_sdk::Error>(())
/// ```
#[must_use]
pub struct ClientBuilder {
    graph_url: String,
    version: String,
    page_token: Option<SecretString>,
    app_secret: Option<SecretString>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    retry: RetryConfig,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("graph_url", &self.graph_url)
            .field("version", &self.version)
            .field(
                "page_access_token",
                &self.page_token.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "app_secret",
                &self.app_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            graph_url: DEFAULT_GRAPH_URL.to_owned(),
            version: DEFAULT_GRAPH_VERSION.to_owned(),
            page_token: None,
            app_secret: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http_client: None,
            retry: RetryConfig::default(),
        }
    }
}

impl ClientBuilder {
    /// The Page access token (required).
    ///
    /// ```
    /// use messenger_sdk::Client;
    ///
    /// let client = Client::builder().page_access_token("EAAG-page-token").build()?;
    /// assert!(!format!("{client:?}").contains("EAAG"), "never in Debug");
    /// assert!(Client::builder().page_access_token("  ").build().is_err(), "blank is missing");
    /// # Ok::<(), messenger_sdk::Error>(())
    /// ```
    pub fn page_access_token(mut self, token: impl Into<String>) -> Self {
        self.page_token = Some(SecretString::from(token.into()));
        self
    }

    /// The app secret: every call then carries `appsecret_proof`.
    ///
    /// ```
    /// let client = messenger_sdk::Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .app_secret("app-secret")
    ///     .build()?;
    /// assert!(!format!("{client:?}").contains("app-secret"), "never in Debug");
    /// # Ok::<(), messenger_sdk::Error>(())
    /// ```
    pub fn app_secret(mut self, secret: impl Into<String>) -> Self {
        self.app_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// The Graph API host (default [`DEFAULT_GRAPH_URL`]); point it at a mock in tests.
    ///
    /// ```
    /// use messenger_sdk::Client;
    ///
    /// let mock = Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .graph_url("http://127.0.0.1:8080")
    ///     .build();
    /// assert!(mock.is_ok());
    /// let bad = Client::builder().page_access_token("t").graph_url("graph.facebook.com").build();
    /// assert!(bad.is_err(), "a URL needs its scheme");
    /// ```
    pub fn graph_url(mut self, url: impl Into<String>) -> Self {
        self.graph_url = url.into();
        self
    }

    /// The Graph API version (default [`DEFAULT_GRAPH_VERSION`]); `25.0` and `v25.0` both work.
    ///
    /// ```
    /// use messenger_sdk::Client;
    ///
    /// let a = Client::builder().page_access_token("t").graph_version("25.0").build()?;
    /// let b = Client::builder().page_access_token("t").graph_version("v25.0").build()?;
    /// assert_eq!(a.graph_version(), b.graph_version());
    /// assert!(Client::builder().page_access_token("t").graph_version("latest").build().is_err());
    /// # Ok::<(), messenger_sdk::Error>(())
    /// ```
    pub fn graph_version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Time for a whole call (default 15 s).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let client = messenger_sdk::Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .timeout(Duration::from_secs(5))
    ///     .build()?;
    /// assert!(format!("{client:?}").contains("timeout: 5s"));
    /// # Ok::<(), messenger_sdk::Error>(())
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time to connect (default 5 s); ignored with [`ClientBuilder::http_client`].
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let client = messenger_sdk::Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .connect_timeout(Duration::from_secs(2))
    ///     .build();
    /// assert!(client.is_ok());
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// `User-Agent` (default `messenger-sdk/<version>`); ignored with [`ClientBuilder::http_client`].
    ///
    /// ```
    /// let client = messenger_sdk::Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .user_agent("hbdta-bot/1.0 (+https://example.com/bot)")
    ///     .build();
    /// assert!(client.is_ok());
    /// ```
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Use this `reqwest::Client`.
    ///
    /// ```
    /// // One connection pool shared with the rest of the program.
    /// let http = reqwest::Client::new();
    /// let client = messenger_sdk::Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .http_client(http.clone())
    ///     .build();
    /// assert!(client.is_ok());
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Retry policy (default: 2 retries, 500 ms doubling up to 8 s, with jitter).
    ///
    /// ```
    /// use messenger_sdk::{Client, RetryConfig};
    ///
    /// let client = Client::builder()
    ///     .page_access_token("EAAG-page-token")
    ///     .retry(RetryConfig::disabled())
    ///     .build();
    /// assert!(client.is_ok());
    /// ```
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] without a token or with a bad URL or version;
    /// [`Error::Transport`] when the HTTP client cannot be built.
    ///
    /// ```
    /// use messenger_sdk::{Client, Error};
    ///
    /// let client = Client::builder().page_access_token("EAAG-page-token").build()?;
    /// let missing = Client::builder().build();
    /// assert!(matches!(missing, Err(Error::InvalidInput(_))));
    /// # Ok::<(), messenger_sdk::Error>(())
    /// ```
    pub fn build(self) -> Result<Client> {
        let page_token = self
            .page_token
            .filter(|t| !t.expose_secret().trim().is_empty())
            .ok_or_else(|| Error::InvalidInput("a page access token is required".to_owned()))?;
        let base_url = Url::parse(self.graph_url.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && !u.cannot_be_a_base())
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "graph URL {:?} is not an http(s) URL",
                    self.graph_url
                ))
            })?;
        let version = self.version.trim().trim_matches('/');
        let version = if version.starts_with('v') {
            version.to_owned()
        } else {
            format!("v{version}")
        };
        if version.len() < 2 || !version[1..].chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(Error::InvalidInput(format!(
                "graph version {version:?} is not like v25.0"
            )));
        }
        let appsecret_proof = self.app_secret.map(|secret| {
            SecretString::from(hex::encode(hmac_sha256(
                secret.expose_secret().as_bytes(),
                page_token.expose_secret().as_bytes(),
            )))
        });
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .user_agent(self.user_agent)
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .build()?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                version,
                page_token,
                appsecret_proof,
                timeout: self.timeout,
                retry: self.retry,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appsecret_proof_is_hmac_of_token() {
        let client = Client::builder()
            .page_access_token("token")
            .app_secret("secret")
            .build()
            .expect("builds");
        let creds = client.credentials();
        assert_eq!(creds[0], ("access_token", "token".to_owned()));
        assert_eq!(creds[1].0, "appsecret_proof");
        assert_eq!(creds[1].1, hex::encode(hmac_sha256(b"secret", b"token")));
        assert_eq!(creds[1].1.len(), 64);
    }

    #[test]
    fn urls_and_versions() {
        let client = Client::builder()
            .page_access_token("t")
            .graph_url("http://127.0.0.1:9/")
            .graph_version("26.0")
            .build()
            .expect("builds");
        assert_eq!(
            client.url(&["me", "messages"]).as_str(),
            "http://127.0.0.1:9/v26.0/me/messages"
        );
        assert!(Client::builder().build().is_err(), "token required");
        assert!(
            Client::builder()
                .page_access_token("t")
                .graph_version("latest")
                .build()
                .is_err()
        );
        assert!(
            Client::builder()
                .page_access_token("t")
                .graph_url("nope")
                .build()
                .is_err()
        );
    }
}
