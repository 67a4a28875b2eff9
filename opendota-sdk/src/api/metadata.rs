//! Server information: `/metadata`, `/distributions`, `/health` and `/schema`.

use serde::de::DeserializeOwned;

use crate::client::{Call, Client};
use crate::error::Result;
use crate::models::metadata::{Distributions, Health, Metadata, SchemaColumn};

/// GETs `/{segment}` without a query.
async fn get_plain<T>(client: &Client, segment: &str) -> Result<T>
where
    T: DeserializeOwned,
{
    client
        .execute(Call::get(client.url(&[segment]), String::new()))
        .await
}

impl Client {
    /// Site metadata, including the live rate limits (`GET /metadata`; not counted against the
    /// rate limit).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let meta = client.metadata().await?;
    /// println!(
    ///     "free: {:?}/min, {:?}/day; with a key: {:?}/min",
    ///     meta.free_rate_limit, meta.free_call_limit, meta.prem_rate_limit
    /// );
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn metadata(&self) -> Result<Metadata> {
        get_plain(self, "metadata").await
    }

    /// How many players hold each rank tier (`GET /distributions`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// if let Some(ranks) = client.distributions().await?.ranks {
    ///     let total = ranks.total();
    ///     for bin in &ranks.rows {
    ///         println!("{:?}: {:?} of {total}", bin.rank_tier(), bin.count);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn distributions(&self) -> Result<Distributions> {
        get_plain(self, "distributions").await
    }

    /// The server's health checks (`GET /health`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::Error;
    ///
    /// match client.health().await {
    ///     Ok(health) => println!("healthy: {}", health.is_healthy()),
    ///     Err(Error::Api { status, .. }) if status.as_u16() == 500 => println!("unhealthy"),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`crate::Error::Api`] with status 500 when a check fails (the server answers 500 then;
    /// like any 5xx it is retried first); otherwise see [`crate::Error`].
    pub async fn health(&self) -> Result<Health> {
        let health: Option<Health> = get_plain(self, "health").await?;
        Ok(health.unwrap_or_default())
    }

    /// Every table column [`Client::explorer`] can query (`GET /schema`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// for col in client.schema().await?.iter().filter(|c| c.table_name == "matches") {
    ///     println!("{} {}", col.column_name, col.data_type);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`crate::Error`].
    pub async fn schema(&self) -> Result<Vec<SchemaColumn>> {
        get_plain(self, "schema").await
    }
}
