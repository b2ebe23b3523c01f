//! Attempts and their entries. An entry is appended in one transaction that also moves the
//! attempt's last sequence number on, and only when that number is still the one the
//! entry follows: two connections (or two server processes) can never both append entry n.

use super::database::{Store, StoreError};
use serde::Serialize;

/// An attempt as the store holds it.
#[derive(Clone, Debug, Serialize)]
pub struct AttemptRow {
    /// Its id.
    pub id: String,
    /// The student's id.
    pub student_id: String,
    /// The assignment's id.
    pub assignment_id: String,
    /// The built-in exercise id.
    pub exercise: String,
    /// The seed the server drew (or the teacher fixed).
    pub seed: u64,
    /// Simulated seconds per wall-clock second.
    pub speed: f64,
    /// Simulated seconds the trainee has.
    pub budget_s: f64,
    /// When the server started it, ms since 1970.
    pub started_ms: i64,
    /// When time runs out on the wall clock, ms since 1970.
    pub deadline_ms: i64,
    /// The last acknowledged entry's number (0: none yet).
    pub last_seq: i64,
    /// The last acknowledged entry's simulated time, s.
    pub last_t_s: f64,
    /// Simulated time passed at once by accepted next visits (days at home), s: the
    /// attempt's clock runs this far ahead of its speed.
    pub skipped_s: f64,
    /// How it ended, once graded.
    pub ending: Option<Ending>,
}

/// How a graded attempt ended.
#[derive(Clone, Debug, Serialize)]
pub struct Ending {
    /// When, ms since 1970.
    pub finished_ms: i64,
    /// `finished` (the trainee finished) or `timed-out`.
    pub how: String,
    /// Simulated time graded at, s.
    pub end_t_s: f64,
    /// 0–100.
    pub score: u32,
    /// Whether the exercise's goal was met.
    pub goal_met: bool,
    /// The grade and debrief, as JSON (the window's `ScoreReport`).
    pub report: String,
}

/// One acknowledged entry.
#[derive(Clone, Debug, Serialize)]
pub struct StoredEntry {
    /// Its number in the attempt, from 1.
    pub seq: i64,
    /// Simulated time, s.
    pub t_s: f64,
    /// The sender (`Role` as JSON).
    pub sender: String,
    /// The command (`Command` as JSON).
    pub command: String,
    /// The client's outcome (`Option<Refusal>` as JSON; `None` when accepted).
    pub outcome: Option<String>,
    /// When the server received it, ms since 1970.
    pub received_ms: i64,
}

/// An attempt with its student's name, for a class's results.
#[derive(Clone, Debug)]
pub struct ClassAttempt {
    /// The attempt.
    pub attempt: AttemptRow,
    /// The student's name.
    pub student: String,
}

const ATTEMPT_COLUMNS: &str = "a.id, a.student_id, a.assignment_id, a.exercise, a.seed, a.speed, \
    a.budget_s, a.started_ms, a.deadline_ms, a.last_seq, a.last_t_s, a.finished_ms, a.ended, \
    a.end_t_s, a.score, a.goal_met, a.report, a.skipped_s";

