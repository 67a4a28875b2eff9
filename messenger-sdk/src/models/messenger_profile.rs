//! Models of the `messenger_profile` calls.
