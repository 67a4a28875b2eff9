//! What the bot's AWS SDK clients (Lambda `Invoke`, the DynamoDB store) share: credentials from
//! the environment without aws-config, and the SDK sending through the bot's own reqwest client.
#![cfg(feature = "dynamodb")]

use std::time::Duration;

use aws_sdk_dynamodb::config::Credentials;
use aws_sdk_dynamodb::config::timeout::TimeoutConfig;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use secrecy::{ExposeSecret, SecretString};

/// The time every AWS call of the bot may take: 500 ms to connect, 1 s per attempt, 3 s in
/// all (the webhook answers 503 after that and Meta delivers again). The `TimeoutConfig` type is
/// the same in every AWS SDK crate.
pub(crate) fn timeouts() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_millis(500))
        .operation_attempt_timeout(Duration::from_secs(1))
        .operation_timeout(Duration::from_secs(3))
        .build()
}

/// Static credentials (what Lambda puts in the environment for the execution role). The
/// `Credentials` type is the same in every AWS SDK crate.
pub(crate) fn credentials(
    access_key_id: &str,
    secret_access_key: &SecretString,
    session_token: Option<&SecretString>,
) -> Credentials {
    Credentials::new(
        access_key_id.to_owned(),
        secret_access_key.expose_secret().to_owned(),
        session_token.map(|token| token.expose_secret().to_owned()),
        None,
        "lambda-environment",
    )
}

/// The AWS SDK's HTTP client: requests go through the bot's reqwest client, instead of the SDK's
/// own hyper client (which brings HTTP/2 and a second TLS set-up into the binary).
/// The SDK signs the request first and bounds its time itself.
#[derive(Debug, Clone)]
pub(crate) struct ReqwestClient(pub(crate) reqwest::Client);

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
            // Invoke's payload and DynamoDB's JSON are in memory; the SDK streams nothing here.
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
            let mut http = axum::http::Response::new(SdkBody::from(body));
            *http.status_mut() = status;
            *http.headers_mut() = headers;
            HttpResponse::try_from(http).map_err(|e| ConnectorError::other(e.into(), None))
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
