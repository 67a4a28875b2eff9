//! The hbdta Dota 2 stats bot (work in progress, see issue 5).
