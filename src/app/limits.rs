//! The operator's limits on an organisation, checked where each thing is
//! made, inside the same write transaction: one more service, address or
//! member than the limit is refused, naming it and who can raise it.

use super::capabilities::Operators;
use super::operators::OperatorActor;
use super::{AppError, Rejection, Result, audit::record};
use crate::model::{LimitKind, Limits, OrgId, Organisation};
use crate::store::prelude::*;

/// How many of `kind` the organisation has now (an import's rows: none,
/// they are counted per file).
pub(super) fn used(q: &impl Query, org: OrgId, kind: LimitKind) -> Result<u64> {
    Ok(match kind {
        LimitKind::Services => q.services_of(org)?.len() as u64,
        LimitKind::Addresses => q.services_of(org)?.iter().map(|s| s.address_count).sum(),
        LimitKind::Members => q.members_of(org)?.len() as u64,
        LimitKind::ImportRows => 0,
    })
}

/// Refuses when `adding` more of `kind` would pass the limit.
pub(super) fn require_room(
    q: &impl Query,
    org: &Organisation,
    kind: LimitKind,
    adding: u64,
) -> Result<()> {
    match org.limits.get(kind) {
        Some(max) if used(q, org.id, kind)? + adding > max => {
            Err(Rejection::LimitReached { kind, max }.into())
        }
        _ => Ok(()),
    }
}

/// The same, reading the organisation inside the caller's transaction.
pub(super) fn require_room_in(q: &impl Query, org: OrgId, kind: LimitKind) -> Result<()> {
    let organisation = q.organisation(org)?.ok_or(AppError::NotFound)?;
    require_room(q, &organisation, kind, 1)
}

impl Operators<'_> {
    /// Sets an organisation's limits (what it has already stays; only
    /// making more is refused).
    pub fn set_limits(&self, by: OperatorActor<'_>, org: OrgId, limits: Limits) -> Result<()> {
        self.app.store.write(|tx| {
            by.require(tx)?;
            let mut organisation = tx.organisation(org)?.ok_or(AppError::NotFound)?;
            if organisation.limits == limits {
                return Ok(());
            }
            organisation.limits = limits;
            tx.put_organisation(&organisation)?;
            let said: Vec<String> = LimitKind::ALL
                .iter()
                .map(|&kind| match limits.get(kind) {
                    Some(max) => format!("{}={max}", kind.name()),
                    None => format!("{}=none", kind.name()),
                })
                .collect();
            record(
                tx,
                by.actor(),
                Some(org),
                "organisation.limits",
                said.join(" "),
            )
        })
    }

    /// Each limit of an organisation with what it uses of it.
    pub fn usage(
        &self,
        by: OperatorActor<'_>,
        org: OrgId,
    ) -> Result<Vec<(LimitKind, u64, Option<u64>)>> {
        let reader = self.app.store.read()?;
        by.require(&reader)?;
        let organisation = reader.organisation(org)?.ok_or(AppError::NotFound)?;
        LimitKind::ALL
            .iter()
            .map(|&kind| {
                Ok((
                    kind,
                    used(&reader, org, kind)?,
                    organisation.limits.get(kind),
                ))
            })
            .collect()
    }
}
