//! Models of the `request` endpoints.
