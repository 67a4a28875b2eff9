//! `pro_players` endpoints.
