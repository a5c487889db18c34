// Specification: sensitive fields are sealed so that only the key opens them, any change to the
// sealed text is detected, equal numbers are found by a keyed hash, and the key lives in a file
// only its owner can read, or comes from the environment.
#include "crypto/field_cipher.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

namespace lianjian::testing {
namespace {

namespace fs = std::filesystem;

crypto::Key random_key() {
    crypto::Key key{};
    randombytes_buf(key.data(), key.size());
    return key;
}

// A directory of one's own for a key file, removed afterwards.
class KeyDirectory {
  public:
    KeyDirectory() {
        static std::mt19937_64 generator{std::random_device{}()};
        path_ = fs::temp_directory_path() / ("lianjian-key-test-" + std::to_string(generator()));
    }
    ~KeyDirectory() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

// Sets (or clears) LIANJIAN_SECRET_KEY for one test and puts back what was there.
class SecretKeyVariable {
  public:
    explicit SecretKeyVariable(const char* value) {
        if (const char* previous = std::getenv("LIANJIAN_SECRET_KEY")) {
            previous_ = previous;
        }
        if (value) {
            setenv("LIANJIAN_SECRET_KEY", value, 1);
        } else {
            unsetenv("LIANJIAN_SECRET_KEY");
        }
    }
    ~SecretKeyVariable() {
        if (previous_) {
            setenv("LIANJIAN_SECRET_KEY", previous_->c_str(), 1);
        } else {
            unsetenv("LIANJIAN_SECRET_KEY");
        }
    }

  private:
    std::optional<std::string> previous_;
};

class FieldCipherTest : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(FieldCipherTest, SealThenOpenGivesTheTextBack) {
    const crypto::FieldCipher cipher(random_key());
    const auto sealed = cipher.seal("13812345678");
    EXPECT_EQ(sealed.find("13812345678"), std::string::npos);
    EXPECT_EQ(cipher.open(sealed), "13812345678");
    EXPECT_EQ(cipher.open(cipher.seal("")), "");
}

TEST_F(FieldCipherTest, EachSealUsesANewNonce) {
    // Given one number sealed twice, then the sealed texts differ (nothing links two rows with
    // the same number except the search hash) and both open.
    const crypto::FieldCipher cipher(random_key());
    const auto first = cipher.seal("13812345678");
    const auto second = cipher.seal("13812345678");
    EXPECT_NE(first, second);
    EXPECT_EQ(cipher.open(first), cipher.open(second));
}

TEST_F(FieldCipherTest, AnAlteredSealIsRefused) {
    const crypto::FieldCipher cipher(random_key());
    const auto sealed = cipher.seal("13812345678");
    // Every position, flipped to another base64 character, is detected.
    for (std::size_t index = 0; index + 2 < sealed.size(); ++index) {
        auto altered = sealed;
        altered[index] = altered[index] == 'A' ? 'B' : 'A';
        EXPECT_THROW(cipher.open(altered), std::runtime_error) << "position " << index;
    }
    EXPECT_THROW(cipher.open(sealed.substr(0, sealed.size() - 4)), std::runtime_error);
    EXPECT_THROW(cipher.open("not base64 at all!"), std::runtime_error);
    EXPECT_THROW(cipher.open(""), std::runtime_error);
}

TEST_F(FieldCipherTest, AnotherKeyCannotOpen) {
    const crypto::FieldCipher cipher(random_key());
    const crypto::FieldCipher other(random_key());
    EXPECT_THROW(other.open(cipher.seal("13812345678")), std::runtime_error);
}

TEST_F(FieldCipherTest, SearchHashIsStableAndKeyed) {
    const auto key = random_key();
    const crypto::FieldCipher cipher(key);
    const auto hash = cipher.search_hash("13812345678");
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash, cipher.search_hash("13812345678"));
    EXPECT_EQ(hash, crypto::FieldCipher(key).search_hash("13812345678"));
    EXPECT_NE(hash, cipher.search_hash("13812345679"));
    // Without the key the hash cannot be recomputed from a guessed number.
    EXPECT_NE(hash, crypto::FieldCipher(random_key()).search_hash("13812345678"));
}

TEST_F(FieldCipherTest, KeyFileIsCreatedOwnerOnlyAndReused) {
    // Given no key in the environment and an empty data directory,
    SecretKeyVariable no_variable(nullptr);
    KeyDirectory directory;
    // when the key is loaded for the first time, then secret.key is created with mode 0600,
    const auto key = crypto::load_or_create_key(directory.path());
    const auto file = directory.path() / "secret.key";
    ASSERT_TRUE(fs::exists(file));
    EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_FALSE(fs::exists(directory.path() / "secret.key.new"));
    // and the next start reads the same key back.
    EXPECT_EQ(crypto::load_or_create_key(directory.path()), key);
}

TEST_F(FieldCipherTest, EnvironmentKeyIsHonoured) {
    // Given LIANJIAN_SECRET_KEY, then it is the key and no file is written.
    const std::string hex(64, 'a');
    SecretKeyVariable variable(hex.c_str());
    KeyDirectory directory;
    const auto key = crypto::load_or_create_key(directory.path());
    for (unsigned char byte : key) {
        EXPECT_EQ(byte, 0xaa);
    }
    EXPECT_FALSE(fs::exists(directory.path() / "secret.key"));
}

TEST_F(FieldCipherTest, MalformedEnvironmentKeyIsRefused) {
    SecretKeyVariable variable("abc123");
    KeyDirectory directory;
    EXPECT_THROW(crypto::load_or_create_key(directory.path()), std::runtime_error);
}

TEST_F(FieldCipherTest, MaskShowsThreeAndFourDigits) {
    EXPECT_EQ(crypto::mask_phone("13812345678"), "138****5678");
    EXPECT_EQ(crypto::mask_phone("12345"), "***45");
    EXPECT_EQ(crypto::mask_phone("12"), "**");
}

}  // namespace
}  // namespace lianjian::testing
