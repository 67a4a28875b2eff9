//! Models of the `batch` calls.
