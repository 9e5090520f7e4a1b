//! A service's dashboard in one read: the service as the user stands in
//! it, a page of its addresses, and for managers the recently deleted
//! addresses and the DNS problems of the last check. (Read one by one, the
//! page resolved the service four times.)

use super::Result;
use super::access::{ServiceView, Who};
use super::capabilities::Services;
use crate::model::{Address, AddressPage, Cursor, Domain};
use crate::store::prelude::*;

pub struct Dashboard {
    pub service: ServiceView,
    pub page: AddressPage,
    /// Managers only, with each one's restorable-until time.
    pub deleted: Vec<(Address, i64)>,
    /// Required DNS records not right at the last check (managers).
    pub dns_problems: usize,
}

impl Services<'_> {
    /// `extras`: also the deleted addresses and DNS problems (a full page,
    /// not the list fragment a search swaps in).
    pub fn dashboard(
        &self,
        who: impl Into<Who>,
        domain: &Domain,
        prefix: &str,
        cursor: &Cursor,
        limit: usize,
        extras: bool,
    ) -> Result<Dashboard> {
        let who = who.into();
        let reader = self.app.store.read()?;
        let service = ServiceView::resolve(&reader, who, domain)?;
        let page = self
            .app
            .page_in(&reader, &service, who, prefix, cursor, limit)?;
        let (mut deleted, mut dns_problems) = (Vec::new(), 0);
        if extras && service.manages() {
            for address in reader.deleted_addresses(Some(service.service.id))? {
                if let crate::model::AddressState::Deleted { at, .. } = address.state
                    && !self.app.retention_over(&address)
                {
                    deleted.push((address, self.app.addresses().restorable_until(at)));
                }
            }
            deleted.sort_by(|a, b| a.0.local_part.cmp(&b.0.local_part));
            dns_problems = reader
                .dns_report(service.service.id)?
                .map_or(0, |r| r.problems());
        }
        Ok(Dashboard {
            service,
            page,
            deleted,
            dns_problems,
        })
    }
}
