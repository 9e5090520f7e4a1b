//! Which client a request comes from. Behind a reverse proxy every request
//! comes from the proxy: only from peers listed as trusted proxies are
//! `X-Forwarded-For` and `Forwarded` read, right to left, skipping the
//! trusted hops; anyone else's headers are ignored (they could say anything).

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut chain = forwarded_for(headers);
    if chain.is_empty() {
        chain = x_forwarded_for(headers);
    }
    chain
        .iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .or(chain.first())
        .copied()
        .unwrap_or(peer)
}

/// `X-Forwarded-For: client, proxy1, proxy2` (every such header, in order).
fn x_forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|part| parse_node(part.trim()))
        .collect()
}

/// RFC 7239 `Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"`.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| parse_node(value.trim().trim_matches('"')))
                    .flatten()
            })
        })
        .collect()
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

    #[test]
    fn headers_count_only_from_trusted_proxies() {
        let trusted = vec![
            parse_trusted("10.0.0.0/8").unwrap(),
            parse_trusted("192.0.2.1").unwrap(),
        ];
        let spoofed = headers(&[("x-forwarded-for", "203.0.113.9")]);
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(client_ip(stranger, &spoofed, &trusted), stranger);
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        // Right to left, skipping trusted hops; a client's own prefix is not believed.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 192.0.2.1")]);
        assert_eq!(
            client_ip(proxy, &chain, &trusted).to_string(),
            "203.0.113.9"
        );
        let rfc = headers(&[(
            "forwarded",
            "for=\"[2001:db8::1]:4711\";proto=https, for=10.0.0.2",
        )]);
        assert_eq!(client_ip(proxy, &rfc, &trusted).to_string(), "2001:db8::1");
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted), proxy);
        assert!(parse_trusted("not a network").is_err());
    }
}
