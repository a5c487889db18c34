// Fuzz target: any bytes as a JSON request body, read by every JSON input reader the handlers
// use. A reader may refuse (AppError: 400 or 422); anything else escaping, a crash or a sanitizer
// report is a finding.
#include "api/json_input.hpp"
#include "api/query_input.hpp"
#include "core/error.hpp"
#include "http/message.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace lianjian;
    http::Request request{http::beast_http::verb::post, "/api/v1/fuzz", 11};
    request.body().assign(reinterpret_cast<const char*>(data), size);
    http::RequestContext context{request, "/api/v1/fuzz", {}, {}, "127.0.0.1", std::nullopt};
    boost::json::object body;
    try {
        body = api::json_body(context);
    } catch (const AppError&) {
        return 0;
    }
    // Every reader over every field the object has, and one it lacks.
    std::vector<std::string> fields{"missing"};
    for (const auto& member : body) {
        fields.emplace_back(member.key());
    }
    for (const auto& field : fields) {
        const char* name = field.c_str();
        const auto attempt = [](auto&& read) {
            try {
                read();
            } catch (const AppError&) {
            }
        };
        attempt([&] { (void)api::required_string(body, name); });
        attempt([&] { (void)api::optional_string(body, name); });
        attempt([&] { (void)api::optional_integer(body, name); });
        attempt([&] { (void)api::required_bool(body, name); });
        attempt([&] { (void)api::optional_bool(body, name); });
        attempt([&] { (void)api::required_string_array(body, name); });
        attempt([&] { (void)api::required_id(body, name); });
        attempt([&] { (void)api::id_array(body, name); });
        context.query[field] = body.contains(field) && body.at(field).is_string()
                                   ? std::string(body.at(field).as_string())
                                   : std::string("x");
        attempt([&] { (void)api::query_int(context, name, 1, 1, 100); });
        attempt([&] { (void)api::query_id(context, name); });
        attempt([&] { (void)api::query_text(context, name); });
    }
    return 0;
}
