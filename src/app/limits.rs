//! The operator's limits on an organisation, checked where each thing is
//! made, inside the same write transaction: one more service, address or
//! member than the limit is refused, naming it and who can raise it.

use super::capabilities::Operators;
use super::operators::OperatorActor;
use super::{AppError, Rejection, Result, audit::record};
use crate::model::{LimitKind, Limits, OrgId, Organisation, Service};
use crate::store::prelude::*;

/// How many of `kind` the organisation has now (an import's rows: none,
/// they are counted per file).
pub(super) fn used(q: &impl Query, org: OrgId, kind: LimitKind) -> Result<u64> {
    Ok(match kind {
        LimitKind::Services => q.services_of(org)?.len() as u64,
        LimitKind::Addresses => q.services_of(org)?.iter().map(|s| s.address_count).sum(),
        LimitKind::Members => q.members_of(org)?.len() as u64,
        LimitKind::ImportRows => 0,
        LimitKind::Storage => q.services_of(org)?.iter().map(Service::storage_mb).sum(),
    })
}

/// What an organisation with a storage limit may still hand out.
pub(super) struct StorageRoom {
    max: u64,
    left: u64,
}

impl StorageRoom {
    /// `None`: the organisation has no storage limit.
    pub(super) fn of(q: &impl Query, org: &Organisation) -> Result<Option<Self>> {
        let Some(max) = org.limits.storage_mb else {
            return Ok(None);
        };
        let left = max.saturating_sub(used(q, org.id, LimitKind::Storage)?);
        Ok(Some(Self { max, left }))
    }

    /// Takes `mb` more megabytes; `None`: a mailbox without a limit,
    /// which a limited organisation cannot hand out.
    pub(super) fn take(&mut self, mb: Option<u64>) -> std::result::Result<(), Rejection> {
        let max = self.max;
        let mb = mb.ok_or(Rejection::QuotaRequired { max })?;
        if mb > self.left {
            let kind = LimitKind::Storage;
            return Err(Rejection::LimitReached { kind, max });
        }
        self.left -= mb;
        Ok(())
    }
}

/// Refuses handing out `mb` more megabytes of mailbox storage (`None`: an
/// unlimited mailbox) past the organisation's storage limit.
pub(super) fn require_storage(q: &impl Query, org: OrgId, mb: Option<u64>) -> Result<()> {
    let organisation = q.organisation(org)?.ok_or(AppError::NotFound)?;
    if let Some(mut room) = StorageRoom::of(q, &organisation)? {
        room.take(mb)?;
    }
    Ok(())
}

/// What changing `count` addresses' quota from `before` to `after` hands
/// out more: `None` when the new quota is no limit; shrinking adds nothing.
pub(super) fn storage_added(
    count: u64,
    before: Option<crate::model::Quota>,
    after: Option<crate::model::Quota>,
) -> Option<u64> {
    if count == 0 {
        return Some(0);
    }
    let after = after?.mb() * count;
    let before = before.map_or(0, |q| q.mb() * count);
    Some(after.saturating_sub(before))
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
            let mut organisation = super::operators::live(tx, org)?;
            if organisation.limits == limits {
                return Ok(());
            }
            organisation.limits = limits;
            tx.put_organisation(&organisation)?;
            record(
                tx,
                by.actor(),
                Some(org),
                "organisation.limits",
                limits.said(),
            )
        })
    }

    /// The limits new organisations start with.
    pub fn default_limits(&self, by: OperatorActor<'_>) -> Result<Limits> {
        let reader = self.app.store.read()?;
        by.require(&reader)?;
        Ok(reader.default_limits()?)
    }

    /// Sets the limits new organisations start with (those made already
    /// keep theirs).
    pub fn set_default_limits(&self, by: OperatorActor<'_>, limits: Limits) -> Result<()> {
        self.app.store.write(|tx| {
            by.require(tx)?;
            if tx.default_limits()? == limits {
                return Ok(());
            }
            tx.put_default_limits(&limits)?;
            record(
                tx,
                by.actor(),
                None,
                "operator.default_limits",
                limits.said(),
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
