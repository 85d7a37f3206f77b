//! Agora's database schema as ordered migrations.
//!
//! Written once with sea-query so the same migration runs on SQLite (the
//! embedded default) and PostgreSQL (production). Conventions: UUID primary
//! keys, timestamps as UTC milliseconds in `BIGINT` (compared and ordered the
//! same on both databases), enums as short lowercase text.

pub use sea_orm_migration::prelude::*;

mod m0001_initial;

/// The list of migrations, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m0001_initial::Migration)]
    }
}
