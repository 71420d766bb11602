//! Short-lived signed download links: HMAC-SHA256 over the file's id and the link's expiry, so a
//! browser can fetch a file (an `<a href>`, an `<img>`) without sending its session.

use hmac::{Hmac, Mac};
use sha2::Sha256;

#[derive(Clone)]
pub struct LinkSigner {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner(***)")
    }
}

impl LinkSigner {
    /// Uses the configured key, or the key in `<data_dir>/signing.key` (made on first start).
    /// Servers that share files must share the key (`files.signing_key`).
    pub fn load(configured: &str, data_dir: &std::path::Path) -> anyhow::Result<Self> {
        if !configured.is_empty() {
            return Self::with_key(configured.as_bytes());
        }
        let path = data_dir.join("signing.key");
        let key = match std::fs::read_to_string(&path) {
            Ok(key) if !key.trim().is_empty() => key.trim().to_owned(),
            _ => {
                std::fs::create_dir_all(data_dir)?;
                let key = hex::encode(rand::random::<[u8; 32]>());
                std::fs::write(&path, &key).map_err(|e| {
                    anyhow::anyhow!("files.signing_key: cannot write {}: {e}", path.display())
                })?;
                key
            }
        };
        Self::with_key(key.as_bytes())
    }

    fn with_key(key: &[u8]) -> anyhow::Result<Self> {
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
            .map_err(|e| anyhow::anyhow!("files.signing_key: {e}"))?;
        Ok(Self { mac })
    }

    fn mac(&self, message: &str) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(message.as_bytes());
        mac
    }

    pub fn sign(&self, file_id: &str, expires: i64) -> String {
        hex::encode(
            self.mac(&format!("{file_id}:{expires}"))
                .finalize()
                .into_bytes(),
        )
    }

    /// Whether `signature` is this signer's for the file and expiry (compared in constant time).
    pub fn verify(&self, file_id: &str, expires: i64, signature: &str) -> bool {
        let Ok(bytes) = hex::decode(signature) else {
            return false;
        };
        self.mac(&format!("{file_id}:{expires}"))
            .verify_slice(&bytes)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_for_its_file_and_expiry_only() {
        let signer = LinkSigner::with_key(b"secret").unwrap();
        let signature = signer.sign("f1", 100);
        assert!(signer.verify("f1", 100, &signature));
        assert!(!signer.verify("f2", 100, &signature));
        assert!(!signer.verify("f1", 101, &signature));
        assert!(!signer.verify("f1", 100, "zz"));
    }
}
