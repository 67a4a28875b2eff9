//! AWS Lambda: the same binary and the same router as the server.
//!
//! `main` checks [`is_lambda`] (`AWS_LAMBDA_RUNTIME_API` is set) first and then serves through
//! the Lambda runtime instead of a socket. Everything expensive (the one HTTP client, which the
//! AWS SDK sends through too, the API clients, the caches, the parsed secrets, the AWS SDK
//! client) is built once per execution environment by [`handler`], before the first event; warm
//! invocations reuse it.
//!
//! An invocation is one of two events ([`Invocation`]):
//!
//! - **an HTTP request** from API Gateway (HTTP API, payload v2; REST API, payload v1) or a
//!   Function URL (v2): it goes through [`crate::server::app`], the server's own router. `POST
//!   /webhook` checks the signature over the exact body, parses, turns the events into
//!   [`Job`]s and hands them to the [`Dispatcher`], then answers 200.
//! - **a worker event** `{"hbdta_worker": 1, "jobs": [...]}` ([`WorkerEvent`]): jobs a webhook
//!   invocation handed over. They are answered before the invocation returns (each person's in
//!   order, different people at once) and the result is `{"answered": n}`.
//!
//! How the webhook hands jobs over is `HBDTA_LAMBDA_WORKER` ([`WorkerMode`]):
//!
//! - `invoke` (the default): an asynchronous `Invoke` (`InvocationType=Event`) of the same
//!   function, and qualifier when the environment runs a published version ([`Invoker`]). The
//!   webhook answers 200 once Lambda has accepted the event (202), and 503 when it has not, so
//!   Meta delivers the body again. This is the split the original bot used: a Lambda
//!   environment is frozen as soon as it returns its response, so nothing can run "after the
//!   200" the way the server's background workers do.
//! - `inline`: the webhook invocation answers the people itself and replies 200 afterwards. One
//!   invocation instead of two and no IAM permission to invoke, but Meta waits for OpenDota and
//!   the Send API: a cold stats question (4 OpenDota calls, 4 Send API calls) usually takes 1–3
//!   s, and Meta wants its 200 within 5 s, so a slow OpenDota makes Meta redeliver (the
//!   redelivery is recognised in the same warm environment, not in another one).
//!
//! Duplicate deliveries: message ids are remembered for an hour per execution environment, as
//! in the server. A redelivery that API Gateway routes to another (concurrent or newer)
//! environment is answered a second time. Making that global takes a shared store: a DynamoDB
//! `PutItem` with `attribute_not_exists(pk)` on the message id (and a TTL attribute) before the
//! hand-over; not built.
//!
//! The OpenDota rate limiter is per process too: each concurrent environment has its own, so it
//! caps one environment, not the whole function. Reserved concurrency caps the total.

use std::convert::Infallible;
use std::fmt;
use std::time::Duration;

use aws_sdk_lambda::config::retry::RetryConfig;
use aws_sdk_lambda::config::timeout::TimeoutConfig;
use aws_sdk_lambda::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_lambda::error::{DisplayErrorContext, SdkError};
use aws_sdk_lambda::operation::invoke::InvokeError;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::InvocationType;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse as SdkHttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use axum::Router;
use lambda_http::http::Uri;
use lambda_http::request::{LambdaRequest, RequestContext};
use lambda_http::tower::ServiceExt;
use lambda_http::tower::util::MapRequest;
use lambda_http::{Adapter, LambdaEvent, RequestExt, Service};
use messenger_sdk::axum::WebhookConfig;
use secrecy::{ExposeSecret, SecretString};
use serde::de::{Deserializer, Error as _, IgnoredAny};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::config::{self, ConfigError, MessengerConfig, OpenDotaConfig};
use crate::conversation::Conversation;
use crate::server::{AppState, app};
use crate::stats::Stats;
use crate::workers::{self, Dispatcher, Job};

/// The worker event format this binary writes and reads (`"hbdta_worker": 1`).
pub const WORKER_EVENT_VERSION: u32 = 1;

/// The largest worker event payload sent in one `Invoke`. Lambda accepts 256 KiB for an
/// asynchronous invocation; the rest is headroom. Larger hand-overs are split, each person's
/// jobs kept together when they fit.
pub const MAX_WORKER_PAYLOAD: usize = 250 * 1024;

