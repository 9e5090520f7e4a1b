//! `mailroom dns check DOMAIN`: one line per record the domain needs, and
//! a non-zero exit when a required one is not right.

use mailroom::t;
use std::io::Write;
use std::net::SocketAddr;

use anyhow::Context;
use clap::Subcommand;
use mailroom::Config;
use mailroom::dns::{Dns, Expectations};
use mailroom::model::Domain;

#[derive(Subcommand)]
pub enum DnsCommand {
    /// Check a domain's records: ok, missing, wrong, or optional (and absent)
    Check {
        domain: String,
        /// The DNS server to ask (IP:PORT); the system's by default
        #[arg(long, env = "MAILROOM_DNS_RESOLVER")]
        dns_resolver: Option<SocketAddr>,
        /// The address Mailroom is reached at (for autoconfig and autodiscover)
        #[arg(
            long,
            env = "MAILROOM_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
        #[command(flatten)]
        mail_client: super::MailClientArgs,
    },
}

/// Exits 1 when a required record is missing or wrong.
pub fn run(config: &Config, command: DnsCommand) -> anyhow::Result<bool> {
    let DnsCommand::Check {
        domain,
        dns_resolver,
        public_url,
        mail_client,
    } = command;
    let domain = Domain::parse(&domain).context("the domain")?;
    // The DKIM keys are in the database; a running server holds it, and
    // then only the other records are checked.
    let app = match super::open(config) {
        Ok(app) => Some(app),
        Err(e) => {
            eprintln!("{}", t!("cli-dkim-not-checked", error = &e));
            None
        }
    };
    let keys = app
        .as_ref()
        .map(|app| app.dkim_keys_of(&domain).unwrap_or_default())
        .unwrap_or_default();
    let service = app.as_ref().and_then(|app| {
        app.all_services()
            .ok()?
            .into_iter()
            .find(|s| s.domain == domain)
    });
    let mut want = Expectations::for_domain(&domain, &mail_client.settings(), &public_url, &keys);
    if let Some(service) = &service {
        want = want.with_service(service);
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let report = runtime.block_on(async {
        let dns = Dns::new(dns_resolver)?;
        anyhow::Ok(mailroom::dns::check(&dns, &want, mailroom::app::now()).await)
    })?;
    if let Some(error) = &report.error {
        anyhow::bail!(t!("dns-check-failed", error = error));
    }
    // Kept like the server's own checks: a domain whose ownership record is
    // seen is verified.
    if let (Some(app), Some(_)) = (&app, &service) {
        app.record_scheduled_dns_check(&domain, report.clone())?;
    }
    let mut out = std::io::stdout().lock();
    for r in &report.records {
        writeln!(
            out,
            "{:<8} {:<5} {} {}",
            r.state.word(),
            r.rtype,
            r.name,
            r.expected
        )?;
        if !r.found.is_empty() {
            writeln!(out, "         found: {}", r.found.join(" | "))?;
        }
        if let Some(note) = &r.note {
            writeln!(out, "         {note}")?;
        }
    }
    Ok(report.problems() == 0)
}
