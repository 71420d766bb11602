//! Argon2id password hashing, run off the async executor (it is deliberately slow).

use argon2::{Algorithm, Argon2, Params, PasswordHasher as _, PasswordVerifier as _, Version};

use crate::configuration::Argon2Settings;

/// Hashes and verifies passwords with the configured Argon2id parameters.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    params: Params,
    /// A real hash of a random password, verified against when no account matches, so a sign-in
    /// with an unknown address takes as long as one with a wrong password.
    dummy_hash: String,
}

impl PasswordHasher {
    pub fn new(settings: &Argon2Settings) -> anyhow::Result<Self> {
        let params = Params::new(
            settings.memory_kib,
            settings.iterations,
            settings.parallelism,
            None,
        )
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
        let mut hasher = Self {
            params,
            dummy_hash: String::new(),
        };
        hasher.dummy_hash = hasher.hash_now(&hex::encode(rand::random::<[u8; 16]>()))?;
        Ok(hasher)
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    fn hash_now(&self, password: &str) -> anyhow::Result<String> {
        self.argon2()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
    }

    /// The PHC string of a new hash of `password`.
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let hasher = self.clone();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hasher.hash_now(&password)).await?
    }

    /// Whether `password` matches `hash`; with no hash, spends the same time and answers false.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> anyhow::Result<bool> {
        let argon2 = self.argon2();
        let known = hash.is_some();
        let hash = hash.unwrap_or(&self.dummy_hash).to_owned();
        let password = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || {
            argon2
                .verify_password(password.as_bytes(), hash.as_str())
                .is_ok()
        })
        .await?;
        Ok(known && matches)
    }
}
