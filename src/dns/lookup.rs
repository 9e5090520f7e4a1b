//! The resolver: the system's, or one named server (`--dns-resolver`). A
//! name that does not exist, or has no record of the type asked, is an
//! empty answer; only a failure to ask is an error.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{ResolveError, TokioResolver};

#[derive(Debug, thiserror::Error)]
pub enum DnsError {
    #[error("the system's resolver settings could not be read: {0}")]
    System(String),
    #[error("the DNS lookup of {name} failed: {reason}")]
    Lookup { name: String, reason: String },
}

pub struct Dns {
    resolver: TokioResolver,
}

/// A TXT record's strings, joined (a long DKIM key is split in several).
fn joined(txt: &hickory_resolver::proto::rr::rdata::TXT) -> String {
    txt.iter()
        .map(|part| String::from_utf8_lossy(part))
        .collect()
}

/// Names as compared here: lowercase, without the final dot.
pub fn bare(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl Dns {
    pub fn new(server: Option<SocketAddr>) -> Result<Self, DnsError> {
        let mut options = ResolverOpts::default();
        options.timeout = Duration::from_secs(3);
        options.attempts = 2;
        // Every check reads what is published now.
        options.cache_size = 0;
        let builder = match server {
            Some(server) => {
                let group =
                    NameServerConfigGroup::from_ips_clear(&[server.ip()], server.port(), true);
                TokioResolver::builder_with_config(
                    ResolverConfig::from_parts(None, Vec::new(), group),
                    TokioConnectionProvider::default(),
                )
            }
            None => TokioResolver::builder_tokio().map_err(|e| DnsError::System(e.to_string()))?,
        };
        Ok(Self {
            resolver: builder.with_options(options).build(),
        })
    }

    fn fqdn(name: &str) -> String {
        format!("{}.", bare(name))
    }

    fn empty_or<T>(name: &str, result: Result<Vec<T>, ResolveError>) -> Result<Vec<T>, DnsError> {
        match result {
            Ok(found) => Ok(found),
            Err(e) if e.is_nx_domain() || e.is_no_records_found() => Ok(Vec::new()),
            Err(e) => Err(DnsError::Lookup {
                name: name.to_owned(),
                reason: e.to_string(),
            }),
        }
    }

    pub async fn txt(&self, name: &str) -> Result<Vec<String>, DnsError> {
        let found = self
            .resolver
            .txt_lookup(Self::fqdn(name))
            .await
            .map(|l| l.iter().map(joined).collect());
        Self::empty_or(name, found)
    }

    /// (preference, exchange) pairs.
    pub async fn mx(&self, name: &str) -> Result<Vec<(u16, String)>, DnsError> {
        let found = self.resolver.mx_lookup(Self::fqdn(name)).await.map(|l| {
            l.iter()
                .map(|mx| (mx.preference(), bare(&mx.exchange().to_ascii())))
                .collect()
        });
        Self::empty_or(name, found)
    }

    /// (port, target) pairs.
    pub async fn srv(&self, name: &str) -> Result<Vec<(u16, String)>, DnsError> {
        let found = self.resolver.srv_lookup(Self::fqdn(name)).await.map(|l| {
            l.iter()
                .map(|srv| (srv.port(), bare(&srv.target().to_ascii())))
                .collect()
        });
        Self::empty_or(name, found)
    }

    /// IPv4 and IPv6 addresses, through any CNAME.
    pub async fn addresses(&self, name: &str) -> Result<Vec<IpAddr>, DnsError> {
        let v4 = self
            .resolver
            .ipv4_lookup(Self::fqdn(name))
            .await
            .map(|l| l.iter().map(|a| IpAddr::V4(a.0)).collect::<Vec<_>>());
        let v6 = self
            .resolver
            .ipv6_lookup(Self::fqdn(name))
            .await
            .map(|l| l.iter().map(|a| IpAddr::V6(a.0)).collect::<Vec<_>>());
        let mut all = Self::empty_or(name, v4)?;
        all.extend(Self::empty_or(name, v6)?);
        Ok(all)
    }
}
