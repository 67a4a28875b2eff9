//! What a Lambda invocation carries and returns: an HTTP event from API Gateway or a Function
//! URL, or a worker event (jobs one invocation hands to another), and the payloads the hand-over
//! sends.

use lambda_http::request::LambdaRequest;
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::HttpResponse;
use crate::job::{JOB_FORMAT_VERSION, Job, by_address};

/// The worker event format this binary writes and reads (`"hbdta_worker": 2`): the job format's
/// version.
pub const WORKER_EVENT_VERSION: u32 = JOB_FORMAT_VERSION;

/// The largest worker event payload sent in one `Invoke`. Lambda accepts 256 KiB for an
/// asynchronous invocation; the rest is headroom. Larger hand-overs are split, each person's
/// jobs kept together when they fit.
pub const MAX_WORKER_PAYLOAD: usize = 250 * 1024;

/// One invocation's event: an HTTP request or a worker event.
#[derive(Debug)]
#[non_exhaustive]
pub enum Invocation {
    /// API Gateway (v1 or v2) or Function URL request.
    Http(Box<LambdaRequest>),
    /// Jobs handed over by a webhook invocation.
    Worker(WorkerEvent),
}

impl<'de> Deserialize<'de> for Invocation {
    /// A JSON object with a `hbdta_worker` key is a worker event; anything else must be one of
    /// the HTTP events.
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        #[derive(Deserialize)]
        struct Probe {
            #[serde(default)]
            hbdta_worker: Option<serde_json::Value>,
        }
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let probe: Probe = serde_json::from_str(raw.get()).map_err(D::Error::custom)?;
        let Some(version) = probe.hbdta_worker else {
            return serde_json::from_str(raw.get())
                .map(|request| Self::Http(Box::new(request)))
                .map_err(D::Error::custom);
        };
        // The version is checked before the jobs are read: an event written by another release
        // (during a deploy, say) is refused as such, not misread.
        if version.as_u64() != Some(u64::from(WORKER_EVENT_VERSION)) {
            let message = format!(
                "worker event version {version} (this binary reads {WORKER_EVENT_VERSION}); its jobs are not answered"
            );
            tracing::error!("{message}");
            return Err(D::Error::custom(message));
        }
        serde_json::from_str(raw.get())
            .map(Self::Worker)
            .map_err(D::Error::custom)
    }
}

/// The event a webhook invocation sends to a worker invocation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerEvent {
    /// [`WORKER_EVENT_VERSION`].
    pub hbdta_worker: u32,
    /// What to answer, in order per person.
    pub jobs: Vec<Job>,
}

/// What an invocation returns.
#[derive(Debug, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Output {
    /// The response in the shape the event's source expects (API Gateway v1 or v2).
    Http(Box<HttpResponse>),
    /// A worker invocation's summary (Lambda discards it for asynchronous invocations).
    Worker {
        /// How many jobs were answered.
        answered: usize,
    },
}

