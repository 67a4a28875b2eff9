//! Models of the `players` endpoints.
