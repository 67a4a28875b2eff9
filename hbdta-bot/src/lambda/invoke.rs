//! The hand-over by Lambda `Invoke`: worker events sent to an asynchronous invocation of this same
//! function, through the AWS SDK over the bot's own HTTP client.

use std::fmt;

use async_trait::async_trait;
use aws_sdk_lambda::config::retry::RetryConfig;
use aws_sdk_lambda::config::{BehaviorVersion, Region};
use aws_sdk_lambda::error::{DisplayErrorContext, SdkError};
use aws_sdk_lambda::operation::invoke::InvokeError;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::InvocationType;

use super::event::{MAX_WORKER_PAYLOAD, worker_payloads};
use crate::aws::{ReqwestClient, credentials};
use crate::config::InvokeTarget;
use crate::dispatch::{Handoff, HandoffError, Refusal};
use crate::job::Job;

/// Sends worker events to a Lambda function with `InvocationType=Event`.
#[derive(Clone)]
pub struct Invoker {
    client: aws_sdk_lambda::Client,
    function_name: String,
    qualifier: Option<String>,
}

impl fmt::Debug for Invoker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invoker")
            .field("function_name", &self.function_name)
            .field("qualifier", &self.qualifier)
            .finish_non_exhaustive()
    }
}

/// A worker event that Lambda did not accept.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InvokeFailure {
    /// The `Invoke` call failed (throttled, refused, timed out, unreachable).
    #[error("Lambda Invoke failed: {}", DisplayErrorContext(.0))]
    Invoke(#[source] Box<SdkError<InvokeError>>),
    /// `Invoke` answered, but not with 202 Accepted.
    #[error("Lambda Invoke answered status {0}, not 202")]
    Status(i32),
    /// A job could not be encoded.
    #[error("a worker event could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
}

impl Invoker {
    /// Invokes `function_name` (at `qualifier`, when given) through `client`.
    #[must_use]
    pub fn new(
        client: aws_sdk_lambda::Client,
        function_name: impl Into<String>,
        qualifier: Option<String>,
    ) -> Self {
        Self {
            client,
            function_name: function_name.into(),
            qualifier,
        }
    }

    /// The invoker for `target`, with [`lambda_client`] over `http`.
    #[must_use]
    pub fn from_target(target: &InvokeTarget, http: &reqwest::Client) -> Self {
        Self::new(
            lambda_client(target, http),
            target.function_name.clone(),
            target.qualifier.clone(),
        )
    }

    /// Hands `jobs` to asynchronous invocations: one, unless the event would exceed
    /// [`MAX_WORKER_PAYLOAD`].
    ///
    /// # Errors
    ///
    /// [`InvokeFailure`] for the first event Lambda did not accept; events sent before it stay
    /// sent.
    pub async fn invoke(&self, jobs: &[Job]) -> Result<(), InvokeFailure> {
        for payload in worker_payloads(jobs, MAX_WORKER_PAYLOAD)? {
            let output = self
                .client
                .invoke()
                .function_name(&self.function_name)
                .set_qualifier(self.qualifier.clone())
                .invocation_type(InvocationType::Event)
                .payload(Blob::new(payload))
                .send()
                .await
                .map_err(|e| InvokeFailure::Invoke(Box::new(e)))?;
            if output.status_code() != 202 {
                return Err(InvokeFailure::Status(output.status_code()));
            }
        }
        Ok(())
    }
}

#[async_trait]
impl Handoff for Invoker {
    /// One `Invoke` (more for a large hand-over). When one is refused, none of the jobs counts
    /// as handed over: Meta delivers the whole body again, and a job already sent in an earlier
    /// event is then answered twice rather than not at all.
    async fn hand_over(&self, jobs: Vec<Job>) -> Result<(), HandoffError> {
        match self.invoke(&jobs).await {
            Ok(()) => Ok(()),
            Err(e) => Err(HandoffError {
                refused: jobs,
                reason: Refusal::Failed(Box::new(e)),
            }),
        }
    }
}

/// The Lambda API client for `target`: the environment's credentials and region, requests sent
/// through `http` (the bot's one HTTP client: its connection pool and TLS set-up), and bounded
/// time. Meta wants the webhook's 200 within 5 s, so an `Invoke` gets 1 s per attempt, two
/// attempts (the SDK retries only throttling and transient errors), 3 s in all; after that the
/// webhook answers 503 and Meta delivers again.
#[must_use]
pub fn lambda_client(target: &InvokeTarget, http: &reqwest::Client) -> aws_sdk_lambda::Client {
    let credentials = credentials(
        &target.access_key_id,
        &target.secret_access_key,
        target.session_token.as_ref(),
    );
    let mut builder = aws_sdk_lambda::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(target.region.clone()))
        .credentials_provider(credentials)
        .http_client(ReqwestClient(http.clone()))
        .retry_config(RetryConfig::standard().with_max_attempts(2))
        .timeout_config(crate::aws::timeouts());
    if let Some(url) = &target.endpoint_url {
        builder = builder.endpoint_url(url.clone());
    }
    aws_sdk_lambda::Client::from_conf(builder.build())
}
