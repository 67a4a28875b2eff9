//! Models of the server-information endpoints: `/metadata`, `/distributions`, `/health` and
//! `/schema`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::rank::RankTier;

/// Site metadata from `/metadata` (`MetadataResponse`), including the server's live rate limits.
///
/// The limit fields arrived in 2023; older answers (and mirrors) instead carry `banner` and
/// `cheese`. Every field is therefore optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Metadata {
    /// Calls a day allowed without a key (per IP), e.g. `3000`.
    #[serde(rename = "freeCallLimit", default, with = "crate::de::lenient")]
    pub free_call_limit: Option<u32>,
    /// Calls a minute allowed without a key (per IP), e.g. `60`.
    #[serde(rename = "freeRateLimit", default, with = "crate::de::lenient")]
    pub free_rate_limit: Option<u32>,
    /// Calls a minute allowed with a key (the code default is `300`; production runs `1200`).
    #[serde(rename = "premRateLimit", default, with = "crate::de::lenient")]
    pub prem_rate_limit: Option<u32>,
    /// Parameters of the `/scenarios` endpoints.
    #[serde(default, with = "crate::de::lenient")]
    pub scenarios: Option<ScenariosMetadata>,
    /// Whether the logged-in web user is a subscriber (always `false` through the API).
    #[serde(rename = "isSubscriber", default, with = "crate::de::lenient")]
    pub is_subscriber: Option<bool>,
    /// Whether the logged-in web user sees beta features (always `false` through the API).
    #[serde(default, with = "crate::de::lenient")]
    pub beta: Option<bool>,
    /// The logged-in web user (absent through the API).
    #[serde(default)]
    pub user: Option<serde_json::Value>,
    /// A site banner (legacy; `null` when there is none).
    #[serde(default)]
    pub banner: Option<serde_json::Value>,
    /// The 2018 donation counter (legacy).
    #[serde(default, with = "crate::de::lenient")]
    pub cheese: Option<Cheese>,
}

/// The parameters the `/scenarios` endpoints accept, from [`Metadata::scenarios`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenariosMetadata {
    /// Minimum item cost for `/scenarios/itemTimings`.
    #[serde(rename = "itemCost", default, with = "crate::de::lenient")]
    pub item_cost: Option<u32>,
    /// Item timing buckets in seconds (`450, 600, 720, …`).
    #[serde(default, with = "crate::de::lenient")]
    pub timings: Vec<u32>,
    /// Game duration buckets in seconds (`900, 1800, …`).
    #[serde(rename = "gameDurationBucket", default, with = "crate::de::lenient")]
    pub game_duration_bucket: Vec<u32>,
    /// Valid `scenario` values for `/scenarios/misc` (`first_blood`, `courier_kill`, …).
    #[serde(
        rename = "teamScenariosQueryParams",
        default,
        with = "crate::de::lenient"
    )]
    pub team_scenarios_query_params: Vec<String>,
}

crate::de::lenient_via_deserialize!(ScenariosMetadata);

/// The 2018 donation counter ("cheese"), sent as numeric strings (`"33"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cheese {
    /// Donations so far.
    #[serde(default, with = "crate::de::lenient")]
    pub cheese: Option<u64>,
    /// The goal.
    #[serde(default, with = "crate::de::lenient")]
    pub goal: Option<u64>,
}

crate::de::lenient_via_deserialize!(Cheese);

/// Rank distributions from `/distributions` (`DistributionsResponse`).
///
/// Today only `ranks` is sent (and is `null` while the server has not computed it). 2018
/// answers also had `mmr` and `country_mmr`, as raw database results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Distributions {
    /// Players per rank tier (`bin` is the rank tier: `11` Herald 1 … `80` Immortal).
    #[serde(default, with = "crate::de::lenient")]
    pub ranks: Option<Distribution>,
    /// Players per 100-MMR bucket (legacy; `bin_name` is the bucket's lower MMR bound).
    #[serde(default, with = "crate::de::lenient")]
    pub mmr: Option<Distribution>,
    /// Average MMR per country (legacy).
    #[serde(default, with = "crate::de::lenient")]
    pub country_mmr: Option<CountryDistribution>,
}

/// A histogram: one row per bin, in bin order, with a running total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Distribution {
    /// The bins.
    #[serde(default, with = "crate::de::lenient")]
    pub rows: Vec<DistributionBin>,
    /// The total over all bins.
    #[serde(default, with = "crate::de::lenient")]
    pub sum: Option<DistributionSum>,
    /// The SQL command that produced it (legacy raw results only, `SELECT`).
    #[serde(default, with = "crate::de::lenient")]
    pub command: Option<String>,
    /// Number of rows (legacy raw results only).
    #[serde(rename = "rowCount", default, with = "crate::de::lenient")]
    pub row_count: Option<u64>,
}

crate::de::lenient_via_deserialize!(Distribution);

impl Distribution {
    /// The number of players counted: `sum.count`, or the sum of the bins when `sum` is missing.
    ///
    /// ```
    /// use opendota_sdk::models::metadata::Distribution;
    ///
    /// let ranks: Distribution =
    ///     serde_json::from_str(r#"{"rows": [{"bin": 11, "count": 3}, {"bin": 12, "count": 4}]}"#)?;
    /// assert_eq!(ranks.total(), 7, "the bins' sum when `sum` is missing");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.sum
            .as_ref()
            .and_then(|s| s.count)
            .unwrap_or_else(|| self.rows.iter().filter_map(|r| r.count).sum())
    }
}

