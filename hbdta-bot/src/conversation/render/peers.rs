//! The peers answer: the people a player plays with most.

use std::fmt::Write as _;

use opendota_sdk::AccountId;
use opendota_sdk::models::players::{Peer, Player};

use super::{
    QUOTED_NAME_MAX, choice, payload_for, percent, player_name, ratio, shorten, text_with,
    thousands,
};
use crate::conversation::Reply;
use crate::conversation::intent::Command;

/// Peers listed.
pub const PEERS_LISTED: usize = 10;

/// A peer's name: the pro name, else the Steam name, else `Player <id>`.
fn peer_name(peer: &Peer) -> String {
    peer.name
        .as_deref()
        .or(peer.personaname.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(
            || format!("Player {}", peer.account_id),
            |n| shorten(n, QUOTED_NAME_MAX).to_owned(),
        )
}

/// The people `id` played most games with on the same team (peers met only as opponents are
/// left out): games together and the win rate together, and how they did against each other
/// where they also met as opponents.
#[must_use]
pub fn peers(id: AccountId, player: &Player, peers: &[Peer]) -> Reply {
    let name = player_name(id, player);
    let mut together: Vec<&Peer> = peers
        .iter()
        .filter(|p| p.with_games.unwrap_or(0) > 0)
        .collect();
    together.sort_by_key(|p| std::cmp::Reverse(p.with_games.unwrap_or(0)));
    let back = vec![
        choice("Stats", payload_for(Command::Stats, id)),
        choice("Recent", payload_for(Command::Recent, id)),
    ];
    if together.is_empty() {
        return text_with(
            format!(
                "OpenDota knows nobody {name} ({id}) plays with often. Peers only count people whose match data is public."
            ),
            back,
        );
    }
    let mut body = format!("👥 Who {name} plays with most:");
    for (rank, peer) in together.iter().take(PEERS_LISTED).enumerate() {
        let games = peer.with_games.unwrap_or(0);
        let wins = peer.with_win.unwrap_or(0);
        let _ = write!(
            body,
            "\n{}. {}: {} games together, {} won",
            rank + 1,
            peer_name(peer),
            thousands(u64::from(games)),
            percent(ratio(u64::from(wins), u64::from(games)))
        );
        if let Some(against) = peer.against_games.filter(|g| *g > 0) {
            let won = peer.against_win.unwrap_or(0);
            let _ = write!(
                body,
                " (and {} against, {} won)",
                thousands(u64::from(against)),
                thousands(u64::from(won))
            );
        }
    }
    let mut choices: Vec<_> = together
        .iter()
        .take(PEERS_LISTED - back.len())
        .map(|peer| choice(&peer_name(peer), peer.account_id.to_string()))
        .collect();
    choices.extend(back);
    text_with(body, choices)
}
