//! Password hashing with Argon2id, off the async threads.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Hashes and verifies passwords with fixed Argon2id parameters.
#[derive(Debug, Clone)]
pub struct Hasher {
    params: Params,
    /// A real hash of a random password, verified when the account does not exist,
    /// so "no such user" takes as long as "wrong password".
    decoy: String,
}

/// Hashing failed (bad parameters, or the worker thread died).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

impl Hasher {
    /// Argon2id with `memory_kib` of memory, 2 passes, 1 lane (OWASP's minimum is 19 MiB, t=2).
    pub fn new(memory_kib: u32) -> Result<Self, HashError> {
        let params = Params::new(memory_kib, 2, 1, None).map_err(|e| HashError(e.to_string()))?;
        let mut hasher = Self {
            params,
            decoy: String::new(),
        };
        hasher.decoy = hasher.hash_blocking("decoy password that nobody uses")?;
        Ok(hasher)
    }

    fn argon(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    fn hash_blocking(&self, password: &str) -> Result<String, HashError> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| HashError(e.to_string()))?;
        let salt = SaltString::encode_b64(&bytes).map_err(|e| HashError(e.to_string()))?;
        self.argon()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError(e.to_string()))
    }

    fn verify_blocking(&self, password: &str, stored: &str) -> bool {
        match PasswordHash::new(stored) {
            Ok(parsed) => self
                .argon()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.hash_blocking(&password))
            .await
            .map_err(|e| HashError(e.to_string()))?
    }

    /// Checks a password against a stored hash, or against the decoy when there is none.
    pub async fn verify(&self, password: String, stored: Option<String>) -> bool {
        let this = self.clone();
        tokio::task::spawn_blocking(move || match stored {
            Some(hash) => this.verify_blocking(&password, &hash),
            None => {
                let _ = this.verify_blocking(&password, &this.decoy);
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
}
