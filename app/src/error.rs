//! The one error type that crosses the wire.
//!
//! Every server function returns `Result<T, AppError>`. The variants are the
//! vocabulary the UI understands; server-side causes (SQL errors, I/O) are
//! logged on the server with a reference and never shown to users.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A problem with one form field, shown next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name` attribute.
    pub field: String,
    /// A sentence a person understands.
    pub message: String,
}

/// Everything that can go wrong, as the client sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    /// No valid session: the person must log in.
    #[error("Please log in to continue.")]
    NotAuthenticated,
    /// Logged in, but this role may not do this.
    #[error("{message}")]
    Forbidden {
        /// Why, in words.
        message: String,
    },
    /// The object does not exist, or belongs to someone else (never say which).
    #[error("{what} was not found.")]
    NotFound {
        /// What was looked for, e.g. "Deployment".
        what: String,
    },
    /// One or more fields are invalid.
    #[error("{}", first_message(.errors))]
    Validation {
        /// The invalid fields, in form order.
        errors: Vec<FieldError>,
    },
    /// The request conflicts with the current state (duplicate slug, wrong status).
    #[error("{message}")]
    Conflict {
        /// Why, in words.
        message: String,
    },
    /// The tenant's plan does not allow this.
    #[error("{message}")]
    PlanLimit {
        /// Which limit, in words.
        message: String,
    },
    /// Too many attempts; try again later.
    #[error("{message}")]
    RateLimited {
        /// Why, in words.
        message: String,
        /// Seconds until the next attempt may succeed.
        retry_after_secs: u64,
    },
    /// The request itself is malformed (missing or mistyped arguments).
    #[error("{message}")]
    BadRequest {
        /// What was wrong, in words.
        message: String,
    },
    /// Something failed on the server; the reference finds it in the logs.
    #[error("Something went wrong on our side (reference {reference}). Please try again.")]
    Internal {
        /// A short id that appears in the server log next to the cause.
        reference: String,
    },
}

fn first_message(errors: &[FieldError]) -> String {
    errors
        .first()
        .map(|e| e.message.clone())
        .unwrap_or_else(|| "The form has errors.".to_owned())
}

impl AppError {
    /// A single-field validation error.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Validation {
            errors: vec![FieldError {
                field: field.to_owned(),
                message: message.into(),
            }],
        }
    }

    /// A not-found error for the named kind of object.
    pub fn not_found(what: &str) -> Self {
        Self::NotFound {
            what: what.to_owned(),
        }
    }

    /// A forbidden error with a reason.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden {
            message: message.into(),
        }
    }

    /// A conflict with the current state.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::NotAuthenticated => 401,
            Self::Forbidden { .. } => 403,
            Self::NotFound { .. } => 404,
            Self::Validation { .. } => 422,
            Self::Conflict { .. } => 409,
            Self::PlanLimit { .. } => 402,
            Self::RateLimited { .. } => 429,
            Self::BadRequest { .. } => 400,
            Self::Internal { .. } => 500,
        }
    }

    /// The message for one field, if this is a validation error naming it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            Self::Validation { errors } => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::MissingArg(message) => {
                Self::BadRequest {
                    message: format!("The request was incomplete or malformed: {message}"),
                }
            }
            ServerFnErrorErr::Request(_) => Self::Internal {
                reference: "network".to_owned(),
            },
            other => Self::Internal {
                reference: short_reference(&other.to_string()),
            },
        }
    }
}

/// A stable short tag for framework-level failures, so the same fault reads the same in reports.
fn short_reference(text: &str) -> String {
    let mut hash: u32 = 2_166_136_261;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(16_777_619);
    }
    format!("fw-{hash:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_errors_are_4xx_and_only_internal_is_500() {
        let user_errors = [
            AppError::NotAuthenticated,
            AppError::forbidden("no"),
            AppError::not_found("App"),
            AppError::invalid("email", "bad"),
            AppError::conflict("taken"),
            AppError::PlanLimit {
                message: "limit".into(),
            },
            AppError::RateLimited {
                message: "slow down".into(),
                retry_after_secs: 5,
            },
            AppError::BadRequest {
                message: "bad".into(),
            },
        ];
        for e in user_errors {
            let status = e.status_code();
            assert!((400..500).contains(&status), "{e:?} -> {status}");
        }
        assert_eq!(
            AppError::Internal {
                reference: "x".into()
            }
            .status_code(),
            500
        );
    }

    #[test]
    fn wire_format_is_tagged_and_round_trips() {
        let e = AppError::invalid("slug", "Use lowercase letters.");
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert!(json.contains(r#""kind":"validation""#), "{json}");
        let back: AppError = serde_json::from_str(&json).unwrap_or(AppError::NotAuthenticated);
        assert_eq!(back, e);
        assert_eq!(
            back.field_message("slug").as_deref(),
            Some("Use lowercase letters.")
        );
        assert_eq!(back.field_message("name"), None);
        assert_eq!(back.to_string(), "Use lowercase letters.");
    }

    #[test]
    fn malformed_arguments_are_bad_requests() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field".into()));
        assert_eq!(e.status_code(), 400);
    }
}
