#pragma once

#include "api/formation/formation_routes.hpp"
#include "app/services.hpp"
#include "http/router.hpp"

namespace lianjian::api {

// Each area registers its routes, each with its permission and scope.
void add_auth_routes(http::Router& router, app::Services& services, bool secure_cookies);
void add_user_routes(http::Router& router, app::Services& services);
void add_registry_routes(http::Router& router, app::Services& services);
void add_alliance_routes(http::Router& router, app::Services& services);
void add_audit_routes(http::Router& router, app::Services& services);
void add_application_routes(http::Router& router, app::Services& services);
void add_inbox_routes(http::Router& router, app::Services& services);
void add_member_routes(http::Router& router, app::Services& services);
void add_campaign_routes(http::Router& router, app::Services& services);
void add_plan_routes(http::Router& router, app::Services& services);
void add_responsibility_routes(http::Router& router, app::Services& services);
void add_attendance_routes(http::Router& router, app::Services& services);
void add_attachment_routes(http::Router& router, app::Services& services);
void add_export_routes(http::Router& router, app::Services& services);
void add_activity_routes(http::Router& router, app::Services& services);
void add_ledger_routes(http::Router& router, app::Services& services);

inline void add_all_routes(http::Router& router, app::Services& services, bool secure_cookies) {
    add_auth_routes(router, services, secure_cookies);
    add_user_routes(router, services);
    add_registry_routes(router, services);
    add_alliance_routes(router, services);
    add_audit_routes(router, services);
    add_application_routes(router, services);
    add_inbox_routes(router, services);
    add_member_routes(router, services);
    add_formation_routes(router, services);
    add_campaign_routes(router, services);
    add_plan_routes(router, services);
    add_responsibility_routes(router, services);
    add_attendance_routes(router, services);
    add_attachment_routes(router, services);
    add_export_routes(router, services);
    add_activity_routes(router, services);
    add_ledger_routes(router, services);
}

}  // namespace lianjian::api
