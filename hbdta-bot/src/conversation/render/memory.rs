//! The replies about what the bot remembers: linking, "me" with nothing linked, unlinking,
//! forgetting, and a store that is unavailable.

use opendota_sdk::AccountId;

use super::{Command, choice, payload_for, text, text_with};
use crate::conversation::Reply;

/// How to link, shared by the replies that need a link.
const HOW_TO_LINK: &str = "Send “I am” followed by your account id, profile link or name (like I am 86745912), and then “me”, “my heroes”, “my recent” and “compare me <player>” work.";

/// The account is now the person's own.
pub fn linked(id: AccountId, name: &str, rank: &str) -> Reply {
    text_with(
        format!(
            "✅ Got it: you are {name} ({id}), {rank}.\nNow “me”, “my heroes”, “my recent” and “compare me <player>” work. To undo it send unlink; forget me deletes everything I keep about you."
        ),
        vec![
            choice("My stats", payload_for(Command::Stats, id)),
            choice("My heroes", payload_for(Command::Heroes, id)),
            choice("My recent", payload_for(Command::Recent, id)),
        ],
    )
}

/// "me" with nothing linked.
pub fn not_linked() -> Reply {
    text(format!(
        "I don't know which player you are yet. {HOW_TO_LINK}"
    ))
}

/// `unlink`, done.
pub fn unlinked(id: AccountId) -> Reply {
    text(format!(
        "Done: {id} is no longer linked to you. Send “I am <player>” to link another account."
    ))
}

/// `unlink` with nothing linked.
pub fn nothing_to_unlink() -> Reply {
    text(format!(
        "No account is linked to you, so there's nothing to unlink. {HOW_TO_LINK}"
    ))
}

/// `forget me`, done.
pub fn forgotten() -> Reply {
    text(
        "🗑️ Done: I've deleted everything I kept about you: your linked account, the last player you looked at and our conversation log.",
    )
}

/// The store failed: what needed it cannot be done now; everything else still works.
pub fn memory_unavailable() -> Reply {
    text(
        "Sorry, my memory is unavailable right now, so I can't use or change what I know about you. Please try again in a minute; looking players up by id, link or name still works.",
    )
}

/// `link` without a player.
pub fn link_whom() -> Reply {
    text(format!("Which player are you? {HOW_TO_LINK}"))
}
