//! Who is asking: a teacher's password (an argon2id hash, made as the clinician PIN's is)
//! and login cookie, a student's token. Tokens are random; the store keeps only their
//! SHA-256, so a copy of the database opens no session.

use super::AppState;
use super::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use sha2::{Digest, Sha256};

/// The login cookie's name.
pub const COOKIE_NAME: &str = "scs_session";

/// How long a teacher's login lasts, ms (12 hours: a day of teaching).
pub const LOGIN_MS: i64 = 12 * 3600 * 1000;

/// Shortest and longest password a teacher may set.
const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 8..=256;

/// Why a password cannot be set.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Too short or too long.
    #[error("a teacher's password has 8 to 256 characters")]
    Length,
    /// The hasher failed.
    #[error("the password could not be hashed")]
    Hash,
}

/// A salted argon2id hash of a teacher's password, as a PHC string.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if !PASSWORD_CHARS.contains(&password.chars().count()) {
        return Err(PasswordError::Length);
    }
    crate::clinician::hash_secret(password).ok_or(PasswordError::Hash)
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    password.len() <= 4 * *PASSWORD_CHARS.end() && crate::clinician::verify_secret(password, hash)
}

/// `n` random bytes in hex: ids (16) and tokens (32).
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 (hex) of a token, as the store keeps it.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `Set-Cookie` value of a login (HttpOnly, SameSite=Strict; `Secure` when the server
/// is told it sits behind TLS).
pub fn login_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
        LOGIN_MS / 1000
    )
}

/// The `Set-Cookie` value that ends a login.
pub fn logout_cookie() -> String {
    format!("{COOKIE_NAME}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

/// The login token in a request's cookies.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_string())
}

/// A logged-in teacher (extracted from the login cookie; 401 without one).
pub struct Teacher {
    /// The teacher's id.
    pub id: String,
    /// The hash of the login's token (to end it).
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Teacher {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Teacher, ApiError> {
        let token = cookie_token(&parts.headers).ok_or_else(ApiError::login)?;
        let token_hash = token_hash(&token);
        let id = app
            .store
            .session_teacher(&token_hash, super::now_ms())
            .await?
            .ok_or_else(ApiError::login)?;
        Ok(Teacher { id, token_hash })
    }
}

/// The teacher whose valid login cookie the headers carry (a WebSocket upgrade from the
/// browser build sends it), if any.
pub async fn cookie_teacher(
    app: &AppState,
    headers: &HeaderMap,
) -> Result<Option<String>, ApiError> {
    let Some(token) = cookie_token(headers) else {
        return Ok(None);
    };
    Ok(app
        .store
        .session_teacher(&token_hash(&token), super::now_ms())
        .await?)
}

/// A student, by the token the server issued when it joined (`Authorization: Bearer …`).
pub struct StudentAuth(pub super::store::Student);

/// The student whose token this is.
pub async fn student_of(app: &AppState, token: &str) -> Result<super::store::Student, ApiError> {
    app.store
        .student_by_token(&token_hash(token))
        .await?
        .ok_or_else(|| {
            ApiError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "this student token is not known here: join the class again",
            )
        })
}

impl FromRequestParts<AppState> for StudentAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<StudentAuth, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                ApiError::new(
                    axum::http::StatusCode::UNAUTHORIZED,
                    "a student's token is needed (Authorization: Bearer …): join the class first",
                )
            })?;
        Ok(StudentAuth(student_of(app, token).await?))
    }
}
