//! Proactive rate limiting (callers wait for capacity) and the limits the API last reported.
//!
//! The limiter lives in one [`Client`](crate::Client) and its clones: it caps one process. Several
//! processes (or several AWS Lambda environments) sharing a key each have their own.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use governor::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Jitter, Quota, RateLimiter};

/// OpenDota's free tier: 60 calls a minute per IP.
///
/// ```
/// assert_eq!(opendota_sdk::FREE_PER_MINUTE, 60);
/// ```
pub const FREE_PER_MINUTE: u32 = 60;
/// The per-minute limit with an API key that OpenDota's maintainer quoted for production (2024).
/// It depends on the plan and the server does not promise it (its code default is 300), so the
/// client does not assume it: pass your plan's figure to
/// [`ClientBuilder::per_minute`](crate::ClientBuilder::per_minute).
///
/// ```
/// assert_eq!(opendota_sdk::KEYED_PER_MINUTE, 1200);
/// ```
pub const KEYED_PER_MINUTE: u32 = 1200;

/// How many calls the client lets through; see [`ClientBuilder`](crate::ClientBuilder).
///
/// ```
/// use std::num::NonZeroU32;
/// use opendota_sdk::{Client, RateLimit};
///
/// let half_speed = RateLimit::Custom {
///     per_minute: NonZeroU32::new(30).expect("not zero"),
///     per_day: None,
/// };
/// let client = Client::builder().rate_limit(half_speed).build()?;
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RateLimit {
    /// 60 a minute without a key. With a key no per-minute number is assumed (it depends on the
    /// plan): the client learns from the API's `X-Rate-Limit-Remaining-Minute` header instead,
    /// and when the last answer said nothing is left this minute, the next call waits for the
    /// next minute (OpenDota's windows are whole UTC minutes). No daily budget.
    Default,
    /// A per-minute allowance and, optionally, a daily budget.
    Custom {
        /// Calls a minute (a burst of this size, refilled evenly over the minute).
        per_minute: NonZeroU32,
        /// Calls a day, refilled evenly over the day.
        per_day: Option<NonZeroU32>,
    },
    /// No proactive limiting at all: the API's 429s are then the only brake.
    Disabled,
}

impl RateLimit {
    /// The per-minute and daily quotas this setting means for a client with or without a key.
    pub(crate) fn quotas(self, has_key: bool) -> (Option<Quota>, Option<Quota>) {
        match self {
            Self::Disabled => (None, None),
            Self::Default if has_key => (None, None),
            Self::Default => (
                NonZeroU32::new(FREE_PER_MINUTE).map(Quota::per_minute),
                None,
            ),
            Self::Custom {
                per_minute,
                per_day,
            } => (
                Some(Quota::per_minute(per_minute)),
                per_day.map(daily_quota),
            ),
        }
    }
}

/// A budget of `n` calls a day, refilled evenly, that may all be spent at once.
pub(crate) fn daily_quota(n: NonZeroU32) -> Quota {
    let period = Duration::from_secs(86_400) / n.get();
    Quota::with_period(period.max(Duration::from_nanos(1)))
        .map_or_else(|| Quota::per_second(n), |q| q.allow_burst(n))
}

fn unix_millis(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .unwrap_or(0)
}

type Direct<C> = RateLimiter<NotKeyed, InMemoryState, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// The per-minute and daily limiters of one client.
pub(crate) struct Limiter {
    minute: Option<Direct<governor::clock::DefaultClock>>,
    day: Option<Direct<governor::clock::DefaultClock>>,
}

impl Limiter {
    pub(crate) fn new(minute: Option<Quota>, day: Option<Quota>) -> Option<Self> {
        if minute.is_none() && day.is_none() {
            return None;
        }
        Some(Self {
            minute: minute.map(RateLimiter::direct),
            day: day.map(RateLimiter::direct),
        })
    }

