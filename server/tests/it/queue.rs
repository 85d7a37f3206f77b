//! The job queue on the real database: claiming, leases, retries with backoff, dedupe.

use agora_server::jobs::queue::{self, JobSpec, status};
use sea_orm::{Database, DatabaseConnection};

use crate::harness::TestDb;

async fn db() -> (DatabaseConnection, TestDb, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let test_db = TestDb::create(dir.path()).await;
    let db = Database::connect(test_db.url.as_str()).await.unwrap();
    agora_server::db::migrate(&db).await.unwrap();
    (db, test_db, dir)
}

fn spec(key: Option<&str>) -> JobSpec {
    JobSpec {
        kind: "test.kind",
        payload: serde_json::json!({ "n": 1 }),
        dedupe_key: key.map(str::to_owned),
        max_attempts: 2,
    }
}

#[tokio::test]
async fn jobs_are_claimed_once_leased_retried_and_failed() {
    let (db, test_db, _dir) = db().await;
    let id = queue::enqueue(&db, 1_000, spec(None)).await.unwrap();
    // Not due yet.
    assert!(
        queue::claim(&db, "w1", 999, 10_000)
            .await
            .unwrap()
            .is_none()
    );
    let job = queue::claim(&db, "w1", 1_000, 10_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.id, id);
    assert_eq!(job.attempt, 1);
    assert_eq!(job.payload["n"], 1);
    // Leased: nobody else gets it until the lease ends.
    assert!(
        queue::claim(&db, "w2", 5_000, 10_000)
            .await
            .unwrap()
            .is_none()
    );
    let stolen = queue::claim(&db, "w2", 11_001, 10_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stolen.id, id);
    assert_eq!(stolen.attempt, 2);
    // A failure on the last attempt is final.
    queue::fail(&db, &stolen, 12_000, "boom", true)
        .await
        .unwrap();
    assert_eq!(queue::count(&db, status::FAILED).await.unwrap(), 1);
    assert!(
        queue::claim(&db, "w1", 1_000_000, 10_000)
            .await
            .unwrap()
            .is_none()
    );
    db.close().await.ok();
    test_db.drop_db().await;
}

#[tokio::test]
async fn failed_attempts_come_back_after_a_backoff() {
    let (db, test_db, _dir) = db().await;
    queue::enqueue(&db, 0, spec(None)).await.unwrap();
    let job = queue::claim(&db, "w", 0, 10_000).await.unwrap().unwrap();
    queue::fail(&db, &job, 100, "transient", true)
        .await
        .unwrap();
    assert!(
        queue::claim(&db, "w", 100 + queue::backoff_ms(1) - 1, 10_000)
            .await
            .unwrap()
            .is_none()
    );
    let again = queue::claim(&db, "w", 100 + queue::backoff_ms(1), 10_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.attempt, 2);
    queue::complete(&db, again.id, 2_000).await.unwrap();
    assert_eq!(queue::count(&db, status::DONE).await.unwrap(), 1);
    db.close().await.ok();
    test_db.drop_db().await;
}

#[tokio::test]
async fn a_queued_job_is_not_enqueued_twice_and_concurrent_claims_split_the_work() {
    let (db, test_db, _dir) = db().await;
    let a = queue::enqueue(&db, 0, spec(Some("k"))).await.unwrap();
    let b = queue::enqueue(&db, 0, spec(Some("k"))).await.unwrap();
    assert_eq!(a, b);
    for _ in 0..19 {
        queue::enqueue(&db, 0, spec(None)).await.unwrap();
    }
    // Four workers claim concurrently; every job is handed out exactly once.
    let mut handles = Vec::new();
    for w in 0..4 {
        let db = db.clone();
        handles.push(tokio::spawn(async move {
            let mut got = Vec::new();
            while let Some(job) = queue::claim(&db, &format!("w{w}"), 10, 60_000)
                .await
                .unwrap()
            {
                got.push(job.id);
            }
            got
        }));
    }
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await.unwrap());
    }
    let total = all.len();
    all.sort();
    all.dedup();
    assert_eq!(total, 20);
    assert_eq!(all.len(), 20);
    db.close().await.ok();
    test_db.drop_db().await;
}
