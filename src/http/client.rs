//! Who a request comes from, for every per-client limit (logins, subscriptions): one
//! function, so that no limit can be escaped by a header another one ignores.
//!
//! The client is the peer, unless the peer is a proxy the deployment trusts
//! (`http.trusted_proxies`). Then it is the rightmost `X-Forwarded-For` address that is not
//! a trusted proxy: each proxy appends the address it saw, so everything left of that is
//! whatever the client chose to send. IPv6 clients are counted per /64, the block one
//! subscriber line usually gets, so that rotating addresses within it changes nothing.

use std::net::{IpAddr, Ipv6Addr};

use actix_web::HttpRequest;
use ipnet::IpNet;

use crate::config::parse_network;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// From the settings, which `Settings::load` has already checked.
    pub fn new(networks: &[String]) -> Self {
        Self(networks.iter().filter_map(|n| parse_network(n)).collect())
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(&address))
    }
}

/// The key a request's client is counted under: an IPv4 address, or an IPv6 /64.
pub fn client_key(req: &HttpRequest, proxies: &TrustedProxies) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else { return "unknown".into() };
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    bucket(client_address(peer, &forwarded, proxies))
}

/// Walks from the peer leftwards through `forwarded` while the address at hand is a trusted
/// proxy. An entry that is not an address stops the walk at the last proxy: a proxy of ours
/// never writes one, so it came from the client.
fn client_address(peer: IpAddr, forwarded: &[&str], proxies: &TrustedProxies) -> IpAddr {
    let mut client = canonical(peer);
    for hop in forwarded.iter().rev() {
        if !proxies.trusts(client) {
            break;
        }
        match hop.trim().parse::<IpAddr>() {
            Ok(address) => client = canonical(address),
            Err(_) => break,
        }
    }
    client
}

/// IPv4 written as IPv6 (`::ffff:192.0.2.1`) is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

fn bucket(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", Ipv6Addr::from(network))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let none = proxies(&[]);
        assert_eq!(client_address(ip("203.0.113.9"), &["198.51.100.1"], &none), ip("203.0.113.9"));
        let ours = proxies(&["10.0.0.0/8"]);
        assert_eq!(client_address(ip("203.0.113.9"), &["198.51.100.1"], &ours), ip("203.0.113.9"), "not a proxy");
        assert_eq!(client_address(ip("10.0.0.2"), &["198.51.100.1"], &ours), ip("198.51.100.1"));
    }

    #[test]
    fn the_client_is_the_rightmost_untrusted_address() {
        let ours = proxies(&["10.0.0.0/8", "::1"]);
        // The client wrote the first two entries itself; our proxies added the rest.
        let forwarded = ["1.2.3.4", "10.9.9.9", "198.51.100.7", "10.0.0.3"];
        assert_eq!(client_address(ip("10.0.0.2"), &forwarded, &ours), ip("198.51.100.7"));
        assert_eq!(client_address(ip("::1"), &["198.51.100.7"], &ours), ip("198.51.100.7"));
        assert_eq!(client_address(ip("10.0.0.2"), &["bogus", "10.0.0.3"], &ours), ip("10.0.0.3"));
        assert_eq!(client_address(ip("10.0.0.2"), &[], &ours), ip("10.0.0.2"));
    }

    #[test]
    fn ipv6_counts_per_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(bucket(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(bucket(ip("2001:db8:1:2:ffff::9")), "2001:db8:1:2::/64");
        assert_eq!(bucket(canonical(ip("::ffff:192.0.2.1"))), "192.0.2.1");
    }
}
