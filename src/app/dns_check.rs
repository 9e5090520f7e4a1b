//! A domain's DNS checked live, one way for everyone who asks: the DNS tab's
//! button, `mailroom dns check`, and the server's own schedule. What the
//! domain must publish comes from the app's settings (where mail programs
//! connect, the public address) and its DKIM keys; what was found is kept,
//! and moves keys and the domain's verification on (`dns.rs`).

use std::future::Future;

use super::capabilities::Services;
use super::{Actor, AppSettings, Result, now};
use crate::dns::{Dns, Expectations};
use crate::model::{DkimKey, DnsReport, Domain, Service};

/// The records `domain` must publish, and what its DNS holds of each, asked
/// now. A domain that is not a service of ours (the CLI checks any) has no
/// ownership record or keys to look for. `Err`: nothing could be asked (no
/// resolver could be set up). Blocks: call it from a blocking thread (the
/// lookups run on its runtime) or outside any runtime (on one of its own);
/// never from async code.
pub fn live_dns_check(
    settings: &AppSettings,
    domain: &Domain,
    service: Option<&Service>,
    keys: &[DkimKey],
) -> std::result::Result<DnsReport, String> {
    let want = expectations(settings, domain, service, keys);
    let checked_at = now();
    let check = async {
        let dns = Dns::new(settings.dns_resolver).map_err(|e| e.to_string())?;
        Ok(crate::dns::check(&dns, &want, checked_at).await)
    };
    block_on(check)?
}

fn expectations(
    settings: &AppSettings,
    domain: &Domain,
    service: Option<&Service>,
    keys: &[DkimKey],
) -> Expectations {
    let want = Expectations::for_domain(domain, &settings.mail_client, &settings.public_url, keys);
    match service {
        Some(service) => want.with_service(service),
        None => want,
    }
}

/// Every record `service` must publish, as zone-file lines.
pub(super) fn zone_lines(
    settings: &AppSettings,
    service: &Service,
    keys: &[DkimKey],
) -> Vec<String> {
    crate::dns::zone_lines(&expectations(
        settings,
        &service.domain,
        Some(service),
        keys,
    ))
}

fn unchecked(checked_at: i64, error: String) -> DnsReport {
    DnsReport {
        checked_at,
        records: Vec::new(),
        error: Some(error),
    }
}

/// Runs `future` to its end from synchronous code: on the runtime this
/// thread belongs to (a blocking thread of it), else on a small one made
/// for it (the CLI).
fn block_on<F: Future>(future: F) -> std::result::Result<F::Output, String> {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => Ok(handle.block_on(future)),
        Err(_) => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map(|runtime| runtime.block_on(future))
            .map_err(|e| format!("no runtime for the DNS lookups: {e}")),
    }
}

impl Services<'_> {
    /// Checks a service's DNS now as a manager asks (the DNS tab's button,
    /// the API), keeps the report (a resolver that could not be set up too:
    /// the tab says so) and returns it; owners and admins (a token: of
    /// scope `admin`), refused before anything is asked.
    pub fn check_dns(&self, actor: &Actor, domain: &Domain) -> Result<DnsReport> {
        let view = self.dns_view(actor, domain)?;
        view.service.require_admin()?;
        let report = live_dns_check(
            &self.app.settings,
            domain,
            Some(&view.service.service),
            &view.keys,
        )
        .unwrap_or_else(|error| unchecked(now(), error));
        self.record_dns_check(actor, domain, report.clone())?;
        Ok(report)
    }

    /// `mailroom dns check`: any domain, as the operator asks. A service's
    /// report is kept as the server's own checks are, and only when the DNS
    /// answered. The inner `Err`: nothing could be asked.
    pub fn check_dns_as_operator(
        &self,
        domain: &Domain,
    ) -> Result<std::result::Result<DnsReport, String>> {
        let service = self
            .all_services()?
            .into_iter()
            .find(|s| s.domain == *domain);
        let keys = self.dkim_keys_of(domain).unwrap_or_default();
        let report = match live_dns_check(&self.app.settings, domain, service.as_ref(), &keys) {
            Ok(report) => report,
            Err(error) => return Ok(Err(error)),
        };
        if service.is_some() && report.error.is_none() {
            self.record_scheduled_dns_check(domain, report.clone())?;
        }
        Ok(Ok(report))
    }

    /// Checks every service's DNS and keeps what was found (the server's
    /// schedule). A domain whose keys or report cannot be read or kept is
    /// logged and passed over; with no resolver, nothing is asked this round
    /// (`Err`). Returns how many were kept.
    pub fn check_every_domain(&self) -> std::result::Result<usize, String> {
        let mut kept = 0;
        for service in self.all_services().map_err(|e| e.to_string())? {
            let keys = self.dkim_keys_of(&service.domain).unwrap_or_default();
            let report =
                live_dns_check(&self.app.settings, &service.domain, Some(&service), &keys)?;
            match self.record_scheduled_dns_check(&service.domain, report) {
                Ok(()) => kept += 1,
                Err(error) => {
                    tracing::warn!(domain = %service.domain, %error, "the DNS check could not be kept")
                }
            }
        }
        Ok(kept)
    }
}
