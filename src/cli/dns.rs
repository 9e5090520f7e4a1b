//! `mailroom dns check DOMAIN`: one line per record the domain needs, and
//! a non-zero exit when a required one is not right.

use mailroom::t;
use std::io::Write;
use std::net::SocketAddr;

use anyhow::Context;
use clap::Subcommand;
use mailroom::Config;
use mailroom::app::live_dns_check;
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
    let mut config = config.clone();
    config.dns_resolver = dns_resolver;
    config.public_url = Some(public_url);
    config.mail_client = mail_client.settings();
    // A service's check is the server's own (its DKIM keys and ownership
    // record looked for, the report kept when the DNS answered). The
    // database is held by a running server: then, as for a domain that is no
    // service, only the other records are checked.
    let report = match super::open(&config) {
        Ok(app) => app.services().check_dns_as_operator(&domain)?,
        Err(e) => {
            eprintln!("{}", t!("cli-dkim-not-checked", error = &e));
            live_dns_check(&config.app_settings(), &domain, None, &[])
        }
    }
    .map_err(anyhow::Error::msg)?;
    if let Some(error) = &report.error {
        anyhow::bail!(t!("dns-check-failed", error = error));
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
