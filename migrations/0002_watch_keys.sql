-- Keys to watch one attempt read-only (docs/class-api.md, "Look over a shoulder"): a
-- teacher's dashboard asks for one so that a window without the login cookie (the desktop
-- window) may follow the attempt. Only the key's SHA-256 is kept, as for every token.

CREATE TABLE watch_keys (
    key_hash TEXT PRIMARY KEY,
    teacher_id TEXT NOT NULL REFERENCES teachers(id),
    attempt_id TEXT NOT NULL REFERENCES attempts(id),
    expires_ms BIGINT NOT NULL
);
