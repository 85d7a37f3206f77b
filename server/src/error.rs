//! Turning server-side failures into the wire vocabulary, with the cause logged.

use std::fmt::Display;

use app::error::AppError;
use sea_orm::{DbErr, SqlErr};

/// A short random reference that links a user-visible error to its log line.
pub fn reference() -> String {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return "unknown".into();
    }
    hex::encode(bytes)
}

/// Logs an unexpected failure and answers an `Internal` error naming its reference.
pub fn internal(context: &str, err: impl Display) -> AppError {
    let reference = reference();
    tracing::error!(%reference, context, error = %err, "internal error");
    AppError::Internal { reference }
}

/// `?`-friendly conversion of unexpected failures.
pub trait OrInternal<T> {
    /// Maps the error to [`AppError::Internal`], logging it with `context`.
    fn or_internal(self, context: &str) -> Result<T, AppError>;
}

impl<T, E: Display> OrInternal<T> for Result<T, E> {
    fn or_internal(self, context: &str) -> Result<T, AppError> {
        self.map_err(|e| internal(context, e))
    }
}

/// Whether a database error is a unique-constraint violation (a lost race on a unique name).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
