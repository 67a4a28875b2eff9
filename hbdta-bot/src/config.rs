//! Every setting, in one typed [`Config`], read once by one loader ([`load`]) from the command
//! line (the clap argument groups here) and the environment, for whichever face runs
//! ([`Face`]): the server, AWS Lambda, `dev` or `ask`.
//!
//! | section | what | read from |
//! |---|---|---|
//! | [`OpenDotaConfig`] | API URL and key | `OPENDOTA_BASE_URL`, `OPENDOTA_API_KEY` |
//! | [`MessengerConfig`] | page token, app secret, verify token, Graph URL and version | `MESSENGER_*` (`dev` makes its own) |
//! | [`TelegramConfig`] | bot token, webhook secret, Bot API URL, the bot's username | `TELEGRAM_*` |
//! | [`ServerConfig`] | address and workers | `HOST`, `PORT`, `HBDTA_WORKERS`, `HBDTA_QUEUE_PER_WORKER` |
//! | [`LambdaConfig`] | where accepted events are answered | `HBDTA_LAMBDA_WORKER` and what Lambda sets |
//! | [`DevConfig`] | the chat page's address, per-call lines, the platform it plays | `--host`, `--port`, `--quiet`, `--platform` |
//! | [`StoreConfig`] | where memory, the log and claims are kept | `HBDTA_DATABASE_URL`, `HBDTA_DYNAMODB_TABLE`, `HBDTA_LOG_RETENTION_DAYS` |
//!
//! `serve` (and Lambda) needs at least one complete platform: Messenger (its three `MESSENGER_*`
//! secrets) or Telegram (`TELEGRAM_BOT_TOKEN` and `TELEGRAM_WEBHOOK_SECRET`), or both; a platform
//! that is only partly configured is an error naming what is missing. `poll` needs only
//! `TELEGRAM_BOT_TOKEN`.
//!
//! Every secret is a [`SecretString`]; no `Debug` here shows one.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use secrecy::SecretString;

/// Everything the bot's faces need; sections a face does not use keep their defaults.
#[derive(Debug, Clone)]
pub struct Config {
    /// OpenDota endpoint and key.
    pub opendota: OpenDotaConfig,
    /// Messenger credentials and endpoint; `None` where Messenger is not served (`ask`, and
    /// `dev` until it makes its own).
    pub messenger: Option<MessengerConfig>,
    /// Telegram credentials and endpoint; `None` where Telegram is not served.
    pub telegram: Option<TelegramConfig>,
    /// The server face.
    pub server: ServerConfig,
    /// The Lambda face (read only on Lambda).
    pub lambda: LambdaConfig,
    /// The `dev` face.
    pub dev: DevConfig,
    /// Where memory and claims are kept.
    pub store: StoreConfig,
}

/// The server face's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerConfig {
    /// `HOST`:`PORT` (default `0.0.0.0:3000`).
    pub addr: SocketAddr,
    /// Worker tuning.
    pub workers: WorkerConfig,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([0, 0, 0, 0], 3000)),
            workers: WorkerConfig::default(),
        }
    }
}

/// The `dev` face's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevConfig {
    /// Where the chat page listens (port 0: any free port).
    pub addr: SocketAddr,
    /// Print a line per webhook and Send API call.
    pub log: bool,
    /// The platform the chat page plays.
    pub platform: DevPlatform,
}

/// The platform `dev`'s chat page plays: its webhooks, its API (a local stand-in) and its
/// rendering of the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DevPlatform {
    /// Signed Messenger webhooks and a stand-in Send API; cards, quick replies.
    #[default]
    Messenger,
    /// Telegram updates and a stand-in Bot API; photos with captions, inline keyboards.
    Telegram,
}

impl Default for DevConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            log: true,
            platform: DevPlatform::Messenger,
        }
    }
}

/// Where the bot keeps memory, the conversation log and redelivery claims: chosen by
/// `HBDTA_DATABASE_URL` or `HBDTA_DYNAMODB_TABLE` ([`StoreConfig::from_lookup`]).
///
/// | value | store |
/// |---|---|
/// | `sqlite:hbdta.db`, `sqlite://hbdta.db`, `sqlite:///var/lib/hbdta.db` | an SQLite file (created and migrated on start) |
/// | `sqlite::memory:` | an SQLite database in this process |
/// | `memory:` | plain maps in this process (no SQL) |
/// | `dynamodb://<table>`, or `HBDTA_DYNAMODB_TABLE=<table>` | a DynamoDB table (credentials and region from the `AWS_*` variables) |
///
/// Unset: `serve` keeps an SQLite file `hbdta.db` in the working directory, `dev` and `ask` an
/// SQLite database in memory, Lambda its table when `HBDTA_DYNAMODB_TABLE` is set (the SAM
/// template sets it) and memory otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreConfig {
    /// In this process (lost on restart, not shared between processes).
    #[default]
    Memory,
    /// SQLite, embedded.
    Sqlite(SqliteConfig),
    /// A DynamoDB table.
    DynamoDb(DynamoDbConfig),
}

/// An SQLite store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteConfig {
    /// The database file; `None` for a database in memory.
    pub path: Option<PathBuf>,
    /// How long conversation log lines are kept.
    pub log_retention: Duration,
}

/// A DynamoDB store.
#[derive(Clone)]
pub struct DynamoDbConfig {
    /// The table (`HBDTA_DYNAMODB_TABLE`, or the `dynamodb://` URL's host).
    pub table: String,
    /// `AWS_REGION` (or `AWS_DEFAULT_REGION`).
    pub region: String,
    /// `AWS_ENDPOINT_URL_DYNAMODB` (or `AWS_ENDPOINT_URL`): another endpoint, a local
    /// DynamoDB-compatible server in tests.
    pub endpoint_url: Option<String>,
    /// `AWS_ACCESS_KEY_ID` (Lambda puts the execution role's credentials in the environment).
    pub access_key_id: String,
    /// `AWS_SECRET_ACCESS_KEY`.
    pub secret_access_key: SecretString,
    /// `AWS_SESSION_TOKEN`.
    pub session_token: Option<SecretString>,
    /// How long conversation log lines are kept (the TTL attribute).
    pub log_retention: Duration,
}

