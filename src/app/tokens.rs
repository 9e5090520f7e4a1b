//! API tokens: made and revoked by owners and admins (never by a token),
//! and recognised on every API request. A token acts as the person who
//! made it, narrowed to its scope and its organisation (`access::standing`
//! checks that again inside each use case's transaction).

use super::capabilities::Tokens;
use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use subtle::ConstantTimeEq;

use super::audit::record;
use super::services::require_manager_of;
use super::{Actor, AppError, Rejection, Result, Who, now};
use crate::model::{ApiToken, OrgId, Scope, TokenId, TokenSecret};
use crate::store::Writer;
use crate::store::prelude::*;

/// Last use is written at most this often per token: reads stay reads.
const LAST_USE_EVERY: i64 = 60;
const MAX_DAYS: u32 = 3650;
const MAX_NAME: usize = 100;

/// What is needed to make a token.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub scope: Scope,
    /// `None`: until revoked.
    pub days: Option<u32>,
    pub allow_from: Vec<ipnet::IpNet>,
}

impl NewToken {
    /// Its name trimmed; refused when empty, too long or with control
    /// characters, or with a lifetime out of bounds.
    pub(super) fn checked(mut self) -> Result<Self> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control)
        {
            return Err(Rejection::TokenName.into());
        }
        self.name = name.to_owned();
        if self.days.is_some_and(|d| d == 0 || d > MAX_DAYS) {
            return Err(Rejection::TokenDays.into());
        }
        Ok(self)
    }
}

/// A request's token, recognised: an organisation's, or an operator's.
#[derive(Debug, Clone)]
pub enum Authenticated {
    Organisation(TokenCaller),
    /// Acts as the operator who made it, on the operator's use cases only
    /// (`OperatorActor::require` checks it again in each transaction).
    Operator(Actor),
}

/// An organisation's token, recognised: who it acts as, where, how far.
#[derive(Debug, Clone)]
pub struct TokenCaller {
    pub actor: Actor,
    pub org: OrgId,
    pub scope: Scope,
}

impl TokenCaller {
    pub fn who(&self) -> Who {
        Who::from(&self.actor)
    }
}

/// Per-token buckets: `per_second` requests a second, `burst` at once, in
/// this process's memory, or, when several nodes share the store, in the
/// counters they share (`SharedRate`), so that spreading requests over the
/// nodes buys nothing.
pub(super) struct TokenRate {
    local: DefaultKeyedRateLimiter<TokenId>,
    shared: Option<SharedRate>,
}

impl TokenRate {
    pub fn new(rate: super::ApiRate, counters: Option<crate::store::SharedCounters>) -> Self {
        let per_second = NonZeroU32::new(rate.per_second).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(rate.burst).unwrap_or(per_second);
        Self {
            local: RateLimiter::keyed(Quota::per_second(per_second).allow_burst(burst)),
            shared: counters.map(|counters| SharedRate {
                counters,
                interval_ms: (1000 / u64::from(per_second.get())).max(1),
                burst: u64::from(burst.get()),
            }),
        }
    }

    fn check(&self, token: TokenId) -> Result<()> {
        if let Some(shared) = &self.shared {
            return shared.check(token);
        }
        self.local.check_key(&token).map_err(|wait| {
            let wait = wait.wait_time_from(DefaultClock::default().now());
            AppError::RateLimited {
                retry_after: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
        })
    }
}

/// governor's rule (GCRA) over a shared counter, whose time holds the
/// token's theoretical arrival time: a request is let through when that
/// time, moved on by one interval, is at most `burst` intervals ahead of
/// now. Milliseconds: rates above 1,000 a second count as 1,000.
struct SharedRate {
    counters: crate::store::SharedCounters,
    interval_ms: u64,
    burst: u64,
}

impl SharedRate {
    fn check(&self, token: TokenId) -> Result<()> {
        let now = crate::model::now_ms();
        let tolerance = self.interval_ms.saturating_mul(self.burst);
        let mut wait_ms = 0;
        self.counters
            .change(&[format!("api:{}", token.0)], &mut |counter| {
                let arrival = counter[0].map_or(now, |(_, at)| at.max(now));
                let next = arrival.saturating_add(self.interval_ms);
                if next - now > tolerance {
                    wait_ms = next - now - tolerance;
                    return;
                }
                counter[0] = Some((1, next));
            })?;
        if wait_ms > 0 {
            return Err(AppError::RateLimited {
                retry_after: wait_ms.div_ceil(1000),
            });
        }
        Ok(())
    }
}

impl Tokens<'_> {
    pub fn create_token(
        &self,
        actor: &Actor,
        org: OrgId,
        new: NewToken,
    ) -> Result<(ApiToken, String)> {
        let new = new.checked()?;
        if actor.token.is_some() {
            return Err(AppError::Forbidden);
        }
        self.app.store.write(|tx| {
            require_manager_of(tx, actor, org, Scope::Admin)?;
            self.insert(tx, actor, Some(actor), Some(org), &new)
        })
    }

