#include "crypto/field_cipher.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace lianjian::crypto {

namespace {

constexpr char kdf_context[crypto_kdf_CONTEXTBYTES] = {'l', 'j', 'f', 'i', 'e', 'l', 'd', 's'};

Key key_from_hex(const std::string& hex) {
    Key key{};
    std::size_t length = 0;
    if (hex.size() != 64 ||
        sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) !=
            0 ||
        length != key.size()) {
        throw std::runtime_error("the secret key must be 64 hexadecimal characters");
    }
    return key;
}

}  // namespace

MissingKey::MissingKey(const std::filesystem::path& path)
    : std::runtime_error(
          "缺少密钥文件 " + path.string() +
          "：数据库中已有用它加密或签名的数据（成员电话、审计链），没有它无法读取，也不会另生成新"
          "密钥。请从与该数据库同时所做的备份中恢复 secret.key，或设置 LIANJIAN_SECRET_KEY。\n"
          "The key file " +
          path.string() +
          " is missing, but the database holds data sealed or chained with it; a new key is "
          "never generated over it. Restore secret.key from the backup taken with this "
          "database, or set LIANJIAN_SECRET_KEY.") {}

Key audit_chain_key(const Key& master_key) {
    constexpr char context[crypto_kdf_CONTEXTBYTES] = {'l', 'j', 'a', 'u', 'd', 'i', 't', '_'};
    Key key{};
    crypto_kdf_derive_from_key(key.data(), key.size(), 1, context, master_key.data());
    return key;
}

Key signin_token_key(const Key& master_key) {
    constexpr char context[crypto_kdf_CONTEXTBYTES] = {'l', 'j', 's', 'i', 'g', 'n', 'i', 'n'};
    Key key{};
    crypto_kdf_derive_from_key(key.data(), key.size(), 1, context, master_key.data());
    return key;
}

Key ledger_chain_key(const Key& master_key) {
    constexpr char context[crypto_kdf_CONTEXTBYTES] = {'l', 'j', 'l', 'e', 'd', 'g', 'e', 'r'};
    Key key{};
    crypto_kdf_derive_from_key(key.data(), key.size(), 1, context, master_key.data());
    return key;
}

Key load_or_create_key(const std::filesystem::path& data_dir, KeyCreation creation) {
    if (const char* from_environment = std::getenv("LIANJIAN_SECRET_KEY");
        from_environment && *from_environment) {
        return key_from_hex(from_environment);
    }
    const auto path = data_dir / "secret.key";
    if (std::filesystem::exists(path)) {
        std::ifstream file(path);
        std::string hex;
        file >> hex;
        return key_from_hex(hex);
    }
    if (creation == KeyCreation::refused) {
        throw MissingKey(path);
    }
    std::filesystem::create_directories(data_dir);
    Key key{};
    randombytes_buf(key.data(), key.size());
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
    // Create with 0600 from the start, so the key is never readable by others, even briefly.
    const auto staging = path.string() + ".new";
    const mode_t previous = umask(077);
    {
        std::ofstream file(staging, std::ios::trunc);
        file << hex << '\n';
        if (!file) {
            umask(previous);
            throw std::runtime_error("cannot write " + staging);
        }
    }
    umask(previous);
    std::filesystem::permissions(
        staging, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace);
    std::filesystem::rename(staging, path);
    return key;
}

FieldCipher::FieldCipher(const Key& master_key) {
    crypto_kdf_derive_from_key(sealing_key_.data(), sealing_key_.size(), 1, kdf_context,
                               master_key.data());
    crypto_kdf_derive_from_key(hashing_key_.data(), hashing_key_.size(), 2, kdf_context,
                               master_key.data());
}

std::string FieldCipher::seal(const std::string& plaintext) const {
    std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                   plaintext.size());
    unsigned char* nonce = box.data();
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.data()),
                          plaintext.size(), nonce, sealing_key_.data());
    std::string text(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), box.data(), box.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    text.resize(text.size() - 1);  // the terminating NUL
    return text;
}

std::string FieldCipher::open(const std::string& sealed) const {
    if (sealed.empty()) {
        throw std::runtime_error("sealed field is empty");
    }
    std::vector<unsigned char> box(sealed.size());
    std::size_t length = 0;
    if (sodium_base642bin(box.data(), box.size(), sealed.data(), sealed.size(), nullptr, &length,
                          nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        throw std::runtime_error("sealed field is malformed");
    }
    std::string plaintext(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()),
                                   box.data() + crypto_secretbox_NONCEBYTES,
                                   length - crypto_secretbox_NONCEBYTES, box.data(),
                                   sealing_key_.data()) != 0) {
        throw std::runtime_error("sealed field does not open with this key");
    }
    return plaintext;
}

std::string FieldCipher::search_hash(const std::string& plaintext) const {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest,
                       reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                       hashing_key_.data(), hashing_key_.size());
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string mask_phone(const std::string& phone) {
    if (phone.size() >= 11) {
        return phone.substr(0, 3) + "****" + phone.substr(phone.size() - 4);
    }
    if (phone.size() > 2) {
        return std::string(phone.size() - 2, '*') + phone.substr(phone.size() - 2);
    }
    return std::string(phone.size(), '*');
}

}  // namespace lianjian::crypto
