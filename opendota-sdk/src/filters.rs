//! [`PlayerFilters`]: the 18 shared player filters plus `project`, in one reusable struct.

use serde::{Serialize, Serializer};

use crate::ids::{AccountId, HeroId};
use crate::models::enums::{GameMode, LaneRole, LobbyType, Region};

/// The filters every `/players/{id}/…` aggregate endpoint accepts (`wl`, `matches`, `heroes`,
/// `peers`, `pros`, `totals`, `counts`, `histograms`, `wardmap`, `wordcloud`).
///
/// Unset filters are not sent. `0` and `false` are real values: `.win(false)` sends `win=0`
/// (losses only), `.significant(false)` sends `significant=0` (include turbo and other modes the
/// server hides by default). List filters are sent as repeated keys, the only form the server
/// understands.
///
/// Build it once and reuse it on several endpoints:
///
/// ```
/// use opendota_sdk::{GameMode, HeroId, PlayerFilters};
///
/// let ranked_pudge = PlayerFilters::new()
///     .hero_id(HeroId(14))
///     .game_mode(GameMode::AllDraft)
///     .win(false)
///     .with_hero_id(HeroId(1))
///     .with_hero_id(HeroId(2))
///     .limit(20);
/// assert_eq!(
///     ranked_pudge.to_query(),
///     "limit=20&win=0&game_mode=22&hero_id=14&with_hero_id=1&with_hero_id=2"
/// );
/// ```
///
/// On a request, every filter is also a setter:
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// use opendota_sdk::{AccountId, PlayerFilters};
///
/// let turbo_too = PlayerFilters::new().significant(false).date(30);
/// let player = client.players(AccountId(86745912));
/// let wl = player.wl().filters(turbo_too.clone()).await?;
/// let heroes = player.heroes().filters(turbo_too).having(5).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
pub struct PlayerFilters {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u32>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "bool_as_int"
    )]
    win: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    patch: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    game_mode: Option<GameMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lobby_type: Option<LobbyType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lane_role: Option<LaneRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hero_id: Option<HeroId>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "bool_as_int"
    )]
    is_radiant: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    included_account_id: Vec<AccountId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excluded_account_id: Vec<AccountId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    with_hero_id: Vec<HeroId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    against_hero_id: Vec<HeroId>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "bool_as_int"
    )]
    significant: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    having: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    project: Vec<String>,
}

/// `true` → `1`, `false` → `0`: the form the API's filters take.
pub(crate) fn bool_as_int<S>(value: &Option<bool>, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
{
    match value {
        Some(v) => serializer.serialize_u8(u8::from(*v)),
        None => serializer.serialize_none(),
    }
}

/// Declares the filter setters once, for [`PlayerFilters`] and for every request that takes it,
/// each with a compiled example of the query it sends (`example` setter chain `=>` expected query
/// `on` the player endpoint the request example uses).
macro_rules! player_filter_setters {
    ($(
        $(#[$doc:meta])*
        $name:ident($arg:ident: $ty:ty) => $field:ident $op:tt $value:expr,
        example $ex:literal => $query:literal on $endpoint:literal;
    )*) => {
        impl PlayerFilters {
            $(
                $(#[$doc])*
                ///
                #[doc = concat!(
                    "```\n",
                    "use opendota_sdk::{AccountId, GameMode, HeroId, LaneRole, LobbyType, PlayerFilters, Region};\n\n",
                    "assert_eq!(PlayerFilters::new().", $ex, ".to_query(), \"", $query, "\");\n",
                    "```",
                )]
                pub fn $name(mut self, $arg: $ty) -> Self {
                    player_filter_setters!(@apply self.$field, $op, $value);
                    self
                }
            )*
        }

        impl<T> crate::api::Request<'_, PlayerFilters, T> {
            $(
                $(#[$doc])*
                ///
                #[doc = concat!(
                    "```\n",
                    "use opendota_sdk::{AccountId, Client, GameMode, HeroId, LaneRole, LobbyType, Region};\n\n",
                    "let client = Client::try_new()?;\n",
                    "let request = client.players(86745912).", $endpoint, "().", $ex, ";\n",
                    "assert_eq!(request.query_string(), \"", $query, "\");\n",
                    "// request.await? would send it\n",
                    "# Ok::<(), opendota_sdk::Error>(())\n",
                    "```",
                )]
                pub fn $name(mut self, $arg: $ty) -> Self {
                    self.query = self.query.$name($arg);
                    self
                }
            )*
        }
    };
    (@apply $target:expr, =, $value:expr) => { $target = Some($value) };
    (@apply $target:expr, +=, $value:expr) => { $target.push($value) };
}

