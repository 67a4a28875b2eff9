//! Models of `GET /constants/{resource}`: the dotaconstants files (`heroes`, `game_mode`,
//! `lobby_type`, `region`, `patch`, `cluster`), and [`HeroCatalog`] for hero name lookups.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::ids::HeroId;
use crate::models::enums::{GameMode, LobbyType};
use crate::models::heroes::{Hero, hero_attributes};

hero_attributes! {
    /// A hero of the `heroes` constants file: names, roles and base attributes.
    ///
    /// Usually reached through a [`HeroCatalog`].
    pub struct HeroConstant {}
}

impl HeroConstant {
    /// The English name, falling back to the internal name without its `npc_dota_hero_`
    /// prefix, then to the id.
    ///
    /// ```
    /// # use opendota_sdk::models::constants::HeroCatalog;
    /// let catalog: HeroCatalog = serde_json::from_str(
    ///     r#"{"1": {"id": 1, "name": "npc_dota_hero_antimage"}}"#,
    /// ).unwrap();
    /// assert_eq!(catalog.get(1).unwrap().display_name(), "antimage");
    /// ```
    #[must_use]
    pub fn display_name(&self) -> String {
        if let Some(name) = &self.localized_name {
            return name.clone();
        }
        match &self.name {
            Some(name) => name.strip_prefix(HERO_PREFIX).unwrap_or(name).to_owned(),
            None => format!("hero {}", self.id),
        }
    }

    fn from_hero(hero: &Hero) -> Self {
        Self {
            id: hero.id,
            name: hero.name.clone(),
            localized_name: hero.localized_name.clone(),
            primary_attr: hero.primary_attr.clone(),
            attack_type: hero.attack_type.clone(),
            roles: hero.roles.clone(),
            img: None,
            icon: None,
            base_health: None,
            base_health_regen: None,
            base_mana: None,
            base_mana_regen: None,
            base_armor: None,
            base_mr: None,
            base_attack_min: None,
            base_attack_max: None,
            base_str: None,
            base_agi: None,
            base_int: None,
            str_gain: None,
            agi_gain: None,
            int_gain: None,
            attack_range: None,
            projectile_speed: None,
            attack_rate: None,
            base_attack_time: None,
            attack_point: None,
            move_speed: None,
            turn_rate: None,
            cm_enabled: None,
            legs: hero.legs,
            day_vision: None,
            night_vision: None,
        }
    }
}

/// The prefix of internal hero names.
const HERO_PREFIX: &str = "npc_dota_hero_";

/// Every hero by id, with name lookups: the `heroes` constants file
/// ([`ConstantsHandler::heroes`](crate::api::constants::ConstantsHandler::heroes)), or the
/// `/heroes` list turned into one with [`HeroCatalog::from_heroes`] (or `From<Vec<Hero>>`).
///
/// Lookups are hash-map reads, so keep one catalog around and query it freely.
///
/// ```
/// use opendota_sdk::HeroId;
/// use opendota_sdk::models::constants::HeroCatalog;
///
/// let catalog: HeroCatalog = serde_json::from_str(r#"{
///     "1": {"id": 1, "name": "npc_dota_hero_antimage", "localized_name": "Anti-Mage"},
///     "53": {"id": 53, "name": "npc_dota_hero_furion", "localized_name": "Nature's Prophet"}
/// }"#).unwrap();
/// assert_eq!(catalog.name(HeroId(1)), Some("Anti-Mage"));
/// assert_eq!(catalog.find_by_name("anti mage").map(|h| h.id), Some(HeroId(1)));
/// assert_eq!(catalog.find_by_name("natures prophet").map(|h| h.id), Some(HeroId(53)));
/// assert_eq!(catalog.find_by_name("FURION").map(|h| h.id), Some(HeroId(53)));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeroCatalog {
    heroes: HashMap<HeroId, HeroConstant>,
    /// Normalized localized and internal names → id.
    by_name: HashMap<String, HeroId>,
}

