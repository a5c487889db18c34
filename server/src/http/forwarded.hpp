#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <boost/beast/http/fields.hpp>

#include <string>
#include <vector>

namespace lianjian::http {

// The reverse proxies (`serve --trusted-proxy`, repeatable) whose X-Forwarded-For and
// X-Forwarded-Proto headers are believed: single addresses or CIDR networks, IPv4 and IPv6.
// Empty by default, when those headers are ignored from every peer.
class TrustedProxies {
  public:
    // Parses each value as an address ("10.0.0.7", "::1") or a network ("10.0.0.0/8",
    // "fd00::/8"), with Boost.Asio's address and network types. Throws std::invalid_argument
    // naming the first value that is neither (an English message for the operator's terminal).
    static TrustedProxies parse(const std::vector<std::string>& values);

    // Whether `address` is one of the proxies or inside one of their networks. An IPv4 address
    // mapped into IPv6 (::ffff:a.b.c.d, as a dual-stack socket reports it) counts as IPv4.
    bool contains(const boost::asio::ip::address& address) const;
    bool empty() const { return v4_.empty() && v6_.empty(); }

  private:
    std::vector<boost::asio::ip::network_v4> v4_;
    std::vector<boost::asio::ip::network_v6> v6_;
};

// Where a request came from, as the server believes it.
struct ClientOrigin {
    std::string address;  // the client's IP address (audit records, the login throttle)
    bool https = false;   // the client's request reached the proxy over HTTPS
};

// The client of a request whose TCP peer is `peer_address`. When the peer is a trusted proxy,
// the address is the right-most hop of X-Forwarded-For (all its fields, in order) that is not a
// trusted proxy itself, and HTTPS is the right-most X-Forwarded-Proto value being "https". From
// any other peer both headers are ignored: the address is the peer's and HTTPS is false (TLS
// ends at the proxy; the server itself speaks plain HTTP). A hop that is not an IP address ends
// the walk at the last trusted hop before it.
ClientOrigin client_origin(const boost::beast::http::fields& headers,
                           const std::string& peer_address, const TrustedProxies& proxies);

// `cookie` with "; Secure" appended unless it already has the attribute.
std::string with_secure_attribute(const std::string& cookie);

}  // namespace lianjian::http
