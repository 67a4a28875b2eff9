//! Bounded retries with exponential backoff and jitter.
//!
//! OpenDota sends no `Retry-After`, so the delay is computed: `initial_backoff · 2^attempt`,
//! capped at `max_backoff`, then scaled by a random factor in `[0.5, 1.0]` so that many clients
//! do not retry in lockstep.

use std::time::Duration;

/// When and how often a failed call is tried again. Only calls that are safe to repeat are
/// retried, and only for [retryable](crate::Error::is_retryable) errors; a daily rate limit is
/// never retried.
///
/// ```
/// use std::time::Duration;
/// use opendota_sdk::{Client, RetryConfig};
///
/// let defaults = RetryConfig::default();
/// assert_eq!(defaults.max_retries, 2);
/// assert_eq!(defaults.initial_backoff, Duration::from_millis(500));
/// let client = Client::builder().retry(RetryConfig::disabled()).build()?;
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Retries after the first attempt (default 2; 0 turns retrying off).
    pub max_retries: u32,
    /// The delay before the first retry (default 500 ms).
    pub initial_backoff: Duration,
    /// The longest delay between two attempts (default 8 s).
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
    /// No retries at all.
    ///
    /// ```
    /// use opendota_sdk::RetryConfig;
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

    /// A config with the given number of retries and delays.
    ///
    /// ```
    /// use std::time::Duration;
    /// use opendota_sdk::RetryConfig;
    ///
    /// let patient = RetryConfig::new(5, Duration::from_secs(1), Duration::from_secs(30));
    /// assert_eq!(patient.max_retries, 5);
    /// ```
    #[must_use]
    pub fn new(max_retries: u32, initial_backoff: Duration, max_backoff: Duration) -> Self {
        Self {
            max_retries,
            initial_backoff,
            max_backoff,
        }
    }

    /// The delay before retry number `attempt` (0-based), given a random `jitter` in `[0, 1]`.
    #[must_use]
    pub(crate) fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let factor = 2u32.saturating_pow(attempt.min(16));
        let raw = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        raw.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_is_capped_and_jittered() {
        let c = RetryConfig::default();
        assert_eq!(c.backoff(0, 1.0), Duration::from_millis(500));
        assert_eq!(c.backoff(1, 1.0), Duration::from_secs(1));
        assert_eq!(c.backoff(2, 1.0), Duration::from_secs(2));
        assert_eq!(c.backoff(10, 1.0), Duration::from_secs(8));
        assert_eq!(c.backoff(0, 0.0), Duration::from_millis(250));
        assert_eq!(c.backoff(u32::MAX, 0.0), Duration::from_secs(4));
    }
}
