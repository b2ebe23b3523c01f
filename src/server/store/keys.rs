//! Keys to watch an attempt read-only, for a window without the teacher's login cookie.

use super::database::{Store, StoreError};

impl Store {
    /// Keeps a watch key (by its hash) of `attempt_id` for `teacher_id` until `expires_ms`.
    pub async fn add_watch_key(
        &self,
        key_hash: &str,
        teacher_id: &str,
        attempt_id: &str,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        let _turn = self.turn().await;
        sqlx::query(
            "INSERT INTO watch_keys (key_hash, teacher_id, attempt_id, expires_ms) VALUES ($1, $2, $3, $4)",
        )
        .bind(key_hash)
        .bind(teacher_id)
        .bind(attempt_id)
        .bind(expires_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The attempt a watch key (by its hash) opens at `now_ms`, if it has not expired.
    pub async fn watch_key(
        &self,
        key_hash: &str,
        now_ms: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT attempt_id FROM watch_keys WHERE key_hash = $1 AND expires_ms > $2",
        )
        .bind(key_hash)
        .bind(now_ms)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(a,)| a))
    }
}