/// One bin of a [`Distribution`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DistributionBin {
    /// The bin (a rank tier for [`Distributions::ranks`]).
    #[serde(default, with = "crate::de::lenient")]
    pub bin: Option<u32>,
    /// The bin's label (the rank tier again, or the lower MMR bound for the legacy `mmr`).
    #[serde(default, with = "crate::de::lenient")]
    pub bin_name: Option<u32>,
    /// Players in the bin.
    #[serde(default, with = "crate::de::lenient")]
    pub count: Option<u64>,
    /// Players in this bin and all lower ones.
    #[serde(default, with = "crate::de::lenient")]
    pub cumulative_sum: Option<u64>,
}

crate::de::lenient_via_deserialize!(DistributionBin);

impl DistributionBin {
    /// The bin as a rank tier (meaningful for [`Distributions::ranks`]).
    ///
    /// ```
    /// use opendota_sdk::RankTier;
    /// use opendota_sdk::models::metadata::Distribution;
    ///
    /// let ranks: Distribution = serde_json::from_str(r#"{"rows": [{"bin": 54, "count": 3}]}"#)?;
    /// assert_eq!(ranks.rows[0].rank_tier(), Some(RankTier(54)));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn rank_tier(&self) -> Option<RankTier> {
        self.bin.and_then(|b| u8::try_from(b).ok()).map(RankTier)
    }
}

/// The total of a [`Distribution`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DistributionSum {
    /// Players counted.
    #[serde(default, with = "crate::de::lenient")]
    pub count: Option<u64>,
}

crate::de::lenient_via_deserialize!(DistributionSum);

/// Average MMR per country (legacy `country_mmr`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CountryDistribution {
    /// One row per country.
    #[serde(default, with = "crate::de::lenient")]
    pub rows: Vec<CountryMmr>,
}

crate::de::lenient_via_deserialize!(CountryDistribution);

/// One country of [`Distributions::country_mmr`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CountryMmr {
    /// ISO country code, e.g. `SG`.
    #[serde(default, with = "crate::de::lenient")]
    pub loccountrycode: Option<String>,
    /// Players counted.
    #[serde(default, with = "crate::de::lenient")]
    pub count: Option<u64>,
    /// Average MMR (sent as a numeric string, `"3568"`).
    #[serde(default, with = "crate::de::lenient")]
    pub avg: Option<f64>,
    /// Country name, e.g. `Singapore`.
    #[serde(default, with = "crate::de::lenient")]
    pub common: Option<String>,
}

crate::de::lenient_via_deserialize!(CountryMmr);

/// Service health from `/health`: one [`HealthCheck`] per check name (`parseDelay`,
/// `postgresUsage`, `retriever`, …).
///
/// The server answers `500` when any check fails, so an unhealthy server reaches the caller as
/// [`Error::Api`](crate::Error::Api) with status 500 (the checks are in its `body`). An empty
/// answer (checks not yet run) decodes as no checks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct Health {
    /// The checks by name.
    pub checks: HashMap<String, HealthCheck>,
}

impl Health {
    /// Whether every check passes (`true` when there are no checks).
    ///
    /// ```
    /// use opendota_sdk::models::metadata::Health;
    ///
    /// let health: Health = serde_json::from_str(
    ///     r#"{"parseDelay": {"metric": 10, "limit": 100}, "retriever": {"metric": 0, "limit": 0}}"#,
    /// )?;
    /// assert!(!health.is_healthy());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_healthy(&self) -> bool {
        self.checks.values().all(HealthCheck::is_healthy)
    }

    /// The names of the failing checks, sorted.
    ///
    /// ```
    /// use opendota_sdk::models::metadata::Health;
    ///
    /// let health: Health = serde_json::from_str(
    ///     r#"{"parseDelay": {"metric": 10, "limit": 100}, "retriever": {"metric": 0, "limit": 0}}"#,
    /// )?;
    /// assert_eq!(health.failing(), ["retriever"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn failing(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .checks
            .iter()
            .filter(|(_, check)| !check.is_healthy())
            .map(|(name, _)| name.as_str())
            .collect();
        names.sort_unstable();
        names
    }
}

/// One check of [`Health`]: a measured value and the limit it must stay under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HealthCheck {
    /// The measured value (queue length, bytes used, seconds since the last run, …).
    #[serde(default, with = "crate::de::lenient")]
    pub metric: Option<f64>,
    /// The limit (`threshold` in older answers).
    #[serde(default, alias = "threshold", with = "crate::de::lenient")]
    pub limit: Option<f64>,
    /// When the check ran, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub timestamp: Option<i64>,
}

impl HealthCheck {
    /// Whether the check passes: `metric < limit`, as the server judges it (a missing value
    /// fails).
    ///
    /// ```
    /// use opendota_sdk::models::metadata::Health;
    ///
    /// let health: Health = serde_json::from_str(
    ///     r#"{"parseDelay": {"metric": 10, "limit": 100}, "retriever": {"metric": 0, "limit": 0}}"#,
    /// )?;
    /// assert!(health.checks["parseDelay"].is_healthy());
    /// assert!(!health.checks["retriever"].is_healthy(), "0 is not under 0");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_healthy(&self) -> bool {
        matches!((self.metric, self.limit), (Some(m), Some(l)) if m < l)
    }
}

/// One column of the database, from `/schema` (`SchemaResponse`): the tables and columns
/// [`Client::explorer`](crate::Client::explorer) can query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SchemaColumn {
    /// Table, e.g. `matches`.
    pub table_name: String,
    /// Column, e.g. `radiant_win`.
    pub column_name: String,
    /// PostgreSQL type, e.g. `bigint`, `text`, `ARRAY`.
    pub data_type: String,
}
