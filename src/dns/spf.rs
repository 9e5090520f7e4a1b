//! SPF (RFC 7208) evaluated for what it allows: whether the mail server's
//! addresses pass `check_host()` for the domain, `include:` and `redirect=`
//! followed within the RFC's limit of 10 lookups. Macros and `ptr` are not
//! evaluated (a record using them to allow our server is reported, not
//! guessed at).

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;

use ipnet::IpNet;

use super::lookup::Dns;

const MAX_LOOKUPS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    SoftFail,
    Neutral,
    /// No SPF record.
    None,
    PermError(String),
    TempError(String),
}

impl Verdict {
    pub fn word(&self) -> String {
        match self {
            Verdict::Pass => "pass".into(),
            Verdict::Fail => "fail".into(),
            Verdict::SoftFail => "softfail".into(),
            Verdict::Neutral => "neutral".into(),
            Verdict::None => "none".into(),
            Verdict::PermError(why) => format!("permerror ({why})"),
            Verdict::TempError(why) => format!("temperror ({why})"),
        }
    }
}

pub fn is_spf(record: &str) -> bool {
    let lower = record.trim().to_ascii_lowercase();
    lower == "v=spf1" || lower.starts_with("v=spf1 ")
}

/// `check_host(ip, domain)`.
pub async fn check_host(dns: &Dns, ip: IpAddr, domain: &str) -> Verdict {
    let mut lookups = 0;
    evaluate(dns, ip, domain.to_owned(), &mut lookups).await
}

/// A mechanism's target and prefix lengths: `a:host/24//64`.
fn split_target(spec: &str) -> (Option<&str>, u8, u8) {
    let (target, cidr) = match spec.find('/') {
        Some(at) => (&spec[..at], &spec[at..]),
        None => (spec, ""),
    };
    let (v4, v6) = match cidr.split_once("//") {
        Some((v4, v6)) => (v4.trim_start_matches('/'), v6),
        None => (cidr.trim_start_matches('/'), ""),
    };
    let target = (!target.is_empty()).then_some(target);
    (target, v4.parse().unwrap_or(32), v6.parse().unwrap_or(128))
}

fn within(address: IpAddr, ip: IpAddr, v4: u8, v6: u8) -> bool {
    let prefix = if address.is_ipv4() { v4 } else { v6 };
    IpNet::new(address, prefix).is_ok_and(|net| net.trunc().contains(&ip))
}

fn qualified(qualifier: char) -> Verdict {
    match qualifier {
        '-' => Verdict::Fail,
        '~' => Verdict::SoftFail,
        '?' => Verdict::Neutral,
        _ => Verdict::Pass,
    }
}