impl PartialEq for DynamoDbConfig {
    fn eq(&self, other: &Self) -> bool {
        use secrecy::ExposeSecret;
        let token = |c: &Self| {
            c.session_token
                .as_ref()
                .map(|t| t.expose_secret().to_owned())
        };
        self.table == other.table
            && self.region == other.region
            && self.endpoint_url == other.endpoint_url
            && self.access_key_id == other.access_key_id
            && self.secret_access_key.expose_secret() == other.secret_access_key.expose_secret()
            && token(self) == token(other)
            && self.log_retention == other.log_retention
    }
}

impl Eq for DynamoDbConfig {}

impl fmt::Debug for DynamoDbConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamoDbConfig")
            .field("table", &self.table)
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("access_key_id", &"<redacted>")
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .field("log_retention", &self.log_retention)
            .finish()
    }
}

/// What a face keeps when no store is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreDefault {
    /// `serve`: the SQLite file `hbdta.db` in the working directory.
    SqliteFile,
    /// `dev` and `ask`: an SQLite database in memory.
    SqliteMemory,
    /// Lambda without `HBDTA_DYNAMODB_TABLE`: memory (warned about at start).
    Memory,
}

/// Log lines are kept this long unless `HBDTA_LOG_RETENTION_DAYS` says otherwise.
pub const DEFAULT_LOG_RETENTION: Duration = Duration::from_secs(30 * 24 * 3600);

impl StoreConfig {
    /// Reads `HBDTA_DATABASE_URL`, `HBDTA_DYNAMODB_TABLE` and `HBDTA_LOG_RETENTION_DAYS` (and for
    /// DynamoDB the `AWS_*` variables) through `var`; `default` when neither names a store.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] for a URL of no known scheme, two settings naming different
    /// stores, or a retention that is not a whole number of days; [`ConfigError::Missing`] when
    /// DynamoDB is chosen without a region or credentials.
    pub fn from_lookup<F>(default: StoreDefault, var: F) -> Result<Self, ConfigError>
    where
        F: Fn(&str) -> Option<String>,
    {
        let get = |name: &str| non_empty(var(name)).map(|v| v.trim().to_owned());
        let log_retention = match get("HBDTA_LOG_RETENTION_DAYS") {
            None => DEFAULT_LOG_RETENTION,
            Some(days) => match days.parse::<u64>() {
                Ok(days) if days > 0 => Duration::from_secs(days * 24 * 3600),
                _ => {
                    return Err(ConfigError::Invalid {
                        name: "HBDTA_LOG_RETENTION_DAYS",
                        reason: format!("{days:?} is not a whole number of days above 0"),
                    });
                }
            },
        };
        let table = get("HBDTA_DYNAMODB_TABLE");
        let url = get("HBDTA_DATABASE_URL");
        let invalid = |reason: String| ConfigError::Invalid {
            name: "HBDTA_DATABASE_URL",
            reason,
        };
        let sqlite = |path: Option<PathBuf>| {
            Self::Sqlite(SqliteConfig {
                path,
                log_retention,
            })
        };
        let from_url = match url.as_deref() {
            None => None,
            Some("memory:" | "memory") => Some(Self::Memory),
            Some("sqlite::memory:" | "sqlite://:memory:") => Some(sqlite(None)),
            Some(url) => {
                if let Some(table) = url.strip_prefix("dynamodb://") {
                    let table = table.trim_end_matches('/');
                    if table.is_empty() || table.contains('/') {
                        return Err(invalid(format!(
                            "{url:?} names no table: write dynamodb://<table>"
                        )));
                    }
                    Some(Self::dynamodb(table, log_retention, &get)?)
                } else if let Some(rest) = url.strip_prefix("sqlite:") {
                    let path = rest.strip_prefix("//").unwrap_or(rest);
                    let path = path.split('?').next().unwrap_or_default();
                    if path.is_empty() {
                        return Err(invalid(format!("{url:?} names no file")));
                    }
                    Some(sqlite(Some(PathBuf::from(path))))
                } else {
                    return Err(invalid(format!(
                        "{url:?} is not a store this bot knows: use sqlite:<file>, \
                         sqlite::memory:, memory: or dynamodb://<table>"
                    )));
                }
            }
        };
        Ok(match (from_url, table) {
            (Some(Self::DynamoDb(config)), Some(table)) if config.table != table => {
                return Err(invalid(format!(
                    "it names the table {:?} and HBDTA_DYNAMODB_TABLE names {table:?}",
                    config.table
                )));
            }
            (Some(store @ Self::DynamoDb(_)), _) => store,
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "it names another store than HBDTA_DYNAMODB_TABLE: set one of the two".into(),
                ));
            }
            (Some(store), None) => store,
            (None, Some(table)) => Self::dynamodb(&table, log_retention, &get)?,
            (None, None) => match default {
                StoreDefault::SqliteFile => sqlite(Some(PathBuf::from("hbdta.db"))),
                StoreDefault::SqliteMemory => sqlite(None),
                StoreDefault::Memory => Self::Memory,
            },
        })
    }

    fn dynamodb(
        table: &str,
        log_retention: Duration,
        get: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let need = |name: &'static str| {
            get(name).ok_or(ConfigError::Missing {
                env: name,
                flag: "(Lambda sets it; elsewhere set it for DynamoDB)",
            })
        };
        Ok(Self::DynamoDb(DynamoDbConfig {
            table: table.to_owned(),
            region: get("AWS_REGION")
                .or_else(|| get("AWS_DEFAULT_REGION"))
                .ok_or(ConfigError::Missing {
                    env: "AWS_REGION",
                    flag: "(Lambda sets it; elsewhere set it for DynamoDB)",
                })?,
            endpoint_url: get("AWS_ENDPOINT_URL_DYNAMODB").or_else(|| get("AWS_ENDPOINT_URL")),
            access_key_id: need("AWS_ACCESS_KEY_ID")?,
            secret_access_key: SecretString::from(need("AWS_SECRET_ACCESS_KEY")?),
            session_token: get("AWS_SESSION_TOKEN").map(SecretString::from),
            log_retention,
        }))
    }
}

