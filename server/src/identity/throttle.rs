//! Login throttling: failed attempts are counted per account and per client address;
//! past the limit, logins are refused until the window passes.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use crate::clock::Millis;
use crate::db::entities::auth_throttle;

/// The counters of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    /// Failures in the current window.
    pub failures: u32,
    /// When the window began.
    pub window_started_at: Millis,
    /// Refuse attempts until then.
    pub locked_until: Option<Millis>,
}

/// The limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Failures allowed within the window.
    pub max_failures: u32,
    /// Window and lockout length.
    pub window_ms: Millis,
}

/// Seconds to wait before trying again, if the key is locked now.
pub fn locked_for(counter: Option<&Counter>, now: Millis) -> Option<u64> {
    let until = counter?.locked_until?;
    (until > now).then(|| u64::try_from((until - now + 999) / 1000).unwrap_or(1))
}

/// The error for a locked key: `reason`, then how long to wait in whole minutes.
pub fn refusal(reason: &str, wait_secs: u64) -> app::error::AppError {
    let minutes = wait_secs.div_ceil(60);
    app::error::AppError::RateLimited {
        message: format!(
            "{reason} Try again in {minutes} minute{}.",
            if minutes == 1 { "" } else { "s" }
        ),
        retry_after_secs: wait_secs,
    }
}

/// The counter after one more failure.
pub fn after_failure(counter: Option<Counter>, now: Millis, limits: Limits) -> Counter {
    let mut c = match counter {
        Some(c) if now - c.window_started_at < limits.window_ms => c,
        _ => Counter {
            failures: 0,
            window_started_at: now,
            locked_until: None,
        },
    };
    c.failures += 1;
    if c.failures >= limits.max_failures {
        c.locked_until = Some(now + limits.window_ms);
    }
    c
}

/// Loads a key's counter.
pub async fn load(db: &impl ConnectionTrait, key: &str) -> Result<Option<Counter>, DbErr> {
    Ok(auth_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|m| Counter {
            failures: u32::try_from(m.failures).unwrap_or(0),
            window_started_at: m.window_started_at,
            locked_until: m.locked_until,
        }))
}

/// Stores a key's counter.
pub async fn save(
    db: &impl ConnectionTrait,
    key: &str,
    c: Counter,
    existed: bool,
) -> Result<(), DbErr> {
    let model = auth_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(i32::try_from(c.failures).unwrap_or(i32::MAX)),
        window_started_at: Set(c.window_started_at),
        locked_until: Set(c.locked_until),
    };
    if existed {
        model.update(db).await?;
    } else {
        // Two first attempts at once must not collide on the key.
        auth_throttle::Entity::insert(model)
            .on_conflict(
                OnConflict::column(auth_throttle::Column::Key)
                    .update_columns([
                        auth_throttle::Column::Failures,
                        auth_throttle::Column::WindowStartedAt,
                        auth_throttle::Column::LockedUntil,
                    ])
                    .to_owned(),
            )
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Forgets a key (after a successful login).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    auth_throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_round_the_wait_up_to_whole_minutes() {
        let e = refusal("Too many.", 61);
        assert_eq!(e.status_code(), 429);
        assert!(e.to_string().contains("Try again in 2 minutes."), "{e}");
        assert!(refusal("Too many.", 1).to_string().contains("in 1 minute."));
    }

    const LIMITS: Limits = Limits {
        max_failures: 3,
        window_ms: 60_000,
    };

    #[test]
    fn locks_after_the_limit_and_unlocks_after_the_window() {
        let mut c = None;
        for i in 0..2 {
            c = Some(after_failure(c, 1_000 + i, LIMITS));
            assert_eq!(locked_for(c.as_ref(), 1_000 + i), None);
        }
        c = Some(after_failure(c, 2_000, LIMITS));
        assert_eq!(locked_for(c.as_ref(), 2_000), Some(60));
        assert_eq!(locked_for(c.as_ref(), 61_999), Some(1));
        assert_eq!(locked_for(c.as_ref(), 62_000), None);
    }

    #[test]
    fn old_failures_do_not_count() {
        let c = after_failure(None, 0, LIMITS);
        let c = after_failure(Some(c), 1_000, LIMITS);
        let c = after_failure(Some(c), 70_000, LIMITS);
        assert_eq!(c.failures, 1);
        assert_eq!(c.locked_until, None);
    }
}