impl HeroCatalog {
    /// A catalog of the `/heroes` list (names, attributes and roles only; no base stats).
    ///
    /// ```no_run
    /// # async fn demo(client: opendota_sdk::Client) -> opendota_sdk::Result<()> {
    /// use opendota_sdk::models::constants::HeroCatalog;
    ///
    /// let heroes = client.all_heroes().await?;
    /// let catalog = HeroCatalog::from_heroes(&heroes);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn from_heroes(heroes: &[Hero]) -> Self {
        heroes.iter().map(HeroConstant::from_hero).collect()
    }

    /// The hero with this id.
    ///
    /// ```
    /// # use opendota_sdk::models::constants::HeroCatalog;
    /// let catalog = HeroCatalog::default();
    /// assert!(catalog.get(1).is_none());
    /// ```
    #[must_use]
    pub fn get<I>(&self, id: I) -> Option<&HeroConstant>
    where
        I: Into<HeroId>,
    {
        self.heroes.get(&id.into())
    }

    /// The English name of the hero with this id (`Anti-Mage`).
    ///
    /// ```
    /// # use opendota_sdk::models::constants::HeroCatalog;
    /// let catalog: HeroCatalog =
    ///     serde_json::from_str(r#"[{"id": 2, "localized_name": "Axe"}]"#).unwrap();
    /// assert_eq!(catalog.name(2), Some("Axe"));
    /// ```
    #[must_use]
    pub fn name<I>(&self, id: I) -> Option<&str>
    where
        I: Into<HeroId>,
    {
        self.get(id)?.localized_name.as_deref()
    }

    /// The hero called `name`, by English name (`Anti-Mage`) or internal name (`antimage`,
    /// `npc_dota_hero_antimage`), ignoring case, spaces, dashes, underscores and apostrophes.
    ///
    /// ```
    /// # use opendota_sdk::models::constants::HeroCatalog;
    /// let catalog: HeroCatalog = serde_json::from_str(
    ///     r#"[{"id": 1, "name": "npc_dota_hero_antimage", "localized_name": "Anti-Mage"}]"#,
    /// ).unwrap();
    /// for text in ["Anti-Mage", "anti-mage", "antimage", "npc_dota_hero_antimage", " ANTI MAGE "] {
    ///     assert_eq!(catalog.find_by_name(text).map(|h| h.id.get()), Some(1), "{text}");
    /// }
    /// assert!(catalog.find_by_name("pudge").is_none());
    /// ```
    #[must_use]
    pub fn find_by_name(&self, name: &str) -> Option<&HeroConstant> {
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        self.by_name.get(&key).and_then(|id| self.heroes.get(id))
    }

    /// Every hero, in no particular order.
    ///
    /// ```
    /// # use opendota_sdk::models::constants::HeroCatalog;
    /// let catalog = HeroCatalog::default();
    /// let mut ids: Vec<_> = catalog.iter().map(|h| h.id).collect();
    /// ids.sort();
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &HeroConstant> + '_ {
        self.heroes.values()
    }

    /// How many heroes the catalog holds.
    ///
    /// ```
    /// # use opendota_sdk::models::constants::HeroCatalog;
    /// assert_eq!(HeroCatalog::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.heroes.len()
    }

    /// Whether the catalog holds no hero.
    ///
    /// ```
    /// # use opendota_sdk::models::constants::HeroCatalog;
    /// assert!(HeroCatalog::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.heroes.is_empty()
    }

    fn insert(&mut self, hero: HeroConstant) {
        let id = hero.id;
        // Internal names first, so an English name wins a (so far hypothetical) clash.
        if let Some(name) = &hero.name {
            let key = normalize(name);
            if !key.is_empty() {
                self.by_name.entry(key).or_insert(id);
            }
        }
        if let Some(name) = &hero.localized_name {
            let key = normalize(name);
            if !key.is_empty() {
                self.by_name.insert(key, id);
            }
        }
        self.heroes.insert(id, hero);
    }
}

/// Lowercase letters and digits only, without the internal-name prefix.
fn normalize(name: &str) -> String {
    let key: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    match key.strip_prefix("npcdotahero") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => key,
    }
}

impl FromIterator<HeroConstant> for HeroCatalog {
    fn from_iter<T>(iter: T) -> Self
    where
        T: IntoIterator<Item = HeroConstant>,
    {
        let mut catalog = Self::default();
        for hero in iter {
            catalog.insert(hero);
        }
        catalog
    }
}

impl From<Vec<Hero>> for HeroCatalog {
    fn from(heroes: Vec<Hero>) -> Self {
        Self::from_heroes(&heroes)
    }
}

impl From<&[Hero]> for HeroCatalog {
    fn from(heroes: &[Hero]) -> Self {
        Self::from_heroes(heroes)
    }
}

impl<'a> IntoIterator for &'a HeroCatalog {
    type Item = &'a HeroConstant;
    type IntoIter = std::collections::hash_map::Values<'a, HeroId, HeroConstant>;

    fn into_iter(self) -> Self::IntoIter {
        self.heroes.values()
    }
}

/// Decodes the constants file (an object keyed by hero id) or a list of heroes; `null` is empty.
impl<'de> Deserialize<'de> for HeroCatalog {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HeroCatalog;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of heroes keyed by id, or a list of heroes")
            }
            fn visit_unit<E: de::Error>(self) -> Result<HeroCatalog, E> {
                Ok(HeroCatalog::default())
            }
            fn visit_map<A>(self, mut map: A) -> Result<HeroCatalog, A::Error>
            where
                A: MapAccess<'de>,
            {
                let mut catalog = HeroCatalog::default();
                while let Some((_, hero)) = map.next_entry::<de::IgnoredAny, HeroConstant>()? {
                    catalog.insert(hero);
                }
                Ok(catalog)
            }
            fn visit_seq<A>(self, mut seq: A) -> Result<HeroCatalog, A::Error>
            where
                A: SeqAccess<'de>,
            {
                let mut catalog = HeroCatalog::default();
                while let Some(hero) = seq.next_element::<HeroConstant>()? {
                    catalog.insert(hero);
                }
                Ok(catalog)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Encodes like the constants file: an object keyed by hero id, in id order.
impl Serialize for HeroCatalog {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        let sorted: BTreeMap<HeroId, &HeroConstant> =
            self.heroes.iter().map(|(id, hero)| (*id, hero)).collect();
        let mut map = serializer.serialize_map(Some(sorted.len()))?;
        for (id, hero) in sorted {
            map.serialize_entry(&id.to_string(), hero)?;
        }
        map.end()
    }
}

/// A game mode of the `game_mode` constants file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GameModeConstant {
    /// The game mode.
    pub id: GameMode,
    /// Internal name, e.g. `game_mode_all_pick`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Whether matches of this mode count as "significant" for player statistics.
    #[serde(default, with = "crate::de::lenient")]
    pub balanced: Option<bool>,
}

/// A lobby type of the `lobby_type` constants file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LobbyTypeConstant {
    /// The lobby type.
    pub id: LobbyType,
    /// Internal name, e.g. `lobby_type_ranked`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Whether matches of this lobby type count as "significant" for player statistics.
    #[serde(default, with = "crate::de::lenient")]
    pub balanced: Option<bool>,
}

/// A game patch of the `patch` constants file. The `patch` player filter takes its `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Patch {
    /// Patch index, oldest (6.70) = 0.
    #[serde(with = "crate::de::lenient")]
    pub id: u32,
    /// Version, e.g. `7.41`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Release date (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub date: Option<String>,
}
