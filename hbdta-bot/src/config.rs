//! Configuration: read once from flags or the environment into typed settings ([`ServeConfig`], [`OpenDotaConfig`]).
//!
//! Every secret is a [`SecretString`]; the config's `Debug` never shows one.

use std::fmt;
use std::net::SocketAddr;

use secrecy::SecretString;

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
}

impl fmt::Debug for MessengerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessengerConfig")
            .field("page_access_token", &"<redacted>")
            .field("app_secret", &"<redacted>")
            .field("verify_token", &"<redacted>")
            .field("graph_url", &self.graph_url)
            .field("graph_version", &self.graph_version)
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

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Messenger credentials and endpoint.
    pub messenger: MessengerConfig,
    /// OpenDota endpoint and key.
    pub opendota: OpenDotaConfig,
    /// `HOST`:`PORT` (default `0.0.0.0:3000`).
    pub addr: SocketAddr,
    /// Worker tuning.
    pub workers: WorkerConfig,
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
    /// A value is present but unusable.
    #[error("{name} is invalid: {reason}")]
    Invalid {
        /// The variable or flag.
        name: &'static str,
        /// Why.
        reason: String,
    },
}

/// The one HTTP client (connection pool, TLS setup) both API clients share: built once, so
/// start-up pays for the TLS roots once.
///
/// # Errors
///
/// [`ConfigError::Invalid`] when the TLS backend cannot be set up.
pub fn http_client() -> Result<reqwest::Client, ConfigError> {
    reqwest::Client::builder()
        .user_agent(concat!("hbdta-bot/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(|e| ConfigError::Invalid {
            name: "TLS",
            reason: e.to_string(),
        })
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
        };
        let debug = format!("{config:?}");
        assert!(
            !debug.contains("EAAG") && !debug.contains("app-secret") && !debug.contains("verify\"")
        );
    }
}
