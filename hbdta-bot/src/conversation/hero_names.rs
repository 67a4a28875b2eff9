//! Hero names as people type them: [`find_hero`] matches a name forgivingly (case, spaces and
//! punctuation, the short names players use, one typo), [`leading_hero`] reads the hero at the
//! start of `invoker arteezy`.
//!
//! The heroes themselves come from OpenDota's constants ([`HeroCatalog`]), so a new hero is
//! known as soon as OpenDota lists it; only the short names are written here. They point at the
//! internal names (`npc_dota_hero_<name>`), which do not change when a hero is renamed.

use opendota_sdk::HeroId;
use opendota_sdk::models::constants::HeroCatalog;

/// Short names → internal hero names. Matched after lowercasing and dropping everything but
/// letters and digits (`Q.o.P` is `qop`).
const SHORT_NAMES: &[(&str, &str)] = &[
    ("aa", "ancient_apparition"),
    ("abba", "abaddon"),
    ("alch", "alchemist"),
    ("am", "antimage"),
    ("arc", "arc_warden"),
    ("bat", "batrider"),
    ("bb", "bristleback"),
    ("bh", "bounty_hunter"),
    ("bm", "beastmaster"),
    ("brew", "brewmaster"),
    ("brood", "broodmother"),
    ("bs", "bloodseeker"),
    ("cent", "centaur"),
    ("ck", "chaos_knight"),
    ("clock", "rattletrap"),
    ("clockwerk", "rattletrap"),
    ("cm", "crystal_maiden"),
    ("dk", "dragon_knight"),
    ("doom", "doom_bringer"),
    ("dp", "death_prophet"),
    ("drow", "drow_ranger"),
    ("ds", "dark_seer"),
    ("dw", "dark_willow"),
    ("ember", "ember_spirit"),
    ("ench", "enchantress"),
    ("es", "earthshaker"),
    ("et", "elder_titan"),
    ("fv", "faceless_void"),
    ("gyro", "gyrocopter"),
    ("invo", "invoker"),
    ("jugg", "juggernaut"),
    ("kotl", "keeper_of_the_light"),
    ("lc", "legion_commander"),
    ("ld", "lone_druid"),
    ("lesh", "leshrac"),
    ("ls", "life_stealer"),
    ("mag", "magnataur"),
    ("magnus", "magnataur"),
    ("mk", "monkey_king"),
    ("morph", "morphling"),
    ("naga", "naga_siren"),
    ("necro", "necrolyte"),
    ("necrophos", "necrolyte"),
    ("np", "furion"),
    ("ns", "night_stalker"),
    ("nyx", "nyx_assassin"),
    ("od", "obsidian_destroyer"),
    ("ogre", "ogre_magi"),
    ("omni", "omniknight"),
    ("pa", "phantom_assassin"),
    ("pango", "pangolier"),
    ("pl", "phantom_lancer"),
    ("potm", "mirana"),
    ("primal", "primal_beast"),
    ("qop", "queenofpain"),
    ("rhasta", "shadow_shaman"),
    ("sb", "spirit_breaker"),
    ("sd", "shadow_demon"),
    ("sf", "nevermore"),
    ("shaker", "earthshaker"),
    ("sk", "sand_king"),
    ("sky", "skywrath_mage"),
    ("snap", "snapfire"),
    ("spec", "spectre"),
    ("ss", "shadow_shaman"),
    ("storm", "storm_spirit"),
    ("ta", "templar_assassin"),
    ("tb", "terrorblade"),
    ("tide", "tidehunter"),
    ("timber", "shredder"),
    ("troll", "troll_warlord"),
    ("underlord", "abyssal_underlord"),
    ("venge", "vengefulspirit"),
    ("veno", "venomancer"),
    ("void", "faceless_void"),
    ("wd", "witch_doctor"),
    ("wk", "skeleton_king"),
    ("wl", "warlock"),
    ("wr", "windrunner"),
    ("ww", "winter_wyvern"),
    ("zeus", "zuus"),
];

/// At most this many heroes offered in "did you mean".
pub const SUGGESTIONS_MAX: usize = 3;

/// What a typed hero name matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeroMatch {
    /// One hero, surely.
    Found(HeroId),
    /// Not sure: the closest heroes, best first (empty when nothing is close).
    DidYouMean(Vec<HeroId>),
}

/// Lowercase letters and digits only.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The hero a name stands for exactly: its English or internal name (ignoring case, spaces and
/// punctuation) or a short name.
fn exact(catalog: &HeroCatalog, text: &str) -> Option<HeroId> {
    if let Some(hero) = catalog.find_by_name(text) {
        return Some(hero.id);
    }
    let typed = key(text);
    SHORT_NAMES
        .iter()
        .find(|(short, _)| *short == typed)
        .and_then(|(_, internal)| catalog.find_by_name(internal))
        .map(|hero| hero.id)
}

