//! Models of the `matches` endpoints.
