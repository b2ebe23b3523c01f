//! The class server's store: one SQL database (SQLite by default, PostgreSQL for several
//! classes or several server processes) behind sqlx's `Any` driver, so every query is
//! written once with `$n` parameters and never built from text it was given.

mod attempts;
mod database;
mod keys;
mod people;

pub use attempts::{AttemptRow, ClassAttempt, Ending, StoredEntry};
pub use database::{Store, StoreError, sqlite_url};
pub use people::{Assignment, Class, Student};
