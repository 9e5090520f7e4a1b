//! What the DNS holds of each record a domain needs (`expected.rs`).

use super::expected::{Expectations, needed};
use super::lookup::{Dns, bare};
use super::spf::{Verdict, check_host, is_spf};
use crate::model::{DnsReport, RecordCheck, RecordState};

/// The tags of a `k=v; k=v` record, names lowercased, spaces removed.
fn tags(value: &str) -> Vec<(String, String)> {
    value
        .split(';')
        .filter_map(|part| part.split_once('='))
        .map(|(k, v)| {
            let v: String = v.chars().filter(|c| !c.is_whitespace()).collect();
            (k.trim().to_ascii_lowercase(), v)
        })
        .collect()
}

fn tag(value: &str, name: &str) -> Option<String> {
    tags(value)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// TXT records of `name` that start with `prefix` (case-insensitive).
fn starting<'a>(found: &'a [String], prefix: &str) -> Vec<&'a String> {
    found
        .iter()
        .filter(|r| r.trim().to_ascii_lowercase().starts_with(prefix))
        .collect()
}

fn settle(mut r: RecordCheck, ok: bool, found: Vec<String>, note: Option<String>) -> RecordCheck {
    r.state = match (ok, found.is_empty(), r.required) {
        (true, _, _) => RecordState::Ok,
        (false, true, true) => RecordState::Missing,
        (false, true, false) => RecordState::Optional,
        (false, false, _) => RecordState::Wrong,
    };
    if !ok {
        r.found = found;
        r.note = note;
    }
    r
}

pub async fn check(dns: &Dns, want: &Expectations, now: i64) -> DnsReport {
    match check_all(dns, want).await {
        Ok(records) => DnsReport {
            checked_at: now,
            records,
            error: None,
        },
        Err(e) => DnsReport {
            checked_at: now,
            records: Vec::new(),
            error: Some(e.to_string()),
        },
    }
}

