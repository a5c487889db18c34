#pragma once

#include "accounts/role.hpp"
#include "core/enum_text.hpp"

#include <optional>
#include <vector>

namespace lianjian::accounts {

// What a route or a service asks for. The table in permission.cpp says which roles hold each one
// and how far (its scope); a route test checks every route against every role and against the
// OpenAPI file's `x-permission` / `x-scope`.
enum class Permission {
    public_access,         // no sign-in (login, health)
    signed_in,             // any signed-in account (me, logout, own password)
    registry_read,         // office areas and units
    alliances_read,        // alliances and their members
    audit_read,            // the audit trail
    users_manage,          // accounts
    registry_manage,       // office areas, units, strength tags (the committee)
    unit_update,           // edit a unit's own record (the committee, or that unit's admin)
    members_read,          // party members, phone numbers masked
    members_manage,        // create, edit, import party members
    members_unmask,        // see one member's full phone number (each time audited)
    alliances_manage,      // create, edit, dissolve alliances; change lead and members
    rotation_arrange,      // set the hosting order (the committee, or the lead unit)
    applications_read,     // see applications (a unit sees those that involve it)
    applications_act,      // apply, confirm, withdraw for one's own unit
    applications_consult,  // the lead unit's opinion on joining or leaving its alliance
    applications_decide,   // approve or reject (the committee)
    formation_suggest,     // 联盟组建建议: suggest, score and adopt groupings (the committee)
    campaign_read,         // the year's campaign, its phases, deadlines and reference checklist
    campaign_manage,       // set phase dates and reminders; issue, copy, retire checklist items
    plans_read,            // annual plans (活动计划) and their versions
    plans_write,           // write, submit and revise the plan (the lead unit)
    plans_review,          // approve or return a plan with an opinion (the committee)
    responsibility_read,   // responsibility sheets (责任书)
    responsibility_write,  // fill in one's own unit's responsibility sheet
    reports_read,          // phase reports (阶段汇报) and who is overdue
    reports_submit,        // submit the alliance's phase report (the lead unit)
    activities_read,       // activities, their attendance, attachments and ledger status
    activities_write,      // record an activity as its host unit, take attendance, attach files
    ledger_archive,        // archive a submitted ledger and amend an archived one
    ledger_verify,         // check every alliance's ledger chain
};

inline constexpr Permission all_permissions[] = {
    Permission::public_access,        Permission::signed_in,
    Permission::registry_read,        Permission::alliances_read,
    Permission::audit_read,           Permission::users_manage,
    Permission::registry_manage,      Permission::unit_update,
    Permission::members_read,         Permission::members_manage,
    Permission::members_unmask,       Permission::alliances_manage,
    Permission::rotation_arrange,     Permission::applications_read,
    Permission::applications_act,     Permission::applications_consult,
    Permission::applications_decide,  Permission::formation_suggest,
    Permission::campaign_read,        Permission::campaign_manage,
    Permission::plans_read,           Permission::plans_write,
    Permission::plans_review,         Permission::responsibility_read,
    Permission::responsibility_write, Permission::reports_read,
    Permission::reports_submit,       Permission::activities_read,
    Permission::activities_write,     Permission::ledger_archive,
    Permission::ledger_verify};

// How far a permission reaches for the roles that hold it only in part: `all` (the whole
// programme), `own_unit` (objects of the account's unit), `own_alliance` (the alliance the
// account's unit belongs to) or `alliance_led_by_own_unit`.
enum class Scope { all, own_unit, own_alliance, alliance_led_by_own_unit };

const char* permission_name(Permission permission);
const char* scope_name(Scope scope);

// The reach `roles` have for `permission`: `all` when one of them holds it programme-wide, the
// permission's scope when one holds it only there, nothing when none holds it.
std::optional<Scope> reach_of(const Roles& roles, Permission permission);
bool role_grants(Role role, Permission permission);
bool roles_grant(const Roles& roles, Permission permission);
// The scope of the roles that hold `permission` only in part (`all` when none does): what a route
// declares and what OpenAPI's `x-scope` says.
Scope permission_scope(Permission permission);
// The roles that hold `permission`, in whatever scope (for notifying those who must act).
std::vector<Role> roles_holding(Permission permission);
// The codes of every permission `roles` hold (for `/auth/me`), in table order.
std::vector<std::string> permission_codes(const Roles& roles);

}  // namespace lianjian::accounts

namespace lianjian {

template <>
struct EnumText<accounts::Permission> {
    using P = accounts::Permission;
    static constexpr EnumName<P> names[] = {
        {P::public_access, "public_access", "公开"},
        {P::signed_in, "signed_in", "已登录"},
        {P::registry_read, "registry_read", "查看单位"},
        {P::alliances_read, "alliances_read", "查看联盟"},
        {P::audit_read, "audit_read", "查看审计日志"},
        {P::users_manage, "users_manage", "管理账号"},
        {P::registry_manage, "registry_manage", "管理单位名录"},
        {P::unit_update, "unit_update", "修改单位信息"},
        {P::members_read, "members_read", "查看党员"},
        {P::members_manage, "members_manage", "管理党员"},
        {P::members_unmask, "members_unmask", "查看完整手机号"},
        {P::alliances_manage, "alliances_manage", "管理联盟"},
        {P::rotation_arrange, "rotation_arrange", "调整轮值顺序"},
        {P::applications_read, "applications_read", "查看申请"},
        {P::applications_act, "applications_act", "提出和确认申请"},
        {P::applications_consult, "applications_consult", "牵头单位协商"},
        {P::applications_decide, "applications_decide", "审批申请"},
        {P::formation_suggest, "formation_suggest", "联盟组建建议"},
        {P::campaign_read, "campaign_read", "查看年度工作"},
        {P::campaign_manage, "campaign_manage", "管理年度工作和参考清单"},
        {P::plans_read, "plans_read", "查看活动计划"},
        {P::plans_write, "plans_write", "编制和提交活动计划"},
        {P::plans_review, "plans_review", "审核活动计划"},
        {P::responsibility_read, "responsibility_read", "查看责任书"},
        {P::responsibility_write, "responsibility_write", "填写责任书"},
        {P::reports_read, "reports_read", "查看阶段汇报"},
        {P::reports_submit, "reports_submit", "提交阶段汇报"},
        {P::activities_read, "activities_read", "查看活动和台账"},
        {P::activities_write, "activities_write", "登记活动、签到和附件"},
        {P::ledger_archive, "ledger_archive", "台账归档和更正"},
        {P::ledger_verify, "ledger_verify", "核验台账链"}};
};

template <>
struct EnumText<accounts::Scope> {
    using S = accounts::Scope;
    static constexpr EnumName<S> names[] = {
        {S::all, "all", "全部"},
        {S::own_unit, "own_unit", "本单位"},
        {S::own_alliance, "own_alliance", "本单位所在联盟"},
        {S::alliance_led_by_own_unit, "alliance_led_by_own_unit", "本单位牵头的联盟"}};
};

}  // namespace lianjian
