//! Models of the `attachments` calls.
