//! Models of the `teams` endpoints.