    /// Waits until `cost` calls are allowed by every limiter. A cost larger than a limiter's
    /// burst waits for the whole burst instead of failing.
    pub(crate) async fn acquire(&self, cost: NonZeroU32) {
        let jitter = Jitter::up_to(Duration::from_millis(50));
        for limiter in [&self.minute, &self.day].into_iter().flatten() {
            if limiter
                .until_n_ready_with_jitter(cost, jitter)
                .await
                .is_err()
            {
                let _ = limiter.until_ready_with_jitter(jitter).await;
            }
        }
    }
}

/// The limits OpenDota reported on its last response (`X-Rate-Limit-Remaining-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RateLimitStatus {
    /// Calls left this minute. Can be negative: the API counts calls it refused.
    pub remaining_minute: Option<i64>,
    /// Calls left today (only sent for calls without a key).
    pub remaining_day: Option<i64>,
}

/// Lock-free storage of the last [`RateLimitStatus`], and of the UTC minute it was reported in.
#[derive(Debug)]
pub(crate) struct StatusCell {
    minute: AtomicI64,
    day: AtomicI64,
    reported_in: AtomicI64,
}

const UNKNOWN: i64 = i64::MIN;

impl Default for StatusCell {
    fn default() -> Self {
        Self {
            minute: AtomicI64::new(UNKNOWN),
            day: AtomicI64::new(UNKNOWN),
            reported_in: AtomicI64::new(UNKNOWN),
        }
    }
}

impl StatusCell {
    pub(crate) fn record(&self, headers: &reqwest::header::HeaderMap) {
        self.record_at(headers, SystemTime::now());
    }

    pub(crate) fn record_at(&self, headers: &reqwest::header::HeaderMap, now: SystemTime) {
        let read = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<i64>().ok())
        };
        if let Some(v) = read("x-rate-limit-remaining-minute") {
            self.minute.store(v, Ordering::Relaxed);
            self.reported_in
                .store(unix_millis(now) / 60_000, Ordering::Relaxed);
        }
        if let Some(v) = read("x-rate-limit-remaining-day") {
            self.day.store(v, Ordering::Relaxed);
        }
    }

    /// How long to wait before the next call when the API said, during the current UTC minute,
    /// that nothing is left of it: until the minute ends. `None` otherwise.
    pub(crate) fn minute_pause(&self, now: SystemTime) -> Option<Duration> {
        let remaining = self.minute.load(Ordering::Relaxed);
        let now_ms = unix_millis(now);
        if remaining == UNKNOWN
            || remaining > 0
            || self.reported_in.load(Ordering::Relaxed) != now_ms / 60_000
        {
            return None;
        }
        let left = 60_000 - now_ms.rem_euclid(60_000);
        u64::try_from(left).ok().map(Duration::from_millis)
    }

    pub(crate) fn get(&self) -> RateLimitStatus {
        let load = |cell: &AtomicI64| Some(cell.load(Ordering::Relaxed)).filter(|v| *v != UNKNOWN);
        RateLimitStatus {
            remaining_minute: load(&self.minute),
            remaining_day: load(&self.day),
        }
    }
}

#[cfg(test)]
mod tests {
    use governor::clock::FakeRelativeClock;

    use super::*;