/// Whether this process runs inside AWS Lambda (`AWS_LAMBDA_RUNTIME_API` is set), the check
/// `main` makes before anything else. The Lambda runtime client panics without the variable,
/// which is why the check exists.
#[must_use]
pub fn is_lambda() -> bool {
    std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some_and(|v| !v.is_empty())
}

/// Everything the Lambda mode needs, read once from the environment.
#[derive(Debug, Clone)]
pub struct LambdaConfig {
    /// Messenger credentials and endpoint (the same variables as `serve`).
    pub messenger: MessengerConfig,
    /// OpenDota endpoint and key.
    pub opendota: OpenDotaConfig,
    /// Where accepted events are answered.
    pub worker: WorkerMode,
}

/// `HBDTA_LAMBDA_WORKER`: where the webhook's accepted events are answered.
#[derive(Debug, Clone)]
pub enum WorkerMode {
    /// `invoke` (the default): an asynchronous invocation of this same function.
    Invoke(InvokeTarget),
    /// `inline`: within the webhook invocation, before the 200.
    Inline,
}

/// The function a worker event goes to, and how to reach the Lambda API.
#[derive(Clone)]
pub struct InvokeTarget {
    /// `AWS_LAMBDA_FUNCTION_NAME`.
    pub function_name: String,
    /// `AWS_LAMBDA_FUNCTION_VERSION` unless it is `$LATEST`: a published version invokes
    /// itself, not whatever `$LATEST` is by then.
    pub qualifier: Option<String>,
    /// `AWS_REGION` (or `AWS_DEFAULT_REGION`).
    pub region: String,
    /// `AWS_ACCESS_KEY_ID`: Lambda puts the execution role's credentials in the environment.
    pub access_key_id: String,
    /// `AWS_SECRET_ACCESS_KEY`.
    pub secret_access_key: SecretString,
    /// `AWS_SESSION_TOKEN`.
    pub session_token: Option<SecretString>,
    /// `AWS_ENDPOINT_URL_LAMBDA` (or `AWS_ENDPOINT_URL`): another Lambda API endpoint, a local
    /// fake in tests.
    pub endpoint_url: Option<String>,
}

impl fmt::Debug for InvokeTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvokeTarget")
            .field("function_name", &self.function_name)
            .field("qualifier", &self.qualifier)
            .field("region", &self.region)
            .field("access_key_id", &"<redacted>")
            .field("secret_access_key", &"<redacted>")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "<redacted>"),
            )
            .field("endpoint_url", &self.endpoint_url)
            .finish()
    }
}

impl LambdaConfig {
    /// The Lambda settings from the process environment, beside the Messenger and OpenDota
    /// settings `main` has already read.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] when a variable the Lambda runtime or the hand-over needs is missing or
    /// unusable (the runtime client would panic without them).
    pub fn from_env(
        messenger: MessengerConfig,
        opendota: OpenDotaConfig,
    ) -> Result<Self, ConfigError> {
        Self::from_lookup(messenger, opendota, |name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with the variables read through `var`.
    ///
    /// # Errors
    ///
    /// As [`from_env`](Self::from_env).
    pub fn from_lookup<F>(
        messenger: MessengerConfig,
        opendota: OpenDotaConfig,
        var: F,
    ) -> Result<Self, ConfigError>
    where
        F: Fn(&str) -> Option<String>,
    {
        let get = |name: &str| config::non_empty(var(name));
        let need = |name: &'static str| {
            get(name).ok_or(ConfigError::Missing {
                env: name,
                flag: "(Lambda sets it)",
            })
        };
        // The runtime client reads these three and panics without them.
        let function_name = need("AWS_LAMBDA_FUNCTION_NAME")?;
        let version = need("AWS_LAMBDA_FUNCTION_VERSION")?;
        let memory = need("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")?;
        if memory.parse::<u32>().is_err() {
            return Err(ConfigError::Invalid {
                name: "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                reason: format!("{memory:?} is not a number of MB"),
            });
        }
        let worker = match get("HBDTA_LAMBDA_WORKER").as_deref().map(str::trim) {
            None | Some("invoke") => WorkerMode::Invoke(InvokeTarget {
                qualifier: (version != "$LATEST").then_some(version),
                function_name,
                region: get("AWS_REGION")
                    .or_else(|| get("AWS_DEFAULT_REGION"))
                    .ok_or(ConfigError::Missing {
                        env: "AWS_REGION",
                        flag: "(Lambda sets it)",
                    })?,
                access_key_id: need("AWS_ACCESS_KEY_ID")?,
                secret_access_key: SecretString::from(need("AWS_SECRET_ACCESS_KEY")?),
                session_token: get("AWS_SESSION_TOKEN").map(SecretString::from),
                endpoint_url: get("AWS_ENDPOINT_URL_LAMBDA").or_else(|| get("AWS_ENDPOINT_URL")),
            }),
            Some("inline") => WorkerMode::Inline,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "HBDTA_LAMBDA_WORKER",
                    reason: format!("{other:?} is neither `invoke` nor `inline`"),
                });
            }
        };
        Ok(Self {
            messenger,
            opendota,
            worker,
        })
    }
}

