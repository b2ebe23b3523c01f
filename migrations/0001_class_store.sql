-- The class server's store: teachers, classes, assignments, students, attempts and every
-- entry of every attempt. Written once for SQLite and PostgreSQL alike (TEXT, BIGINT and
-- DOUBLE PRECISION mean the same to both); ids are random text, times are milliseconds
-- since 1970 (UTC), simulated times are seconds.

CREATE TABLE teachers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);

CREATE TABLE teacher_sessions (
    token_hash TEXT PRIMARY KEY,
    teacher_id TEXT NOT NULL REFERENCES teachers(id),
    expires_ms BIGINT NOT NULL
);

CREATE TABLE classes (
    id TEXT PRIMARY KEY,
    teacher_id TEXT NOT NULL REFERENCES teachers(id),
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    created_ms BIGINT NOT NULL
);

CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    class_id TEXT NOT NULL REFERENCES classes(id),
    exercise TEXT NOT NULL,
    seed BIGINT,
    due_ms BIGINT,
    created_ms BIGINT NOT NULL
);

CREATE TABLE students (
    id TEXT PRIMARY KEY,
    class_id TEXT NOT NULL REFERENCES classes(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    joined_ms BIGINT NOT NULL
);

CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    student_id TEXT NOT NULL REFERENCES students(id),
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    exercise TEXT NOT NULL,
    seed BIGINT NOT NULL,
    speed DOUBLE PRECISION NOT NULL,
    budget_s DOUBLE PRECISION NOT NULL,
    started_ms BIGINT NOT NULL,
    deadline_ms BIGINT NOT NULL,
    last_seq BIGINT NOT NULL,
    last_t_s DOUBLE PRECISION NOT NULL,
    finished_ms BIGINT,
    ended TEXT,
    end_t_s DOUBLE PRECISION,
    score BIGINT,
    goal_met BIGINT,
    report TEXT
);

CREATE INDEX attempts_by_student ON attempts(student_id);
CREATE INDEX attempts_open ON attempts(deadline_ms);

CREATE TABLE entries (
    attempt_id TEXT NOT NULL REFERENCES attempts(id),
    seq BIGINT NOT NULL,
    t_s DOUBLE PRECISION NOT NULL,
    sender TEXT NOT NULL,
    command TEXT NOT NULL,
    outcome TEXT,
    received_ms BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, seq)
);
