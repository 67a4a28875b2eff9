//! The dispatcher: what every way in (a platform's webhook, on a server or on Lambda) does with
//! the jobs it accepted. Redeliveries are skipped through the store's [`Claims`]; the rest goes
//! to a [`Handoff`]: in-process worker queues ([`crate::workers`]), answering before the webhook
//! replies ([`crate::answer::Inline`]), or another Lambda invocation. A new way to answer is a new
//! `Handoff`, not an edit here.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use crate::job::Job;
use crate::store::Claims;

/// How long a de-duplication key is held: Meta redelivers for up to an hour.
pub const CLAIM_TTL: Duration = Duration::from_secs(3600);

/// Takes accepted jobs to whoever answers them.
#[async_trait]
pub trait Handoff: Send + Sync + fmt::Debug {
    /// Hands `jobs` over (in order). On failure the error gives back every job that was not
    /// taken, so their claims can be released and the platform asked to deliver them again.
    async fn hand_over(&self, jobs: Vec<Job>) -> Result<(), HandoffError>;
}

/// Jobs a [`Handoff`] did not take, and why.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct HandoffError {
    /// The jobs not handed over.
    pub refused: Vec<Job>,
    /// Why.
    pub reason: Refusal,
}

/// Why a hand-over failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// The worker queues are full.
    #[error("the worker queues are full")]
    Full,
    /// The hand-over itself failed (a Lambda `Invoke` refused or timed out, say).
    #[error("the hand-over failed: {0}")]
    Failed(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Why accepted events could not be handed over: the platform is asked to deliver the body again
/// later (Messenger: 503).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DispatchError {
    /// The worker queues are full.
    #[error("the worker queues are full")]
    Busy,
    /// The hand-over failed.
    #[error(transparent)]
    Handoff(Box<dyn std::error::Error + Send + Sync>),
}

/// Claims each job's key, hands the fresh ones over, releases the claims of what was refused.
/// Cheap to clone.
#[derive(Debug, Clone)]
pub struct Dispatcher {
    claims: Arc<dyn Claims>,
    handoff: Arc<dyn Handoff>,
}

impl Dispatcher {
    /// Jobs claimed through `claims`, handed to `handoff`.
    #[must_use]
    pub fn new(claims: Arc<dyn Claims>, handoff: Arc<dyn Handoff>) -> Self {
        Self { claims, handoff }
    }

    /// Hands over every job not claimed before. Returns how many were handed over (redeliveries
    /// are skipped).
    ///
    /// # Errors
    ///
    /// [`DispatchError`] when the hand-over refused some jobs: those are released (their next
    /// delivery is answered); jobs taken before them stay taken.
    pub async fn dispatch(&self, jobs: Vec<Job>) -> Result<usize, DispatchError> {
        // Only the keys are held across the claims' awaits (not a whole job), so this future stays
        // small: the webhook handler's future holds it, and the server allocates that per request.
        let mut first = Vec::with_capacity(jobs.len());
        for job in &jobs {
            first.push(self.first_time(&job.key).await);
        }
        let mut first = first.into_iter();
        let fresh: Vec<Job> = jobs
            .into_iter()
            .filter(|_| first.next().unwrap_or(true))
            .collect();
        if fresh.is_empty() {
            return Ok(0);
        }
        let handed = fresh.len();
        match self.handoff.hand_over(fresh).await {
            Ok(()) => Ok(handed),
            // Rare: boxed, so the releases do not grow the common path's future.
            Err(refusal) => Err(Box::pin(self.release(refusal)).await),
        }
    }

    /// Releases the claims of the jobs a hand-over refused.
    async fn release(&self, refusal: HandoffError) -> DispatchError {
        let HandoffError { refused, reason } = refusal;
        tracing::warn!(error = %reason, refused = refused.len(), "hand-over failed; asking for a redelivery");
        for job in &refused {
            if let Err(e) = self.claims.release(&job.key).await {
                tracing::warn!(error = %e, "a claim could not be released");
            }
        }
        match reason {
            Refusal::Full => DispatchError::Busy,
            Refusal::Failed(e) => DispatchError::Handoff(e),
        }
    }

    async fn first_time(&self, key: &str) -> bool {
        match self.claims.claim(key, CLAIM_TTL).await {
            Ok(true) => true,
            Ok(false) => {
                tracing::debug!(key, "duplicate delivery skipped");
                false
            }
            // Answering twice beats not answering: a failing store does not drop messages.
            Err(e) => {
                tracing::warn!(error = %e, "claim failed; answering anyway");
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::conversation::Incoming;
    use crate::job::Address;
    use crate::store::{MemoryClaims, PersonId};

    /// Takes the first `room` jobs, refuses the rest.
    #[derive(Debug, Default)]
    struct Takes {
        room: usize,
        taken: Mutex<Vec<String>>,
    }

    #[async_trait]
    impl Handoff for Takes {
        async fn hand_over(&self, jobs: Vec<Job>) -> Result<(), HandoffError> {
            let mut taken = self.taken.lock().unwrap();
            let mut jobs = jobs.into_iter();
            while taken.len() < self.room {
                match jobs.next() {
                    Some(job) => taken.push(job.key),
                    None => return Ok(()),
                }
            }
            let refused: Vec<Job> = jobs.collect();
            if refused.is_empty() {
                return Ok(());
            }
            Err(HandoffError {
                refused,
                reason: Refusal::Full,
            })
        }
    }

    fn job(key: &str) -> Job {
        Job::new(
            Address::new("messenger", "1"),
            PersonId::new("messenger", "1"),
            Incoming::Text("hi".to_owned()),
            key.to_owned(),
        )
    }

    #[tokio::test]
    async fn redeliveries_are_skipped_and_refused_jobs_released() {
        let handoff = Arc::new(Takes {
            room: 2,
            ..Takes::default()
        });
        let dispatcher = Dispatcher::new(Arc::new(MemoryClaims::default()), handoff.clone());
        assert_eq!(dispatcher.dispatch(vec![job("a")]).await.ok(), Some(1));
        assert_eq!(dispatcher.dispatch(vec![job("a")]).await.ok(), Some(0));
        let err = dispatcher
            .dispatch(vec![job("a"), job("b"), job("c")])
            .await
            .unwrap_err();
        assert!(matches!(err, DispatchError::Busy), "{err}");
        assert_eq!(*handoff.taken.lock().unwrap(), ["a", "b"]);
        // "c" was released: its redelivery is handed over again (and refused again here);
        // "b" was taken: its redelivery is skipped.
        assert!(dispatcher.dispatch(vec![job("c")]).await.is_err());
        assert_eq!(dispatcher.dispatch(vec![job("b")]).await.ok(), Some(0));
    }

    /// The webhook handler's future holds this one, and the server allocates that future per
    /// request: it must stay small (288 bytes when written; the hand-overs' own futures are boxed
    /// behind the trait, so a Lambda `Invoke` or a whole inline answer never lands in it).
    #[tokio::test]
    async fn the_dispatch_future_stays_small() {
        let dispatcher = Dispatcher::new(
            Arc::new(MemoryClaims::default()),
            Arc::new(Takes::default()),
        );
        let dispatch = dispatcher.dispatch(Vec::new());
        let size = std::mem::size_of_val(&dispatch);
        assert!(size <= 384, "dispatch future is {size} bytes");
        assert_eq!(dispatch.await.ok(), Some(0));
    }
}
