//! Background workers: the webhook hands events over and answers Meta at once; workers answer
//! the people.
//!
//! - A fixed number of workers, each with a bounded queue. A person always lands on the same
//!   worker (by a hash of their PSID), so one person's events are answered in order while
//!   different people are answered concurrently.
//! - A redelivered event (same message id, as Meta redelivers) is answered once: ids are
//!   remembered for an hour.
//! - When a queue is full, [`Dispatcher::dispatch`] says so and the webhook answers 503, so Meta
//!   delivers the body again later; nothing is dropped silently, and what was queued before is
//!   recognised as a duplicate then.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

use messenger_sdk::Psid;
use messenger_sdk::send::{Button, GenericElement, Message, QuickReply, Recipient};
use messenger_sdk::webhook::{Event, EventKind};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::config::WorkerConfig;
use crate::conversation::{Card, CardButton, Conversation, Incoming, Reply};

/// One event to answer.
#[derive(Debug, Clone)]
pub struct Job {
    /// Who to answer.
    pub psid: Psid,
    /// What they sent.
    pub incoming: Incoming,
    /// The de-duplication key (the message id, or sender + timestamp + kind).
    pub key: String,
    /// When the webhook received it.
    pub received: Instant,
}

impl Job {
    /// The job for an event, or `None` for events the bot does not answer (echoes, reads,
    /// deliveries, reactions, …) and events without a PSID.
    #[must_use]
    pub fn from_event(event: Event) -> Option<Self> {
        let psid = event.sender_psid()?.clone();
        let key = match event.message_id() {
            Some(mid) => ["mid:", mid].concat(),
            None => format!(
                "{}:{}:{}",
                psid,
                event.timestamp.unwrap_or_default(),
                event.kind.key()
            ),
        };
        let incoming = match event.kind {
            EventKind::Message(m) if m.is_echo => return None,
            EventKind::Message(m) => match (m.quick_reply, m.text) {
                (Some(tap), _) => Incoming::Payload(tap.payload),
                (None, Some(text)) => Incoming::Text(text),
                (None, None) => Incoming::Text(String::new()),
            },
            EventKind::Postback(p) => Incoming::Payload(p.payload.unwrap_or_default()),
            _ => return None,
        };
        Some(Self {
            psid,
            incoming,
            key,
            received: Instant::now(),
        })
    }
}

/// The queues are full: answer 503 so Meta delivers again later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the worker queues are full")]
pub struct QueueFull;

/// Hands jobs to the workers. Cheap to clone; when every clone is dropped the workers finish
/// what is queued and stop.
#[derive(Clone)]
pub struct Dispatcher {
    shards: Arc<[mpsc::Sender<Job>]>,
    seen: moka::sync::Cache<String, ()>,
}

impl std::fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dispatcher")
            .field("workers", &self.shards.len())
            .finish_non_exhaustive()
    }
}

impl Dispatcher {
    /// Queues every job not seen before. Returns how many were queued (duplicates are skipped).
    ///
    /// # Errors
    ///
    /// [`QueueFull`] when a job could not be queued; jobs queued before it stay queued (and
    /// their ids are remembered, so a redelivery skips them).
    pub fn dispatch(&self, jobs: Vec<Job>) -> Result<usize, QueueFull> {
        let mut queued = 0;
        for job in jobs {
            let entry = self.seen.entry(job.key.clone()).or_insert(());
            if !entry.is_fresh() {
                tracing::debug!(key = %job.key, "duplicate delivery skipped");
                continue;
            }
            let shard = &self.shards[shard_of(&job.psid, self.shards.len())];
            let key = job.key.clone();
            if let Err(e) = shard.try_send(job) {
                self.seen.invalidate(&key);
                tracing::warn!(error = %e, "worker queue full; asking Meta to deliver again");
                return Err(QueueFull);
            }
            queued += 1;
        }
        Ok(queued)
    }
}

fn shard_of(psid: &Psid, shards: usize) -> usize {
    let mut hasher = DefaultHasher::new();
    psid.hash(&mut hasher);
    usize::try_from(hasher.finish() % (shards.max(1) as u64)).unwrap_or(0)
}

