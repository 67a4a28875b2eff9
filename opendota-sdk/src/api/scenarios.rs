//! `GET /scenarios/itemTimings`, `/scenarios/laneRoles` and `/scenarios/misc`: win rates in
//! situations, aggregated weekly from parsed matches.

use serde::Serialize;

use crate::api::Request;
use crate::client::Client;
use crate::ids::HeroId;
use crate::models::enums::LaneRole;
use crate::models::scenarios::{ItemTiming, LaneRoleScenario, TeamScenario};

impl Client {
    /// Win rates of item timings, lane roles and team events.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let vessel = client.scenarios().item_timings().item("spirit_vessel").await?;
    /// # Ok(()) }
    /// ```
    pub fn scenarios(&self) -> ScenariosHandler<'_> {
        ScenariosHandler { client: self }
    }
}

/// The scenarios endpoints; made by [`Client::scenarios`].
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let scenarios = client.scenarios();
/// let items = scenarios.item_timings().hero_id(1).await?;
/// let lanes = scenarios.lane_roles().hero_id(1).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ScenariosHandler<'c> {
    client: &'c Client,
}

/// The query of [`ScenariosHandler::item_timings`].
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// let request = client.scenarios().item_timings().item("blink").hero_id(1);
/// assert_eq!(request.query_string(), "item=blink&hero_id=1");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct ItemTimingsQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hero_id: Option<HeroId>,
}

/// The query of [`ScenariosHandler::lane_roles`].
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// let request = client.scenarios().lane_roles().lane_role(opendota_sdk::LaneRole::Mid);
/// assert_eq!(request.query_string(), "lane_role=2");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct LaneRolesQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    lane_role: Option<LaneRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hero_id: Option<HeroId>,
}

/// The query of [`ScenariosHandler::misc`].
///
/// ```
/// let client = opendota_sdk::Client::try_new()?;
/// let request = client.scenarios().misc().scenario("first_blood");
/// assert_eq!(request.query_string(), "scenario=first_blood");
/// # Ok::<(), opendota_sdk::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct MiscScenariosQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<String>,
}

impl<'c> ScenariosHandler<'c> {
    /// Win rates of heroes that bought an item (costing at least 1400 gold) before a time
    /// (`GET /scenarios/itemTimings`); narrow it with `.item(..)` and `.hero_id(..)`. Without
    /// filters the server answers its first 1600 rows.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let rows = client.scenarios().item_timings().hero_id(1).item("bfury").await?;
    /// for row in rows {
    ///     println!("by {:?}s: {:?}", row.time, row.win_rate());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn item_timings(&self) -> Request<'c, ItemTimingsQuery, Vec<ItemTiming>> {
        Request::new(
            self.client,
            vec!["scenarios".to_owned(), "itemTimings".to_owned()],
            ItemTimingsQuery::default(),
        )
    }

    /// Win rates of heroes in a lane role by match length (`GET /scenarios/laneRoles`);
    /// narrow it with `.lane_role(..)` and `.hero_id(..)`.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::LaneRole;
    ///
    /// let mid_pudge = client.scenarios().lane_roles().lane_role(LaneRole::Mid).hero_id(14).await?;
    /// # Ok(()) }
    /// ```
    pub fn lane_roles(&self) -> Request<'c, LaneRolesQuery, Vec<LaneRoleScenario>> {
        Request::new(
            self.client,
            vec!["scenarios".to_owned(), "laneRoles".to_owned()],
            LaneRolesQuery::default(),
        )
    }

    /// How often teams won after first blood, an early courier kill or friendly / hostile
    /// chat, by side and region (`GET /scenarios/misc`); narrow it with `.scenario(..)`.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let first_blood = client.scenarios().misc().scenario("first_blood").await?;
    /// # Ok(()) }
    /// ```
    pub fn misc(&self) -> Request<'c, MiscScenariosQuery, Vec<TeamScenario>> {
        Request::new(
            self.client,
            vec!["scenarios".to_owned(), "misc".to_owned()],
            MiscScenariosQuery::default(),
        )
    }
}

impl Request<'_, ItemTimingsQuery, Vec<ItemTiming>> {
    /// Only this item, by internal name (`spirit_vessel`, `bfury`; see the `items` constants).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let rows = client.scenarios().item_timings().item("blink").await?;
    /// # Ok(()) }
    /// ```
    pub fn item<S>(mut self, item: S) -> Self
    where
        S: Into<String>,
    {
        self.query.item = Some(item.into());
        self
    }

    /// Only this hero.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let rows = client.scenarios().item_timings().hero_id(1).await?;
    /// # Ok(()) }
    /// ```
    pub fn hero_id<I>(mut self, hero_id: I) -> Self
    where
        I: Into<HeroId>,
    {
        self.query.hero_id = Some(hero_id.into());
        self
    }
}

impl Request<'_, LaneRolesQuery, Vec<LaneRoleScenario>> {
    /// Only this lane role.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let rows = client.scenarios().lane_roles().lane_role(opendota_sdk::LaneRole::Off).await?;
    /// # Ok(()) }
    /// ```
    pub fn lane_role(mut self, lane_role: LaneRole) -> Self {
        self.query.lane_role = Some(lane_role);
        self
    }

    /// Only this hero.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let rows = client.scenarios().lane_roles().hero_id(14).await?;
    /// # Ok(()) }
    /// ```
    pub fn hero_id<I>(mut self, hero_id: I) -> Self
    where
        I: Into<HeroId>,
    {
        self.query.hero_id = Some(hero_id.into());
        self
    }
}

impl Request<'_, MiscScenariosQuery, Vec<TeamScenario>> {
    /// Only this scenario: `first_blood`, `courier_kill`, `pos_chat_1min` or `neg_chat_1min`
    /// (the server ignores other names and answers every scenario).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let rows = client.scenarios().misc().scenario("courier_kill").await?;
    /// # Ok(()) }
    /// ```
    pub fn scenario<S>(mut self, scenario: S) -> Self
    where
        S: Into<String>,
    {
        self.query.scenario = Some(scenario.into());
        self
    }
}
