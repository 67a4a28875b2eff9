//! The long polling face (`hbdta-bot poll`): Telegram without a public URL. It deletes a
//! registered webhook (the two exclude each other), then asks `getUpdates` with a long timeout,
//! turns each batch into jobs for the same dispatcher and worker queues as the server, and keeps
//! the next offset in the store ([`CURSOR`]), so a restart neither loses nor repeats updates
//! (what a crash between the hand-over and the cursor write repeats, the store's claims skip).
//! Network errors and Telegram's 5xx are retried after an exponential pause (capped); a 429 after
//! its `retry_after`. On shutdown it stops asking, lets the workers finish what was accepted (at
//! most [`DRAIN`]), and returns.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use teloxide_core::RequestError;
use teloxide_core::payloads::GetUpdatesSetters;
use teloxide_core::requests::{Request, Requester};

use crate::app::App;
use crate::config::WorkerConfig;
use crate::dispatch::DispatchError;
use crate::platform::telegram::{ALLOWED_UPDATES, Telegram};
use crate::server::DRAIN;
use crate::workers;

/// The store cursor holding the next `getUpdates` offset.
pub const CURSOR: &str = "telegram:offset";

/// How polling waits and retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollConfig {
    /// `getUpdates`' long-poll timeout (Telegram holds the call this long when nothing comes).
    pub timeout: Duration,
    /// The first pause after a failed call; doubled after each further failure…
    pub backoff: Duration,
    /// …up to this.
    pub backoff_max: Duration,
    /// Worker tuning.
    pub workers: WorkerConfig,
}

impl Default for PollConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(25),
            backoff: Duration::from_secs(1),
            backoff_max: Duration::from_secs(60),
            workers: WorkerConfig::default(),
        }
    }
}

/// Polls `telegram` for `app` until `shutdown` completes, then finishes what was accepted.
pub async fn run<S>(app: &App, telegram: &Telegram, config: PollConfig, shutdown: S)
where
    S: Future<Output = ()> + Send,
{
    let (queues, receivers) = workers::queues(config.workers);
    let dispatcher = app.dispatcher(Arc::new(queues));
    let mut worker_set = workers::spawn(receivers, &app.answerer());
    app.stats.warm_up_in_background();

    tokio::pin!(shutdown);
    let stopped = tokio::select! {
        () = &mut shutdown => true,
        () = prepare(telegram) => false,
    };
    if !stopped {
        poll(app, telegram, &dispatcher, config, &mut shutdown).await;
    }

    drop(dispatcher);
    tracing::info!("stopped polling; finishing accepted answers");
    let drained = tokio::time::timeout(DRAIN, async {
        while worker_set.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!("some answers were still running after {DRAIN:?}; exiting anyway");
    }
}

/// Deletes a registered webhook (after saying so), learns the username, sets the commands.
async fn prepare(telegram: &Telegram) {
    tracing::info!(
        "deleting the Telegram webhook, if one is registered: polling and a webhook exclude each \
         other (`hbdta-bot telegram set-webhook <url>` registers it again)"
    );
    if let Err(e) = telegram.delete_webhook().await {
        tracing::warn!(error = %e, "could not delete the webhook; getUpdates may be refused");
    }
    telegram.start().await;
}

async fn poll<S>(
    app: &App,
    telegram: &Telegram,
    dispatcher: &crate::dispatch::Dispatcher,
    config: PollConfig,
    shutdown: &mut std::pin::Pin<&mut S>,
) where
    S: Future<Output = ()> + Send,
{
    let mut offset = match app.store.cursor(CURSOR).await {
        Ok(offset) => offset,
        Err(e) => {
            tracing::warn!(error = %e, "the stored offset cannot be read; Telegram's own is used");
            None
        }
    };
    tracing::info!(offset, "polling Telegram for updates");
    let timeout = u32::try_from(config.timeout.as_secs()).unwrap_or(u32::MAX);
    let mut failures: u32 = 0;
    loop {
        let mut request = telegram
            .bot()
            .get_updates()
            .timeout(timeout)
            .allowed_updates(ALLOWED_UPDATES);
        if let Some(offset) = offset {
            request = request.offset(i32::try_from(offset).unwrap_or(i32::MAX));
        }
        let result = tokio::select! {
            () = shutdown.as_mut() => return,
            result = request.send() => result,
        };
        let updates = match result {
            Ok(updates) => {
                failures = 0;
                updates
            }
            Err(e) => {
                let pause = pause_after(&e, failures, config);
                failures = failures.saturating_add(1);
                tracing::warn!(error = %e, pause_ms = u64::try_from(pause.as_millis()).unwrap_or(u64::MAX), "getUpdates failed; trying again");
                tokio::select! {
                    () = shutdown.as_mut() => return,
                    () = tokio::time::sleep(pause) => continue,
                }
            }
        };
        let Some(next) = updates.iter().map(|u| i64::from(u.id.0) + 1).max() else {
            continue;
        };
        let jobs = telegram.jobs_of(updates).await;
        // Queues full: wait and hand the same jobs over again (already taken ones are claimed,
        // so nothing is answered twice); the offset moves on only once they are accepted.
        let mut busy: u32 = 0;
        loop {
            match dispatcher.dispatch(jobs.clone()).await {
                Ok(_) => break,
                Err(DispatchError::Busy) => {
                    let pause = backoff(config, busy);
                    busy = busy.saturating_add(1);
                    tracing::warn!("worker queues full; polling waits");
                    tokio::select! {
                        () = shutdown.as_mut() => return,
                        () = tokio::time::sleep(pause) => {}
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "hand-over failed; answering what it could");
                    break;
                }
            }
        }
        offset = Some(next);
        if let Err(e) = app.store.set_cursor(CURSOR, next).await {
            tracing::warn!(error = %e, "the offset cannot be stored; a restart may repeat updates (claims skip them)");
        }
    }
}

/// The pause after the `failures`-th failure in a row: a 429's `retry_after`, or exponential.
fn pause_after(error: &RequestError, failures: u32, config: PollConfig) -> Duration {
    match error {
        RequestError::RetryAfter(seconds) => seconds.duration(),
        _ => backoff(config, failures),
    }
}

fn backoff(config: PollConfig, failures: u32) -> Duration {
    config
        .backoff
        .saturating_mul(2_u32.saturating_pow(failures.min(16)))
        .min(config.backoff_max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_doubles_up_to_the_cap() {
        let config = PollConfig {
            backoff: Duration::from_millis(100),
            backoff_max: Duration::from_secs(1),
            ..PollConfig::default()
        };
        let pauses: Vec<u128> = (0..6).map(|n| backoff(config, n).as_millis()).collect();
        assert_eq!(pauses, [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(backoff(config, u32::MAX), Duration::from_secs(1));
    }
}
