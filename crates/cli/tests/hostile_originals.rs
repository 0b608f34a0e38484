//! Damaged and hostile originals: clear errors, bounded time and memory,
//! never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]