/// Logs for CloudWatch: no colours, no timestamps (CloudWatch adds them), the level from
/// `AWS_LAMBDA_LOG_LEVEL` or `RUST_LOG` (default `info`), JSON lines when the function's log
/// format is JSON (`AWS_LAMBDA_LOG_FORMAT`).
pub fn init_tracing() {
    let level = std::env::var("AWS_LAMBDA_LOG_LEVEL")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| "info".to_owned());
    let filter = tracing_subscriber::EnvFilter::try_new(level.to_ascii_lowercase())
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .with_writer(std::io::stderr);
    let json = std::env::var("AWS_LAMBDA_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Builds everything an execution environment keeps between invocations: the clients, the
/// caches, the dispatcher for `config.worker`, and the router.
///
/// # Errors
///
/// [`ConfigError`] when the TLS backend cannot be set up or a URL or version is unusable.
pub fn handler(config: &LambdaConfig) -> Result<Handler, ConfigError> {
    let http = config::http_client()?;
    let opendota = config.opendota.client(&http)?;
    let graph = config.messenger.client(&http)?;
    let conversation = Conversation::new(Stats::new(opendota));
    let dispatcher = match &config.worker {
        WorkerMode::Invoke(target) => Dispatcher::invoke(Invoker::from_target(target, &http)),
        WorkerMode::Inline => Dispatcher::inline(conversation.clone(), graph.clone()),
    };
    let state = AppState {
        webhook: WebhookConfig::new(
            config.messenger.app_secret.expose_secret(),
            config.messenger.verify_token.expose_secret(),
        ),
        dispatcher,
    };
    Ok(Handler::new(app(state), conversation, graph))
}

/// Serves invocations with `handler` until the runtime stops.
///
/// # Errors
///
/// The runtime's error when the Runtime API cannot be reached.
pub async fn run(handler: Handler) -> Result<(), lambda_http::Error> {
    tracing::info!("hbdta-bot on AWS Lambda (GET/POST /webhook, GET /healthz, worker events)");
    lambda_http::lambda_runtime::run(lambda_http::service_fn(move |event| {
        let handler = handler.clone();
        async move { handler.handle(event).await }
    }))
    .await
}

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
            hbdta_worker: Option<IgnoredAny>,
        }
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let probe: Probe = serde_json::from_str(raw.get()).map_err(D::Error::custom)?;
        if probe.hbdta_worker.is_none() {
            return serde_json::from_str(raw.get())
                .map(|request| Self::Http(Box::new(request)))
                .map_err(D::Error::custom);
        }
        let event: WorkerEvent = serde_json::from_str(raw.get()).map_err(D::Error::custom)?;
        if event.hbdta_worker != WORKER_EVENT_VERSION {
            return Err(D::Error::custom(format!(
                "worker event version {} (this binary reads {WORKER_EVENT_VERSION})",
                event.hbdta_worker
            )));
        }
        Ok(Self::Worker(event))
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

/// The router with API Gateway's stage taken out of the path.
type HttpService = MapRequest<Router, fn(lambda_http::Request) -> lambda_http::Request>;
/// `lambda_http`'s conversion between its events and `http` requests and responses (what
/// `lambda_http::run` wraps a service in).
type HttpAdapter = Adapter<'static, axum::response::Response, HttpService>;
/// API Gateway's response shape for the request's origin.
pub type HttpResponse = <HttpAdapter as Service<LambdaEvent<LambdaRequest>>>::Response;

