//! `GET /constants/{resource}`: the static game data of
//! [dotaconstants](https://github.com/odota/dotaconstants/tree/master/build).

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::client::{Call, Client};
use crate::error::{Error, Result};
use crate::models::constants::{GameModeConstant, HeroCatalog, LobbyTypeConstant, Patch};
use crate::models::enums::{GameMode, LobbyType, Region};

impl Client {
    /// The dotaconstants files: heroes, game modes, regions, patches and any other file.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let heroes = client.constants().heroes().await?;
    /// println!("{:?}", heroes.name(opendota_sdk::HeroId(14)));
    /// # Ok(()) }
    /// ```
    pub fn constants(&self) -> ConstantsHandler<'_> {
        ConstantsHandler { client: self }
    }
}

/// The constants endpoints; made by [`Client::constants`].
///
/// ```no_run
/// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
/// let constants = client.constants();
/// let heroes = constants.heroes().await?;
/// let patches = constants.patches().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ConstantsHandler<'c> {
    client: &'c Client,
}

impl ConstantsHandler<'_> {
    /// Any constants file decoded into `T` (`GET /constants/{resource}`), e.g. `items`,
    /// `item_ids`, `abilities`, `hero_abilities`, `permanent_buffs`.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use std::collections::HashMap;
    ///
    /// let item_ids: HashMap<String, String> = client.constants().get("item_ids").await?;
    /// println!("{:?}", item_ids.get("1"));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an empty name; [`Error::NotFound`] for a file the server
    /// does not have; otherwise see [`Error`].
    pub async fn get<T>(self, resource: &str) -> Result<T>
    where
        T: DeserializeOwned,
    {
        let resource = resource.trim();
        if resource.is_empty() {
            return Err(Error::InvalidInput(
                "the constants resource name is empty".to_owned(),
            ));
        }
        let url = self.client.url(&["constants", resource]);
        self.client.execute(Call::get(url, String::new())).await
    }

    /// Any constants file as untyped JSON (`GET /constants/{resource}`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let items = client.constants().raw("items").await?;
    /// println!("{}", items["blink"]["cost"]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`ConstantsHandler::get`].
    pub async fn raw(self, resource: &str) -> Result<serde_json::Value> {
        self.get(resource).await
    }

    /// Every hero with names, roles and base attributes (`GET /constants/heroes`), as a
    /// [`HeroCatalog`] for lookups by id or name.
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let heroes = client.constants().heroes().await?;
    /// if let Some(hero) = heroes.find_by_name("anti-mage") {
    ///     println!("{} is hero {}", hero.display_name(), hero.id);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn heroes(self) -> Result<HeroCatalog> {
        self.get("heroes").await
    }

    /// Every game mode by id (`GET /constants/game_mode`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::GameMode;
    ///
    /// let modes = client.constants().game_modes().await?;
    /// println!("{:?}", modes.get(&GameMode::Turbo).and_then(|m| m.name.as_deref()));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn game_modes(self) -> Result<HashMap<GameMode, GameModeConstant>> {
        self.get("game_mode").await
    }

    /// Every lobby type by id (`GET /constants/lobby_type`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let lobbies = client.constants().lobby_types().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn lobby_types(self) -> Result<HashMap<LobbyType, LobbyTypeConstant>> {
        self.get("lobby_type").await
    }

    /// Every region id with its name in capitals, e.g. `EUROPE` (`GET /constants/region`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::Region;
    ///
    /// let regions = client.constants().regions().await?;
    /// println!("{:?}", regions.get(&Region::Europe));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn regions(self) -> Result<HashMap<Region, String>> {
        self.get("region").await
    }

    /// Every patch, oldest first (`GET /constants/patch`). The `patch` player filter takes a
    /// [`Patch::id`].
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let patches = client.constants().patches().await?;
    /// if let Some(latest) = patches.iter().max_by_key(|p| p.id) {
    ///     println!("current patch {:?} (id {})", latest.name, latest.id);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn patches(self) -> Result<Vec<Patch>> {
        self.get("patch").await
    }

    /// The region of every server cluster (a match's `cluster` → its [`Region`];
    /// `GET /constants/cluster`).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// let clusters = client.constants().clusters().await?;
    /// println!("cluster 133 is in {:?}", clusters.get(&133));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// See [`Error`].
    pub async fn clusters(self) -> Result<HashMap<u32, Region>> {
        self.get("cluster").await
    }
}
