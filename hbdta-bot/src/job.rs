//! [`Job`]: one message to answer, the unit that moves from a platform's webhook through the
//! dispatcher to whoever answers it. It is also the worker-event contract: a Lambda webhook
//! invocation hands jobs to another invocation as JSON, so the shape is versioned
//! ([`JOB_FORMAT_VERSION`]).

use std::collections::HashMap;
use std::fmt;
use std::time::Instant;

use crate::conversation::Incoming;
use crate::store::PersonId;

/// The version of the job format written into worker events. Version 1 (before platforms had
/// names) carried `{"psid", "incoming", "key"}`; version 2 carries the address and the person.
pub const JOB_FORMAT_VERSION: u32 = 2;

/// Where an answer goes: a platform and a chat on it (for Messenger, the person's PSID).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Address {
    /// The platform's name ([`Platform::name`](crate::platform::Platform::name)).
    pub platform: String,
    /// The chat on that platform.
    pub chat: String,
}

impl Address {
    /// The chat `chat` on `platform`.
    #[must_use]
    pub fn new(platform: impl Into<String>, chat: impl Into<String>) -> Self {
        Self {
            platform: platform.into(),
            chat: chat.into(),
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.platform, self.chat)
    }
}

/// One message to answer. Serialized as
/// `{"address": {"platform": "messenger", "chat": "…"}, "person": "messenger:…", "incoming": {"text": "…"}, "key": "…"}`,
/// with `"reply_to": "…"` when the answer quotes the question.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Job {
    /// Where the answer goes.
    pub address: Address,
    /// Who asked (whose memory the conversation uses).
    pub person: PersonId,
    /// What they sent.
    pub incoming: Incoming,
    /// The de-duplication key, platform-qualified (`messenger:mid:…`).
    pub key: String,
    /// The platform's id of the message the answer quotes (a question in a Telegram group, where
    /// several people talk). Not part of the address: one chat's jobs still share one queue, in
    /// order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// When this process received it (a deserialized job: when it was decoded).
    #[serde(skip, default = "Instant::now")]
    pub received: Instant,
}

impl Job {
    /// A job received now.
    #[must_use]
    pub fn new(address: Address, person: PersonId, incoming: Incoming, key: String) -> Self {
        Self {
            address,
            person,
            incoming,
            key,
            reply_to: None,
            received: Instant::now(),
        }
    }

    /// The same job, its answer quoting message `id`.
    #[must_use]
    pub fn replying_to(mut self, id: impl Into<String>) -> Self {
        self.reply_to = Some(id.into());
        self
    }
}

/// `jobs` grouped by address, each group in arrival order, groups in order of first arrival: what
/// may be answered at once (different chats) and what must wait its turn (one chat).
pub fn by_address<T, I>(jobs: I) -> Vec<Vec<T>>
where
    T: std::borrow::Borrow<Job>,
    I: IntoIterator<Item = T>,
{
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut index: HashMap<Address, usize> = HashMap::new();
    for job in jobs {
        let i = *index
            .entry(job.borrow().address.clone())
            .or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
        groups[i].push(job);
    }
    groups
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_wire_shape_is_pinned() {
        let job = Job::new(
            Address::new("messenger", "7000000000000001"),
            PersonId::new("messenger", "7000000000000001"),
            Incoming::Text("86745912".to_owned()),
            "messenger:mid:m_1".to_owned(),
        );
        assert_eq!(
            serde_json::to_value(&job).unwrap(),
            json!({
                "address": {"platform": "messenger", "chat": "7000000000000001"},
                "person": "messenger:7000000000000001",
                "incoming": {"text": "86745912"},
                "key": "messenger:mid:m_1"
            })
        );
        let back: Job = serde_json::from_value(json!({
            "address": {"platform": "messenger", "chat": "7"},
            "person": "messenger:7",
            "incoming": {"payload": "HELP"},
            "key": "k"
        }))
        .unwrap();
        assert_eq!(back.address, Address::new("messenger", "7"));
        assert_eq!(back.incoming, Incoming::Payload("HELP".to_owned()));
        assert_eq!(back.reply_to, None);

        let quoting = Job::new(
            Address::new("telegram", "-1001234"),
            PersonId::new("telegram", "42"),
            Incoming::Text("/stats 86745912".to_owned()),
            "telegram:update:9".to_owned(),
        )
        .replying_to("55");
        assert_eq!(
            serde_json::to_value(&quoting).unwrap(),
            json!({
                "address": {"platform": "telegram", "chat": "-1001234"},
                "person": "telegram:42",
                "incoming": {"text": "/stats 86745912"},
                "key": "telegram:update:9",
                "reply_to": "55"
            })
        );
    }

    #[test]
    fn jobs_group_by_chat_in_arrival_order() {
        let job = |chat: &str, key: &str| {
            Job::new(
                Address::new("messenger", chat),
                PersonId::new("messenger", chat),
                Incoming::Text(String::new()),
                key.to_owned(),
            )
        };
        let jobs = [job("1", "a"), job("2", "b"), job("1", "c"), job("3", "d")];
        let keys: Vec<Vec<&str>> = by_address(jobs.iter())
            .into_iter()
            .map(|g| g.into_iter().map(|j| j.key.as_str()).collect())
            .collect();
        assert_eq!(keys, vec![vec!["a", "c"], vec!["b"], vec!["d"]]);
    }
}