/// Handles one invocation at a time; cheap to clone (the router, the clients and the caches are
/// shared).
#[derive(Clone)]
pub struct Handler {
    http: HttpAdapter,
    conversation: Conversation,
    graph: messenger_sdk::Client,
}

impl fmt::Debug for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handler")
            .field("conversation", &self.conversation)
            .field("graph", &self.graph)
            .finish_non_exhaustive()
    }
}

impl Handler {
    /// HTTP events go through `router` (the bot's [`app`]); worker events are answered with
    /// `conversation` and sent through `graph`.
    #[must_use]
    pub fn new(router: Router, conversation: Conversation, graph: messenger_sdk::Client) -> Self {
        let service: HttpService = MapRequest::new(router, without_stage as fn(_) -> _);
        Self {
            http: Adapter::from(service),
            conversation,
            graph,
        }
    }

    /// Handles one invocation.
    ///
    /// # Errors
    ///
    /// None: refused requests are HTTP responses, failed answers are logged.
    pub async fn handle(&self, event: LambdaEvent<Invocation>) -> Result<Output, Infallible> {
        let LambdaEvent { payload, context } = event;
        match payload {
            Invocation::Http(request) => {
                let response = self
                    .http
                    .clone()
                    .oneshot(LambdaEvent::new(*request, context))
                    .await?;
                Ok(Output::Http(Box::new(response)))
            }
            Invocation::Worker(event) => {
                let answered = event.jobs.len();
                tracing::debug!(jobs = answered, "worker event");
                workers::answer_all(&self.conversation, &self.graph, event.jobs).await;
                Ok(Output::Worker { answered })
            }
        }
    }
}

/// The request's path without API Gateway's stage (`/prod/webhook` → `/webhook`), so the router
/// sees the same paths behind a REST API stage, a named HTTP API stage, `$default` and a
/// Function URL.
fn without_stage(mut request: lambda_http::Request) -> lambda_http::Request {
    let stage = match request.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(context)) => context.stage.clone(),
        Some(RequestContext::ApiGatewayV2(context)) => context.stage.clone(),
        _ => None,
    };
    let Some(stage) = stage.filter(|s| !s.is_empty() && s != "$default") else {
        return request;
    };
    let uri = request.uri();
    let Some(rest) = uri
        .path()
        .strip_prefix('/')
        .and_then(|p| p.strip_prefix(stage.as_str()))
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
    else {
        return request;
    };
    let path = if rest.is_empty() { "/" } else { rest };
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    let mut parts = uri.clone().into_parts();
    let Ok(path_and_query) = path_and_query.parse() else {
        return request;
    };
    parts.path_and_query = Some(path_and_query);
    if let Ok(uri) = Uri::from_parts(parts) {
        *request.uri_mut() = uri;
    }
    request
}

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
pub enum HandoffError {
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
    /// [`HandoffError`] for the first event Lambda did not accept; events sent before it stay
    /// sent.
    pub async fn invoke(&self, jobs: &[Job]) -> Result<(), HandoffError> {
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
                .map_err(|e| HandoffError::Invoke(Box::new(e)))?;
            if output.status_code() != 202 {
                return Err(HandoffError::Status(output.status_code()));
            }
        }
        Ok(())
    }
}

/// The Lambda API client for `target`: the environment's credentials and region, requests sent
/// through `http` (the bot's one HTTP client: its connection pool and TLS set-up), and bounded
/// time. Meta wants the webhook's 200 within 5 s, so an `Invoke` gets 1 s per attempt, two
/// attempts (the SDK retries only throttling and transient errors), 3 s in all; after that the
/// webhook answers 503 and Meta delivers again.
#[must_use]
pub fn lambda_client(target: &InvokeTarget, http: &reqwest::Client) -> aws_sdk_lambda::Client {
    let credentials = Credentials::new(
        target.access_key_id.clone(),
        target.secret_access_key.expose_secret().to_owned(),
        target
            .session_token
            .as_ref()
            .map(|token| token.expose_secret().to_owned()),
        None,
        "lambda-environment",
    );
    let mut builder = aws_sdk_lambda::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(target.region.clone()))
        .credentials_provider(credentials)
        .http_client(ReqwestClient(http.clone()))
        .retry_config(RetryConfig::standard().with_max_attempts(2))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_millis(500))
                .operation_attempt_timeout(Duration::from_secs(1))
                .operation_timeout(Duration::from_secs(3))
                .build(),
        );
    if let Some(url) = &target.endpoint_url {
        builder = builder.endpoint_url(url.clone());
    }
    aws_sdk_lambda::Client::from_conf(builder.build())
}

