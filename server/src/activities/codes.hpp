#pragma once

#include "core/enum_text.hpp"

namespace lianjian::activities {

// The state of an activity (DOMAIN.md "Activities and the ledger"):
// planned → held → ledger_submitted → archived; cancelled (with a reason) from planned.
enum class ActivityState { planned, held, ledger_submitted, archived, cancelled };

// One party member's attendance at one activity (签到). A roster row without a status is
// expected but not yet recorded.
enum class AttendanceStatus { present, leave, absent };

// How an attendance record was made: the QR page by name and phone digits, one tap by a
// signed-in member, or by hand by the host.
enum class AttendanceMethod { qr, tap, manual };

// What an attachment is to the ledger: a photo of the activity, the minutes (会议纪要) of a
// meeting or visit, or another document.
enum class AttachmentKind { photo, minutes, document };

// An entry in an alliance's ledger chain: an activity's record frozen when it is archived, or an
// amendment (更正) to an archived record, which keeps the original.
enum class LedgerEntryKind { archive, amendment };

}  // namespace lianjian::activities

namespace lianjian {

template <>
struct EnumText<activities::ActivityState> {
    using S = activities::ActivityState;
    static constexpr EnumName<S> names[] = {{S::planned, "planned", "已计划"},
                                            {S::held, "held", "已举办"},
                                            {S::ledger_submitted, "ledger_submitted", "台账已提交"},
                                            {S::archived, "archived", "已归档"},
                                            {S::cancelled, "cancelled", "已取消"}};
};

template <>
struct EnumText<activities::AttendanceStatus> {
    using S = activities::AttendanceStatus;
    static constexpr EnumName<S> names[] = {{S::present, "present", "出席"},
                                            {S::leave, "leave", "请假"},
                                            {S::absent, "absent", "缺席"}};
};

template <>
struct EnumText<activities::AttendanceMethod> {
    using M = activities::AttendanceMethod;
    static constexpr EnumName<M> names[] = {{M::qr, "qr", "扫码签到"},
                                            {M::tap, "tap", "一键签到"},
                                            {M::manual, "manual", "主办单位登记"}};
};

template <>
struct EnumText<activities::AttachmentKind> {
    using K = activities::AttachmentKind;
    static constexpr EnumName<K> names[] = {{K::photo, "photo", "活动照片"},
                                            {K::minutes, "minutes", "会议纪要"},
                                            {K::document, "document", "其他文件"}};
};

template <>
struct EnumText<activities::LedgerEntryKind> {
    using K = activities::LedgerEntryKind;
    static constexpr EnumName<K> names[] = {{K::archive, "archive", "归档"},
                                            {K::amendment, "amendment", "更正"}};
};

}  // namespace lianjian
