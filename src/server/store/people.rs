//! Teachers and their login sessions, classes, assignments and students.

use super::database::{Store, StoreError};
use serde::Serialize;

/// A class: its teacher's, joined with its code.
#[derive(Clone, Debug, Serialize)]
pub struct Class {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The code students join with.
    pub code: String,
}

/// An exercise given to a class.
#[derive(Clone, Debug, Serialize)]
pub struct Assignment {
    /// Its id.
    pub id: String,
    /// The class it belongs to.
    pub class_id: String,
    /// The built-in exercise id.
    pub exercise: String,
    /// The seed every attempt gets, when the teacher fixed one.
    pub seed: Option<u64>,
    /// When it is due, ms since 1970 (UTC).
    pub due_ms: Option<i64>,
}

/// A student of a class (no password: the token the server issued).
#[derive(Clone, Debug, Serialize)]
pub struct Student {
    /// Its id.
    pub id: String,
    /// The class joined.
    pub class_id: String,
    /// The name given when joining.
    pub name: String,
    /// When, ms since 1970.
    pub joined_ms: i64,
}

type AssignmentRow = (String, String, String, Option<i64>, Option<i64>);

fn assignment((id, class_id, exercise, seed, due_ms): AssignmentRow) -> Assignment {
    Assignment {
        id,
        class_id,
        exercise,
        // Stored as the 64 bits of a BIGINT.
        seed: seed.map(|s| s as u64),
        due_ms,
    }
}

fn student((id, class_id, name, joined_ms): (String, String, String, i64)) -> Student {
    Student {
        id,
        class_id,
        name,
        joined_ms,
    }
}

impl Store {
    /// Adds a teacher, or sets the password of the one of that name. Returns whether the
    /// teacher is new.
    pub async fn set_teacher(
        &self,
        id: &str,
        name: &str,
        hash: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let changed = sqlx::query("UPDATE teachers SET password_hash = $1 WHERE name = $2")
            .bind(hash)
            .bind(name)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if changed > 0 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO teachers (id, name, password_hash, created_ms) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(name)
        .bind(hash)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(true)
    }

    /// The id and password hash of the teacher of that name.
    pub async fn teacher(&self, name: &str) -> Result<Option<(String, String)>, StoreError> {
        Ok(
            sqlx::query_as("SELECT id, password_hash FROM teachers WHERE name = $1")
                .bind(name)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The name of the teacher with this id.
    pub async fn teacher_name(&self, id: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT name FROM teachers WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(name,)| name))
    }

