//! Password hashing with Argon2id on a small pool of dedicated threads.
//!
//! Each hash needs `memory_kib` of memory. Running hashes on tokio's blocking pool let
//! every one of its (up to hundreds of) threads keep such a buffer in its allocator arena,
//! and let a burst of logins allocate a buffer each. A fixed pool of [`WORKERS`] threads
//! bounds both: memory to `WORKERS × memory_kib`, CPU to `WORKERS` cores; further
//! requests queue.

use std::sync::{Arc, Mutex, mpsc};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::oneshot;

/// Threads that hash passwords.
pub const WORKERS: usize = 2;

type Job = Box<dyn FnOnce(&Argon2<'static>) + Send>;

/// Hashes and verifies passwords with fixed Argon2id parameters.
#[derive(Clone)]
pub struct Hasher {
    jobs: mpsc::Sender<Job>,
    /// A real hash of a random password, verified when the account does not exist,
    /// so "no such user" takes as long as "wrong password".
    decoy: Arc<str>,
}

/// Hashing failed (bad parameters, or the worker threads are gone).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

fn hash_with(argon: &Argon2<'static>, password: &str) -> Result<String, HashError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| HashError(e.to_string()))?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| HashError(e.to_string()))?;
    argon
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

fn verify_with(argon: &Argon2<'static>, password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => argon.verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

impl Hasher {
    /// Argon2id with `memory_kib` of memory, 2 passes, 1 lane (OWASP's minimum is 19 MiB, t=2).
    pub fn new(memory_kib: u32) -> Result<Self, HashError> {
        let params = Params::new(memory_kib, 2, 1, None).map_err(|e| HashError(e.to_string()))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let decoy: Arc<str> = hash_with(&argon, "decoy password that nobody uses")?.into();
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..WORKERS {
            let rx = rx.clone();
            let argon = argon.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || {
                    loop {
                        let job = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&argon),
                            Err(_) => return,
                        }
                    }
                })
                .map_err(|e| HashError(format!("cannot start hashing threads: {e}")))?;
        }
        Ok(Self { jobs: tx, decoy })
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Argon2<'static>) -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let (tx, rx) = oneshot::channel();
        self.jobs
            .send(Box::new(move |argon| {
                let _ = tx.send(work(argon));
            }))
            .map_err(|_| HashError("hashing threads stopped".into()))?;
        rx.await
            .map_err(|_| HashError("hashing thread failed".into()))
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move |argon| hash_with(argon, &password)).await?
    }

    /// Checks a password against a stored hash, or against the decoy when there is none.
    pub async fn verify(&self, password: String, stored: Option<String>) -> bool {
        let decoy = self.decoy.clone();
        self.run(move |argon| match stored {
            Some(hash) => verify_with(argon, &password, &hash),
            None => {
                let _ = verify_with(argon, &password, &decoy);
                false
            }
        })
        .await
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_their_password() {
        let h = Hasher::new(1024).unwrap();
        let stored = h.hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(
            h.verify("correct horse battery".into(), Some(stored.clone()))
                .await
        );
        assert!(!h.verify("wrong".into(), Some(stored)).await);
        assert!(!h.verify("anything".into(), None).await);
        assert!(!h.verify("x".into(), Some("not a hash".into())).await);
    }

    #[tokio::test]
    async fn many_concurrent_hashes_share_the_pool() {
        let h = Hasher::new(1024).unwrap();
        let tasks: Vec<_> = (0..8)
            .map(|i| {
                let h = h.clone();
                tokio::spawn(async move { h.hash(format!("password number {i}")).await })
            })
            .collect();
        for t in tasks {
            assert!(t.await.unwrap().unwrap().starts_with("$argon2id$"));
        }
    }
}
