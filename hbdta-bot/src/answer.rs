//! Answering a [`Job`]: the platform's "seen" and "typing" first, then the conversation (for the
//! person who asked, with their memory from the store), then the replies through the address's
//! [`Outbox`](crate::platform::Outbox), then the exchange into the conversation log (never after
//! `forget me`). Used by the worker queues, by [`Inline`] and by a Lambda worker invocation alike:
//! every store write happens here, off the webhook's request path.

use std::sync::Arc;

use async_trait::async_trait;
use tokio::task::JoinSet;

use crate::conversation::{Conversation, Incoming, Person, Reply};
use crate::dispatch::{Handoff, HandoffError};
use crate::job::{Job, by_address};
use crate::platform::Outboxes;
use crate::store::{Direction, LogEntry, Store};

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
        let person = Person::new(job.person.clone(), self.store.clone());
        let answer = self.conversation.respond(&person, &job.incoming).await;
        tracing::info!(
            platform = %job.address.platform,
            opendota_calls = answer.opendota_calls,
            replies = answer.replies.len(),
            waited_ms = u64::try_from(job.received.elapsed().as_millis()).unwrap_or(u64::MAX),
            "answered a question"
        );
        if answer.keep_log {
            let log = log_lines(&job, &answer.replies);
            let sent = outbox
                .deliver(&job.address.chat, job.reply_to.as_deref(), answer.replies)
                .await;
            // What the person sent, and the replies that reached them.
            for line in log.into_iter().take(sent + 1) {
                if let Err(error) = self.store.append_log(line).await {
                    tracing::debug!(%error, "log line not kept");
                    break;
                }
            }
        } else {
            outbox
                .deliver(&job.address.chat, job.reply_to.as_deref(), answer.replies)
                .await;
        }
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

/// The log lines of one exchange: what the person sent, then each reply.
fn log_lines(job: &Job, replies: &[Reply]) -> Vec<LogEntry> {
    let incoming = match &job.incoming {
        Incoming::Text(text) | Incoming::Payload(text) => text,
    };
    let mut lines = Vec::with_capacity(replies.len() + 1);
    lines.push(LogEntry::new(job.person.clone(), Direction::In, incoming).message_id(&job.key));
    for reply in replies {
        let (kind, text) = match reply {
            Reply::Text { text, .. } => ("text", text.clone()),
            Reply::Card(card) => (
                "card",
                match &card.subtitle {
                    Some(subtitle) => format!("{}\n{subtitle}", card.title),
                    None => card.title.clone(),
                },
            ),
            Reply::Picture(picture) => ("picture", picture_caption(picture)),
        };
        lines.push(LogEntry::new(job.person.clone(), Direction::Out, &text).kind(kind));
    }
    lines
}

/// What the log says of a picture (what it shows, not its pixels).
fn picture_caption(picture: &crate::conversation::Picture) -> String {
    match picture {
        crate::conversation::Picture::Stats(stats) => format!("[stats picture of {}]", stats.name),
        crate::conversation::Picture::LastMatch(last) => {
            format!("[last match picture of {}: {}]", last.name, last.hero)
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
