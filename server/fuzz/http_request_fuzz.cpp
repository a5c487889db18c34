// Fuzz target: bytes off the wire → Beast's full HTTP/1.1 parse → the server's framing rules →
// the Dispatcher's answer, as one connection would see it. Every answer must be a well-formed
// response; a 5xx, a crash or a sanitizer report is a finding. Half the inputs carry the signed-in
// administrator's session so that authenticated routes are reached too.
#include "fuzz_fixture.hpp"
#include "http/server.hpp"

#include <boost/beast/http/parser.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianjian;
    auto& fixture = fuzz::fixture();
    namespace beast_http = http::beast_http;
    std::string bytes(reinterpret_cast<const char*>(data), size);
    const bool signed_in = !bytes.empty() && (static_cast<unsigned char>(bytes.back()) & 1);
    beast_http::request_parser<beast_http::string_body> parser;
    parser.eager(true);
    parser.body_limit(1024 * 1024);
    parser.header_limit(16 * 1024);
    boost::system::error_code error;
    std::size_t offset = 0;
    while (offset < bytes.size() && !parser.is_done()) {
        const auto used =
            parser.put(boost::asio::buffer(bytes.data() + offset, bytes.size() - offset), error);
        if (error || used == 0) {
            break;
        }
        offset += used;
    }
    if (error || !parser.is_header_done()) {
        return 0;
    }
    if (http::framing_problem(parser.get()).has_value() || !parser.is_done()) {
        return 0;  // answered 400 and closed by the server, before the body is read
    }
    auto request = parser.release();
    if (signed_in) {
        request.set(beast_http::field::cookie, fixture.admin_cookie);
    }
    const auto response = fixture.application->dispatcher().handle(request, "127.0.0.1");
    if (response.result_int() >= 500) {
        std::abort();  // a 5xx for any input is a bug
    }
    return 0;
}
