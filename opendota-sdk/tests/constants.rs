//! `GET /constants/{resource}` and the hero catalog.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::collections::HashMap;

use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::heroes::Hero;
use opendota_sdk::{Error, GameMode, HeroId, LobbyType, Region};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(resource: &str, fixture: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/api/constants/{resource}")))
        .respond_with(common::json_fixture(fixture))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    server
}

#[tokio::test]
async fn heroes_build_a_catalog() {
    let server = serve("heroes", "constants_heroes__current").await;
    let catalog = common::client(&server).constants().heroes().await.unwrap();

    assert_eq!(catalog.len(), 3);
    assert_eq!(catalog.name(HeroId(1)), Some("Anti-Mage"));
    assert_eq!(catalog.name(53), Some("Nature's Prophet"));
    assert_eq!(catalog.name(2), None);
    let am = catalog.get(HeroId(1)).unwrap();
    assert_eq!(am.name.as_deref(), Some("npc_dota_hero_antimage"));
    assert!(am.turn_rate.is_none(), "null turn_rate");
    assert_eq!(am.base_health_regen, Some(1.0));
    assert_eq!(am.attack_point, Some(0.3));
    assert_eq!(am.day_vision, Some(1800));
    let prophet = catalog.get(53).unwrap();
    assert_eq!(prophet.base_health_regen, Some(0.25));
    assert_eq!(prophet.turn_rate, Some(0.6));
    assert_eq!(catalog.get(128).unwrap().legs, Some(4));
    assert_eq!(
        catalog.get(128).unwrap().primary_attr.as_deref(),
        Some("all")
    );

    let mut ids: Vec<_> = catalog.iter().map(|h| h.id).collect();
    ids.sort();
    assert_eq!(ids, [HeroId(1), HeroId(53), HeroId(128)]);
    assert_eq!((&catalog).into_iter().count(), 3);
}

#[test]
fn catalog_finds_heroes_by_any_name_form() {
    let catalog: HeroCatalog =
        serde_json::from_str(&common::fixture("constants_heroes__current")).unwrap();

    for text in [
        "Anti-Mage",
        "anti-mage",
        "antimage",
        "ANTI MAGE",
        "npc_dota_hero_antimage",
        "  anti_mage ",
    ] {
        assert_eq!(
            catalog.find_by_name(text).map(|h| h.id),
            Some(HeroId(1)),
            "{text}"
        );
    }
    for text in [
        "Nature's Prophet",
        "natures prophet",
        "furion",
        "npc_dota_hero_furion",
    ] {
        assert_eq!(
            catalog.find_by_name(text).map(|h| h.id),
            Some(HeroId(53)),
            "{text}"
        );
    }
    assert!(catalog.find_by_name("pudge").is_none());
    assert!(catalog.find_by_name("").is_none());
    assert!(catalog.find_by_name(" - ").is_none());
    assert!(catalog.find_by_name("npc_dota_hero_").is_none());
}

#[test]
fn catalog_round_trips_as_the_constants_object() {
    let catalog: HeroCatalog =
        serde_json::from_str(&common::fixture("constants_heroes__current")).unwrap();
    let json = serde_json::to_value(&catalog).unwrap();
    assert_eq!(json["53"]["localized_name"], "Nature's Prophet");
    let again: HeroCatalog = serde_json::from_value(json).unwrap();
    assert_eq!(again, catalog);
}