/// The names a hero answers to, as keys: English, internal and short names.
fn names_of(catalog: &HeroCatalog, id: HeroId) -> Vec<String> {
    let Some(hero) = catalog.get(id) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    if let Some(name) = &hero.localized_name {
        names.push(key(name));
    }
    if let Some(internal) = &hero.name {
        let internal = internal.strip_prefix("npc_dota_hero_").unwrap_or(internal);
        names.push(key(internal));
        names.extend(
            SHORT_NAMES
                .iter()
                .filter(|(_, of)| key(of) == key(internal))
                .map(|(short, _)| (*short).to_owned()),
        );
    }
    names
}

/// Edits (insert, delete, substitute, swap two neighbours) between two keys.
fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The hero `text` names: exact names and short names first; then one typo away (a single hero
/// is taken, several are offered); then names that start with the text (`invo`) or lie two or
/// three edits away (two for up to seven letters, one for up to four) are offered, closest
/// first.
///
/// Only typos in names of four letters or more count, so `ab` is no typo of `am`.
#[must_use]
pub fn find_hero(catalog: &HeroCatalog, text: &str) -> HeroMatch {
    if let Some(id) = exact(catalog, text) {
        return HeroMatch::Found(id);
    }
    let typed = key(text);
    if typed.is_empty() {
        return HeroMatch::DidYouMean(Vec::new());
    }
    // Longer names may be further off and still be meant.
    let limit = match typed.chars().count() {
        0..=4 => 1,
        5..=7 => 2,
        _ => 3,
    };
    // (distance, English name, id) of every close hero, by its closest name.
    let mut scored: Vec<(usize, String, HeroId)> = catalog
        .iter()
        .filter_map(|hero| {
            let names = names_of(catalog, hero.id);
            let starts = names.iter().any(|n| n.starts_with(&typed));
            let closest = names
                .iter()
                .filter(|n| n.chars().count() >= 4)
                .map(|n| distance(&typed, n))
                .min()
                .unwrap_or(usize::MAX);
            // A prefix counts as two edits: offered, never taken.
            let prefix = starts && typed.chars().count() >= 3;
            let score = if prefix { closest.min(2) } else { closest };
            (prefix || score <= limit).then(|| (score, hero.display_name(), hero.id))
        })
        .collect();
    scored.sort();
    let one_typo: Vec<HeroId> = scored
        .iter()
        .filter(|(d, ..)| *d <= 1)
        .map(|(.., id)| *id)
        .collect();
    if let [id] = one_typo.as_slice() {
        if typed.chars().count() >= 4 {
            return HeroMatch::Found(*id);
        }
    }
    HeroMatch::DidYouMean(
        scored
            .into_iter()
            .take(SUGGESTIONS_MAX)
            .map(|(.., id)| id)
            .collect(),
    )
}

/// The hero named exactly by the first one to three words of `text`, and the rest (trimmed,
/// never empty): `invoker arteezy` → (Invoker, `arteezy`), `shadow fiend 86745912` → (Shadow
/// Fiend, `86745912`). No typos here: `tidehunter main` would otherwise never reach a player
/// called that.
#[must_use]
pub fn leading_hero<'a>(catalog: &HeroCatalog, text: &'a str) -> Option<(HeroId, &'a str)> {
    let text = text.trim();
    let mut ends: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(at, _)| at)
        .collect();
    ends.dedup_by(|b, a| text[*a..*b].trim().is_empty());
    ends.truncate(3);
    ends.into_iter().rev().find_map(|end| {
        let (hero, rest) = text.split_at(end);
        let rest = rest.trim();
        if rest.is_empty() {
            return None;
        }
        exact(catalog, hero).map(|id| (id, rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> HeroCatalog {
        serde_json::from_str(
            r#"[
                {"id": 1, "name": "npc_dota_hero_antimage", "localized_name": "Anti-Mage"},
                {"id": 11, "name": "npc_dota_hero_nevermore", "localized_name": "Shadow Fiend"},
                {"id": 21, "name": "npc_dota_hero_windrunner", "localized_name": "Windranger"},
                {"id": 29, "name": "npc_dota_hero_tidehunter", "localized_name": "Tidehunter"},
                {"id": 39, "name": "npc_dota_hero_queenofpain", "localized_name": "Queen of Pain"},
                {"id": 53, "name": "npc_dota_hero_furion", "localized_name": "Nature's Prophet"},
                {"id": 74, "name": "npc_dota_hero_invoker", "localized_name": "Invoker"},
                {"id": 91, "name": "npc_dota_hero_wisp", "localized_name": "Io"},
                {"id": 14, "name": "npc_dota_hero_pudge", "localized_name": "Pudge"},
                {"id": 2, "name": "npc_dota_hero_axe", "localized_name": "Axe"},
                {"id": 37, "name": "npc_dota_hero_warlock", "localized_name": "Warlock"},
                {"id": 38, "name": "npc_dota_hero_beastmaster", "localized_name": "Beastmaster"}
            ]"#,
        )
        .expect("catalog")
    }

    fn found(n: u16) -> HeroMatch {
        HeroMatch::Found(HeroId(n))
    }

    #[test]
    fn exact_and_short_names() {
        let catalog = catalog();
        for (typed, id) in [
            ("invoker", 74),
            ("INVOKER", 74),
            ("Anti-Mage", 1),
            ("anti mage", 1),
            ("antimage", 1),
            ("am", 1),
            ("AM", 1),
            ("sf", 11),
            ("shadow fiend", 11),
            ("nevermore", 11),
            ("wr", 21),
            ("windrunner", 21),
            ("qop", 39),
            ("Q.O.P.", 39),
            ("queen of pain", 39),
            ("natures prophet", 53),
            ("Nature's Prophet", 53),
            ("np", 53),
            ("io", 91),
            ("wisp", 91),
            ("invo", 74),
        ] {
            assert_eq!(find_hero(&catalog, typed), found(id), "{typed}");
        }
    }

    #[test]
    fn one_typo_is_forgiven() {
        let catalog = catalog();
        for (typed, id) in [
            ("invokr", 74),
            ("invokeer", 74),
            ("inovker", 74),
            ("ivnoker", 74),
            ("pudg", 14),
            ("windranegr", 21),
            ("tidehuntr", 29),
        ] {
            assert_eq!(find_hero(&catalog, typed), found(id), "{typed}");
        }
    }

    #[test]
    fn unsure_names_get_suggestions() {
        let catalog = catalog();
        // Two edits away: offered, not taken.
        assert_eq!(
            find_hero(&catalog, "invkr"),
            HeroMatch::DidYouMean(vec![HeroId(74)])
        );
        // A prefix of three letters or more is offered.
        assert_eq!(
            find_hero(&catalog, "beast"),
            HeroMatch::DidYouMean(vec![HeroId(38)])
        );
        assert_eq!(find_hero(&catalog, "warlocx"), found(37));
        assert_eq!(
            find_hero(&catalog, "zzzzzzzz"),
            HeroMatch::DidYouMean(vec![])
        );
        assert_eq!(find_hero(&catalog, "cat"), HeroMatch::DidYouMean(vec![]));
        assert_eq!(
            find_hero(&catalog, "pud"),
            HeroMatch::DidYouMean(vec![HeroId(14)])
        );
        assert_eq!(find_hero(&catalog, "  "), HeroMatch::DidYouMean(vec![]));
        // Short typos are not forgiven: `ab` is not `am`.
        assert_eq!(find_hero(&catalog, "ab"), HeroMatch::DidYouMean(vec![]));
    }

    #[test]
    fn leading_heroes() {
        let catalog = catalog();
        assert_eq!(
            leading_hero(&catalog, "invoker arteezy"),
            Some((HeroId(74), "arteezy"))
        );
        assert_eq!(
            leading_hero(&catalog, "Shadow Fiend  86745912"),
            Some((HeroId(11), "86745912"))
        );
        assert_eq!(
            leading_hero(&catalog, "queen of pain tidehunter main"),
            Some((HeroId(39), "tidehunter main"))
        );
        assert_eq!(
            leading_hero(&catalog, "qop some player"),
            Some((HeroId(39), "some player"))
        );
        assert_eq!(
            leading_hero(&catalog, "tidehunter main"),
            Some((HeroId(29), "main"))
        );
        assert_eq!(leading_hero(&catalog, "invokr arteezy"), None);
        assert_eq!(leading_hero(&catalog, "team 1 player 2"), None);
        assert_eq!(leading_hero(&catalog, "invoker"), None);
    }

    #[test]
    fn distances() {
        assert_eq!(distance("invoker", "invoker"), 0);
        assert_eq!(distance("invokr", "invoker"), 1);
        assert_eq!(distance("ivnoker", "invoker"), 1);
        assert_eq!(distance("invkr", "invoker"), 2);
        assert_eq!(distance("", "axe"), 3);
    }
}