fn evaluate<'a>(
    dns: &'a Dns,
    ip: IpAddr,
    domain: String,
    lookups: &'a mut usize,
) -> Pin<Box<dyn Future<Output = Verdict> + Send + 'a>> {
    Box::pin(async move {
        let records = match dns.txt(&domain).await {
            Ok(records) => records,
            Err(e) => return Verdict::TempError(e.to_string()),
        };
        let spf: Vec<&String> = records.iter().filter(|r| is_spf(r)).collect();
        let record = match spf.as_slice() {
            [] => return Verdict::None,
            [one] => one.to_ascii_lowercase(),
            _ => return Verdict::PermError(format!("{domain} has several SPF records")),
        };
        let mut redirect = None;
        for term in record.split_ascii_whitespace().skip(1) {
            if term.contains('%') {
                return Verdict::PermError("macros are not evaluated here".into());
            }
            if let Some(target) = term.strip_prefix("redirect=") {
                redirect = Some(target.to_owned());
                continue;
            }
            if term.contains('=') {
                continue;
            }
            let (qualifier, mechanism) = match term.chars().next() {
                Some(c @ ('+' | '-' | '~' | '?')) => (c, &term[1..]),
                _ => ('+', term),
            };
            let (name, spec) = match mechanism.find([':', '/']) {
                Some(at) => (&mechanism[..at], mechanism[at..].trim_start_matches(':')),
                None => (mechanism, ""),
            };
            let matched = match name {
                "all" => Ok(true),
                "ip4" | "ip6" => Ok(spec
                    .parse::<IpNet>()
                    .map(|net| net.contains(&ip))
                    .or_else(|_| spec.parse::<IpAddr>().map(|a| a == ip))
                    .unwrap_or(false)),
                "a" | "mx" | "include" | "exists" | "ptr" => {
                    *lookups += 1;
                    if *lookups > MAX_LOOKUPS {
                        return Verdict::PermError("more than 10 DNS lookups".into());
                    }
                    let (target, v4, v6) = split_target(spec);
                    let target = target.unwrap_or(&domain).to_owned();
                    matches(dns, ip, name, &target, v4, v6, lookups).await
                }
                other => return Verdict::PermError(format!("unknown mechanism {other}")),
            };
            match matched {
                Ok(true) => return qualified(qualifier),
                Ok(false) => {}
                Err(verdict) => return verdict,
            }
        }
        match redirect {
            Some(target) => {
                *lookups += 1;
                if *lookups > MAX_LOOKUPS {
                    return Verdict::PermError("more than 10 DNS lookups".into());
                }
                match evaluate(dns, ip, target.clone(), lookups).await {
                    Verdict::None => {
                        Verdict::PermError(format!("redirect to {target}, which has no SPF record"))
                    }
                    other => other,
                }
            }
            None => Verdict::Neutral,
        }
    })
}

/// Whether a DNS-querying mechanism matches; `Err` ends the evaluation.
async fn matches(
    dns: &Dns,
    ip: IpAddr,
    name: &str,
    target: &str,
    v4: u8,
    v6: u8,
    lookups: &mut usize,
) -> Result<bool, Verdict> {
    let temp = |e: super::lookup::DnsError| Verdict::TempError(e.to_string());
    match name {
        "a" => Ok(dns
            .addresses(target)
            .await
            .map_err(temp)?
            .into_iter()
            .any(|a| within(a, ip, v4, v6))),
        "mx" => {
            for (_, exchange) in dns.mx(target).await.map_err(temp)?.into_iter().take(10) {
                let found = dns.addresses(&exchange).await.map_err(temp)?;
                if found.into_iter().any(|a| within(a, ip, v4, v6)) {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        "include" => match evaluate(dns, ip, target.to_owned(), lookups).await {
            Verdict::Pass => Ok(true),
            Verdict::Fail | Verdict::SoftFail | Verdict::Neutral => Ok(false),
            Verdict::None => Err(Verdict::PermError(format!(
                "include:{target} has no SPF record"
            ))),
            other => Err(other),
        },
        "exists" => Ok(!dns.addresses(target).await.map_err(temp)?.is_empty()),
        // Deprecated (RFC 7208 5.5), and it needs reverse lookups: never a match.
        _ => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_prefixes() {
        assert_eq!(split_target(""), (None, 32, 128));
        assert_eq!(
            split_target("mail.example.org"),
            (Some("mail.example.org"), 32, 128)
        );
        assert_eq!(split_target("/24"), (None, 24, 128));
        assert_eq!(
            split_target("x.example/24//64"),
            (Some("x.example"), 24, 64)
        );
        assert_eq!(split_target("//64"), (None, 32, 64));
    }

    #[test]
    fn prefixes_match_networks() {
        let ip: IpAddr = "192.0.2.77".parse().unwrap();
        assert!(within("192.0.2.1".parse().unwrap(), ip, 24, 128));
        assert!(!within("192.0.2.1".parse().unwrap(), ip, 32, 128));
        assert!(is_spf("v=spf1 -all") && is_spf("V=SPF1") && !is_spf("v=spf10 a"));
    }
}