/// The Messenger side of the configuration (needed by `serve`).
#[derive(Clone)]
pub struct MessengerConfig {
    /// `MESSENGER_PAGE_ACCESS_TOKEN`.
    pub page_access_token: SecretString,
    /// `MESSENGER_APP_SECRET`.
    pub app_secret: SecretString,
    /// `MESSENGER_VERIFY_TOKEN`.
    pub verify_token: SecretString,
    /// `MESSENGER_GRAPH_URL` (default `https://graph.facebook.com`).
    pub graph_url: Option<String>,
    /// `MESSENGER_GRAPH_VERSION` (default `v25.0`).
    pub graph_version: Option<String>,
    /// `HBDTA_PUBLIC_URL`: the bot's public address, for the data deletion status link (default:
    /// the request's host).
    pub public_url: Option<String>,
}

impl fmt::Debug for MessengerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessengerConfig")
            .field("page_access_token", &"<redacted>")
            .field("app_secret", &"<redacted>")
            .field("verify_token", &"<redacted>")
            .field("graph_url", &self.graph_url)
            .field("graph_version", &self.graph_version)
            .field("public_url", &self.public_url)
            .finish()
    }
}

/// The Telegram side of the configuration (`serve` with a webhook, `poll`, `telegram …`).
#[derive(Clone)]
pub struct TelegramConfig {
    /// `TELEGRAM_BOT_TOKEN` (from BotFather).
    pub bot_token: SecretString,
    /// `TELEGRAM_WEBHOOK_SECRET`: what Telegram sends in `X-Telegram-Bot-Api-Secret-Token` with
    /// each webhook call. Required by `serve` (the webhook), not by `poll`.
    pub webhook_secret: Option<SecretString>,
    /// `TELEGRAM_API_URL` (default `https://api.telegram.org`; a local fake in tests).
    pub api_url: Option<String>,
    /// `TELEGRAM_BOT_USERNAME` (without `@`): the bot's username for commands and mentions in
    /// groups; by default asked with `getMe` at start.
    pub username: Option<String>,
}

impl fmt::Debug for TelegramConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TelegramConfig")
            .field("bot_token", &"<redacted>")
            .field(
                "webhook_secret",
                &self.webhook_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("api_url", &self.api_url)
            .field("username", &self.username)
            .finish()
    }
}

/// The OpenDota side of the configuration.
#[derive(Clone, Default)]
pub struct OpenDotaConfig {
    /// `OPENDOTA_BASE_URL` (default the public API).
    pub base_url: Option<String>,
    /// `OPENDOTA_API_KEY` (optional).
    pub api_key: Option<SecretString>,
}

impl fmt::Debug for OpenDotaConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenDotaConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Background worker tuning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerConfig {
    /// How many people are answered at once (each person's events stay in order).
    pub concurrency: usize,
    /// How many events may wait per worker before the webhook answers 503 (Meta then
    /// delivers again later).
    pub queue_per_worker: usize,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            concurrency: 8,
            queue_per_worker: 256,
        }
    }
}

/// A required setting that is missing or empty; the binary exits with status 2 and this text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required value is missing or empty.
    #[error("{env} is not set (or empty): set it in the environment or pass {flag}")]
    Missing {
        /// The environment variable.
        env: &'static str,
        /// The flag.
        flag: &'static str,
    },
    /// `serve` has no platform to serve.
    #[error(
        "no chat platform is configured: set MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_APP_SECRET and \
         MESSENGER_VERIFY_TOKEN (Messenger), or TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET \
         (Telegram), or both"
    )]
    NoPlatform,
    /// A value is present but unusable.
    #[error("{name} is invalid: {reason}")]
    Invalid {
        /// The variable or flag.
        name: &'static str,
        /// Why.
        reason: String,
    },
}

/// A value from a flag or the environment, where empty counts as unset.
pub fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// A required secret.
///
/// # Errors
///
/// [`ConfigError::Missing`] when the value is absent or empty.
pub fn required(
    value: Option<String>,
    env: &'static str,
    flag: &'static str,
) -> Result<SecretString, ConfigError> {
    non_empty(value)
        .map(SecretString::from)
        .ok_or(ConfigError::Missing { env, flag })
}

/// `HOST`:`PORT` as a socket address.
///
/// # Errors
///
/// [`ConfigError::Invalid`] when they do not form one.
pub fn socket_addr(host: &str, port: u16) -> Result<SocketAddr, ConfigError> {
    let text = if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    text.parse().map_err(|_| ConfigError::Invalid {
        name: "HOST",
        reason: format!("{host:?} is not an IP address"),
    })
}

impl OpenDotaConfig {
    /// The OpenDota client this configuration describes.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] for a base URL that is not a URL.
    pub fn client(&self, http: &reqwest::Client) -> Result<opendota_sdk::Client, ConfigError> {
        use secrecy::ExposeSecret;
        let mut builder = opendota_sdk::Client::builder().http_client(http.clone());
        if let Some(url) = &self.base_url {
            builder = builder.base_url(url.clone());
        }
        if let Some(key) = &self.api_key {
            builder = builder.api_key(key.expose_secret());
        }
        builder.build().map_err(|e| ConfigError::Invalid {
            name: "OPENDOTA_BASE_URL",
            reason: e.to_string(),
        })
    }
}

