#include "http/forwarded.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace lianjian::http {

namespace asio_ip = boost::asio::ip;

namespace {

// IPv4 mapped into IPv6 is the IPv4 address it carries.
asio_ip::address unmapped(const asio_ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return asio_ip::make_address_v4(asio_ip::v4_mapped, address.to_v6());
    }
    return address;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

std::optional<asio_ip::address> parse_address(std::string_view text) {
    text = trimmed(text);
    // "[2001:db8::1]" as some proxies write an IPv6 hop.
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
    }
    boost::system::error_code error;
    const auto address = asio_ip::make_address(text, error);
    if (error) {
        return std::nullopt;
    }
    return unmapped(address);
}

// The comma-separated values of every field named `name`, in order.
std::vector<std::string_view> list_values(const boost::beast::http::fields& headers,
                                          std::string_view name) {
    std::vector<std::string_view> values;
    const auto range = headers.equal_range(name);
    for (auto field = range.first; field != range.second; ++field) {
        std::string_view text = field->value();
        while (true) {
            const auto comma = text.find(',');
            values.push_back(trimmed(text.substr(0, comma)));
            if (comma == std::string_view::npos) {
                break;
            }
            text.remove_prefix(comma + 1);
        }
    }
    return values;
}

bool prefix_matches(const asio_ip::address_v6::bytes_type& address,
                    const asio_ip::address_v6::bytes_type& network, int prefix_length) {
    for (std::size_t index = 0; index < address.size() && prefix_length > 0; ++index) {
        const int bits = std::min(prefix_length, 8);
        const auto mask = static_cast<unsigned char>(0xFF << (8 - bits));
        if ((address[index] & mask) != (network[index] & mask)) {
            return false;
        }
        prefix_length -= bits;
    }
    return true;
}

}  // namespace

TrustedProxies TrustedProxies::parse(const std::vector<std::string>& values) {
    TrustedProxies proxies;
    for (const auto& value : values) {
        boost::system::error_code error;
        if (value.find('/') == std::string::npos) {
            const auto address = asio_ip::make_address(value, error);
            if (!error) {
                const auto plain = unmapped(address);
                if (plain.is_v4()) {
                    proxies.v4_.emplace_back(plain.to_v4(), 32);
                } else {
                    proxies.v6_.emplace_back(plain.to_v6(), 128);
                }
                continue;
            }
        } else if (value.find(':') == std::string::npos) {
            const auto network = asio_ip::make_network_v4(value, error);
            if (!error) {
                proxies.v4_.push_back(network.canonical());
                continue;
            }
        } else {
            const auto network = asio_ip::make_network_v6(value, error);
            if (!error) {
                proxies.v6_.push_back(network.canonical());
                continue;
            }
        }
        throw std::invalid_argument("--trusted-proxy: '" + value +
                                    "' is neither an IP address nor a network in CIDR notation "
                                    "(such as 10.0.0.0/8 or fd00::/8)");
    }
    return proxies;
}

bool TrustedProxies::contains(const asio_ip::address& address) const {
    const auto plain = unmapped(address);
    if (plain.is_v4()) {
        const auto value = plain.to_v4().to_uint();
        return std::any_of(v4_.begin(), v4_.end(), [value](const asio_ip::network_v4& network) {
            return (value & network.netmask().to_uint()) == network.network().to_uint();
        });
    }
    const auto bytes = plain.to_v6().to_bytes();
    return std::any_of(v6_.begin(), v6_.end(), [&bytes](const asio_ip::network_v6& network) {
        return prefix_matches(bytes, network.network().to_bytes(), network.prefix_length());
    });
}

ClientOrigin client_origin(const boost::beast::http::fields& headers,
                           const std::string& peer_address, const TrustedProxies& proxies) {
    const auto peer = parse_address(peer_address);
    if (proxies.empty() || !peer || !proxies.contains(*peer)) {
        return {peer_address, false};
    }
    auto client = *peer;
    const auto hops = list_values(headers, "X-Forwarded-For");
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        const auto address = parse_address(*hop);
        if (!address) {
            break;
        }
        client = *address;
        if (!proxies.contains(client)) {
            break;
        }
    }
    bool https = false;
    const auto schemes = list_values(headers, "X-Forwarded-Proto");
    if (!schemes.empty()) {
        std::string scheme(schemes.back());
        std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        https = scheme == "https";
    }
    return {client.to_string(), https};
}

std::string with_secure_attribute(const std::string& cookie) {
    std::string lower(cookie);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view rest = lower; !rest.empty();) {
        const auto semicolon = rest.find(';');
        if (trimmed(rest.substr(0, semicolon)) == "secure") {
            return cookie;
        }
        if (semicolon == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(semicolon + 1);
    }
    return cookie + "; Secure";
}

}  // namespace lianjian::http
