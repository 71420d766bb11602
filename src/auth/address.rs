//! Which address a request comes from. The socket peer is the client, unless the peer is one of
//! the proxies named in `server.trusted_proxies`: then `X-Forwarded-For` is read from the right,
//! skipping every trusted proxy, and the first address that is not one is the client. Entries to
//! the left of it were written by the client itself and are never believed, so a client cannot
//! pick the address the login throttle counts or the audit log records.

use std::net::{IpAddr, SocketAddr};

use actix_web::{http::header::HeaderName, HttpRequest};
use ipnet::IpNet;
use serde::{Deserialize, Deserializer};

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The proxies whose forwarding headers are believed: single addresses or CIDR ranges.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads `10.0.0.1`, `10.0.0.0/8`, `::1` or `fd00::/8`.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, String> {
        entries
            .iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("`{entry}` is neither an address nor a CIDR range"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client behind a request whose socket peer is `peer`.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded_for
            .iter()
            .flat_map(|value| value.split(','))
            .rev()
        {
            let Some(address) = parse_entry(entry) else {
                // A proxy we trust wrote something that is not an address: stop at that proxy.
                return client;
            };
            client = address;
            if !self.trusts(address) {
                return address;
            }
        }
        client
    }
}

impl<'de> Deserialize<'de> for TrustedProxies {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// A list in YAML, or one comma-separated string from an environment variable.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Entries {
            List(Vec<String>),
            Text(String),
        }
        let entries = match Entries::deserialize(deserializer)? {
            Entries::List(list) => list,
            Entries::Text(text) => text
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_owned)
                .collect(),
        };
        Self::parse(&entries).map_err(serde::de::Error::custom)
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:80`, `[::1]:80`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(canonical)
}

/// The client's address, as text for the throttle and the audit log.
pub fn client_ip(req: &HttpRequest, proxies: &TrustedProxies) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    let forwarded: Vec<&str> = req
        .headers()
        .get_all(X_FORWARDED_FOR)
        .filter_map(|value| value.to_str().ok())
        .collect();
    Some(proxies.client(peer, &forwarded).to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let proxies = TrustedProxies::parse(&["10.0.0.0/8"]).unwrap();
        assert_eq!(
            proxies.client(ip("203.0.113.7"), &["1.1.1.1"]),
            ip("203.0.113.7")
        );
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &["1.1.1.1"]),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_client_is_the_rightmost_untrusted_address() {
        let proxies = TrustedProxies::parse(&["10.0.0.1", "192.168.0.0/16"]).unwrap();
        let forged = ["6.6.6.6, 203.0.113.7, 192.168.1.2"];
        assert_eq!(proxies.client(ip("10.0.0.1"), &forged), ip("203.0.113.7"));
        let two_headers = ["6.6.6.6", "203.0.113.7:5000"];
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &two_headers),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn garbage_written_by_a_trusted_proxy_stops_at_that_proxy() {
        let proxies = TrustedProxies::parse(&["10.0.0.1"]).unwrap();
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &["not-an-ip"]),
            ip("10.0.0.1")
        );
        assert_eq!(proxies.client(ip("10.0.0.1"), &[]), ip("10.0.0.1"));
    }

    #[test]
    fn mapped_ipv4_is_read_as_ipv4() {
        let proxies = TrustedProxies::parse(&["127.0.0.1"]).unwrap();
        let peer = ip("::ffff:127.0.0.1");
        assert_eq!(
            proxies.client(peer, &["[::ffff:198.51.100.1]:1"]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn entries_that_are_not_addresses_are_refused() {
        assert!(TrustedProxies::parse(&["10.0.0.0/33"]).is_err());
        assert!(TrustedProxies::parse(&["proxy.local"]).is_err());
    }
}