type Head = (
    String,
    String,
    String,
    String,
    i64,
    f64,
    f64,
    i64,
    i64,
    i64,
    f64,
);
type Tail = (
    Option<i64>,
    Option<String>,
    Option<f64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

fn attempt_of(row: &sqlx::any::AnyRow) -> Result<AttemptRow, sqlx::Error> {
    use sqlx::Row;
    let head: Head = (
        row.try_get(0)?,
        row.try_get(1)?,
        row.try_get(2)?,
        row.try_get(3)?,
        row.try_get(4)?,
        row.try_get(5)?,
        row.try_get(6)?,
        row.try_get(7)?,
        row.try_get(8)?,
        row.try_get(9)?,
        row.try_get(10)?,
    );
    let tail: Tail = (
        row.try_get(11)?,
        row.try_get(12)?,
        row.try_get(13)?,
        row.try_get(14)?,
        row.try_get(15)?,
        row.try_get(16)?,
    );
    let ending = match tail {
        (
            Some(finished_ms),
            Some(how),
            Some(end_t_s),
            Some(score),
            Some(goal_met),
            Some(report),
        ) => Some(Ending {
            finished_ms,
            how,
            end_t_s,
            score: u32::try_from(score).unwrap_or(0),
            goal_met: goal_met != 0,
            report,
        }),
        _ => None,
    };
    Ok(AttemptRow {
        id: head.0,
        student_id: head.1,
        assignment_id: head.2,
        exercise: head.3,
        seed: head.4 as u64,
        speed: head.5,
        budget_s: head.6,
        started_ms: head.7,
        deadline_ms: head.8,
        last_seq: head.9,
        last_t_s: head.10,
        skipped_s: row.try_get(17)?,
        ending,
    })
}

impl Store {
    /// Stores a new attempt (no entries yet, not graded: its `last_seq`, `last_t_s` and
    /// `ending` are not read).
    pub async fn start_attempt(&self, a: &AttemptRow) -> Result<(), StoreError> {
        let _turn = self.turn().await;
        sqlx::query(
            "INSERT INTO attempts (id, student_id, assignment_id, exercise, seed, speed, budget_s, \
             started_ms, deadline_ms, last_seq, last_t_s) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0.0)",
        )
        .bind(&a.id)
        .bind(&a.student_id)
        .bind(&a.assignment_id)
        .bind(&a.exercise)
        .bind(a.seed as i64)
        .bind(a.speed)
        .bind(a.budget_s)
        .bind(a.started_ms)
        .bind(a.deadline_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The attempt with this id.
    pub async fn attempt(&self, id: &str) -> Result<Option<AttemptRow>, StoreError> {
        let sql = format!("SELECT {ATTEMPT_COLUMNS} FROM attempts a WHERE a.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(attempt_of).transpose()?)
    }

    /// A student's attempts, oldest first.
    pub async fn student_attempts(&self, student_id: &str) -> Result<Vec<AttemptRow>, StoreError> {
        let sql = format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts a WHERE a.student_id = $1 ORDER BY a.started_ms, a.id"
        );
        let rows = sqlx::query(&sql)
            .bind(student_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(attempt_of).collect::<Result<_, _>>()?)
    }

    /// Every attempt in a class with its student's name, oldest first.
    pub async fn class_attempts(&self, class_id: &str) -> Result<Vec<ClassAttempt>, StoreError> {
        use sqlx::Row;
        let sql = format!(
            "SELECT {ATTEMPT_COLUMNS}, s.name FROM attempts a JOIN students s ON s.id = a.student_id \
             WHERE s.class_id = $1 ORDER BY a.started_ms, a.id"
        );
        let rows = sqlx::query(&sql)
            .bind(class_id)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(ClassAttempt {
                attempt: attempt_of(row)?,
                student: row.try_get(18)?,
            });
        }
        Ok(out)
    }

    /// An attempt's acknowledged entries, in order.
    pub async fn entries(&self, attempt_id: &str) -> Result<Vec<StoredEntry>, StoreError> {
        self.entries_after(attempt_id, 0).await
    }

    /// An attempt's acknowledged entries after entry `seq`, in order (a watcher's next).
    pub async fn entries_after(
        &self,
        attempt_id: &str,
        seq: i64,
    ) -> Result<Vec<StoredEntry>, StoreError> {
        let rows: Vec<(i64, f64, String, String, Option<String>, i64)> = sqlx::query_as(
            "SELECT seq, t_s, sender, command, outcome, received_ms FROM entries \
             WHERE attempt_id = $1 AND seq > $2 ORDER BY seq",
        )
        .bind(attempt_id)
        .bind(seq)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(seq, t_s, sender, command, outcome, received_ms)| StoredEntry {
                    seq,
                    t_s,
                    sender,
                    command,
                    outcome,
                    received_ms,
                },
            )
            .collect())
    }

    /// Appends entry `e` to an open attempt whose last entry is `e.seq - 1`, committed
    /// before this returns. `Ok(false)`: the attempt moved on or ended meanwhile (nothing
    /// stored).
    /// `skip_s` is the time an accepted next visit passes at once (0 for any other entry):
    /// the attempt's clock runs that far ahead, so its time runs out that much sooner.
    pub async fn append(
        &self,
        attempt_id: &str,
        e: &StoredEntry,
        skip_s: f64,
    ) -> Result<bool, StoreError> {
        let _turn = self.turn().await;
        let mut tx = self.pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE attempts SET last_seq = $1, last_t_s = $2, skipped_s = skipped_s + $3, \
             deadline_ms = deadline_ms - CAST($3 * 1000.0 / speed AS BIGINT) \
             WHERE id = $4 AND last_seq = $5 AND finished_ms IS NULL",
        )
        .bind(e.seq)
        .bind(e.t_s)
        .bind(skip_s)
        .bind(attempt_id)
        .bind(e.seq - 1)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO entries (attempt_id, seq, t_s, sender, command, outcome, received_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(attempt_id)
        .bind(e.seq)
        .bind(e.t_s)
        .bind(&e.sender)
        .bind(&e.command)
        .bind(&e.outcome)
        .bind(e.received_ms)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Stores an attempt's grade, unless it was graded already; returns whether this call
    /// graded it. `last_seq` is the entry the grade counted up to: an attempt that moved
    /// on meanwhile is not graded here.
    pub async fn finish(
        &self,
        attempt_id: &str,
        last_seq: i64,
        e: &Ending,
    ) -> Result<bool, StoreError> {
        let _turn = self.turn().await;
        let done = sqlx::query(
            "UPDATE attempts SET finished_ms = $1, ended = $2, end_t_s = $3, score = $4, \
             goal_met = $5, report = $6 WHERE id = $7 AND finished_ms IS NULL AND last_seq = $8",
        )
        .bind(e.finished_ms)
        .bind(&e.how)
        .bind(e.end_t_s)
        .bind(i64::from(e.score))
        .bind(i64::from(e.goal_met))
        .bind(&e.report)
        .bind(attempt_id)
        .bind(last_seq)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done == 1)
    }

    /// Open attempts whose time ran out before `now_ms`.
    pub async fn overdue(&self, now_ms: i64) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM attempts WHERE finished_ms IS NULL AND deadline_ms < $1 ORDER BY deadline_ms LIMIT 100",
        )
        .bind(now_ms)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }
}