/// Starts the workers. Await the returned [`JoinSet`] after dropping every [`Dispatcher`] clone to
/// let them finish what is queued.
#[must_use]
pub fn start(
    config: WorkerConfig,
    conversation: Conversation,
    graph: messenger_sdk::Client,
) -> (Dispatcher, JoinSet<()>) {
    let (dispatcher, queues) = queues(config);
    (dispatcher, spawn(queues, &conversation, &graph))
}

/// The worker queues, before any worker runs: events can be accepted (and wait) while the
/// workers' clients are still being set up.
#[must_use]
pub fn queues(config: WorkerConfig) -> (Dispatcher, Queues) {
    let (shards, receivers): (Vec<_>, Vec<_>) = (0..config.concurrency.max(1))
        .map(|_| mpsc::channel::<Job>(config.queue_per_worker.max(1)))
        .unzip();
    let seen = moka::sync::Cache::builder()
        .max_capacity(100_000)
        .time_to_live(Duration::from_secs(3600))
        .build();
    (
        Dispatcher {
            shards: shards.into(),
            seen,
        },
        Queues(receivers),
    )
}

/// The receiving ends of the worker queues (see [`queues`] and [`spawn`]).
#[derive(Debug)]
pub struct Queues(Vec<mpsc::Receiver<Job>>);

/// Starts one worker per queue.
#[must_use]
pub fn spawn(
    queues: Queues,
    conversation: &Conversation,
    graph: &messenger_sdk::Client,
) -> JoinSet<()> {
    let mut set = JoinSet::new();
    for mut rx in queues.0 {
        let conversation = conversation.clone();
        let graph = graph.clone();
        set.spawn(async move {
            while let Some(job) = rx.recv().await {
                answer(&conversation, &graph, job).await;
            }
        });
    }
    set
}

/// Answers one job: seen mark and typing indicator first, then the conversation, then the replies
/// in order.
pub async fn answer(conversation: &Conversation, graph: &messenger_sdk::Client, job: Job) {
    let recipient = Recipient::from(job.psid.clone());
    if let Err(e) = graph.mark_seen(recipient.clone()).await {
        tracing::warn!(error = %e, "mark_seen failed");
    }
    if let Err(e) = graph.typing_on(recipient.clone()).await {
        tracing::warn!(error = %e, "typing_on failed");
    }
    let answer = conversation.respond(&job.incoming).await;
    tracing::info!(
        opendota_calls = answer.opendota_calls,
        replies = answer.replies.len(),
        waited_ms = u64::try_from(job.received.elapsed().as_millis()).unwrap_or(u64::MAX),
        "answered a question"
    );
    for reply in answer.replies {
        let message = to_message(reply);
        if let Err(e) = graph.send_message(recipient.clone(), message).await {
            tracing::warn!(error = %e, kind = ?e.graph_kind(), "reply not sent");
            break;
        }
    }
}

/// A conversation reply as a Messenger message.
#[must_use]
pub fn to_message(reply: Reply) -> Message {
    match reply {
        Reply::Text {
            text,
            quick_replies,
        } => Message::text(text).quick_replies(
            quick_replies
                .into_iter()
                .map(|c| QuickReply::text(c.title, c.payload)),
        ),
        Reply::Card(card) => Message::generic(vec![card_element(card)]),
    }
}

fn card_element(card: Card) -> GenericElement {
    let mut element = GenericElement::new(card.title);
    if let Some(subtitle) = card.subtitle {
        element = element.subtitle(subtitle);
    }
    if let Some(image) = card.image_url {
        element = element.image_url(image);
    }
    if let Some(url) = card.url {
        element = element.default_action(messenger_sdk::send::DefaultAction::web_url(url));
    }
    element.buttons(card.buttons.into_iter().map(|b| match b {
        CardButton::Link { title, url } => Button::web_url(title, url),
        CardButton::Postback { title, payload } => Button::postback(title, payload),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_always_lands_on_the_same_worker() {
        let a = Psid::from("7000000000000001");
        let first = shard_of(&a, 8);
        for _ in 0..10 {
            assert_eq!(shard_of(&a, 8), first);
        }
        assert_eq!(shard_of(&a, 1), 0);
    }
}
