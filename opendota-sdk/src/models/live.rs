//! Models of the `live` endpoints.
