//! Models of the `leagues` endpoints.
