//! `Idempotency-Key`: the first answer to a creating API request is kept
//! (24 hours, in the database, so across restarts) and given again to a
//! retry with the same key, which creates nothing.
//!
//! The key is claimed in its own transaction before the request runs, so
//! that two copies of a request sent at once cannot both create: the second
//! is told the first is still running. A claim whose request never finished
//! (the server stopped in between) lapses after `CLAIM_LAPSES`; the retry
//! then runs again, and the names it creates are still unique.

use sha2::{Digest, Sha256};

use super::capabilities::{Operations, Tokens};
use super::{AppError, Result, now};
use crate::model::{IdempotentAnswer, TokenId};
use crate::store::prelude::*;

const KEEP: i64 = 24 * 60 * 60;
const CLAIM_LAPSES: i64 = 5 * 60;
/// Keys are the client's own text: printable ASCII, bounded.
const MAX_KEY: usize = 255;

/// What to do with a request that carries a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new (or lapsed): run the request, then `remember`.
    Run,
    /// Answered before: send this again.
    Replay(IdempotentAnswer),
    /// A copy of this request is running now.
    Running,
    /// The key was used for a different request.
    OtherRequest,
}

/// The fingerprint of a request: method, path and body.
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> [u8; 32] {
    let mut hash = Sha256::new();
    for part in [method.as_bytes(), b"\n", path.as_bytes(), b"\n", body] {
        hash.update(part);
    }
    hash.finalize().into()
}

impl Tokens<'_> {
    pub fn claim_idempotency_key(
        &self,
        token: TokenId,
        key: &str,
        request: [u8; 32],
    ) -> Result<Claim> {
        if key.is_empty() || key.len() > MAX_KEY || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(AppError::Rejected(super::Rejection::IdempotencyKey));
        }
        let at = now();
        self.app.store.write(|tx| {
            if let Some(found) = tx.idempotent_answer(token, key)?
                && found.expires > at
            {
                if found.request != request {
                    return Ok(Claim::OtherRequest);
                }
                match found.status {
                    Some(_) => return Ok(Claim::Replay(found)),
                    None if at - found.created < CLAIM_LAPSES => return Ok(Claim::Running),
                    None => {}
                }
            }
            let claim = IdempotentAnswer {
                request,
                status: None,
                body: String::new(),
                location: None,
                created: at,
                expires: at + KEEP,
            };
            tx.put_idempotent_answer(token, key, &claim)?;
            Ok(Claim::Run)
        })
    }

    /// Keeps the answer of a claimed request.
    pub fn remember_answer(
        &self,
        token: TokenId,
        key: &str,
        request: [u8; 32],
        status: u16,
        body: String,
        location: Option<String>,
    ) -> Result<()> {
        let at = now();
        self.app.store.write(|tx| {
            let answer = IdempotentAnswer {
                request,
                status: Some(status),
                body: body.clone(),
                location: location.clone(),
                created: at,
                expires: at + KEEP,
            };
            tx.put_idempotent_answer(token, key, &answer)
                .map_err(AppError::from)
        })
    }

    /// Lets a claimed key go (the request failed in a way worth retrying).
    pub fn release_idempotency_key(&self, token: TokenId, key: &str) -> Result<()> {
        self.app.store.write(|tx| {
            tx.remove_idempotent_answer(token, key)
                .map_err(AppError::from)
        })
    }
}

impl Operations<'_> {
    pub fn purge_idempotent_answers(&self) -> Result<usize> {
        self.app
            .store
            .write(|tx| tx.purge_idempotent_answers(now()).map_err(AppError::from))
    }
}
