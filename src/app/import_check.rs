//! Checking an import's rows against its service, one after the other as
//! they come from the file: the preview, the upload's totals and the
//! start's refusals all go through here.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io::Read;

use super::access::ServiceView;
use super::imports::Totals;
use super::{App, AppError, Rejection, Result};
use crate::bulk::{FileError, Format, RowError, RowPlan, Rows, plan};
use crate::model::{AddressState, LimitKind, LocalPart};
use crate::store::prelude::*;

/// Rows planned, and their names read ahead, at once.
const CHECKED_AT_ONCE: usize = 500;

/// A row as planned from the file, or why it cannot be.
type RawPlan = std::result::Result<RowPlan, RowError>;

/// Checks rows one after the other, as they come from the file: the rows
/// before are remembered by a keyed 64-bit hash of their name, not by the
/// name (a million rows in 16 MB rather than 100).
struct RowCheck<'a, Q> {
    app: &'a App,
    q: &'a Q,
    view: &'a ServiceView,
    format: Format,
    seen: HashMap<u64, u32>,
    keys: std::hash::RandomState,
}

impl<Q: Query> RowCheck<'_, Q> {
    /// The plans of the next rows, whose names are then read ahead in one
    /// statement (on PostgreSQL) rather than one a row.
    /// At most `most` rows: none past the first over a limit is read, so
    /// the limit is what the file is refused for, not an error further on.
    fn plan_ahead(&self, rows: &mut Rows<impl Read>, most: usize) -> Result<Vec<RawPlan>> {
        let domain = &self.view.service.domain;
        let mut planned = Vec::with_capacity(CHECKED_AT_ONCE);
        while planned.len() < CHECKED_AT_ONCE.min(most) {
            let Some(raw) = rows.next_row()? else { break };
            planned.push(plan(&raw, domain, self.format));
        }
        let locals: Vec<&LocalPart> = planned
            .iter()
            .filter_map(|p| p.as_ref().ok().map(|p| &p.local))
            .collect();
        self.q
            .prefetch_addresses_by_name(self.view.service.id, &locals)?;
        Ok(planned)
    }

    fn check(&mut self, planned: RawPlan) -> Result<std::result::Result<RowPlan, RowError>> {
        let domain = &self.view.service.domain;
        let plan = match planned {
            Ok(plan) => plan,
            Err(refused) => return Ok(Err(refused)),
        };
        let column = if self.format == Format::Template {
            "A"
        } else {
            "address"
        };
        let refuse = |reason: String| RowError {
            number: plan.number,
            column: column.to_owned(),
            reason,
            address: plan.local.to_string(),
        };
        let key = self.keys.hash_one(plan.local.as_str());
        if let Some(first) = self.seen.get(&key) {
            return Ok(Err(refuse(t!("row-duplicate", line = *first))));
        }
        self.seen.insert(key, plan.number as u32);
        Ok(
            match self.q.address_by_name(self.view.service.id, &plan.local)? {
                Some(existing) if !self.app.retention_over(&existing) => {
                    Err(refuse(match existing.state {
                        AddressState::Active => {
                            t!("row-exists", address = &format!("{}@{domain}", plan.local))
                        }
                        AddressState::Deleted { .. } => {
                            t!(
                                "row-reserved",
                                address = &format!("{}@{domain}", plan.local)
                            )
                        }
                    }))
                }
                _ => Ok(plan),
            },
        )
    }
}

impl App {
    /// Checks each row of a UTF-8 text against the service, in file order.
    pub(super) fn check_rows(
        &self,
        q: &impl Query,
        view: &ServiceView,
        text: impl Read,
        encoding: &str,
        mut each: impl FnMut(usize, &std::result::Result<RowPlan, RowError>) -> Result<()>,
    ) -> Result<Totals> {
        let max_rows = self.settings.imports.max_rows;
        let mut rows = Rows::open(text)?;
        let layout = rows.layout().clone();
        let mut check = RowCheck {
            app: self,
            q,
            view,
            format: layout.format,
            seen: HashMap::new(),
            keys: std::hash::RandomState::new(),
        };
        let organisation = &view.organisation;
        let rows_allowed = organisation.limits.import_rows;
        let used = super::limits::used(q, organisation.id, LimitKind::Addresses)?;
        // Rows past the organisation's room for addresses are refused in
        // the preview already, as creating them would be.
        let room = organisation.limits.room(LimitKind::Addresses, used);
        let mut storage = super::limits::StorageRoom::of(q, organisation)?;
        let default_quota = view.service.default_quota;
        let (mut count, mut valid) = (0, 0);
        loop {
            // Up to the first row over either limit, which is refused below.
            let allowed =
                rows_allowed.map_or(usize::MAX, |max| usize::try_from(max).unwrap_or(usize::MAX));
            let most = max_rows.min(allowed).saturating_sub(count) + 1;
            let planned = check.plan_ahead(&mut rows, most)?;
            if planned.is_empty() {
                break;
            }
            for planned in planned {
                if let Some(max) = rows_allowed
                    && count as u64 >= max
                {
                    let kind = LimitKind::ImportRows;
                    return Err(Rejection::LimitReached { kind, max }.into());
                }
                if count >= max_rows {
                    return Err(FileError::TooManyRows { limit: max_rows }.into());
                }
                let mut checked = check.check(planned)?;
                if let Ok(plan) = &checked
                    && room.is_some_and(|room| valid as u64 >= room)
                {
                    let max = organisation.limits.addresses.unwrap_or(0);
                    let kind = LimitKind::Addresses;
                    checked = Err(over_a_limit(plan, Rejection::LimitReached { kind, max }));
                }
                if let (Ok(plan), Some(storage)) = (&checked, storage.as_mut())
                    && let Err(refusal) = storage.take(plan.quota.or(default_quota).map(|q| q.mb()))
                {
                    checked = Err(over_a_limit(plan, refusal));
                }
                valid += usize::from(checked.is_ok());
                each(count, &checked)?;
                count += 1;
            }
        }
        Ok(Totals {
            encoding: encoding.to_owned(),
            delimiter: char::from(layout.delimiter),
            format: layout.format,
            rows: count,
            valid,
        })
    }
}

/// A row an organisation's limit (addresses, storage) leaves no room for.
fn over_a_limit(plan: &RowPlan, refusal: Rejection) -> RowError {
    let column = match refusal {
        Rejection::LimitReached {
            kind: LimitKind::Addresses,
            ..
        } => "address",
        _ => "quota",
    };
    RowError {
        number: plan.number,
        column: column.to_owned(),
        reason: crate::i18n::Localize::localize(&AppError::from(refusal)),
        address: plan.local.to_string(),
    }
}
