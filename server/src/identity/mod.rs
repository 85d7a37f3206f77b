//! Identity: passwords, sessions, cookies, login throttling and the identity service.

pub mod cookie;
pub mod password;
pub mod service;
pub mod sessions;
pub mod throttle;
pub mod tokens;
