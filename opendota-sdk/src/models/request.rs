//! Models of the replay parse requests: `POST /request/{match_id}` and `GET /request/{jobId}`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::de::Lenient;
use crate::ids::MatchId;

/// The id of a parse job. The server sends a number today and sent strings in older versions;
/// both decode. Build one from a number or a string.
///
/// ```
/// use opendota_sdk::models::request::JobId;
///
/// assert_eq!(JobId::from(123_u64), JobId::from("123"));
/// assert_eq!(JobId::from(123_u64).to_string(), "123");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct JobId(pub String);

impl JobId {
    /// The id as text.
    ///
    /// ```
    /// use opendota_sdk::models::request::JobId;
    ///
    /// assert_eq!(JobId::from(" 42 ").as_str(), "42");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<u64> for JobId {
    fn from(value: u64) -> Self {
        Self(value.to_string())
    }
}

impl From<&str> for JobId {
    fn from(value: &str) -> Self {
        Self(value.trim().to_owned())
    }
}

impl From<String> for JobId {
    fn from(value: String) -> Self {
        Self(value.trim().to_owned())
    }
}

impl From<&JobId> for JobId {
    fn from(value: &JobId) -> Self {
        value.clone()
    }
}

impl<'de> Deserialize<'de> for JobId {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        String::deserialize_lenient(deserializer).map(Self)
    }
}

crate::de::lenient_via_deserialize!(JobId);

/// The answer to a parse request ([`Client::parse_request`](crate::Client::parse_request)):
/// `{"job": {"jobId": 123}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParseRequest {
    /// The queued job.
    #[serde(default, with = "crate::de::lenient")]
    pub job: Option<ParseRequestJob>,
}

impl ParseRequest {
    /// The id to follow the job with [`Client::parse_job`](crate::Client::parse_job), if the
    /// server gave one.
    ///
    /// ```
    /// use opendota_sdk::models::request::{JobId, ParseRequest};
    ///
    /// let answer: ParseRequest = serde_json::from_str(r#"{"job": {"jobId": 123456}}"#)?;
    /// assert_eq!(answer.job_id(), Some(&JobId::from("123456")));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn job_id(&self) -> Option<&JobId> {
        self.job.as_ref()?.job_id.as_ref()
    }
}

/// The job inside a [`ParseRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParseRequestJob {
    /// The job id (absent when the server could not queue the job).
    #[serde(default, rename = "jobId", with = "crate::de::lenient")]
    pub job_id: Option<JobId>,
}

crate::de::lenient_via_deserialize!(ParseRequestJob);

/// A parse job still in OpenDota's queue ([`Client::parse_job`](crate::Client::parse_job)).
/// Once the job is done (or if it never existed) the server answers `null` instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParseJob {
    /// The job id (`jobId`; the same as `id`).
    #[serde(default, rename = "jobId", with = "crate::de::lenient")]
    pub job_id: Option<JobId>,
    /// The queue row id.
    #[serde(default, with = "crate::de::lenient")]
    pub id: Option<JobId>,
    /// The queue, e.g. `parse`.
    #[serde(default, rename = "type", with = "crate::de::lenient")]
    pub kind: Option<String>,
    /// When the job was queued (ISO-8601 today; a Unix-milliseconds number in old servers).
    #[serde(default, with = "crate::de::lenient")]
    pub timestamp: Option<String>,
    /// Attempts left.
    #[serde(default, with = "crate::de::lenient")]
    pub attempts: Option<i64>,
    /// The job's input, e.g. `{"match_id": 8000000000}`. See [`ParseJob::match_id`].
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// When the job will next be tried (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub next_attempt_time: Option<String>,
    /// Queue priority (lower runs first).
    #[serde(default, with = "crate::de::lenient")]
    pub priority: Option<i64>,
    /// Deduplication key, e.g. `parse:8000000000`.
    #[serde(default, with = "crate::de::lenient")]
    pub job_key: Option<String>,
}

impl ParseJob {
    /// The match being parsed, read from `data.match_id` (a number or a numeric string).
    ///
    /// ```
    /// use opendota_sdk::MatchId;
    /// use opendota_sdk::models::request::ParseJob;
    ///
    /// let job: ParseJob = serde_json::from_str(r#"{"jobId": 1, "data": {"match_id": "8000000000"}}"#)?;
    /// assert_eq!(job.match_id(), Some(MatchId(8_000_000_000)));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn match_id(&self) -> Option<MatchId> {
        let value = self.data.as_ref()?.get("match_id")?;
        value
            .as_u64()
            .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
            .map(MatchId)
    }
}
