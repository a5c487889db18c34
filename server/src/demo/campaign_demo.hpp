#pragma once

#include "app/services.hpp"

namespace lianjian::demo {

// The current year's campaign (default dates) and its reference checklist of about twenty items
// over the six linkages, with a few items for last year so that "copy from last year" can be
// tried. Idempotent: skipped when the year's campaign exists. Returns whether it was created.
bool load_campaign_demo(app::Services& services);

}  // namespace lianjian::demo
