//! Who a request comes from. The peer's address, unless the peer is one of
//! the proxies the operator trusts (`BENTURAN_TRUSTED_PROXIES`): then the
//! address that proxy says it forwarded for. Any client can write an
//! `X-Forwarded-For`; only a trusted proxy's is believed. The audit log and
//! the per-address sign-in limit both go by it.
use app::auth::ClientAddress;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::HeaderMap,
    middleware::Next,
    response::Response,
};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose `X-Forwarded-For` is believed: addresses or networks.
/// None by default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// A comma- or space-separated list such as `10.0.0.2, 192.168.1.0/24,
    /// ::1`; an error names the entry that is neither an address nor a
    /// network.
    pub fn parse(list: Option<&str>) -> Result<Self, String> {
        let entries = list.unwrap_or_default().split([',', ' ']).filter(|entry| !entry.is_empty());
        let parsed = entries.map(|entry| {
            entry.parse::<IpNet>().or_else(|_| entry.parse::<IpAddr>().map(IpNet::from)).map_err(
                |_| format!("{entry:?} is neither an IP address nor a network (10.0.0.0/8)"),
            )
        });
        Ok(Self(parsed.collect::<Result<Vec<_>, _>>()?.into()))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request from `peer`: behind trusted proxies, the
    /// last address of `X-Forwarded-For` that is not one of them (each proxy
    /// appends the address it heard from; those left of an untrusted one
    /// are the client's to invent).
    pub fn client(&self, headers: &HeaderMap, peer: IpAddr) -> ClientAddress {
        let direct = ClientAddress { ip: peer, shown: peer.to_string() };
        if !self.trusts(peer) {
            return direct;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        let mut client = None;
        for hop in forwarded.iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else { break };
            client = Some(ip);
            if !self.trusts(ip) {
                break;
            }
        }
        match client {
            Some(ip) => ClientAddress { ip, shown: format!("{ip} via {peer}") },
            None => direct,
        }
    }
}

/// Puts the request's [`ClientAddress`] on it for every handler after.
pub async fn client_address(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = proxies.client(request.headers(), peer);
        request.extensions_mut().insert(client);
    }
    next.run(request).await
}

/// The sign-in limit's key: the client's address as worked out above.
#[derive(Clone, Copy, Debug)]
pub struct ClientIpKeyExtractor;

impl tower_governor::key_extractor::KeyExtractor for ClientIpKeyExtractor {
    type Key = IpAddr;

    fn extract<T>(
        &self,
        request: &http::Request<T>,
    ) -> Result<Self::Key, tower_governor::GovernorError> {
        request
            .extensions()
            .get::<ClientAddress>()
            .map(|client| client.ip)
            .ok_or(tower_governor::GovernorError::UnableToExtractKey)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(value));
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = TrustedProxies::default();
        let client = none.client(&forwarded("10.9.9.9"), ip("127.0.0.1"));
        assert_eq!(client, ClientAddress { ip: ip("127.0.0.1"), shown: "127.0.0.1".into() });
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let proxies = TrustedProxies::parse(Some("127.0.0.1, 10.0.0.0/8")).unwrap();
        let client = proxies.client(&forwarded("198.51.100.7"), ip("127.0.0.1"));
        assert_eq!(client.shown, "198.51.100.7 via 127.0.0.1");
        // Proxies in a chain are skipped; what the client wrote left of
        // the first untrusted hop is not believed.
        let chain = forwarded("6.6.6.6, 198.51.100.7, 10.0.0.3");
        assert_eq!(proxies.client(&chain, ip("127.0.0.1")).ip, ip("198.51.100.7"));
        // A peer that is not trusted is the client, whatever it says.
        assert_eq!(proxies.client(&chain, ip("203.0.113.1")).ip, ip("203.0.113.1"));
        // A trusted proxy that forwards nothing readable is the client.
        assert_eq!(proxies.client(&forwarded("nonsense"), ip("10.1.1.1")).ip, ip("10.1.1.1"));
        assert_eq!(proxies.client(&HeaderMap::new(), ip("10.1.1.1")).shown, "10.1.1.1");
        // IPv4 peers seen through an IPv6 socket are the same addresses.
        assert!(proxies.trusts(ip("::ffff:127.0.0.1")));
    }

    #[test]
    fn a_bad_entry_is_named() {
        assert_eq!(TrustedProxies::parse(None), Ok(TrustedProxies::default()));
        assert_eq!(TrustedProxies::parse(Some(" ")), Ok(TrustedProxies::default()));
        let error = TrustedProxies::parse(Some("10.0.0.1, proksi.local")).unwrap_err();
        assert!(error.contains("\"proksi.local\""), "{error}");
        assert!(TrustedProxies::parse(Some("10.0.0.0/33")).is_err());
    }
}