player_filter_setters! {
    /// At most this many matches (the newest first, unless `sort` says otherwise).
    limit(n: u32) => limit = n,
        example "limit(20)" => "limit=20" on "matches";
    /// Skip this many matches first.
    offset(n: u32) => offset = n,
        example "limit(20).offset(20)" => "limit=20&offset=20" on "matches";
    /// Only wins (`true`) or only losses (`false`).
    win(won: bool) => win = won,
        example "win(false)" => "win=0" on "matches";
    /// Only matches of this patch id (an index into the `patch` constants, not "7.41").
    patch(id: u32) => patch = id,
        example "patch(56)" => "patch=56" on "wl";
    /// Only matches of this game mode.
    game_mode(mode: GameMode) => game_mode = mode,
        example "game_mode(GameMode::Turbo)" => "game_mode=23" on "wl";
    /// Only matches of this lobby type.
    lobby_type(lobby: LobbyType) => lobby_type = lobby,
        example "lobby_type(LobbyType::Ranked)" => "lobby_type=7" on "wl";
    /// Only matches in this region.
    region(region: Region) => region = region,
        example "region(Region::Europe)" => "region=3" on "wl";
    /// Only matches of the last `days` days.
    date(days: u32) => date = days,
        example "date(30)" => "date=30" on "wl";
    /// Only matches where the player took this lane role.
    lane_role(role: LaneRole) => lane_role = role,
        example "lane_role(LaneRole::Mid)" => "lane_role=2" on "heroes";
    /// Only matches on this hero.
    hero_id(hero: impl Into<HeroId>) => hero_id = hero.into(),
        example "hero_id(HeroId(14))" => "hero_id=14" on "wl";
    /// Only matches on the Radiant (`true`) or Dire (`false`) side.
    is_radiant(radiant: bool) => is_radiant = radiant,
        example "is_radiant(true)" => "is_radiant=1" on "wl";
    /// Only matches this account also played in (repeat for several; all must be there).
    included_account_id(account: impl Into<AccountId>) => included_account_id += account.into(),
        example "included_account_id(AccountId(1)).included_account_id(2)"
            => "included_account_id=1&included_account_id=2" on "wl";
    /// Only matches this account did not play in (repeatable).
    excluded_account_id(account: impl Into<AccountId>) => excluded_account_id += account.into(),
        example "excluded_account_id(AccountId(3))" => "excluded_account_id=3" on "wl";
    /// Only matches with this hero on the player's team (repeatable).
    with_hero_id(hero: impl Into<HeroId>) => with_hero_id += hero.into(),
        example "with_hero_id(1).with_hero_id(HeroId(2))"
            => "with_hero_id=1&with_hero_id=2" on "wl";
    /// Only matches with this hero on the enemy team (repeatable).
    against_hero_id(hero: impl Into<HeroId>) => against_hero_id += hero.into(),
        example "against_hero_id(HeroId(14))" => "against_hero_id=14" on "wl";
    /// `false` also counts matches the server hides by default (turbo, ability draft, very short
    /// games); `true` is the server's default.
    significant(significant: bool) => significant = significant,
        example "significant(false)" => "significant=0" on "wl";
    /// Minimum games for a hero to be listed (`/heroes` only).
    having(games: u32) => having = games,
        example "having(10)" => "having=10" on "heroes";
    /// Sort matches by this column, descending (`kills`, `duration`, …).
    sort(column: impl Into<String>) => sort = column.into(),
        example "sort(\"kills\")" => "sort=kills" on "matches";
    /// Add this column to each row of `/matches` (repeatable; unknown columns are dropped by the
    /// server).
    project(column: impl Into<String>) => project += column.into(),
        example "project(\"kills\").project(\"gold_per_min\")"
            => "project=kills&project=gold_per_min" on "matches";
}

impl PlayerFilters {
    /// No filters.
    ///
    /// ```
    /// use opendota_sdk::PlayerFilters;
    ///
    /// assert_eq!(PlayerFilters::new(), PlayerFilters::default());
    /// assert_eq!(PlayerFilters::new().to_query(), "");
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The query string these filters send.
    ///
    /// ```
    /// use opendota_sdk::PlayerFilters;
    ///
    /// let filters = PlayerFilters::new().significant(false).limit(10);
    /// assert_eq!(filters.to_query(), "limit=10&significant=0");
    /// ```
    #[must_use]
    pub fn to_query(&self) -> String {
        serde_html_form::to_string(self).unwrap_or_default()
    }
}

impl<T> crate::api::Request<'_, PlayerFilters, T> {
    /// Replaces all filters with `filters` (setters called before are dropped; call more after).
    ///
    /// ```
    /// use opendota_sdk::{Client, PlayerFilters};
    ///
    /// let client = Client::try_new()?;
    /// let recent = PlayerFilters::new().date(30).significant(false);
    /// let request = client.players(86745912).wl().limit(5).filters(recent).win(true);
    /// assert_eq!(request.query_string(), "win=1&date=30&significant=0");
    /// # Ok::<(), opendota_sdk::Error>(())
    /// ```
    pub fn filters(mut self, filters: PlayerFilters) -> Self {
        self.query = filters;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_sends_nothing_zero_and_false_are_sent() {
        assert_eq!(PlayerFilters::new().to_query(), "");
        assert_eq!(
            PlayerFilters::new()
                .win(false)
                .is_radiant(false)
                .significant(false)
                .offset(0)
                .to_query(),
            "offset=0&win=0&is_radiant=0&significant=0"
        );
    }

    #[test]
    fn all_nineteen_parameters_in_order() {
        let q = PlayerFilters::new()
            .limit(20)
            .offset(5)
            .win(true)
            .patch(56)
            .game_mode(GameMode::Turbo)
            .lobby_type(LobbyType::Ranked)
            .region(Region::Europe)
            .date(30)
            .lane_role(LaneRole::Mid)
            .hero_id(74)
            .is_radiant(true)
            .included_account_id(1)
            .included_account_id(2)
            .excluded_account_id(3)
            .with_hero_id(4)
            .against_hero_id(5)
            .against_hero_id(6)
            .significant(true)
            .having(10)
            .sort("kills")
            .project("kills")
            .project("hero_id")
            .to_query();
        assert_eq!(
            q,
            "limit=20&offset=5&win=1&patch=56&game_mode=23&lobby_type=7&region=3&date=30\
             &lane_role=2&hero_id=74&is_radiant=1&included_account_id=1&included_account_id=2\
             &excluded_account_id=3&with_hero_id=4&against_hero_id=5&against_hero_id=6\
             &significant=1&having=10&sort=kills&project=kills&project=hero_id"
        );
    }
}
