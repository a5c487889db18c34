#pragma once

namespace lianjian::storage {

enum class Dialect { sqlite, postgresql };

}  // namespace lianjian::storage
