// Fuzz target: the rows of a member import (the web app parses the .xlsx in the browser and
// posts its rows as JSON) through the real route, signed in as the committee administrator:
// POST /api/v1/members/import/preview. The bytes become the rows array, so that most inputs get
// past the JSON parse and reach the row checks. A 5xx, a crash or a sanitizer report is a finding.
#include "fuzz_fixture.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianjian;
    auto& fixture = fuzz::fixture();
    const std::string rows(reinterpret_cast<const char*>(data), size);
    auto request = fuzz::json_request(http::beast_http::verb::post,
                                      "/api/v1/members/import/preview", "{\"rows\":" + rows + "}");
    request.set(http::beast_http::field::cookie, fixture.admin_cookie);
    const auto response = fixture.application->dispatcher().handle(request, "127.0.0.1");
    if (response.result_int() >= 500) {
        std::abort();  // a 5xx for any input is a bug
    }
    return 0;
}
