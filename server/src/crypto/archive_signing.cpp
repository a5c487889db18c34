#include "crypto/archive_signing.hpp"

#include <sodium.h>

namespace lianjian::crypto {

std::string ArchiveSigningKey::public_key_hex() const {
    char hex[sizeof public_key * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, public_key.data(), public_key.size());
    return hex;
}

ArchiveSigningKey archive_signing_key(const Key& master_key) {
    constexpr char context[crypto_kdf_CONTEXTBYTES] = {'l', 'j', 'a', 'r', 'c', 'h', 'i', 'v'};
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    crypto_kdf_derive_from_key(seed.data(), seed.size(), 1, context, master_key.data());
    ArchiveSigningKey key;
    crypto_sign_seed_keypair(key.public_key.data(), key.secret_key.data(), seed.data());
    sodium_memzero(seed.data(), seed.size());
    return key;
}

}  // namespace lianjian::crypto
