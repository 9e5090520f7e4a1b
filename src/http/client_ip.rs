//! Which client a request comes from. Behind a reverse proxy every request
//! comes from the proxy: only from peers listed as trusted proxies is the
//! one forwarding header the operator names read (`--client-ip-header`,
//! `X-Forwarded-For` by default), right to left, skipping the hops trusted
//! proxies added; the first hop no trusted proxy stands for is the client.
//! A client may write any header it likes: whatever it wrote stands left of
//! what the proxies appended, so it is never chosen, and every other
//! forwarding header is ignored.

use std::net::IpAddr;

use axum::http::{HeaderMap, HeaderName};
use ipnet::IpNet;

/// The reverse proxies in front of Mailroom, and the header they write.
#[derive(Debug, Clone)]
pub struct Proxies {
    pub trusted: Vec<IpNet>,
    pub header: HeaderName,
}

impl Default for Proxies {
    fn default() -> Self {
        Self {
            trusted: Vec::new(),
            header: HeaderName::from_static("x-forwarded-for"),
        }
    }
}

impl Proxies {
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        client_ip(peer, headers, &self.trusted, &self.header)
    }
}

pub fn client_ip(
    peer: IpAddr,
    headers: &HeaderMap,
    trusted: &[IpNet],
    header: &HeaderName,
) -> IpAddr {
    // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d.
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<Option<IpAddr>> = if header == "forwarded" {
        forwarded_for(headers, header)
    } else {
        listed(headers, header)
    };
    // `nearest` is the last address known to be a trusted proxy's.
    let mut nearest = peer;
    for hop in hops.iter().rev().map(|hop| hop.map(|ip| ip.to_canonical())) {
        match hop {
            Some(ip) if is_trusted(&ip) => nearest = ip,
            Some(ip) => return ip,
            // Unreadable: nothing left of it can be believed.
            None => return nearest,
        }
    }
    nearest
}

/// `X-Forwarded-For: client, proxy1, proxy2` (every such header, in order).
fn listed(headers: &HeaderMap, header: &HeaderName) -> Vec<Option<IpAddr>> {
    headers
        .get_all(header)
        .iter()
        .flat_map(|v| match v.to_str() {
            Ok(v) => v.split(',').map(|part| parse_node(part.trim())).collect(),
            Err(_) => vec![None],
        })
        .collect()
}

/// RFC 7239 `Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"`.
fn forwarded_for(headers: &HeaderMap, header: &HeaderName) -> Vec<Option<IpAddr>> {
    headers
        .get_all(header)
        .iter()
        .flat_map(|v| match v.to_str() {
            Ok(v) => v
                .split(',')
                .map(|element| {
                    element.split(';').find_map(|pair| {
                        let (name, value) = pair.split_once('=')?;
                        name.trim()
                            .eq_ignore_ascii_case("for")
                            .then(|| parse_node(value.trim().trim_matches('"')))
                            .flatten()
                    })
                })
                .collect(),
            Err(_) => vec![None],
        })
        .collect()
}

/// `--client-ip-header`: a header name (`X-Forwarded-For`, `Forwarded`,
/// `X-Real-IP`…).
pub fn parse_header(value: &str) -> Result<HeaderName, String> {
    HeaderName::from_bytes(value.trim().as_bytes())
        .map_err(|_| format!("not a header name: {value}"))
}

/// An address, maybe with a port, maybe in brackets.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    node.rsplit_once(':')?.0.parse().ok()
}

/// `--trusted-proxies`: networks (`10.0.0.0/8`) or single addresses.
pub fn parse_trusted(value: &str) -> Result<IpNet, String> {
    let value = value.trim();
    value
        .parse::<IpNet>()
        .or_else(|_| value.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| t!("error-not-a-network", value = value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn xff() -> HeaderName {
        HeaderName::from_static("x-forwarded-for")
    }

    #[test]
    fn headers_count_only_from_trusted_proxies() {
        let trusted = vec![
            parse_trusted("10.0.0.0/8").unwrap(),
            parse_trusted("192.0.2.1").unwrap(),
        ];
        let spoofed = headers(&[("x-forwarded-for", "203.0.113.9")]);
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(client_ip(stranger, &spoofed, &trusted, &xff()), stranger);
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        // Right to left, skipping trusted hops; a client's own prefix is not believed.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 192.0.2.1")]);
        assert_eq!(
            client_ip(proxy, &chain, &trusted, &xff()).to_string(),
            "203.0.113.9"
        );
        let forwarded = HeaderName::from_static("forwarded");
        let rfc = headers(&[(
            "forwarded",
            "for=\"[2001:db8::1]:4711\";proto=https, for=10.0.0.2",
        )]);
        assert_eq!(
            client_ip(proxy, &rfc, &trusted, &forwarded).to_string(),
            "2001:db8::1"
        );
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted, &xff()), proxy);
        assert!(parse_trusted("not a network").is_err());
    }

    #[test]
    fn a_header_the_operator_did_not_name_is_never_read() {
        let trusted = vec![parse_trusted("10.0.0.0/8").unwrap()];
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        // The client sends its own Forwarded; the proxy appends to X-Forwarded-For.
        let sent = headers(&[
            ("forwarded", "for=192.0.2.99"),
            ("x-forwarded-for", "203.0.113.5"),
        ]);
        assert_eq!(
            client_ip(proxy, &sent, &trusted, &xff()).to_string(),
            "203.0.113.5"
        );
        // A client's own X-Forwarded-For line stands left of the proxy's.
        let two_lines = headers(&[
            ("x-forwarded-for", "192.0.2.99"),
            ("x-forwarded-for", "203.0.113.5"),
        ]);
        assert_eq!(
            client_ip(proxy, &two_lines, &trusted, &xff()).to_string(),
            "203.0.113.5"
        );
        // Garbage the client wrote, then what the proxy appended.
        let garbage = headers(&[("x-forwarded-for", "not-an-ip, 203.0.113.5")]);
        assert_eq!(
            client_ip(proxy, &garbage, &trusted, &xff()).to_string(),
            "203.0.113.5"
        );
        // Garbage where the proxy's hop should be: no one left of it is believed.
        let broken = headers(&[("x-forwarded-for", "192.0.2.99, junk")]);
        assert_eq!(client_ip(proxy, &broken, &trusted, &xff()), proxy);
        // Every hop trusted: the farthest proxy known.
        let inside = headers(&[("x-forwarded-for", "10.9.9.9, 10.0.0.7")]);
        assert_eq!(
            client_ip(proxy, &inside, &trusted, &xff()).to_string(),
            "10.9.9.9"
        );
        // A proxy reaching a dual-stack listener over IPv4.
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        let forwarded = headers(&[("x-forwarded-for", "203.0.113.5")]);
        assert_eq!(
            client_ip(mapped, &forwarded, &trusted, &xff()).to_string(),
            "203.0.113.5"
        );
        assert!(parse_header("X-Real-IP").is_ok());
        assert!(parse_header("bad header").is_err());
    }
}