impl MessengerConfig {
    /// The Graph API client this configuration describes.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] for a bad Graph URL or version.
    pub fn client(&self, http: &reqwest::Client) -> Result<messenger_sdk::Client, ConfigError> {
        use secrecy::ExposeSecret;
        let mut builder = messenger_sdk::Client::builder()
            .page_access_token(self.page_access_token.expose_secret())
            .app_secret(self.app_secret.expose_secret())
            .http_client(http.clone());
        if let Some(url) = &self.graph_url {
            builder = builder.graph_url(url.clone());
        }
        if let Some(version) = &self.graph_version {
            builder = builder.graph_version(version.clone());
        }
        builder.build().map_err(|e| ConfigError::Invalid {
            name: "MESSENGER_GRAPH_URL / MESSENGER_GRAPH_VERSION",
            reason: e.to_string(),
        })
    }
}

// --- the command line ------------------------------------------------------------------------

/// OpenDota flags (every face).
#[derive(Args, Debug, Clone, Default)]
pub struct OpenDotaArgs {
    /// OpenDota API base URL.
    #[arg(long, env = "OPENDOTA_BASE_URL")]
    pub opendota_base_url: Option<String>,
    /// OpenDota API key (optional; raises the rate limit).
    #[arg(long, env = "OPENDOTA_API_KEY", hide_env_values = true)]
    pub opendota_api_key: Option<String>,
}

/// Messenger flags (the server and Lambda).
#[derive(Args, Debug, Clone, Default)]
pub struct MessengerArgs {
    /// Page access token.
    #[arg(long, env = "MESSENGER_PAGE_ACCESS_TOKEN", hide_env_values = true)]
    pub page_access_token: Option<String>,
    /// App secret (checks webhook signatures, signs Graph calls).
    #[arg(long, env = "MESSENGER_APP_SECRET", hide_env_values = true)]
    pub app_secret: Option<String>,
    /// Verify token of the webhook subscription.
    #[arg(long, env = "MESSENGER_VERIFY_TOKEN", hide_env_values = true)]
    pub verify_token: Option<String>,
    /// Graph API URL (a local fake, say).
    #[arg(long, env = "MESSENGER_GRAPH_URL")]
    pub graph_url: Option<String>,
    /// Graph API version.
    #[arg(long, env = "MESSENGER_GRAPH_VERSION")]
    pub graph_version: Option<String>,
    /// The bot's public address (`https://bot.example.com`), for the data deletion status link.
    #[arg(long, env = "HBDTA_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// Telegram flags (the server, Lambda, `poll`, `telegram …`).
#[derive(Args, Debug, Clone, Default)]
pub struct TelegramArgs {
    /// Telegram bot token (from BotFather).
    #[arg(long, env = "TELEGRAM_BOT_TOKEN", hide_env_values = true)]
    pub telegram_bot_token: Option<String>,
    /// Secret Telegram sends with each webhook call (`X-Telegram-Bot-Api-Secret-Token`).
    #[arg(long, env = "TELEGRAM_WEBHOOK_SECRET", hide_env_values = true)]
    pub telegram_webhook_secret: Option<String>,
    /// Bot API URL (a local fake, say).
    #[arg(long, env = "TELEGRAM_API_URL")]
    pub telegram_api_url: Option<String>,
    /// The bot's username (without `@`); asked with `getMe` when unset.
    #[arg(long, env = "TELEGRAM_BOT_USERNAME")]
    pub telegram_bot_username: Option<String>,
}

/// The server's flags.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened")]
    pub messenger: MessengerArgs,
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened")]
    pub telegram: TelegramArgs,
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "0.0.0.0")]
    pub host: String,
    /// Port to listen on.
    #[arg(long, env = "PORT", default_value_t = 3000)]
    pub port: u16,
    /// People answered at once.
    #[arg(long, env = "HBDTA_WORKERS", default_value_t = WorkerConfig::default().concurrency)]
    pub workers: usize,
    /// Events that may wait per worker before the webhook answers 503.
    #[arg(long, env = "HBDTA_QUEUE_PER_WORKER", default_value_t = WorkerConfig::default().queue_per_worker)]
    pub queue_per_worker: usize,
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened")]
    pub opendota: OpenDotaArgs,
}

/// `poll`'s flags: Telegram long polling, answered by in-process workers.
#[derive(Args, Debug, Clone)]
pub struct PollArgs {
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened")]
    pub telegram: TelegramArgs,
    /// People answered at once.
    #[arg(long, env = "HBDTA_WORKERS", default_value_t = WorkerConfig::default().concurrency)]
    pub workers: usize,
    /// Updates that may wait per worker before polling pauses.
    #[arg(long, env = "HBDTA_QUEUE_PER_WORKER", default_value_t = WorkerConfig::default().queue_per_worker)]
    pub queue_per_worker: usize,
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened")]
    pub opendota: OpenDotaArgs,
}

/// `dev`'s flags.
#[derive(Args, Debug, Clone)]
pub struct DevArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0: any free port).
    #[arg(long, env = "PORT", default_value_t = 3000)]
    pub port: u16,
    /// Do not print a line per webhook and Send API call.
    #[arg(long)]
    pub quiet: bool,
    /// The platform the chat page plays (its webhooks, a local stand-in for its API, its
    /// rendering).
    #[arg(long, value_enum, default_value_t = DevPlatform::Messenger)]
    pub platform: DevPlatform,
    #[command(flatten)]
    #[allow(missing_docs, reason = "flattened")]
    pub opendota: OpenDotaArgs,
}

