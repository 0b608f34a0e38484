//! The seed written as its authors' originals (Word, Excel, PDF) must give
//! the seed's rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]
