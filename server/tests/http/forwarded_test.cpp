// Specification: the trusted reverse proxies (`serve --trusted-proxy`) are parsed as addresses or
// CIDR networks, and only their forwarding headers name the client and the scheme.
#include "http/forwarded.hpp"

#include <gtest/gtest.h>
#include <boost/asio/ip/address.hpp>

#include <stdexcept>

namespace lianjian::http {
namespace {

using boost::asio::ip::make_address;

boost::beast::http::fields forwarded(const std::string& hops, const std::string& scheme = "") {
    boost::beast::http::fields headers;
    if (!hops.empty()) {
        headers.insert("X-Forwarded-For", hops);
    }
    if (!scheme.empty()) {
        headers.insert("X-Forwarded-Proto", scheme);
    }
    return headers;
}

TEST(TrustedProxies, GivenAddressesAndNetworks_WhenParsed_ThenEachCoversWhatItNames) {
    const auto proxies = TrustedProxies::parse(
        {"192.0.2.10", "10.0.0.0/8", "172.16.5.9/16", "::1", "fd00::/8", "2001:db8::7/128"});
    EXPECT_TRUE(proxies.contains(make_address("192.0.2.10")));
    EXPECT_FALSE(proxies.contains(make_address("192.0.2.11")));
    EXPECT_TRUE(proxies.contains(make_address("10.255.1.2")));
    EXPECT_FALSE(proxies.contains(make_address("11.0.0.1")));
    EXPECT_TRUE(proxies.contains(make_address("172.16.200.1")));  // host bits of 172.16.5.9/16
    EXPECT_FALSE(proxies.contains(make_address("172.17.0.1")));
    EXPECT_TRUE(proxies.contains(make_address("::1")));
    EXPECT_TRUE(proxies.contains(make_address("fdab:1::2")));
    EXPECT_FALSE(proxies.contains(make_address("fe80::1")));
    EXPECT_TRUE(proxies.contains(make_address("2001:db8::7")));
    EXPECT_FALSE(proxies.contains(make_address("2001:db8::8")));
}

TEST(TrustedProxies, GivenAnIpv4MappedIpv6Peer_WhenChecked_ThenItCountsAsIpv4) {
    const auto proxies = TrustedProxies::parse({"127.0.0.1"});
    EXPECT_TRUE(proxies.contains(make_address("::ffff:127.0.0.1")));
}

TEST(TrustedProxies, GivenNothing_WhenParsed_ThenNoAddressIsTrusted) {
    const auto proxies = TrustedProxies::parse({});
    EXPECT_TRUE(proxies.empty());
    EXPECT_FALSE(proxies.contains(make_address("127.0.0.1")));
}

TEST(TrustedProxies, GivenBadValues_WhenParsed_ThenTheErrorNamesTheValue) {
    for (const std::string bad :
         {"10.0.0.0/33", "10.0.0/8", "10.0.0.0/", "10.0.0.0/x", "fd00::/129", "not-an-address", "",
          "256.1.1.1", "10.0.0.1:80", "::1/", "/8"}) {
        try {
            TrustedProxies::parse({"127.0.0.1", bad});
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const std::invalid_argument& error) {
            EXPECT_NE(std::string(error.what()).find("'" + bad + "'"), std::string::npos)
                << error.what();
            EXPECT_NE(std::string(error.what()).find("--trusted-proxy"), std::string::npos);
        }
    }
}

TEST(ClientOrigin, GivenAnUntrustedPeer_WhenItSendsForwardingHeaders_ThenTheyAreIgnored) {
    const auto proxies = TrustedProxies::parse({"10.0.0.0/8"});
    const auto origin = client_origin(forwarded("198.51.100.7", "https"), "192.0.2.1", proxies);
    EXPECT_EQ(origin.address, "192.0.2.1");
    EXPECT_FALSE(origin.https);
}

TEST(ClientOrigin, GivenNoTrustedProxies_WhenAPeerSendsForwardingHeaders_ThenTheyAreIgnored) {
    const auto origin =
        client_origin(forwarded("198.51.100.7", "https"), "127.0.0.1", TrustedProxies{});
    EXPECT_EQ(origin.address, "127.0.0.1");
    EXPECT_FALSE(origin.https);
}

TEST(ClientOrigin, GivenATrustedPeer_WhenForwardedForHasHops_ThenTheRightmostUntrustedIsTheClient) {
    const auto proxies = TrustedProxies::parse({"10.0.0.0/8"});
    // The client forged the first hop; nginx appended the address it saw, then an inner proxy.
    const auto origin =
        client_origin(forwarded("1.2.3.4, 203.0.113.9, 10.1.1.1", "https"), "10.0.0.2", proxies);
    EXPECT_EQ(origin.address, "203.0.113.9");
    EXPECT_TRUE(origin.https);
}

TEST(ClientOrigin, GivenATrustedPeer_WhenSeveralForwardedForFields_ThenTheyAreReadInOrder) {
    const auto proxies = TrustedProxies::parse({"10.0.0.0/8"});
    boost::beast::http::fields headers;
    headers.insert("X-Forwarded-For", "1.2.3.4");
    headers.insert("X-Forwarded-For", "203.0.113.9");
    EXPECT_EQ(client_origin(headers, "10.0.0.2", proxies).address, "203.0.113.9");
}

TEST(ClientOrigin, GivenATrustedPeer_WhenEveryHopIsTrusted_ThenTheLeftmostIsTheClient) {
    const auto proxies = TrustedProxies::parse({"10.0.0.0/8"});
    EXPECT_EQ(client_origin(forwarded("10.9.9.9, 10.1.1.1"), "10.0.0.2", proxies).address,
              "10.9.9.9");
}

TEST(ClientOrigin, GivenATrustedPeer_WhenAHopIsNoAddress_ThenTheLastTrustedHopIsTheClient) {
    const auto proxies = TrustedProxies::parse({"10.0.0.0/8"});
    EXPECT_EQ(client_origin(forwarded("unknown, 10.1.1.1"), "10.0.0.2", proxies).address,
              "10.1.1.1");
    EXPECT_EQ(client_origin(forwarded(""), "10.0.0.2", proxies).address, "10.0.0.2");
}

TEST(ClientOrigin, GivenATrustedIpv6Peer_WhenTheClientIsIpv6_ThenItsAddressIsTaken) {
    const auto proxies = TrustedProxies::parse({"::1"});
    const auto origin = client_origin(forwarded("2001:db8::42", "HTTPS"), "::1", proxies);
    EXPECT_EQ(origin.address, "2001:db8::42");
    EXPECT_TRUE(origin.https);
}

TEST(ClientOrigin, GivenATrustedPeer_WhenTheProtoIsHttp_ThenTheRequestIsNotHttps) {
    const auto proxies = TrustedProxies::parse({"127.0.0.1"});
    EXPECT_FALSE(client_origin(forwarded("", "http"), "127.0.0.1", proxies).https);
    EXPECT_FALSE(client_origin(forwarded("", "https, http"), "127.0.0.1", proxies).https);
    EXPECT_FALSE(client_origin(forwarded(""), "127.0.0.1", proxies).https);
}

TEST(SecureAttribute, GivenACookie_WhenMarked_ThenSecureIsAddedOnce) {
    EXPECT_EQ(with_secure_attribute("a=1; Path=/; HttpOnly"), "a=1; Path=/; HttpOnly; Secure");
    EXPECT_EQ(with_secure_attribute("a=1; Path=/; Secure"), "a=1; Path=/; Secure");
    EXPECT_EQ(with_secure_attribute("a=1; secure; Path=/"), "a=1; secure; Path=/");
    EXPECT_EQ(with_secure_attribute("secure=1; Path=/"), "secure=1; Path=/; Secure");
}

}  // namespace
}  // namespace lianjian::http
