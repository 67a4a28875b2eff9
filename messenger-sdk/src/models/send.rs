//! Models of the `send` calls.
