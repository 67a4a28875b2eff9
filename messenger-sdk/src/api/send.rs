//! `send` calls.