    /// Opens a login session (the hash of its cookie's token) until `expires_ms`.
    pub async fn open_session(
        &self,
        token_hash: &str,
        teacher_id: &str,
        expires_ms: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO teacher_sessions (token_hash, teacher_id, expires_ms) VALUES ($1, $2, $3)",
        )
        .bind(token_hash)
        .bind(teacher_id)
        .bind(expires_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The teacher whose session this is, while it has not expired.
    pub async fn session_teacher(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT teacher_id FROM teacher_sessions WHERE token_hash = $1 AND expires_ms > $2",
        )
        .bind(token_hash)
        .bind(now_ms)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Ends a login session.
    pub async fn close_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM teacher_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Creates a class; `false` when its join code is taken (draw another).
    pub async fn create_class(
        &self,
        class: &Class,
        teacher_id: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError> {
        let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM classes WHERE code = $1")
            .bind(&class.code)
            .fetch_optional(&self.pool)
            .await?;
        if taken.is_some() {
            return Ok(false);
        }
        sqlx::query("INSERT INTO classes (id, teacher_id, name, code, created_ms) VALUES ($1, $2, $3, $4, $5)")
            .bind(&class.id)
            .bind(teacher_id)
            .bind(&class.name)
            .bind(&class.code)
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        Ok(true)
    }

    /// The teacher's classes, oldest first.
    pub async fn classes(&self, teacher_id: &str) -> Result<Vec<Class>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, name, code FROM classes WHERE teacher_id = $1 ORDER BY created_ms, id",
        )
        .bind(teacher_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, code)| Class { id, name, code })
            .collect())
    }

    /// The class with this id, if it is this teacher's.
    pub async fn teachers_class(
        &self,
        class_id: &str,
        teacher_id: &str,
    ) -> Result<Option<Class>, StoreError> {
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT id, name, code FROM classes WHERE id = $1 AND teacher_id = $2")
                .bind(class_id)
                .bind(teacher_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, name, code)| Class { id, name, code }))
    }

    /// The class with this join code.
    pub async fn class_by_code(&self, code: &str) -> Result<Option<Class>, StoreError> {
        self.class_where("SELECT id, name, code FROM classes WHERE code = $1", code)
            .await
    }

    /// The class with this id.
    pub async fn class_of(&self, id: &str) -> Result<Option<Class>, StoreError> {
        self.class_where("SELECT id, name, code FROM classes WHERE id = $1", id)
            .await
    }

    /// The class one of the queries above finds by its one parameter.
    async fn class_where(
        &self,
        sql: &'static str,
        value: &str,
    ) -> Result<Option<Class>, StoreError> {
        let row: Option<(String, String, String)> = sqlx::query_as(sql)
            .bind(value)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(id, name, code)| Class { id, name, code }))
    }

    /// Adds an assignment to a class.
    pub async fn add_assignment(&self, a: &Assignment, now_ms: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO assignments (id, class_id, exercise, seed, due_ms, created_ms) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&a.id)
        .bind(&a.class_id)
        .bind(&a.exercise)
        .bind(a.seed.map(|s| s as i64))
        .bind(a.due_ms)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A class's assignments, oldest first.
    pub async fn assignments(&self, class_id: &str) -> Result<Vec<Assignment>, StoreError> {
        let rows: Vec<AssignmentRow> = sqlx::query_as(
            "SELECT id, class_id, exercise, seed, due_ms FROM assignments WHERE class_id = $1 ORDER BY created_ms, id",
        )
        .bind(class_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(assignment).collect())
    }

    /// One assignment of a class.
    pub async fn assignment(
        &self,
        id: &str,
        class_id: &str,
    ) -> Result<Option<Assignment>, StoreError> {
        let row: Option<AssignmentRow> = sqlx::query_as(
            "SELECT id, class_id, exercise, seed, due_ms FROM assignments WHERE id = $1 AND class_id = $2",
        )
        .bind(id)
        .bind(class_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(assignment))
    }

    /// Adds a student who joined a class, known by the hash of its token.
    pub async fn add_student(&self, s: &Student, token_hash: &str) -> Result<(), StoreError> {
        let _turn = self.turn().await;
        sqlx::query("INSERT INTO students (id, class_id, name, token_hash, joined_ms) VALUES ($1, $2, $3, $4, $5)")
            .bind(&s.id)
            .bind(&s.class_id)
            .bind(&s.name)
            .bind(token_hash)
            .bind(s.joined_ms)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The student whose token has this hash.
    pub async fn student_by_token(&self, token_hash: &str) -> Result<Option<Student>, StoreError> {
        let row: Option<(String, String, String, i64)> = sqlx::query_as(
            "SELECT id, class_id, name, joined_ms FROM students WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(student))
    }

    /// The student with this id.
    pub async fn student(&self, id: &str) -> Result<Option<Student>, StoreError> {
        let row: Option<(String, String, String, i64)> =
            sqlx::query_as("SELECT id, class_id, name, joined_ms FROM students WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(student))
    }

    /// A class's students, in the order they joined.
    pub async fn roster(&self, class_id: &str) -> Result<Vec<Student>, StoreError> {
        let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT id, class_id, name, joined_ms FROM students WHERE class_id = $1 ORDER BY joined_ms, id",
        )
        .bind(class_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(student).collect())
    }
}
