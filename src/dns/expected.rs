//! What a domain should publish for this server: every record, with the
//! value to put in the zone.

use super::lookup::bare;
use crate::model::{RecordCheck, RecordState};

/// A DKIM selector to publish: its name and TXT value.
#[derive(Debug, Clone)]
pub struct DkimRecord {
    pub selector: String,
    pub value: String,
}

/// What the domain should publish, from the server's settings.
#[derive(Debug, Clone)]
pub struct Expectations {
    /// The domain, in ASCII.
    pub domain: String,
    /// Where mail is received and sent: MX, SPF and SRV point here.
    pub mail_host: String,
    /// Where Mailroom answers mail programs (autoconfig, autodiscover).
    pub web_host: String,
    pub imap_port: u16,
    pub submission_port: u16,
    pub dkim: Vec<DkimRecord>,
    /// The TXT value that shows the domain is the organisation's, while
    /// the service waits for it.
    pub ownership: Option<String>,
}

/// The purpose of the record that proves a domain is the organisation's.
pub use crate::model::OWNERSHIP_PURPOSE as OWNERSHIP;

impl Expectations {
    /// What `domain` should publish for this server: its mail host and
    /// ports as mail programs are told, the host of Mailroom's public
    /// address, and the DKIM keys it publishes.
    pub fn for_domain(
        domain: &crate::model::Domain,
        mail: &crate::model::MailClientSettings,
        public_url: &str,
        keys: &[crate::model::DkimKey],
    ) -> Self {
        let ascii = domain.as_ascii().to_owned();
        let web_host = public_url
            .split("://")
            .nth(1)
            .unwrap_or(public_url)
            .split(['/', ':'])
            .next()
            .unwrap_or("")
            .to_owned();
        Self {
            mail_host: mail.host_for(&ascii),
            web_host,
            imap_port: mail.imap_port,
            submission_port: mail.submission_port,
            dkim: keys
                .iter()
                .map(|k| DkimRecord {
                    selector: k.selector.clone(),
                    value: k.txt(),
                })
                .collect(),
            domain: ascii,
            ownership: None,
        }
    }

    /// The same, for a service still waiting to be verified.
    pub fn with_service(mut self, service: &crate::model::Service) -> Self {
        self.ownership = service.ownership_value();
        self
    }
}

pub(super) fn record(
    purpose: &str,
    name: &str,
    rtype: &str,
    expected: String,
    required: bool,
) -> RecordCheck {
    RecordCheck {
        purpose: purpose.to_owned(),
        name: format!("{}.", bare(name)),
        rtype: rtype.to_owned(),
        expected,
        required,
        state: RecordState::Missing,
        found: Vec::new(),
        note: None,
    }
}

/// Every record the domain needs, with the value to publish, unchecked.
pub fn needed(want: &Expectations) -> Vec<RecordCheck> {
    let d = &want.domain;
    let host = bare(&want.mail_host);
    let web = bare(&want.web_host);
    let mut all = Vec::new();
    if let Some(value) = &want.ownership {
        all.push(record(OWNERSHIP, d, "TXT", quoted(value), true));
    }
    all.extend([
        record("MX", d, "MX", format!("10 {host}."), true),
        record("SPF", d, "TXT", "\"v=spf1 mx -all\"".into(), true),
    ]);
    for key in &want.dkim {
        let name = format!("{}._domainkey.{d}", key.selector);
        all.push(record(
            &format!("DKIM {}", key.selector),
            &name,
            "TXT",
            quoted(&key.value),
            true,
        ));
    }
    all.push(record(
        "DMARC",
        &format!("_dmarc.{d}"),
        "TXT",
        format!("\"v=DMARC1; p=quarantine; rua=mailto:postmaster@{d}\""),
        true,
    ));
    // Mail programs find Mailroom there: a name leads to its host, or an
    // address when it is reached by one.
    let (rtype, target) = match web.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => ("A", ip.to_string()),
        Ok(std::net::IpAddr::V6(ip)) => ("AAAA", ip.to_string()),
        Err(_) => ("CNAME", format!("{web}.")),
    };
    for label in ["autoconfig", "autodiscover"] {
        all.push(record(
            "Mail-client discovery",
            &format!("{label}.{d}"),
            rtype,
            target.clone(),
            true,
        ));
    }
    for (service, port) in [
        ("_imaps._tcp", want.imap_port),
        ("_submissions._tcp", want.submission_port),
    ] {
        all.push(record(
            "Mail-client discovery",
            &format!("{service}.{d}"),
            "SRV",
            format!("0 1 {port} {host}."),
            true,
        ));
    }
    all.push(record(
        "MTA-STS",
        &format!("_mta-sts.{d}"),
        "TXT",
        "\"v=STSv1; id=1\"".into(),
        false,
    ));
    all.push(record(
        "TLS-RPT",
        &format!("_smtp._tls.{d}"),
        "TXT",
        format!("\"v=TLSRPTv1; rua=mailto:tlsrpt@{d}\""),
        false,
    ));
    all
}

/// The records as zone-file lines.
pub fn zone_lines(want: &Expectations) -> Vec<String> {
    needed(want).iter().map(RecordCheck::zone_line).collect()
}

/// A TXT value as a zone file writes it: quoted, in strings of at most 255
/// bytes (an RSA key is longer).
pub fn quoted(value: &str) -> String {
    value
        .as_bytes()
        .chunks(250)
        .map(|chunk| format!("\"{}\"", String::from_utf8_lossy(chunk)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_split_for_zone_files() {
        let long = "a".repeat(600);
        let q = quoted(&long);
        assert_eq!(q.matches('"').count(), 6);
        assert!(q.split(' ').all(|s| s.len() <= 252));
    }
}
