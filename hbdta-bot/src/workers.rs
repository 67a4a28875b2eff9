//! In-process workers (the server and `dev`): the webhook hands jobs over and answers at once;
//! workers answer the people.
//!
//! A fixed number of workers, each with a bounded queue. A chat always lands on the same worker
//! (by a hash of its address), so one person's messages are answered in order while different
//! people are answered at once. When a queue is full, [`WorkerQueues`] refuses the rest of the
//! hand-over, so the webhook answers 503 and the platform delivers the body again later: nothing is
//! dropped silently.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::answer::Answerer;
use crate::config::WorkerConfig;
use crate::dispatch::{Handoff, HandoffError, Refusal};
use crate::job::Address;
use crate::job::Job;

/// The sending side of the worker queues: a [`Handoff`]. When every clone is dropped, the
/// workers finish what is queued and stop.
#[derive(Debug, Clone)]
pub struct WorkerQueues(Arc<[mpsc::Sender<Job>]>);

/// The receiving ends, before any worker runs (see [`queues`] and [`spawn`]).
#[derive(Debug)]
pub struct Queues(Vec<mpsc::Receiver<Job>>);

/// The worker queues: jobs can be accepted (and wait) before the workers start.
#[must_use]
pub fn queues(config: WorkerConfig) -> (WorkerQueues, Queues) {
    let (senders, receivers): (Vec<_>, Vec<_>) = (0..config.concurrency.max(1))
        .map(|_| mpsc::channel::<Job>(config.queue_per_worker.max(1)))
        .unzip();
    (WorkerQueues(senders.into()), Queues(receivers))
}

/// Starts one worker per queue, answering with `answerer`. Await the returned [`JoinSet`] after
/// dropping every [`WorkerQueues`] clone to let them finish what is queued.
#[must_use]
pub fn spawn(queues: Queues, answerer: &Answerer) -> JoinSet<()> {
    let mut set = JoinSet::new();
    for mut rx in queues.0 {
        let answerer = answerer.clone();
        set.spawn(async move {
            while let Some(job) = rx.recv().await {
                answerer.answer(job).await;
            }
        });
    }
    set
}

fn shard_of(address: &Address, shards: usize) -> usize {
    let mut hasher = DefaultHasher::new();
    address.hash(&mut hasher);
    usize::try_from(hasher.finish() % (shards.max(1) as u64)).unwrap_or(0)
}

#[async_trait]
impl Handoff for WorkerQueues {
    async fn hand_over(&self, jobs: Vec<Job>) -> Result<(), HandoffError> {
        let mut jobs = jobs.into_iter();
        while let Some(job) = jobs.next() {
            let shard = &self.0[shard_of(&job.address, self.0.len())];
            if let Err(e) = shard.try_send(job) {
                let mut refused = vec![e.into_inner()];
                refused.extend(jobs);
                return Err(HandoffError {
                    refused,
                    reason: Refusal::Full,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Incoming;
    use crate::store::PersonId;

    fn job(chat: &str, key: &str) -> Job {
        Job::new(
            Address::new("messenger", chat),
            PersonId::new("messenger", chat),
            Incoming::Text(key.to_owned()),
            key.to_owned(),
        )
    }

    #[tokio::test]
    async fn one_chat_lands_on_one_worker_in_order() {
        let (handoff, Queues(mut receivers)) = queues(WorkerConfig {
            concurrency: 8,
            queue_per_worker: 16,
        });
        let keys = ["a1", "a2", "a3", "a4", "a5"];
        handoff
            .hand_over(keys.iter().map(|k| job("7000000000000001", k)).collect())
            .await
            .unwrap();
        let mut seen = Vec::new();
        for rx in &mut receivers {
            let mut got = Vec::new();
            while let Ok(job) = rx.try_recv() {
                got.push(job.key);
            }
            if !got.is_empty() {
                seen.push(got);
            }
        }
        assert_eq!(
            seen,
            vec![keys.map(str::to_owned).to_vec()],
            "one queue, in order"
        );
    }

    #[tokio::test]
    async fn a_full_queue_gives_back_the_refused_job_and_the_rest() {
        let (handoff, _receivers) = queues(WorkerConfig {
            concurrency: 1,
            queue_per_worker: 2,
        });
        let err = handoff
            .hand_over(vec![
                job("1", "a"),
                job("2", "b"),
                job("1", "c"),
                job("3", "d"),
            ])
            .await
            .unwrap_err();
        assert!(matches!(err.reason, Refusal::Full));
        let refused: Vec<_> = err.refused.iter().map(|j| j.key.as_str()).collect();
        assert_eq!(refused, ["c", "d"]);
    }
}