#[tokio::test]
async fn catalog_from_the_heroes_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/heroes"))
        .respond_with(common::json_fixture("heroes__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let heroes: Vec<Hero> = common::client(&server).all_heroes().await.unwrap();
    let borrowed = HeroCatalog::from_heroes(&heroes);
    let catalog = HeroCatalog::from(heroes);
    assert_eq!(borrowed, catalog);
    assert_eq!(catalog.len(), 3);
    assert_eq!(catalog.name(14), Some("Pudge"));
    assert_eq!(
        catalog.find_by_name("largo").map(|h| h.id),
        Some(HeroId(155))
    );
    let pudge = catalog.get(14).unwrap();
    assert_eq!(pudge.legs, Some(2));
    assert!(pudge.base_health.is_none(), "the list has no base stats");
    assert_eq!(pudge.display_name(), "Pudge");
}

#[tokio::test]
async fn game_modes_are_keyed_by_enum() {
    let server = serve("game_mode", "constants_game_mode__current").await;
    let modes = common::client(&server)
        .constants()
        .game_modes()
        .await
        .unwrap();

    assert_eq!(modes.len(), 4);
    let turbo = &modes[&GameMode::Turbo];
    assert_eq!(turbo.id, GameMode::Turbo);
    assert_eq!(turbo.name.as_deref(), Some("game_mode_turbo"));
    assert_eq!(turbo.balanced, Some(false));
    assert_eq!(modes[&GameMode::AllPick].balanced, Some(true));
    assert_eq!(
        modes[&GameMode::Unknown(42)].id,
        GameMode::Unknown(42),
        "unknown modes kept"
    );
}

#[tokio::test]
async fn lobby_types_are_keyed_by_enum() {
    let server = serve("lobby_type", "constants_lobby_type__current").await;
    let lobbies = common::client(&server)
        .constants()
        .lobby_types()
        .await
        .unwrap();

    assert_eq!(lobbies.len(), 3);
    assert_eq!(
        lobbies[&LobbyType::Ranked].name.as_deref(),
        Some("lobby_type_ranked")
    );
    assert_eq!(lobbies[&LobbyType::CoopBots].balanced, Some(false));
}

#[tokio::test]
async fn regions_map_ids_to_names() {
    let server = serve("region", "constants_region__current").await;
    let regions = common::client(&server).constants().regions().await.unwrap();

    assert_eq!(regions.len(), 4);
    assert_eq!(regions[&Region::Europe], "EUROPE");
    assert_eq!(regions[&Region::Argentina], "ARGENTINA");
}

#[tokio::test]
async fn patches_decode_in_order() {
    let server = serve("patch", "constants_patch__current").await;
    let patches = common::client(&server).constants().patches().await.unwrap();

    assert_eq!(patches.len(), 3);
    assert_eq!(patches[0].id, 0);
    assert_eq!(patches[0].name.as_deref(), Some("6.70"));
    let latest = patches.iter().max_by_key(|p| p.id).unwrap();
    assert_eq!(latest.id, 60);
    assert_eq!(latest.name.as_deref(), Some("7.41"));
    assert_eq!(latest.date.as_deref(), Some("2026-03-24T00:50:59.580Z"));
}

#[tokio::test]
async fn clusters_map_to_regions() {
    let server = serve("cluster", "constants_cluster__current").await;
    let clusters = common::client(&server)
        .constants()
        .clusters()
        .await
        .unwrap();

    assert_eq!(clusters.len(), 4);
    assert_eq!(clusters[&133], Region::Europe);
    assert_eq!(clusters[&412], Region::Argentina);
}

#[tokio::test]
async fn get_decodes_any_file_into_the_callers_type() {
    let server = serve("item_ids", "constants_item_ids__current").await;
    let items: HashMap<String, String> = common::client(&server)
        .constants()
        .get("item_ids")
        .await
        .unwrap();
    assert_eq!(items["145"], "bfury");
}

#[tokio::test]
async fn raw_returns_json() {
    let server = serve("item_ids", "constants_item_ids__current").await;
    let items = common::client(&server)
        .constants()
        .raw("item_ids")
        .await
        .unwrap();
    assert_eq!(items["1"], "blink");
}

#[tokio::test]
async fn unknown_resource_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/constants/no_such_file"))
        .respond_with(
            ResponseTemplate::new(404).set_body_raw(r#"{"error":"Not Found"}"#, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = common::client(&server)
        .constants()
        .raw("no_such_file")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn empty_resource_is_refused_before_sending() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .constants()
        .raw(" ")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
