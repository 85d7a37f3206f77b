//! HTTP: the router, middleware, and the endpoints that are not server functions.

pub mod csrf;
pub mod health;
pub mod middleware;
pub mod pages;
pub mod router;
pub mod server_fns;
