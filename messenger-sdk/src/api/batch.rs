//! Graph batch requests: up to 50 calls in one `POST /<version>/`.

use reqwest::Method;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::limits::{BATCH_MAX, check_count};
use crate::models::batch::{BatchBody, BatchRequest, BatchResponse};

impl Client {
    /// Sends up to 50 calls in one request (`POST /<version>/` with `{"batch": […]}`). The
    /// answers come back in the same order; each is `None` when its call was not run, else its
    /// status and body ([`BatchResponse::body_json`] decodes it or gives the call's error).
    ///
    /// Each call succeeds or fails on its own: a failed send in a batch is not retried, and a
    /// retry of the whole batch happens only when the batch itself was refused as rate limited
    /// or temporarily failed (then no call of it was run).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::batch::BatchRequest;
    /// use serde_json::json;
    ///
    /// let calls: Vec<BatchRequest> = ["7000000000000001", "7000000000000002"]
    ///     .iter()
    ///     .map(|psid| {
    ///         BatchRequest::post(
    ///             "me/messages",
    ///             json!({"recipient": {"id": psid}, "messaging_type": "UPDATE", "message": {"text": "Patch 7.39 is out"}}),
    ///         )
    ///     })
    ///     .collect();
    /// for (call, answer) in client.batch(&calls).await?.into_iter().enumerate() {
    ///     match answer.map(|a| a.body_json::<serde_json::Value>()) {
    ///         Some(Ok(sent)) => println!("{call}: sent {}", sent["message_id"]),
    ///         Some(Err(e)) => println!("{call}: failed: {e}"),
    ///         None => println!("{call}: not run"),
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// Nothing is sent for more than 50 calls ([`Error::Limit`]) or a call without a relative URL
    /// ([`Error::InvalidInput`]); an empty batch answers an empty list without a request. Errors
    /// of the batch request itself as in [`Error`]; errors of single calls are in their answers.
    pub async fn batch(&self, requests: &[BatchRequest]) -> Result<Vec<Option<BatchResponse>>> {
        if requests.is_empty() {
            return Ok(Vec::new());
        }
        check_count("batch", requests.len(), 1, BATCH_MAX)?;
        if let Some(i) = requests
            .iter()
            .position(|r| r.relative_url.trim().is_empty())
        {
            return Err(Error::InvalidInput(format!(
                "batch[{i}].relative_url is empty"
            )));
        }
        let proof = self
            .credentials()
            .into_iter()
            .find_map(|(key, value)| (key == "appsecret_proof").then_some(value));
        let with_proof: Vec<BatchRequest>;
        let batch = match &proof {
            Some(proof) => {
                with_proof = requests
                    .iter()
                    .map(|request| add_proof(request, proof))
                    .collect();
                &with_proof[..]
            }
            None => requests,
        };
        let body = BatchBody {
            batch,
            include_headers: false,
        };
        // `[""]` makes the path `/<version>/`, the Graph root.
        self.call(Method::POST, &[""], &[], Some(&body)).await
    }
}

/// Appends `appsecret_proof` to a call's relative URL, unless it already has one.
fn add_proof(request: &BatchRequest, proof: &str) -> BatchRequest {
    let mut request = request.clone();
    let url = &request.relative_url;
    let has_proof = url.split_once('?').is_some_and(|(_, query)| {
        query
            .split('&')
            .any(|pair| pair.starts_with("appsecret_proof="))
    });
    if !has_proof {
        let separator = if url.contains('?') { '&' } else { '?' };
        request.relative_url = format!("{url}{separator}appsecret_proof={proof}");
    }
    request
}
