#include "app/readiness.hpp"

#include "crypto/field_cipher.hpp"
#include "storage/migrations.hpp"

#include <algorithm>
#include <optional>

namespace lianjian::app {

bool Readiness::ready() const {
    return std::all_of(checks.begin(), checks.end(),
                       [](const ReadinessCheck& check) { return check.ok; });
}

Readiness check_readiness(storage::Database& database, const std::filesystem::path& data_dir) {
    Readiness readiness;
    std::optional<int> version;
    try {
        version = storage::schema_version(database);
        readiness.checks.push_back({"database", true, "数据库可访问"});
    } catch (const std::exception&) {
        readiness.checks.push_back({"database", false, "数据库无法访问"});
    }
    int newest = 0;
    for (const auto& script : storage::migration_scripts()) {
        if (script.dialect == database.dialect()) {
            newest = std::max(newest, script.version);
        }
    }
    if (!version) {
        readiness.checks.push_back({"migrations", false, "无法读取数据库结构版本"});
    } else if (*version < newest) {
        readiness.checks.push_back({"migrations", false,
                                    "数据库结构版本 " + std::to_string(*version) +
                                        " 低于程序所需的 " + std::to_string(newest) +
                                        "，请先执行 lianjian migrate"});
    } else if (*version > newest) {
        readiness.checks.push_back({"migrations", false,
                                    "数据库结构版本 " + std::to_string(*version) +
                                        " 高于本程序所知的 " + std::to_string(newest)});
    } else {
        readiness.checks.push_back(
            {"migrations", true, "数据库结构为最新版本 " + std::to_string(newest)});
    }
    try {
        crypto::load_or_create_key(data_dir, crypto::KeyCreation::refused);
        readiness.checks.push_back({"key", true, "主密钥已就位"});
    } catch (const std::exception&) {
        readiness.checks.push_back({"key", false, "主密钥缺失或无法读取"});
    }
    return readiness;
}

}  // namespace lianjian::app
