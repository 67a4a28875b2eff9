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
//!
//! On AWS Lambda there are no background workers (work after the response is frozen): the
//! [`Dispatcher`] either hands the jobs to another invocation ([`Dispatcher::invoke`], see
//! [`crate::lambda`]) or answers them before the webhook replies ([`Dispatcher::inline`]).

use std::borrow::Borrow;
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

use messenger_sdk::Psid;
use messenger_sdk::send::{Button, GenericElement, Message, QuickReply, Recipient};
use messenger_sdk::webhook::{Event, EventKind};
use quick_cache::sync::GuardResult;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::config::WorkerConfig;
use crate::conversation::{Card, CardButton, Conversation, Incoming, Reply};
use crate::lambda::{HandoffError, Invoker};

/// One event to answer. Serializable, so a Lambda worker invocation can carry it
/// (`{"psid": "…", "incoming": {"text": "…"}, "key": "mid:…"}`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Job {
    /// Who to answer.
    pub psid: Psid,
    /// What they sent.
    pub incoming: Incoming,
    /// The de-duplication key (the message id, or sender + timestamp + kind).
    pub key: String,
    /// When this process received it (a deserialized job: when it was decoded).
    #[serde(skip, default = "Instant::now")]
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

/// Why accepted events could not be handed over: the webhook answers 503, so Meta delivers the
/// body again later.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DispatchError {
    /// The worker queues are full.
    #[error("the worker queues are full")]
    QueueFull,
    /// The Lambda worker invocation was not accepted.
    #[error("the worker invocation failed: {0}")]
    Invoke(#[from] HandoffError),
}

/// Hands jobs to whoever answers them, skipping redeliveries. Cheap to clone; with in-process
/// workers, when every clone is dropped the workers finish what is queued and stop.
#[derive(Clone)]
pub struct Dispatcher {
    route: Route,
    seen: SeenIds,
}

#[derive(Clone)]
enum Route {
    /// In-process workers, one queue each (the server).
    Queues(Arc<[mpsc::Sender<Job>]>),
    /// Answered before `dispatch` returns (Lambda, `HBDTA_LAMBDA_WORKER=inline`).
    Inline {
        conversation: Conversation,
        graph: messenger_sdk::Client,
    },
    /// Handed to an asynchronous invocation of the same Lambda function.
    Invoke(Invoker),
}

impl std::fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut f = f.debug_struct("Dispatcher");
        match &self.route {
            Route::Queues(shards) => f.field("workers", &shards.len()),
            Route::Inline { .. } => f.field("route", &"inline"),
            Route::Invoke(invoker) => f.field("route", invoker),
        };
        f.finish_non_exhaustive()
    }
}

impl Dispatcher {
    /// Answers every job before [`dispatch`](Self::dispatch) returns: each person's jobs in order,
    /// different people at once. For AWS Lambda's `HBDTA_LAMBDA_WORKER=inline`, where nothing
    /// may run after the response.
    #[must_use]
    pub fn inline(conversation: Conversation, graph: messenger_sdk::Client) -> Self {
        Self {
            route: Route::Inline {
                conversation,
                graph,
            },
            seen: SeenIds::new(),
        }
    }

    /// Hands the jobs to an asynchronous invocation of a Lambda function (see
    /// [`crate::lambda`]).
    #[must_use]
    pub fn invoke(invoker: Invoker) -> Self {
        Self {
            route: Route::Invoke(invoker),
            seen: SeenIds::new(),
        }
    }

    /// Hands over every job not seen before. Returns how many were handed over (duplicates are
    /// skipped).
    ///
    /// # Errors
    ///
    /// [`DispatchError::QueueFull`] when a job could not be queued; jobs queued before it stay
    /// queued (and their ids are remembered, so a redelivery skips them).
    /// [`DispatchError::Invoke`] when the worker invocation failed; none of the jobs counts as
    /// seen then.
    pub async fn dispatch(&self, jobs: Vec<Job>) -> Result<usize, DispatchError> {
        // The Lambda routes' futures (a whole conversation, an HTTP call) are boxed: the
        // webhook handler's future holds this one, and the server allocates that per request.
        match &self.route {
            Route::Queues(shards) => self.enqueue(shards, jobs),
            Route::Inline {
                conversation,
                graph,
            } => {
                let fresh = self.fresh(jobs);
                let answered = fresh.len();
                Box::pin(answer_all(conversation, graph, fresh)).await;
                Ok(answered)
            }
            Route::Invoke(invoker) => {
                let fresh = self.fresh(jobs);
                if fresh.is_empty() {
                    return Ok(0);
                }
                if let Err(e) = Box::pin(invoker.invoke(&fresh)).await {
                    for job in &fresh {
                        self.seen.forget(&job.key);
                    }
                    tracing::warn!(error = %e, "worker invocation failed; asking Meta to deliver again");
                    return Err(e.into());
                }
                Ok(fresh.len())
            }
        }
    }

    fn enqueue(
        &self,
        shards: &[mpsc::Sender<Job>],
        jobs: Vec<Job>,
    ) -> Result<usize, DispatchError> {
        let mut queued = 0;
        for job in jobs {
            if !self.first_time(&job) {
                continue;
            }
            let shard = &shards[shard_of(&job.psid, shards.len())];
            if let Err(e) = shard.try_send(job) {
                tracing::warn!(error = %e, "worker queue full; asking Meta to deliver again");
                // The refused job comes back with the error: its key need not be copied first.
                self.seen.forget(&e.into_inner().key);
                return Err(DispatchError::QueueFull);
            }
            queued += 1;
        }
        Ok(queued)
    }

