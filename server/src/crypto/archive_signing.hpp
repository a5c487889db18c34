#pragma once

#include "crypto/field_cipher.hpp"

#include <array>
#include <string>

namespace lianjian::crypto {

// The Ed25519 key pair (libsodium crypto_sign) that signs audit archives, derived from the
// master key (libsodium KDF, context "ljarchiv", subkey 1, as the seed of
// crypto_sign_seed_keypair): it is never stored, is backed up with secret.key, and its public half
// lets anyone verify an archive without any secret.
struct ArchiveSigningKey {
    std::array<unsigned char, 32> public_key{};
    std::array<unsigned char, 64> secret_key{};

    // The public key, hex-encoded (64 characters): what an auditor compares.
    std::string public_key_hex() const;
};

ArchiveSigningKey archive_signing_key(const Key& master_key);

}  // namespace lianjian::crypto