/// The AWS SDK's HTTP client: requests go through the bot's reqwest client, instead of the SDK's
/// own hyper client (which brings HTTP/2 and a second TLS set-up into the binary for one call).
/// The SDK signs the request first and bounds its time itself.
#[derive(Debug, Clone)]
struct ReqwestClient(reqwest::Client);

impl HttpClient for ReqwestClient {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for ReqwestClient {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let client = self.0.clone();
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|e| ConnectorError::user(e.into()))?;
            let (parts, body) = request.into_parts();
            // Invoke's payload is in memory; the SDK streams nothing here.
            let body = body
                .bytes()
                .map(bytes::Bytes::copy_from_slice)
                .ok_or_else(|| ConnectorError::user("a streaming request body".into()))?;
            let response = client
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body)
                .send()
                .await
                .map_err(connector_error)?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(connector_error)?;
            let mut http = lambda_http::http::Response::new(SdkBody::from(body));
            *http.status_mut() = status;
            *http.headers_mut() = headers;
            SdkHttpResponse::try_from(http).map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}

/// A reqwest error as the SDK classifies them (timeouts and I/O errors are retried).
fn connector_error(e: reqwest::Error) -> ConnectorError {
    if e.is_timeout() {
        ConnectorError::timeout(e.into())
    } else if e.is_connect() || e.is_request() || e.is_body() {
        ConnectorError::io(e.into())
    } else {
        ConnectorError::other(e.into(), None)
    }
}

