#pragma once

#include "storage/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

// An account's TOTP secret (sealed with the field cipher), counted once confirmed; `last_step` is
// the last accepted RFC 6238 time step (Unix time / 30 s), so a code is never accepted twice.
struct TotpRecord {
    long long user_id = 0;
    std::string secret_sealed;
    std::optional<std::string> confirmed_at;
    long long last_step = 0;
};

std::optional<TotpRecord> find_totp(Session& session, long long user_id);
// Replaces the account's secret with a new unconfirmed one (and drops its recovery codes).
void save_pending_totp(Session& session, long long user_id, const std::string& secret_sealed,
                       const std::string& now);
void confirm_totp(Session& session, long long user_id, long long step, const std::string& now);
void set_totp_last_step(Session& session, long long user_id, long long step);
// Removes the secret and the recovery codes; whether there was a secret.
bool delete_totp(Session& session, long long user_id);

// Replaces the account's recovery codes with these hashes.
void replace_recovery_codes(Session& session, long long user_id,
                            const std::vector<std::string>& code_hashes, const std::string& now);
// Marks the unused code with this hash as used; false when there is none.
bool use_recovery_code(Session& session, long long user_id, const std::string& code_hash,
                       const std::string& now);

void add_password_history(Session& session, long long user_id, const std::string& password_hash,
                          const std::string& now);
// The hashes of the account's `count` most recent earlier passwords, newest first.
std::vector<std::string> recent_password_hashes(Session& session, long long user_id, int count);

// The ids of the account's open sessions, oldest first.
std::vector<long long> open_session_ids(Session& session, long long user_id);

}  // namespace lianjian::storage
