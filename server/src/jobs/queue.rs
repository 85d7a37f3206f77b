//! The durable job queue, stored in the database.
//!
//! A job is enqueued in the same transaction as the state change that needs it,
//! so either both happen or neither does. Workers claim one job at a time with a
//! lease; a worker that dies leaves the lease to expire and another worker takes
//! the job over. On PostgreSQL, claiming uses `FOR UPDATE SKIP LOCKED` so several
//! server replicas share the queue; SQLite serialises writers by itself.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set, Statement,
};
use uuid::Uuid;

use crate::clock::Millis;
use crate::db::entities::jobs;

/// What to run.
#[derive(Debug, Clone, PartialEq)]
pub struct JobSpec {
    /// Handler name, e.g. `deployment.reconcile`.
    pub kind: &'static str,
    /// Handler input.
    pub payload: serde_json::Value,
    /// At most one *queued* job per key (a second enqueue is a no-op).
    pub dedupe_key: Option<String>,
    /// Attempts before the job is marked failed.
    pub max_attempts: i32,
}

/// A job claimed by a worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    /// Job id.
    pub id: Uuid,
    /// Handler name.
    pub kind: String,
    /// Handler input.
    pub payload: serde_json::Value,
    /// This attempt's number, from 1.
    pub attempt: i32,
    /// Attempts allowed.
    pub max_attempts: i32,
}

/// Job statuses as stored.
pub mod status {
    /// Waiting for its `run_at`.
    pub const QUEUED: &str = "queued";
    /// Claimed by a worker.
    pub const RUNNING: &str = "running";
    /// Finished.
    pub const DONE: &str = "done";
    /// Gave up after its last attempt.
    pub const FAILED: &str = "failed";
}

/// Adds a job (or finds the queued one with the same dedupe key). Call inside the
/// transaction that makes the job necessary.
pub async fn enqueue(db: &impl ConnectionTrait, now: Millis, spec: JobSpec) -> Result<Uuid, DbErr> {
    if let Some(key) = &spec.dedupe_key
        && let Some(existing) = jobs::Entity::find()
            .filter(jobs::Column::DedupeKey.eq(key))
            .filter(jobs::Column::Status.eq(status::QUEUED))
            .one(db)
            .await?
    {
        return Ok(existing.id);
    }
    let id = Uuid::now_v7();
    jobs::ActiveModel {
        id: Set(id),
        kind: Set(spec.kind.to_owned()),
        payload: Set(spec.payload.to_string()),
        dedupe_key: Set(spec.dedupe_key),
        status: Set(status::QUEUED.to_owned()),
        attempts: Set(0),
        max_attempts: Set(spec.max_attempts.max(1)),
        run_at: Set(now),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Claims the next due job (or a running job whose lease expired), if any.
pub async fn claim(
    db: &impl ConnectionTrait,
    worker: &str,
    now: Millis,
    lease_ms: Millis,
) -> Result<Option<Claimed>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, \
             attempts = attempts + 1, updated_at = $3 \
             WHERE id = (SELECT id FROM jobs \
               WHERE (status = 'queued' AND run_at <= $3) OR (status = 'running' AND locked_until < $3) \
               ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED) \
             RETURNING id, kind, payload, attempts, max_attempts"
        }
        _ => {
            "UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, \
             attempts = attempts + 1, updated_at = ? \
             WHERE id = (SELECT id FROM jobs \
               WHERE (status = 'queued' AND run_at <= ?) OR (status = 'running' AND locked_until < ?) \
               ORDER BY run_at LIMIT 1) \
             RETURNING id, kind, payload, attempts, max_attempts"
        }
    };
    let values: Vec<sea_orm::Value> = match backend {
        DbBackend::Postgres => vec![worker.into(), (now + lease_ms).into(), now.into()],
        _ => vec![
            worker.into(),
            (now + lease_ms).into(),
            now.into(),
            now.into(),
            now.into(),
        ],
    };
    let Some(row) = db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
    else {
        return Ok(None);
    };
    let payload: String = row.try_get("", "payload")?;
    Ok(Some(Claimed {
        id: row.try_get("", "id")?,
        kind: row.try_get("", "kind")?,
        payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
        attempt: row.try_get("", "attempts")?,
        max_attempts: row.try_get("", "max_attempts")?,
    }))
}

/// Extends a running job's lease (called periodically while it runs).
pub async fn heartbeat(
    db: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    until: Millis,
) -> Result<(), DbErr> {
    jobs::Entity::update_many()
        .col_expr(
            jobs::Column::LockedUntil,
            sea_orm::sea_query::Expr::value(Some(until)),
        )
        .filter(jobs::Column::Id.eq(id))
        .filter(jobs::Column::LockedBy.eq(worker))
        .filter(jobs::Column::Status.eq(status::RUNNING))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a job done.
pub async fn complete(db: &impl ConnectionTrait, id: Uuid, now: Millis) -> Result<(), DbErr> {
    finish(db, id, now, status::DONE, None, None).await
}

/// Records a failed attempt: back to the queue after a backoff, or failed for good.
pub async fn fail(
    db: &impl ConnectionTrait,
    job: &Claimed,
    now: Millis,
    error: &str,
    retry: bool,
) -> Result<(), DbErr> {
    let message: String = error.chars().take(2000).collect();
    if retry && job.attempt < job.max_attempts {
        finish(
            db,
            job.id,
            now,
            status::QUEUED,
            Some(message),
            Some(now + backoff_ms(job.attempt)),
        )
        .await
    } else {
        finish(db, job.id, now, status::FAILED, Some(message), None).await
    }
}

async fn finish(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: Millis,
    new_status: &str,
    error: Option<String>,
    run_at: Option<Millis>,
) -> Result<(), DbErr> {
    let mut model = jobs::ActiveModel {
        id: Set(id),
        status: Set(new_status.to_owned()),
        locked_by: Set(None),
        locked_until: Set(None),
        updated_at: Set(now),
        ..Default::default()
    };
    if error.is_some() {
        model.last_error = Set(error);
    }
    if let Some(at) = run_at {
        model.run_at = Set(at);
    }
    model.update(db).await?;
    Ok(())
}

/// Delay before attempt `attempt + 1`: 1 s, 2 s, 4 s, … capped at 5 minutes.
pub fn backoff_ms(attempt: i32) -> Millis {
    let exp = u32::try_from(attempt.clamp(1, 20) - 1).unwrap_or(0);
    (1_000_i64.saturating_mul(1_i64 << exp)).min(300_000)
}

/// Releases every lease at start-up. Only for SQLite, where one process owns the file,
/// so jobs interrupted by a crash resume at once instead of after their lease.
pub async fn release_all_leases(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let res = jobs::Entity::update_many()
        .col_expr(
            jobs::Column::LockedUntil,
            sea_orm::sea_query::Expr::value(Some(0_i64)),
        )
        .filter(jobs::Column::Status.eq(status::RUNNING))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Number of jobs in a status (for readiness and tests).
pub async fn count(db: &impl ConnectionTrait, job_status: &str) -> Result<u64, DbErr> {
    jobs::Entity::find()
        .filter(jobs::Column::Status.eq(job_status))
        .count(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff_ms(1), 1_000);
        assert_eq!(backoff_ms(2), 2_000);
        assert_eq!(backoff_ms(5), 16_000);
        assert_eq!(backoff_ms(30), 300_000);
        assert_eq!(backoff_ms(0), 1_000);
    }
}