/// The worker event payloads for `jobs`: one `{"hbdta_worker":2,"jobs":[…]}` when it fits in
/// `limit` bytes; otherwise jobs grouped by chat and packed in order into payloads of at most
/// `limit` bytes (a chat's jobs are split only when they alone exceed it, and a single job
/// larger than `limit` travels alone).
///
/// # Errors
///
/// A job that cannot be encoded.
pub fn worker_payloads(jobs: &[Job], limit: usize) -> Result<Vec<Vec<u8>>, serde_json::Error> {
    const HEAD: &[u8] = br#"{"hbdta_worker":2,"jobs":["#;
    const TAIL: &[u8] = b"]}";
    let groups = by_address(jobs.iter())
        .into_iter()
        .map(|group| {
            group
                .into_iter()
                .map(serde_json::to_vec)
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut payloads = Vec::new();
    let mut current = HEAD.to_vec();
    let mut in_current = 0_usize;
    let mut flush = |current: &mut Vec<u8>, in_current: &mut usize| {
        current.extend_from_slice(TAIL);
        payloads.push(std::mem::replace(current, HEAD.to_vec()));
        *in_current = 0;
    };
    for group in groups {
        // A person's jobs start a new event rather than straddle two, when they fit in one.
        let group_len: usize = group.iter().map(|job| job.len() + 1).sum();
        if in_current > 0 && current.len() + group_len + TAIL.len() > limit {
            flush(&mut current, &mut in_current);
        }
        for job in group {
            if in_current > 0 && current.len() + 1 + job.len() + TAIL.len() > limit {
                flush(&mut current, &mut in_current);
            }
            if in_current > 0 {
                current.push(b',');
            }
            current.extend_from_slice(&job);
            in_current += 1;
        }
    }
    flush(&mut current, &mut in_current);
    Ok(payloads)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::conversation::Incoming;
    use crate::job::Address;
    use crate::store::PersonId;

    fn job(chat: &str, key: &str, text: &str) -> Job {
        Job::new(
            Address::new("messenger", chat),
            PersonId::new("messenger", chat),
            Incoming::Text(text.to_owned()),
            key.to_owned(),
        )
    }

    fn decode(payload: &[u8]) -> WorkerEvent {
        match serde_json::from_slice::<Invocation>(payload).unwrap() {
            Invocation::Worker(event) => event,
            other => panic!("worker event expected: {other:?}"),
        }
    }

    #[test]
    fn a_small_hand_over_is_one_event_grouped_by_chat() {
        let jobs = vec![job("1", "a", "x"), job("2", "b", "y"), job("1", "c", "z")];
        let payloads = worker_payloads(&jobs, MAX_WORKER_PAYLOAD).unwrap();
        assert_eq!(payloads.len(), 1);
        let wire: serde_json::Value = serde_json::from_slice(&payloads[0]).unwrap();
        assert_eq!(
            wire,
            json!({"hbdta_worker": 2, "jobs": [
                {"address": {"platform": "messenger", "chat": "1"}, "person": "messenger:1", "incoming": {"text": "x"}, "key": "a"},
                {"address": {"platform": "messenger", "chat": "1"}, "person": "messenger:1", "incoming": {"text": "z"}, "key": "c"},
                {"address": {"platform": "messenger", "chat": "2"}, "person": "messenger:2", "incoming": {"text": "y"}, "key": "b"}
            ]})
        );
        assert_eq!(decode(&payloads[0]).jobs.len(), 3);
    }

    #[test]
    fn a_large_hand_over_is_split_under_the_limit_keeping_chats_together() {
        let big = "w".repeat(1000);
        let mut jobs = Vec::new();
        for i in 0..6 {
            jobs.push(job("1", &format!("a{i}"), &big));
            jobs.push(job("2", &format!("b{i}"), &big));
        }
        // A job is about 1,150 bytes: five fit under 6,200, six do not.
        let payloads = worker_payloads(&jobs, 6200).unwrap();
        let mut seen = Vec::new();
        for payload in &payloads {
            assert!(payload.len() <= 6200, "{}", payload.len());
            seen.push(
                decode(payload)
                    .jobs
                    .into_iter()
                    .map(|j| j.key)
                    .collect::<Vec<_>>(),
            );
        }
        assert_eq!(
            seen,
            [
                vec!["a0", "a1", "a2", "a3", "a4"],
                vec!["a5"],
                vec!["b0", "b1", "b2", "b3", "b4"],
                vec!["b5"],
            ],
            "a chat too large for one event is split; the next chat starts a new one"
        );

        let huge = vec![job("1", "h", &"h".repeat(10_000))];
        assert_eq!(worker_payloads(&huge, 6200).unwrap().len(), 1);
    }

    #[test]
    fn another_worker_version_and_a_stray_event_are_refused() {
        let err = serde_json::from_str::<Invocation>(
            r#"{"hbdta_worker": 1, "jobs": [{"psid": "1", "incoming": {"text": "x"}, "key": "a"}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("worker event version 1 (this binary reads 2)"),
            "{err}"
        );
        assert!(
            serde_json::from_str::<Invocation>(r#"{"detail-type": "Scheduled Event"}"#).is_err()
        );
        assert!(serde_json::from_str::<Invocation>("[]").is_err());
    }
}