    /// Stores a token acting as `holder`, made by `by` (`None`: the
    /// command line; rights checked by the caller, in the same
    /// transaction), and gives its secret, once. An organisation's token
    /// has an organisation's scope; an operator's, none but its own.
    pub(super) fn insert(
        &self,
        tx: &mut Writer,
        holder: &Actor,
        by: Option<&Actor>,
        org: Option<OrgId>,
        new: &NewToken,
    ) -> Result<(ApiToken, String)> {
        if org.is_none() != (new.scope == Scope::Operator) {
            return Err(AppError::Forbidden);
        }
        let created = now();
        let mut secret = None;
        let token = tx.insert_api_token(|id| {
            let made = TokenSecret::generate(id);
            let secret_hash = self.app.key.hash_bytes(made.expose().as_bytes());
            secret = Some(made);
            ApiToken {
                id,
                org,
                name: new.name.clone(),
                scope: new.scope,
                secret_hash,
                created,
                created_by: holder.user,
                expires: new.days.map(|d| created + i64::from(d) * 86_400),
                allow_from: new.allow_from.clone(),
                last_use: None,
                last_ip: None,
                revoked: None,
            }
        })?;
        let object = format!("{} ({})", token.name, token.scope.name());
        record(tx, by, org, "token.create", object)?;
        let secret = secret.ok_or(AppError::Thread)?;
        Ok((token, secret.expose()))
    }

    /// An organisation's tokens, newest first; owners and admins only.
    pub fn tokens_of(&self, who: impl Into<Who>, org: OrgId) -> Result<Vec<ApiToken>> {
        let reader = self.app.store.read()?;
        require_manager_of(&reader, who, org, Scope::Admin)?;
        let mut tokens = reader.tokens_of(org)?;
        tokens.reverse();
        Ok(tokens)
    }

    pub fn revoke_token(&self, actor: &Actor, org: OrgId, id: TokenId) -> Result<()> {
        self.app.store.write(|tx| {
            require_manager_of(tx, actor, org, Scope::Admin)?;
            super::token_revocation::revoke_in(tx, Some(actor), id, Some(org))
        })
    }

    /// The token a request carries, if it is one, valid, and sent from a
    /// network it allows.
    pub fn authenticate_token(&self, presented: &str, ip: Option<IpAddr>) -> Result<Authenticated> {
        let secret = TokenSecret::parse(presented).ok_or(AppError::InvalidToken)?;
        let reader = self.app.store.read()?;
        let token = reader
            .api_token(secret.id())?
            .ok_or(AppError::InvalidToken)?;
        let hash = self.app.key.hash_bytes(secret.expose().as_bytes());
        if !bool::from(hash.ct_eq(&token.secret_hash)) || !token.usable(now()) {
            return Err(AppError::InvalidToken);
        }
        if !token.allows_ip(ip) {
            return Err(AppError::TokenNetwork);
        }
        // The snapshot is let go first: on PostgreSQL each holds one of the
        // pool's connections, and the shared rate takes another.
        drop(reader);
        self.app.token_rate.check(token.id)?;
        let at = now();
        if token
            .last_use
            .is_none_or(|last| at - last >= LAST_USE_EVERY)
        {
            self.app.store.write(|tx| {
                if let Some(mut current) = tx.api_token(token.id)? {
                    current.last_use = Some(at);
                    current.last_ip = ip.map(|ip| ip.to_string());
                    tx.put_api_token(&current)?;
                }
                Ok::<_, AppError>(())
            })?;
        }
        let actor = Actor {
            user: token.created_by,
            token: Some(token.id),
            ip: ip.map(|ip| ip.to_string()),
        };
        Ok(match token.org {
            Some(org) => Authenticated::Organisation(TokenCaller {
                actor,
                org,
                scope: token.scope,
            }),
            None => Authenticated::Operator(actor),
        })
    }
}