/// Which face runs, with its flags: what [`load`] reads.
#[derive(Debug, Clone, Copy)]
pub enum Face<'a> {
    /// The webhook server.
    Serve(&'a ServeArgs),
    /// AWS Lambda: the server's variables (Lambda passes no arguments) plus Lambda's own.
    Lambda(&'a ServeArgs),
    /// The local chat page.
    Dev(&'a DevArgs),
    /// One question from the terminal.
    Ask(&'a OpenDotaArgs),
    /// Telegram long polling.
    Poll(&'a PollArgs),
    /// `telegram set-webhook` / `delete-webhook`: the Telegram settings only.
    Telegram(&'a TelegramArgs),
}

/// Reads the settings `face` needs; `var` reads an environment variable (the process
/// environment in `main`, a map in tests) for the settings that have no flag.
///
/// # Errors
///
/// [`ConfigError`] naming the first setting that is missing or unusable.
pub fn load<F>(face: Face<'_>, var: F) -> Result<Config, ConfigError>
where
    F: Fn(&str) -> Option<String>,
{
    let mut config = Config {
        opendota: OpenDotaConfig::default(),
        messenger: None,
        telegram: None,
        server: ServerConfig::default(),
        lambda: LambdaConfig::default(),
        dev: DevConfig::default(),
        store: StoreConfig::Memory,
    };
    match face {
        Face::Serve(args) | Face::Lambda(args) => {
            config.opendota = args.opendota.config();
            config.messenger = args.messenger.config_if_set()?;
            config.telegram = args.telegram.config(true)?;
            if config.messenger.is_none() && config.telegram.is_none() {
                return Err(ConfigError::NoPlatform);
            }
            config.server = ServerConfig {
                addr: socket_addr(&args.host, args.port)?,
                workers: WorkerConfig {
                    concurrency: args.workers,
                    queue_per_worker: args.queue_per_worker,
                },
            };
            if matches!(face, Face::Lambda(_)) {
                config.lambda = LambdaConfig::from_lookup(&var)?;
                config.store = StoreConfig::from_lookup(StoreDefault::Memory, &var)?;
            } else {
                config.store = StoreConfig::from_lookup(StoreDefault::SqliteFile, &var)?;
            }
        }
        Face::Dev(args) => {
            config.opendota = args.opendota.config();
            config.dev = DevConfig {
                addr: socket_addr(&args.host, args.port)?,
                log: !args.quiet,
                platform: args.platform,
            };
            config.store = StoreConfig::from_lookup(StoreDefault::SqliteMemory, &var)?;
        }
        Face::Ask(args) => {
            config.opendota = args.config();
            config.store = StoreConfig::from_lookup(StoreDefault::SqliteMemory, &var)?;
        }
        Face::Poll(args) => {
            config.opendota = args.opendota.config();
            config.telegram = Some(args.telegram.required(false)?);
            config.server.workers = WorkerConfig {
                concurrency: args.workers,
                queue_per_worker: args.queue_per_worker,
            };
            config.store = StoreConfig::from_lookup(StoreDefault::SqliteFile, &var)?;
        }
        Face::Telegram(args) => {
            config.telegram = Some(args.required(false)?);
        }
    }
    Ok(config)
}

impl OpenDotaArgs {
    fn config(&self) -> OpenDotaConfig {
        OpenDotaConfig {
            base_url: non_empty(self.opendota_base_url.clone()),
            api_key: non_empty(self.opendota_api_key.clone()).map(SecretString::from),
        }
    }
}

impl TelegramArgs {
    /// The Telegram settings when any is set: `None` when neither the token nor the secret is;
    /// with `webhook`, the token and the secret are both required as soon as one is set.
    fn config(&self, webhook: bool) -> Result<Option<TelegramConfig>, ConfigError> {
        let token = non_empty(self.telegram_bot_token.clone());
        let secret = non_empty(self.telegram_webhook_secret.clone());
        if token.is_none() && secret.is_none() {
            return Ok(None);
        }
        self.required(webhook).map(Some)
    }

    /// The Telegram settings; the token is required, and with `webhook` the secret too.
    fn required(&self, webhook: bool) -> Result<TelegramConfig, ConfigError> {
        let bot_token = required(
            self.telegram_bot_token.clone(),
            "TELEGRAM_BOT_TOKEN",
            "--telegram-bot-token",
        )?;
        let webhook_secret = if webhook {
            Some(required(
                self.telegram_webhook_secret.clone(),
                "TELEGRAM_WEBHOOK_SECRET",
                "--telegram-webhook-secret",
            )?)
        } else {
            non_empty(self.telegram_webhook_secret.clone()).map(SecretString::from)
        };
        if let Some(secret) = &webhook_secret {
            use secrecy::ExposeSecret;
            // Telegram's rule for `secret_token`: 1-256 of A-Z, a-z, 0-9, `_` and `-`.
            let s = secret.expose_secret();
            if s.len() > 256
                || !s
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return Err(ConfigError::Invalid {
                    name: "TELEGRAM_WEBHOOK_SECRET",
                    reason: "Telegram accepts 1 to 256 of A-Z, a-z, 0-9, `_` and `-`".to_owned(),
                });
            }
        }
        Ok(TelegramConfig {
            bot_token,
            webhook_secret,
            api_url: non_empty(self.telegram_api_url.clone()),
            username: non_empty(self.telegram_bot_username.clone())
                .map(|u| u.trim().trim_start_matches('@').to_owned()),
        })
    }
}

impl MessengerArgs {
    /// The Messenger settings when any of the three secrets is set (then all three are
    /// required); `None` when none is.
    fn config_if_set(&self) -> Result<Option<MessengerConfig>, ConfigError> {
        let any = [
            &self.page_access_token,
            &self.app_secret,
            &self.verify_token,
        ]
        .iter()
        .any(|v| non_empty((*v).clone()).is_some());
        if any {
            self.config().map(Some)
        } else {
            Ok(None)
        }
    }

    fn config(&self) -> Result<MessengerConfig, ConfigError> {
        Ok(MessengerConfig {
            page_access_token: required(
                self.page_access_token.clone(),
                "MESSENGER_PAGE_ACCESS_TOKEN",
                "--page-access-token",
            )?,
            app_secret: required(
                self.app_secret.clone(),
                "MESSENGER_APP_SECRET",
                "--app-secret",
            )?,
            verify_token: required(
                self.verify_token.clone(),
                "MESSENGER_VERIFY_TOKEN",
                "--verify-token",
            )?,
            graph_url: non_empty(self.graph_url.clone()),
            graph_version: non_empty(self.graph_version.clone()),
            public_url: non_empty(self.public_url.clone()),
        })
    }
}

// --- AWS Lambda ------------------------------------------------------------------------------

/// The Lambda face's settings.
#[derive(Debug, Clone, Default)]
pub struct LambdaConfig {
    /// Where accepted events are answered.
    pub worker: WorkerMode,
}

/// `HBDTA_LAMBDA_WORKER`: where the webhook's accepted events are answered on Lambda.
#[derive(Debug, Clone, Default)]
pub enum WorkerMode {
    /// `invoke` (the default): an asynchronous invocation of this same function.
    Invoke(InvokeTarget),
    /// `inline`: within the webhook invocation, before the 200.
    #[default]
    Inline,
}

/// The function a worker event goes to, and how to reach the Lambda API.
#[derive(Clone)]
pub struct InvokeTarget {
    /// `AWS_LAMBDA_FUNCTION_NAME`.
    pub function_name: String,
    /// `AWS_LAMBDA_FUNCTION_VERSION` unless it is `$LATEST`: a published version invokes
    /// itself, not whatever `$LATEST` is by then.
    pub qualifier: Option<String>,
    /// `AWS_REGION` (or `AWS_DEFAULT_REGION`).
    pub region: String,
    /// `AWS_ACCESS_KEY_ID`: Lambda puts the execution role's credentials in the environment.
    pub access_key_id: String,
    /// `AWS_SECRET_ACCESS_KEY`.
    pub secret_access_key: SecretString,
    /// `AWS_SESSION_TOKEN`.
    pub session_token: Option<SecretString>,
    /// `AWS_ENDPOINT_URL_LAMBDA` (or `AWS_ENDPOINT_URL`): another Lambda API endpoint, a local
    /// fake in tests.
    pub endpoint_url: Option<String>,
}

impl fmt::Debug for InvokeTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvokeTarget")
            .field("function_name", &self.function_name)
            .field("qualifier", &self.qualifier)
            .field("region", &self.region)
            .field("access_key_id", &"<redacted>")
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .field("endpoint_url", &self.endpoint_url)
            .finish()
    }
}

impl LambdaConfig {
    /// The Lambda settings, the variables read through `var`.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] when a variable the Lambda runtime or the hand-over needs is missing or
    /// unusable (the runtime client would panic without them).
    pub fn from_lookup<F>(var: F) -> Result<Self, ConfigError>
    where
        F: Fn(&str) -> Option<String>,
    {
        let get = |name: &str| non_empty(var(name));
        let need = |name: &'static str| {
            get(name).ok_or(ConfigError::Missing {
                env: name,
                flag: "(Lambda sets it)",
            })
        };
        // The runtime client reads these three and panics without them.
        let function_name = need("AWS_LAMBDA_FUNCTION_NAME")?;
        let version = need("AWS_LAMBDA_FUNCTION_VERSION")?;
        let memory = need("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")?;
        if memory.parse::<u32>().is_err() {
            return Err(ConfigError::Invalid {
                name: "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                reason: format!("{memory:?} is not a number of MB"),
            });
        }
        let worker = match get("HBDTA_LAMBDA_WORKER").as_deref().map(str::trim) {
            None | Some("invoke") => WorkerMode::Invoke(InvokeTarget {
                qualifier: (version != "$LATEST").then_some(version),
                function_name,
                region: get("AWS_REGION")
                    .or_else(|| get("AWS_DEFAULT_REGION"))
                    .ok_or(ConfigError::Missing {
                        env: "AWS_REGION",
                        flag: "(Lambda sets it)",
                    })?,
                access_key_id: need("AWS_ACCESS_KEY_ID")?,
                secret_access_key: SecretString::from(need("AWS_SECRET_ACCESS_KEY")?),
                session_token: get("AWS_SESSION_TOKEN").map(SecretString::from),
                endpoint_url: get("AWS_ENDPOINT_URL_LAMBDA").or_else(|| get("AWS_ENDPOINT_URL")),
            }),
            Some("inline") => WorkerMode::Inline,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "HBDTA_LAMBDA_WORKER",
                    reason: format!("{other:?} is neither `invoke` nor `inline`"),
                });
            }
        };
        Ok(Self { worker })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_empty_are_named() {
        let err = required(
            Some("  ".to_owned()),
            "MESSENGER_APP_SECRET",
            "--app-secret",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "MESSENGER_APP_SECRET is not set (or empty): set it in the environment or pass --app-secret"
        );
        assert!(required(None, "X", "--x").is_err());
        assert!(required(Some("s".to_owned()), "X", "--x").is_ok());
    }

    #[test]
    fn addresses() {
        assert_eq!(
            socket_addr("0.0.0.0", 3000).unwrap().to_string(),
            "0.0.0.0:3000"
        );
        assert_eq!(socket_addr("::1", 80).unwrap().to_string(), "[::1]:80");
        assert!(socket_addr("example.com", 80).is_err());
    }

    #[test]
    fn debug_hides_secrets() {
        let config = MessengerConfig {
            page_access_token: SecretString::from("EAAG-token".to_owned()),
            app_secret: SecretString::from("app-secret".to_owned()),
            verify_token: SecretString::from("verify".to_owned()),
            graph_url: None,
            graph_version: None,
            public_url: None,
        };
        let debug = format!("{config:?}");
        assert!(
            !debug.contains("EAAG") && !debug.contains("app-secret") && !debug.contains("verify\"")
        );
    }

    fn lambda(vars: &[(&str, &str)]) -> Result<LambdaConfig, ConfigError> {
        let vars: std::collections::HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        LambdaConfig::from_lookup(|name| vars.get(name).cloned())
    }

    const RUNTIME: [(&str, &str); 3] = [
        ("AWS_LAMBDA_FUNCTION_NAME", "hbdta-bot"),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"),
    ];
    const AWS: [(&str, &str); 3] = [
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret"),
    ];

    #[test]
    fn invoke_is_the_default_and_a_published_version_invokes_itself() {
        let vars: Vec<_> = RUNTIME.iter().chain(AWS.iter()).copied().collect();
        let WorkerMode::Invoke(target) = lambda(&vars).unwrap().worker else {
            panic!("invoke expected");
        };
        assert_eq!(target.function_name, "hbdta-bot");
        assert_eq!(target.qualifier, None, "$LATEST is not a qualifier");
        assert_eq!(target.region, "eu-west-1");
        let debug = format!("{target:?}");
        assert!(
            !debug.contains("wJalrXUtnFEMI") && !debug.contains("AKIDEXAMPLE"),
            "{debug}"
        );

        let mut vars = vars;
        vars[1] = ("AWS_LAMBDA_FUNCTION_VERSION", "7");
        vars.push(("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9"));
        let WorkerMode::Invoke(target) = lambda(&vars).unwrap().worker else {
            panic!("invoke expected");
        };
        assert_eq!(target.qualifier.as_deref(), Some("7"));
        assert_eq!(target.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
    }

    #[test]
    fn inline_needs_no_aws_credentials_and_bad_values_are_named() {
        let mut vars: Vec<_> = RUNTIME.to_vec();
        vars.push(("HBDTA_LAMBDA_WORKER", "inline"));
        assert!(matches!(lambda(&vars).unwrap().worker, WorkerMode::Inline));

        vars.pop();
        let err = lambda(&vars).unwrap_err().to_string();
        assert!(err.contains("AWS_REGION"), "{err}");

        vars.push(("HBDTA_LAMBDA_WORKER", "later"));
        let err = lambda(&vars).unwrap_err().to_string();
        assert!(err.contains("HBDTA_LAMBDA_WORKER"), "{err}");

        let err = lambda(&RUNTIME[..1]).unwrap_err().to_string();
        assert!(err.contains("AWS_LAMBDA_FUNCTION_VERSION"), "{err}");
    }

    #[test]
    fn one_loader_reads_each_face() {
        let serve = ServeArgs {
            messenger: MessengerArgs {
                page_access_token: Some("EAAG-token".to_owned()),
                app_secret: Some("app-secret".to_owned()),
                verify_token: Some("verify".to_owned()),
                graph_url: Some(" ".to_owned()),
                graph_version: None,
                public_url: None,
            },
            telegram: TelegramArgs::default(),
            host: "127.0.0.1".to_owned(),
            port: 3001,
            workers: 2,
            queue_per_worker: 5,
            opendota: OpenDotaArgs::default(),
        };
        let config = load(Face::Serve(&serve), |_| None).unwrap();
        assert_eq!(config.server.addr.to_string(), "127.0.0.1:3001");
        assert_eq!(
            config.server.workers,
            WorkerConfig {
                concurrency: 2,
                queue_per_worker: 5
            }
        );
        let messenger = config.messenger.unwrap();
        assert_eq!(messenger.graph_url, None, "blank counts as unset");
        assert!(matches!(config.lambda.worker, WorkerMode::Inline));

        let err = load(Face::Lambda(&serve), |_| None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("AWS_LAMBDA_FUNCTION_NAME"), "{err}");

        let ask = load(Face::Ask(&OpenDotaArgs::default()), |_| None).unwrap();
        assert!(ask.messenger.is_none());
        assert_eq!(
            ask.store,
            StoreConfig::Sqlite(SqliteConfig {
                path: None,
                log_retention: DEFAULT_LOG_RETENTION
            })
        );
        assert_eq!(
            config.store,
            StoreConfig::Sqlite(SqliteConfig {
                path: Some(PathBuf::from("hbdta.db")),
                log_retention: Duration::from_secs(2_592_000)
            }),
            "serve keeps an SQLite file by default"
        );
    }

    fn serve_with(messenger: MessengerArgs, telegram: TelegramArgs) -> Result<Config, ConfigError> {
        let serve = ServeArgs {
            messenger,
            telegram,
            host: "127.0.0.1".to_owned(),
            port: 3000,
            workers: 1,
            queue_per_worker: 1,
            opendota: OpenDotaArgs::default(),
        };
        load(Face::Serve(&serve), |_| None)
    }

    fn telegram(token: Option<&str>, secret: Option<&str>) -> TelegramArgs {
        TelegramArgs {
            telegram_bot_token: token.map(str::to_owned),
            telegram_webhook_secret: secret.map(str::to_owned),
            telegram_api_url: None,
            telegram_bot_username: Some("@hbdta_bot".to_owned()),
        }
    }

    #[test]
    fn serve_needs_one_complete_platform_and_names_what_a_partial_one_lacks() {
        let none = serve_with(MessengerArgs::default(), TelegramArgs::default())
            .unwrap_err()
            .to_string();
        assert!(
            none.contains("MESSENGER_PAGE_ACCESS_TOKEN") && none.contains("TELEGRAM_BOT_TOKEN"),
            "{none}"
        );

        let only_telegram = serve_with(
            MessengerArgs::default(),
            telegram(Some("123:ABC-token"), Some("s3cr3t-1")),
        )
        .unwrap();
        assert!(only_telegram.messenger.is_none());
        let tg = only_telegram.telegram.unwrap();
        assert_eq!(tg.username.as_deref(), Some("hbdta_bot"));
        let debug = format!("{tg:?}");
        assert!(
            !debug.contains("ABC-token") && !debug.contains("s3cr3t"),
            "{debug}"
        );

        let err = serve_with(MessengerArgs::default(), telegram(Some("123:ABC"), None))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("TELEGRAM_WEBHOOK_SECRET is not set"),
            "{err}"
        );
        let err = serve_with(MessengerArgs::default(), telegram(None, Some("s")))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("TELEGRAM_BOT_TOKEN is not set"), "{err}");
        let err = serve_with(
            MessengerArgs::default(),
            telegram(Some("123:ABC"), Some("not allowed!")),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("TELEGRAM_WEBHOOK_SECRET is invalid"),
            "{err}"
        );

        let partial_messenger = MessengerArgs {
            page_access_token: Some("EAAG".to_owned()),
            ..MessengerArgs::default()
        };
        let err = serve_with(partial_messenger, telegram(Some("123:ABC"), Some("s")))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("MESSENGER_APP_SECRET is not set"), "{err}");

        // `poll` needs the token only.
        let poll = PollArgs {
            telegram: telegram(Some("123:ABC"), None),
            workers: 2,
            queue_per_worker: 3,
            opendota: OpenDotaArgs::default(),
        };
        let config = load(Face::Poll(&poll), |_| None).unwrap();
        assert!(config.telegram.unwrap().webhook_secret.is_none());
        assert_eq!(config.server.workers.concurrency, 2);
        let poll = PollArgs {
            telegram: TelegramArgs::default(),
            ..poll
        };
        let err = load(Face::Poll(&poll), |_| None).unwrap_err().to_string();
        assert!(err.starts_with("TELEGRAM_BOT_TOKEN is not set"), "{err}");
    }

    fn store(default: StoreDefault, vars: &[(&str, &str)]) -> Result<StoreConfig, ConfigError> {
        let vars: std::collections::HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        StoreConfig::from_lookup(default, |name| vars.get(name).cloned())
    }

    #[test]
    fn the_store_is_chosen_by_url_or_table() {
        let file = |path: &str, days: u64| {
            StoreConfig::Sqlite(SqliteConfig {
                path: Some(PathBuf::from(path)),
                log_retention: Duration::from_secs(days * 86_400),
            })
        };
        let sqlite_memory = StoreConfig::Sqlite(SqliteConfig {
            path: None,
            log_retention: Duration::from_secs(30 * 86_400),
        });
        let d = StoreDefault::SqliteFile;
        assert_eq!(store(d, &[]).unwrap(), file("hbdta.db", 30));
        assert_eq!(
            store(StoreDefault::SqliteMemory, &[]).unwrap(),
            sqlite_memory
        );
        assert_eq!(
            store(StoreDefault::Memory, &[]).unwrap(),
            StoreConfig::Memory
        );
        for (url, path) in [
            ("sqlite:bot.db", "bot.db"),
            ("sqlite://bot.db", "bot.db"),
            ("sqlite:///var/lib/hbdta/bot.db", "/var/lib/hbdta/bot.db"),
            ("sqlite://bot.db?mode=rwc", "bot.db"),
        ] {
            assert_eq!(
                store(d, &[("HBDTA_DATABASE_URL", url)]).unwrap(),
                file(path, 30),
                "{url}"
            );
        }
        assert_eq!(
            store(
                d,
                &[
                    ("HBDTA_DATABASE_URL", "sqlite:bot.db"),
                    ("HBDTA_LOG_RETENTION_DAYS", "7")
                ]
            )
            .unwrap(),
            file("bot.db", 7)
        );
        assert_eq!(
            store(d, &[("HBDTA_DATABASE_URL", "sqlite::memory:")]).unwrap(),
            sqlite_memory
        );
        assert_eq!(
            store(d, &[("HBDTA_DATABASE_URL", "memory:")]).unwrap(),
            StoreConfig::Memory
        );

        let aws = [
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI"),
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4567"),
        ];
        let dynamo = StoreConfig::DynamoDb(DynamoDbConfig {
            table: "hbdta".to_owned(),
            region: "eu-west-1".to_owned(),
            endpoint_url: Some("http://127.0.0.1:4567".to_owned()),
            access_key_id: "AKIDEXAMPLE".to_owned(),
            secret_access_key: SecretString::from("wJalrXUtnFEMI"),
            session_token: None,
            log_retention: Duration::from_secs(30 * 86_400),
        });
        let with = |extra: (&'static str, &'static str)| {
            let mut vars = aws.to_vec();
            vars.push(extra);
            store(StoreDefault::Memory, &vars)
        };
        assert_eq!(with(("HBDTA_DYNAMODB_TABLE", "hbdta")).unwrap(), dynamo);
        assert_eq!(
            with(("HBDTA_DATABASE_URL", "dynamodb://hbdta")).unwrap(),
            dynamo
        );
        let debug = format!("{dynamo:?}");
        assert!(
            debug.contains("hbdta") && !debug.contains("wJalrXUtnFEMI") && !debug.contains("AKID"),
            "{debug}"
        );

        let invalid = |vars: &[(&str, &str)]| store(d, vars).unwrap_err().to_string();
        assert_eq!(
            invalid(&[("HBDTA_DATABASE_URL", "postgres://db/hbdta")]),
            "HBDTA_DATABASE_URL is invalid: \"postgres://db/hbdta\" is not a store this bot knows: use sqlite:<file>, sqlite::memory:, memory: or dynamodb://<table>"
        );
        assert_eq!(
            invalid(&[("HBDTA_DATABASE_URL", "sqlite:")]),
            "HBDTA_DATABASE_URL is invalid: \"sqlite:\" names no file"
        );
        assert_eq!(
            invalid(&[("HBDTA_LOG_RETENTION_DAYS", "a week")]),
            "HBDTA_LOG_RETENTION_DAYS is invalid: \"a week\" is not a whole number of days above 0"
        );
        assert_eq!(
            invalid(&[
                ("HBDTA_DATABASE_URL", "sqlite:bot.db"),
                ("HBDTA_DYNAMODB_TABLE", "t")
            ]),
            "HBDTA_DATABASE_URL is invalid: it names another store than HBDTA_DYNAMODB_TABLE: set one of the two"
        );
        assert_eq!(
            invalid(&[("HBDTA_DYNAMODB_TABLE", "hbdta")]),
            "AWS_REGION is not set (or empty): set it in the environment or pass (Lambda sets it; elsewhere set it for DynamoDB)"
        );
    }
}
