//! The heroes answer: the top 10 heroes of one player.

use std::fmt::Write as _;

use opendota_sdk::AccountId;
use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::players::{Player, PlayerHero};

use super::{TOP_HEROES_LIST, choice, hero_line, payload_for, player_name, text_with};
use crate::conversation::Reply;
use crate::conversation::intent::Command;

/// The top 10 heroes.
#[must_use]
pub fn heroes(
    id: AccountId,
    player: &Player,
    heroes: &[PlayerHero],
    catalog: &HeroCatalog,
) -> Reply {
    let name = player_name(id, player);
    let mut body = format!("🦸 Top heroes of {name}:");
    for (n, hero) in heroes.iter().take(TOP_HEROES_LIST).enumerate() {
        let _ = write!(body, "\n{}. {}", n + 1, hero_line(catalog, hero));
    }
    text_with(
        body,
        vec![
            choice("Stats", payload_for(Command::Stats, id)),
            choice("Recent", payload_for(Command::Recent, id)),
            choice("Compare", payload_for(Command::Compare, id)),
        ],
    )
}
