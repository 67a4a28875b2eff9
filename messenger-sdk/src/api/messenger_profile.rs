//! `messenger_profile` calls.
