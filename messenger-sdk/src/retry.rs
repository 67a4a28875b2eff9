//! The one retry loop of the crate, and its [`RetryConfig`].
//!
//! Every call goes through [`with_retries`]: an attempt is repeated only when its error says the
//! request was not accepted ([`Error::is_retryable`](crate::Error::is_retryable): Graph rate limits and temporary failures, a
//! 503, a connection that never opened). A timeout or any other answer ends the loop, so a
//! message is never sent twice.

use std::future::Future;
use std::time::Duration;

use crate::error::Result;

/// When a failed call is tried again. Sends are retried only when the error says the message
/// was not accepted ([`Error::is_retryable`](crate::Error::is_retryable)); a timeout is never retried, since the person may
/// already have the message.
///
/// ```
/// use std::time::Duration;
/// use messenger_sdk::{Client, RetryConfig};
///
/// let client = Client::builder()
///     .page_access_token("EAAG-page-token")
///     .retry(RetryConfig::new(3, Duration::from_millis(200), Duration::from_secs(2)))
///     .build()
///     .expect("valid configuration");
/// # let _ = client;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// Delay before the first retry (default 500 ms), doubling each time.
    pub initial_backoff: Duration,
    /// Longest delay (default 8 s).
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
        }
    }
}

impl RetryConfig {
    /// A config with the given retries and delays.
    ///
    /// ```
    /// use std::time::Duration;
    /// use messenger_sdk::RetryConfig;
    ///
    /// let retry = RetryConfig::new(1, Duration::from_millis(100), Duration::from_secs(1));
    /// assert_eq!(retry.max_retries, 1);
    /// ```
    #[must_use]
    pub fn new(max_retries: u32, initial_backoff: Duration, max_backoff: Duration) -> Self {
        Self {
            max_retries,
            initial_backoff,
            max_backoff,
        }
    }

    /// No retries.
    ///
    /// ```
    /// use messenger_sdk::RetryConfig;
    ///
    /// assert_eq!(RetryConfig::disabled().max_retries, 0);
    /// ```
    #[must_use]
    pub fn disabled() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Delay before retry `attempt` (0-based) for a random `jitter` in `[0, 1]`: the doubled
    /// delay, capped, scaled into `[0.5, 1.0]` of itself.
    #[must_use]
    pub(crate) fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let raw = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(attempt.min(16)))
            .min(self.max_backoff);
        raw.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

/// Runs `attempt` until it succeeds, fails with an error that is not
/// [retryable](crate::Error::is_retryable), or `config.max_retries` retries are spent, sleeping
/// [`RetryConfig::backoff`] (with random jitter) between attempts. `path` only names the call in
/// logs (never the query: it carries the token).
pub(crate) async fn with_retries<T, F, Fut>(
    config: &RetryConfig,
    path: &str,
    mut attempt: F,
) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut retries = 0;
    loop {
        match attempt().await {
            Ok(value) => return Ok(value),
            Err(err) if retries < config.max_retries && err.is_retryable() => {
                let delay = config.backoff(retries, rand::random::<f64>());
                tracing::debug!(path, attempt = retries, ?delay, error = %err, "retrying Graph API call");
                tokio::time::sleep(delay).await;
                retries += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use reqwest::StatusCode;

    use super::*;
    use crate::error::Error;

    #[test]
    fn backoff() {
        let r = RetryConfig::default();
        assert_eq!(r.backoff(0, 1.0), Duration::from_millis(500));
        assert_eq!(r.backoff(5, 1.0), Duration::from_secs(8));
        assert_eq!(r.backoff(1, 0.0), Duration::from_millis(500));
    }

    fn quick(max_retries: u32) -> RetryConfig {
        RetryConfig::new(
            max_retries,
            Duration::from_millis(1),
            Duration::from_millis(1),
        )
    }

    fn unavailable() -> Error {
        Error::Api {
            status: StatusCode::SERVICE_UNAVAILABLE,
            body: String::new(),
        }
    }

    #[tokio::test]
    async fn retries_what_was_not_accepted_then_succeeds() {
        let calls = Cell::new(0);
        let got = with_retries(&quick(2), "/x", || {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move { if n < 3 { Err(unavailable()) } else { Ok(n) } }
        })
        .await;
        assert_eq!(got.ok(), Some(3));
        assert_eq!(calls.get(), 3);
    }

    #[tokio::test]
    async fn stops_after_the_configured_retries() {
        let calls = Cell::new(0);
        let got: Result<()> = with_retries(&quick(1), "/x", || {
            calls.set(calls.get() + 1);
            async { Err(unavailable()) }
        })
        .await;
        assert!(got.is_err());
        assert_eq!(calls.get(), 2);
    }

    #[tokio::test]
    async fn never_retries_a_permanent_error() {
        let calls = Cell::new(0);
        let got: Result<()> = with_retries(&quick(5), "/x", || {
            calls.set(calls.get() + 1);
            async { Err(Error::InvalidInput("no".to_owned())) }
        })
        .await;
        assert!(matches!(got, Err(Error::InvalidInput(_))));
        assert_eq!(calls.get(), 1);
    }
}