async fn check_all(
    dns: &Dns,
    want: &Expectations,
) -> Result<Vec<RecordCheck>, super::lookup::DnsError> {
    let d = &want.domain;
    let host = bare(&want.mail_host);
    let web = bare(&want.web_host);
    let mut out = Vec::new();
    for r in needed(want) {
        let name = bare(&r.name);
        let checked = match (r.purpose.as_str(), r.rtype.as_str()) {
            (super::expected::OWNERSHIP, _) => {
                let value = want.ownership.clone().unwrap_or_default();
                let found: Vec<String> =
                    starting(&dns.txt(d).await?, crate::model::OWNERSHIP_PREFIX)
                        .into_iter()
                        .cloned()
                        .collect();
                let ok = found.iter().any(|f| f.trim() == value);
                settle(
                    r,
                    ok,
                    found,
                    Some("another verification value is published".into()),
                )
            }
            ("MX", _) => {
                let mx = dns.mx(d).await?;
                let ok = mx.iter().any(|(_, exchange)| *exchange == host);
                let found = mx.iter().map(|(p, e)| format!("{p} {e}.")).collect();
                settle(r, ok, found, Some(format!("no MX names {host}")))
            }
            ("SPF", _) => {
                let spf: Vec<String> = dns
                    .txt(d)
                    .await?
                    .into_iter()
                    .filter(|t| is_spf(t))
                    .collect();
                let (ok, note) = if spf.is_empty() {
                    (false, None)
                } else {
                    spf_allows(dns, &host, d).await?
                };
                settle(r, ok, spf, note)
            }
            (purpose, _) if purpose.starts_with("DKIM ") => {
                let selector = purpose.trim_start_matches("DKIM ");
                let value = want
                    .dkim
                    .iter()
                    .find(|k| k.selector == selector)
                    .map(|k| k.value.clone())
                    .unwrap_or_default();
                let found: Vec<String> = starting(&dns.txt(&name).await?, "v=dkim1")
                    .into_iter()
                    .cloned()
                    .collect();
                let ok = found.iter().any(|f| tag(f, "p") == tag(&value, "p"));
                settle(
                    r,
                    ok,
                    found,
                    Some("another key is published under this selector".into()),
                )
            }
            ("DMARC", _) => {
                let found: Vec<String> = starting(&dns.txt(&name).await?, "v=dmarc1")
                    .into_iter()
                    .cloned()
                    .collect();
                let ok = found.len() == 1
                    && tag(&found[0], "p")
                        .is_some_and(|p| ["none", "quarantine", "reject"].contains(&p.as_str()));
                settle(r, ok, found, Some("a DMARC record needs exactly one v=DMARC1 with p=none, quarantine or reject".into()))
            }
            (_, "CNAME" | "A" | "AAAA") => {
                let here = dns.addresses(&name).await?;
                let there = match web.parse::<std::net::IpAddr>() {
                    Ok(ip) => vec![ip],
                    Err(_) => dns.addresses(&web).await?,
                };
                let ok = !here.is_empty()
                    && (there.is_empty() || here.iter().any(|a| there.contains(a)));
                let found = here.iter().map(ToString::to_string).collect();
                settle(r, ok, found, Some(format!("it does not lead to {web}")))
            }
            (_, "SRV") => {
                let port = if name.starts_with("_imaps.") {
                    want.imap_port
                } else {
                    want.submission_port
                };
                let srv = dns.srv(&name).await?;
                let ok = srv.iter().any(|(p, target)| *p == port && *target == host);
                let found = srv.iter().map(|(p, t)| format!("{p} {t}.")).collect();
                settle(
                    r,
                    ok,
                    found,
                    Some(format!("it should name {host} port {port}")),
                )
            }
            ("MTA-STS", _) => {
                let found: Vec<String> = starting(&dns.txt(&name).await?, "v=stsv1")
                    .into_iter()
                    .cloned()
                    .collect();
                let ok = found.len() == 1 && tag(&found[0], "id").is_some_and(|id| !id.is_empty());
                settle(r, ok, found, Some("an MTA-STS record needs an id".into()))
            }
            _ => {
                let found: Vec<String> = starting(&dns.txt(&name).await?, "v=tlsrptv1")
                    .into_iter()
                    .cloned()
                    .collect();
                let ok = found.len() == 1 && tag(&found[0], "rua").is_some();
                settle(r, ok, found, Some("a TLS-RPT record needs rua=".into()))
            }
        };
        out.push(checked);
    }
    Ok(out)
}

/// Whether SPF lets every address of the mail host send for the domain.
async fn spf_allows(
    dns: &Dns,
    host: &str,
    domain: &str,
) -> Result<(bool, Option<String>), super::lookup::DnsError> {
    let addresses = dns.addresses(host).await?;
    if addresses.is_empty() {
        return Ok((
            false,
            Some(format!("{host} has no address, so nothing can be allowed")),
        ));
    }
    for ip in addresses {
        let verdict = check_host(dns, ip, domain).await;
        if verdict != Verdict::Pass {
            return Ok((
                false,
                Some(format!("it gives {} for {host} ({ip})", verdict.word())),
            ));
        }
    }
    Ok((true, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::expected::record;

    #[test]
    fn tags_ignore_spaces_and_case() {
        let v = "v=DKIM1; k=ed25519; P=abc def";
        assert_eq!(tag(v, "p").as_deref(), Some("abcdef"));
        assert_eq!(tag(v, "x"), None);
    }

    #[test]
    fn states_follow_what_was_found() {
        let r = record(
            "MX",
            "example.org",
            "MX",
            "10 mail.example.org.".into(),
            true,
        );
        assert_eq!(
            settle(r.clone(), true, vec!["x".into()], None).state,
            RecordState::Ok
        );
        assert_eq!(
            settle(r.clone(), false, vec![], None).state,
            RecordState::Missing
        );
        let wrong = settle(r, false, vec!["10 other.example.".into()], Some("n".into()));
        assert_eq!((wrong.state, wrong.found.len()), (RecordState::Wrong, 1));
        let optional = record("TLS-RPT", "x.example", "TXT", "\"v\"".into(), false);
        assert_eq!(
            settle(optional, false, vec![], None).state,
            RecordState::Optional
        );
    }
}
