//! Models of the `pro_players` endpoints.
