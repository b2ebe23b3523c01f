//! The database connection: opened, its tables brought up to date, its errors.

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::{Connection as _, Executor as _};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The database of one or more server processes.
#[derive(Clone, Debug)]
pub struct Store {
    /// The connections (the queries in `attempts.rs` and `people.rs` use them).
    pub(super) pool: AnyPool,
    /// SQLite takes one writer at a time and makes the others sleep and retry; writers of
    /// this process queue here instead (PostgreSQL: `None`, it orders writers itself).
    writer: Option<Arc<Mutex<()>>>,
}

/// Errors from the store: the database's own, or a name that is taken.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or could not be reached.
    #[error("the class database failed: {0}")]
    Database(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("the class database's tables could not be created or updated: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// The SQLite URL of a database file (created when missing).
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

impl Store {
    /// Opens (creating when needed) the database at `url` (`sqlite://…`, `postgres://…`, or
    /// a plain file path for SQLite) and brings its tables up to date.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let url = if url.contains("://") || url.starts_with("sqlite:") {
            url.to_string()
        } else {
            sqlite_url(Path::new(url))
        };
        let sqlite = url.starts_with("sqlite:");
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|conn, _| {
                Box::pin(async move {
                    if conn.backend_name() == "SQLite" {
                        // Every acknowledged entry is on disk (synchronous FULL); readers
                        // never wait for the writer (WAL); writers wait for each other.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        let writer = sqlite.then(|| Arc::new(Mutex::new(())));
        Ok(Store { pool, writer })
    }

    /// Whether the database answers (a round trip).
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        conn.ping().await?;
        Ok(())
    }

    /// This process's turn to write (at once on PostgreSQL).
    pub(super) async fn turn(&self) -> Option<OwnedMutexGuard<()>> {
        match &self.writer {
            Some(w) => Some(Arc::clone(w).lock_owned().await),
            None => None,
        }
    }

    /// Closes every connection (tests reopen the same file).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
