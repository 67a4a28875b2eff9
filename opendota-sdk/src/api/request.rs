//! `/request/…`: asking OpenDota to parse a replay, and following the job.

use std::num::NonZeroU32;

use reqwest::Method;

use crate::client::{Call, Client};
use crate::error::Result;
use crate::ids::MatchId;
use crate::models::request::{JobId, ParseJob, ParseRequest};

/// What `POST /request/{match_id}` costs against the rate limit.
const PARSE_REQUEST_COST: NonZeroU32 = match NonZeroU32::new(10) {
    Some(cost) => cost,
    None => NonZeroU32::MIN,
};

impl Client {
    /// Asks OpenDota to fetch and parse the replay of a match (`POST /request/{match_id}`).
    /// Replays stay downloadable for about 10 days, so only recent matches can be parsed.
    ///
    /// This call counts as 10 calls against the rate limit, and it is never retried (sending it
    /// twice would queue twice). Follow the job with [`Client::parse_job`].
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let answer = client.parse_request(8_000_000_000_u64).await?;
    /// if let Some(job) = answer.job_id() {
    ///     let state = client.parse_job(job).await?;
    ///     println!("still queued: {}", state.is_some());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error); a 400 [`Error::Api`](crate::Error::Api) when the id is not a
    /// valid match id.
    pub async fn parse_request(&self, match_id: impl Into<MatchId>) -> Result<ParseRequest> {
        let id = match_id.into().to_string();
        self.execute(Call {
            method: Method::POST,
            url: self.url(&["request", &id]),
            query: String::new(),
            cost: PARSE_REQUEST_COST,
            idempotent: false,
        })
        .await
    }

    /// The state of a parse job (`GET /request/{jobId}`): `Some` while it waits or runs,
    /// `None` once it is finished (then fetch the match again) or when the id is unknown.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// match client.parse_job(123_456_u64).await? {
    ///     Some(job) => println!("queued, {:?} attempts left", job.attempts),
    ///     None => println!("done (or unknown)"),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`](crate::Error).
    pub async fn parse_job(&self, job_id: impl Into<JobId>) -> Result<Option<ParseJob>> {
        let id = job_id.into();
        self.execute(Call::get(
            self.url(&["request", id.as_str()]),
            String::new(),
        ))
        .await
    }
}