    /// The jobs not seen before (and now remembered).
    fn fresh(&self, jobs: Vec<Job>) -> Vec<Job> {
        jobs.into_iter()
            .filter(|job| self.first_time(job))
            .collect()
    }

    fn first_time(&self, job: &Job) -> bool {
        let fresh = self.seen.first_time(&job.key);
        if !fresh {
            tracing::debug!(key = %job.key, "duplicate delivery skipped");
        }
        fresh
    }
}

/// De-duplication keys seen in the last hour, at most [`SeenIds::CAPACITY`] of them (the least
/// used go first). A redelivery is one read of a sharded map, with no allocation: Meta redelivers
/// in bursts when a webhook is slow, and the check must stay cheap then.
#[derive(Clone)]
struct SeenIds(Arc<quick_cache::sync::Cache<String, Instant>>);

impl SeenIds {
    const CAPACITY: usize = 100_000;
    const FOR: Duration = Duration::from_secs(3600);

    fn new() -> Self {
        Self(Arc::new(quick_cache::sync::Cache::new(Self::CAPACITY)))
    }

    /// Remembers `key`; `false` when it was seen within the hour (or is being remembered by a
    /// concurrent delivery of the same body right now).
    fn first_time(&self, key: &str) -> bool {
        let now = Instant::now();
        let recent = |at: Instant| now.saturating_duration_since(at) < Self::FOR;
        // A hit is answered under the shard's read lock; only a new key takes the write lock.
        match self.0.get_value_or_guard(key, Some(Duration::ZERO)) {
            GuardResult::Value(at) if recent(at) => false,
            // Seen over an hour ago: a new delivery as far as anyone can tell.
            GuardResult::Value(_) => {
                self.0.insert(key.to_owned(), now);
                true
            }
            GuardResult::Guard(guard) => {
                let _ = guard.insert(now);
                true
            }
            GuardResult::Timeout => false,
        }
    }

    /// Forgets `key`, so its next delivery is answered (the hand-over failed).
    fn forget(&self, key: &str) {
        self.0.remove(key);
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
    (
        Dispatcher {
            route: Route::Queues(shards.into()),
            seen: SeenIds::new(),
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

/// Answers `jobs` and returns when all are answered: each person's jobs one after the other, in
/// order; different people at once. (The Lambda worker invocation and `inline` mode.)
pub async fn answer_all(
    conversation: &Conversation,
    graph: &messenger_sdk::Client,
    jobs: Vec<Job>,
) {
    let mut people = JoinSet::new();
    for jobs in by_person(jobs) {
        let conversation = conversation.clone();
        let graph = graph.clone();
        people.spawn(async move {
            for job in jobs {
                answer(&conversation, &graph, job).await;
            }
        });
    }
    while let Some(done) = people.join_next().await {
        if let Err(e) = done {
            tracing::error!(error = %e, "an answer task failed");
        }
    }
}

/// `jobs` grouped by person, each group in arrival order, groups in order of first arrival.
pub(crate) fn by_person<T, I>(jobs: I) -> Vec<Vec<T>>
where
    T: Borrow<Job>,
    I: IntoIterator<Item = T>,
{
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut index: HashMap<Psid, usize> = HashMap::new();
    for job in jobs {
        let i = *index.entry(job.borrow().psid.clone()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(job);
    }
    groups
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

    /// The webhook handler's future holds this one, and axum allocates that future per request:
    /// the Lambda routes (a whole conversation, an HTTP call) must stay boxed, out of it.
    #[tokio::test]
    async fn the_dispatch_future_stays_small() {
        let (dispatcher, _queues) = queues(WorkerConfig::default());
        let dispatch = dispatcher.dispatch(Vec::new());
        let size = std::mem::size_of_val(&dispatch);
        assert!(size <= 256, "dispatch future is {size} bytes");
        assert_eq!(dispatch.await.ok(), Some(0));
    }

    #[test]
    fn one_person_always_lands_on_the_same_worker() {
        let a = Psid::from("7000000000000001");
        let first = shard_of(&a, 8);
        for _ in 0..10 {
            assert_eq!(shard_of(&a, 8), first);
        }
        assert_eq!(shard_of(&a, 1), 0);
    }

    #[test]
    fn a_key_is_fresh_once_until_forgotten() {
        let seen = SeenIds::new();
        assert!(seen.first_time("mid:m_1"));
        assert!(!seen.first_time("mid:m_1"));
        assert!(
            !seen.clone().first_time("mid:m_1"),
            "clones share what was seen"
        );
        assert!(seen.first_time("mid:m_2"));
        seen.forget("mid:m_1");
        assert!(seen.first_time("mid:m_1"));
        assert!(!seen.first_time("mid:m_1"));
    }

    #[test]
    fn a_key_seen_over_an_hour_ago_is_fresh_again() {
        let seen = SeenIds::new();
        let Some(long_ago) = Instant::now().checked_sub(SeenIds::FOR + Duration::from_secs(1))
        else {
            return; // the clock started less than an hour ago
        };
        seen.0.insert("mid:m_old".to_owned(), long_ago);
        assert!(seen.first_time("mid:m_old"));
        assert!(!seen.first_time("mid:m_old"));
    }

    #[test]
    fn concurrent_deliveries_of_one_id_are_answered_once() {
        let seen = SeenIds::new();
        for round in 0..50 {
            let key = format!("mid:m_{round}");
            let fresh: usize = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..4)
                    .map(|_| scope.spawn(|| usize::from(seen.first_time(&key))))
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).sum()
            });
            assert_eq!(fresh, 1, "round {round}");
        }
    }
}