/// The worker event payloads for `jobs`: one `{"hbdta_worker":1,"jobs":[…]}` when it fits in
/// `limit` bytes; otherwise jobs grouped by person and packed in order into payloads of at most
/// `limit` bytes (a person's jobs are split only when they alone exceed it, and a single job
/// larger than `limit` travels alone).
///
/// # Errors
///
/// A job that cannot be encoded.
pub fn worker_payloads(jobs: &[Job], limit: usize) -> Result<Vec<Vec<u8>>, serde_json::Error> {
    const HEAD: &[u8] = br#"{"hbdta_worker":1,"jobs":["#;
    const TAIL: &[u8] = b"]}";
    let groups = workers::by_person(jobs.iter())
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
    use std::collections::HashMap;

    use messenger_sdk::Psid;

    use super::*;
    use crate::conversation::Incoming;

    fn messenger() -> MessengerConfig {
        MessengerConfig {
            page_access_token: SecretString::from("token".to_owned()),
            app_secret: SecretString::from("secret".to_owned()),
            verify_token: SecretString::from("verify".to_owned()),
            graph_url: None,
            graph_version: None,
        }
    }

    fn config(vars: &[(&str, &str)]) -> Result<LambdaConfig, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        LambdaConfig::from_lookup(messenger(), OpenDotaConfig::default(), |name| {
            vars.get(name).cloned()
        })
    }

    const RUNTIME: [(&str, &str); 3] = [
        ("AWS_LAMBDA_FUNCTION_NAME", "hbdta-bot"),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"),
    ];
    const AWS: [(&str, &str); 3] = [
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret"),
    ];

    #[test]
    fn invoke_is_the_default_and_a_published_version_invokes_itself() {
        let vars: Vec<_> = RUNTIME.iter().chain(AWS.iter()).copied().collect();
        let WorkerMode::Invoke(target) = config(&vars).unwrap().worker else {
            panic!("invoke expected");
        };
        assert_eq!(target.function_name, "hbdta-bot");
        assert_eq!(target.qualifier, None, "$LATEST is not a qualifier");
        assert_eq!(target.region, "eu-west-1");
        let debug = format!("{target:?}");
        assert!(
            !debug.contains("wJalrXUtnFEMI") && !debug.contains("AKIDEXAMPLE"),
            "{debug}"
        );

        let mut vars = vars;
        vars[1] = ("AWS_LAMBDA_FUNCTION_VERSION", "7");
        vars.push(("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9"));
        let WorkerMode::Invoke(target) = config(&vars).unwrap().worker else {
            panic!("invoke expected");
        };
        assert_eq!(target.qualifier.as_deref(), Some("7"));
        assert_eq!(target.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
    }

    #[test]
    fn inline_needs_no_aws_credentials_and_bad_values_are_named() {
        let mut vars: Vec<_> = RUNTIME.to_vec();
        vars.push(("HBDTA_LAMBDA_WORKER", "inline"));
        assert!(matches!(config(&vars).unwrap().worker, WorkerMode::Inline));

        vars.pop();
        let err = config(&vars).unwrap_err().to_string();
        assert!(err.contains("AWS_REGION"), "{err}");

        vars.push(("HBDTA_LAMBDA_WORKER", "later"));
        let err = config(&vars).unwrap_err().to_string();
        assert!(err.contains("HBDTA_LAMBDA_WORKER"), "{err}");

        let err = config(&RUNTIME[..1]).unwrap_err().to_string();
        assert!(err.contains("AWS_LAMBDA_FUNCTION_VERSION"), "{err}");
    }

    fn job(psid: &str, key: &str, text: &str) -> Job {
        Job {
            psid: Psid::from(psid),
            incoming: Incoming::Text(text.to_owned()),
            key: key.to_owned(),
            received: std::time::Instant::now(),
        }
    }

    fn decode(payload: &[u8]) -> WorkerEvent {
        match serde_json::from_slice::<Invocation>(payload).unwrap() {
            Invocation::Worker(event) => event,
            other => panic!("worker event expected: {other:?}"),
        }
    }

    #[test]
    fn a_small_hand_over_is_one_event_in_arrival_order() {
        let jobs = vec![job("1", "a", "x"), job("2", "b", "y"), job("1", "c", "z")];
        let payloads = worker_payloads(&jobs, MAX_WORKER_PAYLOAD).unwrap();
        assert_eq!(payloads.len(), 1);
        let event = decode(&payloads[0]);
        assert_eq!(event.hbdta_worker, 1);
        let keys: Vec<_> = event.jobs.iter().map(|j| j.key.as_str()).collect();
        assert_eq!(keys, ["a", "c", "b"], "grouped by person, each in order");
        assert_eq!(
            serde_json::to_value(&event.jobs[0]).unwrap(),
            serde_json::json!({"psid": "1", "incoming": {"text": "x"}, "key": "a"})
        );
    }

    #[test]
    fn a_large_hand_over_is_split_under_the_limit_keeping_people_together() {
        let big = "w".repeat(1000);
        let mut jobs = Vec::new();
        for i in 0..6 {
            jobs.push(job("1", &format!("a{i}"), &big));
            jobs.push(job("2", &format!("b{i}"), &big));
        }
        let payloads = worker_payloads(&jobs, 6200).unwrap();
        assert!(payloads.len() >= 2, "{}", payloads.len());
        let mut seen = Vec::new();
        for payload in &payloads {
            assert!(payload.len() <= 6200, "{}", payload.len());
            seen.extend(decode(payload).jobs.into_iter().map(|j| j.key));
        }
        let want: Vec<String> = (0..6)
            .map(|i| format!("a{i}"))
            .chain((0..6).map(|i| format!("b{i}")))
            .collect();
        assert_eq!(seen, want);

        let huge = vec![job("1", "h", &"h".repeat(10_000))];
        assert_eq!(worker_payloads(&huge, 6200).unwrap().len(), 1);
    }

    #[test]
    fn an_unknown_worker_version_and_a_stray_event_are_refused() {
        let err = serde_json::from_str::<Invocation>(r#"{"hbdta_worker": 2, "jobs": []}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("version 2"), "{err}");
        assert!(
            serde_json::from_str::<Invocation>(r#"{"detail-type": "Scheduled Event"}"#).is_err()
        );
        assert!(serde_json::from_str::<Invocation>("[]").is_err());
    }
}
