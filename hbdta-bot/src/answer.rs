//! Answering a [`Job`]: the platform's "seen" and "typing" first, then the conversation (for the
//! person who asked, with their memory from the store), then the replies through the address's
//! [`Outbox`](crate::platform::Outbox). Used by the worker queues, by [`Inline`] and by a Lambda
//! worker invocation alike.

use std::sync::Arc;

use async_trait::async_trait;
use tokio::task::JoinSet;

use crate::conversation::{Conversation, Person};
use crate::dispatch::{Handoff, HandoffError};
use crate::job::{Job, by_address};
use crate::platform::Outboxes;
use crate::store::Store;

/// Answers jobs. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Answerer {
    conversation: Conversation,
    store: Arc<dyn Store>,
    outboxes: Outboxes,
}

impl Answerer {
    /// Answers with `conversation`, people's memory in `store`, replies through `outboxes`.
    #[must_use]
    pub fn new(conversation: Conversation, store: Arc<dyn Store>, outboxes: Outboxes) -> Self {
        Self {
            conversation,
            store,
            outboxes,
        }
    }

    /// Answers one job.
    pub async fn answer(&self, job: Job) {
        let Some(outbox) = self.outboxes.get(&job.address) else {
            tracing::warn!(address = %job.address, "no outbox for this platform here; job dropped");
            return;
        };
        outbox.acknowledge(&job.address.chat).await;
        let person = Person::new(job.person, self.store.clone());
        let answer = self.conversation.respond(&person, &job.incoming).await;
        tracing::info!(
            platform = %job.address.platform,
            opendota_calls = answer.opendota_calls,
            replies = answer.replies.len(),
            waited_ms = u64::try_from(job.received.elapsed().as_millis()).unwrap_or(u64::MAX),
            "answered a question"
        );
        outbox.deliver(&job.address.chat, answer.replies).await;
    }

    /// Answers `jobs` and returns when all are answered: each chat's jobs one after the other, in
    /// order; different chats at once.
    pub async fn answer_all(&self, jobs: Vec<Job>) {
        let mut chats = JoinSet::new();
        for jobs in by_address(jobs) {
            let answerer = self.clone();
            chats.spawn(async move {
                for job in jobs {
                    answerer.answer(job).await;
                }
            });
        }
        while let Some(done) = chats.join_next().await {
            if let Err(e) = done {
                tracing::error!(error = %e, "an answer task failed");
            }
        }
    }
}

/// The [`Handoff`] that answers every job before the hand-over returns: for AWS Lambda's
/// `HBDTA_LAMBDA_WORKER=inline`, where nothing may run after the response.
#[derive(Debug, Clone)]
pub struct Inline(pub Answerer);

#[async_trait]
impl Handoff for Inline {
    async fn hand_over(&self, jobs: Vec<Job>) -> Result<(), HandoffError> {
        self.0.answer_all(jobs).await;
        Ok(())
    }
}
