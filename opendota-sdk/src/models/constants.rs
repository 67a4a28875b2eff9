//! Models of the `constants` endpoints.