    fn nz(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).expect("non-zero")
    }

    fn limiter(quota: Quota, clock: &FakeRelativeClock) -> Direct<FakeRelativeClock> {
        RateLimiter::direct_with_clock(quota, clock.clone())
    }

    #[test]
    fn free_tier_allows_60_then_one_a_second() {
        let (minute, day) = RateLimit::Default.quotas(false);
        assert!(day.is_none());
        let clock = FakeRelativeClock::default();
        let l = limiter(minute.expect("minute quota"), &clock);
        for _ in 0..60 {
            assert!(l.check().is_ok());
        }
        assert!(
            l.check().is_err(),
            "the 61st call in the same instant must wait"
        );
        clock.advance(Duration::from_millis(999));
        assert!(l.check().is_err());
        clock.advance(Duration::from_millis(1));
        assert!(l.check().is_ok(), "one call a second refills");
    }

    #[test]
    fn keyed_default_assumes_no_per_minute_number() {
        assert_eq!(RateLimit::Default.quotas(true), (None, None));
    }

    #[test]
    fn an_exhausted_minute_pauses_until_the_next_utc_minute() {
        use reqwest::header::{HeaderMap, HeaderValue};

        // 2026-01-01T00:00:45.250Z, and the same minute's headers.
        let at = UNIX_EPOCH + Duration::from_millis(1_767_225_645_250);
        let cell = StatusCell::default();
        assert_eq!(cell.minute_pause(at), None, "nothing reported yet");

        let mut headers = HeaderMap::new();
        headers.insert(
            "x-rate-limit-remaining-minute",
            HeaderValue::from_static("3"),
        );
        headers.insert(
            "x-rate-limit-remaining-day",
            HeaderValue::from_static("2890"),
        );
        cell.record_at(&headers, at);
        assert_eq!(cell.minute_pause(at), None, "calls left");
        assert_eq!(cell.get().remaining_day, Some(2890));

        headers.insert(
            "x-rate-limit-remaining-minute",
            HeaderValue::from_static("0"),
        );
        cell.record_at(&headers, at);
        assert_eq!(cell.minute_pause(at), Some(Duration::from_millis(14_750)));
        headers.insert(
            "x-rate-limit-remaining-minute",
            HeaderValue::from_static("-2"),
        );
        cell.record_at(&headers, at);
        assert_eq!(cell.get().remaining_minute, Some(-2));
        let later = at + Duration::from_secs(10);
        assert_eq!(cell.minute_pause(later), Some(Duration::from_millis(4_750)));
        let next_minute = at + Duration::from_secs(15);
        assert_eq!(cell.minute_pause(next_minute), None, "a new window");
    }

    #[test]
    fn daily_budget_is_spent_and_refills_over_the_day() {
        let setting = RateLimit::Custom {
            per_minute: nz(1000),
            per_day: Some(nz(3)),
        };
        let (_, day) = setting.quotas(true);
        let clock = FakeRelativeClock::default();
        let l = limiter(day.expect("daily quota"), &clock);
        for _ in 0..3 {
            assert!(l.check().is_ok());
        }
        assert!(l.check().is_err());
        clock.advance(Duration::from_secs(8 * 3600 - 1));
        assert!(l.check().is_err());
        clock.advance(Duration::from_secs(1));
        assert!(l.check().is_ok(), "a third of a day refills one of three");
    }

    #[test]
    fn costly_calls_take_several_cells() {
        let (minute, _) = RateLimit::Default.quotas(false);
        let clock = FakeRelativeClock::default();
        let l = limiter(minute.expect("minute quota"), &clock);
        for _ in 0..6 {
            assert!(l.check_n(nz(10)).expect("fits the burst").is_ok());
        }
        assert!(l.check_n(nz(10)).expect("fits the burst").is_err());
    }

    #[test]
    fn disabled_means_no_limiter() {
        let (minute, day) = RateLimit::Disabled.quotas(false);
        assert!(Limiter::new(minute, day).is_none());
        let (minute, day) = RateLimit::Default.quotas(false);
        assert!(Limiter::new(minute, day).is_some());
    }

    #[test]
    fn status_reads_signed_headers() {
        let cell = StatusCell::default();
        assert_eq!(cell.get(), RateLimitStatus::default());
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "X-Rate-Limit-Remaining-Minute",
            "-3".parse().expect("header"),
        );
        headers.insert(
            "X-Rate-Limit-Remaining-Day",
            "2990".parse().expect("header"),
        );
        cell.record(&headers);
        assert_eq!(
            cell.get(),
            RateLimitStatus {
                remaining_minute: Some(-3),
                remaining_day: Some(2990)
            }
        );
        let mut later = reqwest::header::HeaderMap::new();
        later.insert(
            "x-rate-limit-remaining-minute",
            "59".parse().expect("header"),
        );
        cell.record(&later);
        assert_eq!(cell.get().remaining_minute, Some(59));
        assert_eq!(
            cell.get().remaining_day,
            Some(2990),
            "a missing header keeps the last value"
        );
    }
}
