#pragma once

#include <array>
#include <filesystem>
#include <string>

namespace lianjian::crypto {

// The 32-byte master key for sensitive fields. From LIANJIAN_SECRET_KEY (64 hex characters) when
// set, otherwise from `<data-dir>/secret.key`, created with mode 0600 on first start. Losing it
// loses every sealed field: back it up with the database, but never beside it on shared media.
using Key = std::array<unsigned char, 32>;
// A key is created only when `creation` allows it: never over a database that already holds
// data sealed or chained with a key (see app::load_key), where it throws MissingKey instead.
enum class KeyCreation { allowed, refused };
Key load_or_create_key(const std::filesystem::path& data_dir,
                       KeyCreation creation = KeyCreation::allowed);

// The key file is absent although the data needs it.
class MissingKey : public std::runtime_error {
  public:
    explicit MissingKey(const std::filesystem::path& path);
};

// The key of the audit chain, derived from the master key (so it is kept and backed up with it)
// and independent of the field keys.
Key audit_chain_key(const Key& master_key);

// The key that signs the QR sign-in tokens of activities (libsodium crypto_auth), derived from
// the master key the same way and independent of the other keys.
Key signin_token_key(const Key& master_key);
// The key of the ledger chains (台账), derived from the master key the same way and independent of
// the audit chain's and the field keys.
Key ledger_chain_key(const Key& master_key);

// Seals sensitive fields (phone numbers, ID numbers) at rest with XChaCha20-Poly1305
// (crypto_secretbox), and gives each a keyed hash for exact search without decrypting.
// Two sub-keys are derived from the master key, so the hash reveals nothing of the sealing key.
class FieldCipher {
  public:
    explicit FieldCipher(const Key& master_key);

    // Base64 of nonce ‖ ciphertext; a new random nonce each time.
    std::string seal(const std::string& plaintext) const;
    // Throws std::runtime_error when the text was not sealed with this key or was altered.
    std::string open(const std::string& sealed) const;
    // Hex BLAKE2b-256 keyed hash: equal inputs give equal hashes under one key.
    std::string search_hash(const std::string& plaintext) const;

  private:
    Key sealing_key_{};
    Key hashing_key_{};
};

// "13812345678" → "138****5678"; shorter numbers keep their last two characters only.
std::string mask_phone(const std::string& phone);

}  // namespace lianjian::crypto
