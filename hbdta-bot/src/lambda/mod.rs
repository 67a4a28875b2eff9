//! AWS Lambda: the same binary and the same router as the server.
//!
//! `main` checks whether `AWS_LAMBDA_RUNTIME_API` is set first and then serves through
//! the Lambda runtime instead of a socket. Everything expensive (the one HTTP client, which the
//! AWS SDK sends through too, the API clients, the caches, the parsed secrets, the AWS SDK
//! client) is built once per execution environment by [`handler`], before the first event; warm
//! invocations reuse it.
//!
//! An invocation is one of two events ([`Invocation`]):
//!
//! - **an HTTP request** from API Gateway (HTTP API, payload v2; REST API, payload v1) or a
//!   Function URL (v2): it goes through the bot's router ([`crate::app::App::router`]), the server's own. `POST
//!   /webhook` checks the signature over the exact body, parses, turns the events into
//!   [`Job`](crate::job::Job)s and hands them to the [`Dispatcher`](crate::dispatch::Dispatcher), then answers 200.
//! - **a worker event** `{"hbdta_worker": 2, "jobs": [...]}` ([`event::WorkerEvent`]; an event of another version is refused with a log line naming both versions): jobs a webhook
//!   invocation handed over. They are answered before the invocation returns (each person's in
//!   order, different people at once) and the result is `{"answered": n}`.
//!
//! How the webhook hands jobs over is `HBDTA_LAMBDA_WORKER` ([`WorkerMode`]):
//!
//! - `invoke` (the default): an asynchronous `Invoke` (`InvocationType=Event`) of the same
//!   function, and qualifier when the environment runs a published version ([`invoke::Invoker`], a [`Handoff`]). The
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
//! Duplicate deliveries: message ids are claimed in the app's store. With DynamoDB (the SAM
//! template's table, `HBDTA_DYNAMODB_TABLE`) a claim is a conditional put, so of all execution
//! environments exactly one answers a redelivery; without a table (the in-memory store, warned
//! about at start) claims are per environment. The same store keeps people's memory and the
//! conversation log, and serves Meta's data deletion callback through the same router.
//!
//! Files: this one (the handler and the runtime loop), [`event`] (what an invocation carries and
//! returns, the worker event), [`invoke`] (the hand-over by `Invoke`).
//!
//! The OpenDota rate limiter is per process too: each concurrent environment has its own, so it
//! caps one environment, not the whole function. Reserved concurrency caps the total.

pub mod event;
pub mod invoke;

use std::convert::Infallible;
use std::fmt;
use std::sync::Arc;

use axum::Router;
use lambda_http::http::Uri;
use lambda_http::request::{LambdaRequest, RequestContext};
use lambda_http::tower::ServiceExt;
use lambda_http::tower::util::MapRequest;
use lambda_http::{Adapter, LambdaEvent, RequestExt, Service};

use self::event::{Invocation, Output};
use self::invoke::Invoker;
use crate::answer::{Answerer, Inline};
use crate::app::App;
use crate::config::{LambdaConfig, WorkerMode};
use crate::dispatch::Handoff;

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

/// Builds what an execution environment keeps between invocations from `app` (built once, before
/// the first event): the hand-over for `config.worker`, the router, the answerer.
#[must_use]
pub fn handler(app: &App, config: &LambdaConfig) -> Handler {
    let answerer = app.answerer();
    let handoff: Arc<dyn Handoff> = match &config.worker {
        WorkerMode::Invoke(target) => Arc::new(Invoker::from_target(target, &app.http)),
        WorkerMode::Inline => Arc::new(Inline(answerer.clone())),
    };
    Handler::new(app.router(&app.dispatcher(handoff)), answerer)
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
    answerer: Answerer,
}

impl fmt::Debug for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handler")
            .field("answerer", &self.answerer)
            .finish_non_exhaustive()
    }
}

impl Handler {
    /// HTTP events go through `router` (the bot's router); worker events are answered by
    /// `answerer`.
    #[must_use]
    pub fn new(router: Router, answerer: Answerer) -> Self {
        let service: HttpService = MapRequest::new(router, without_stage as fn(_) -> _);
        Self {
            http: Adapter::from(service),
            answerer,
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
                self.answerer.answer_all(event.jobs).await;
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
