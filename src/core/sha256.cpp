#include "core/sha256.h"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

namespace maaltal {

namespace {

EVP_MD_CTX* context(void* p) { return static_cast<EVP_MD_CTX*>(p); }

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string(what) + " failed");
}

std::string hex_of(const unsigned char* digest, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex_of(digest, length);
}

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  check(context_ ? EVP_DigestInit_ex(context(context_), EVP_sha256(), nullptr) : 0, "SHA-256");
}

Sha256::~Sha256() { EVP_MD_CTX_free(context(context_)); }

void Sha256::add(std::string_view bytes) {
  check(EVP_DigestUpdate(context(context_), bytes.data(), bytes.size()), "SHA-256");
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  check(EVP_DigestFinal_ex(context(context_), digest, &length), "SHA-256");
  return hex_of(digest, length);
}

namespace {

void check(int ok) { check(ok, "HMAC-SHA-256"); }

// A SHA-256 context that has hashed the key's block xored with `pad`
// (RFC 2104: 0x36 inner, 0x5c outer).
void* keyed(const unsigned char (&block)[64], unsigned char pad) {
  unsigned char padded[64];
  for (int i = 0; i < 64; ++i) padded[i] = block[i] ^ pad;
  EVP_MD_CTX* c = EVP_MD_CTX_new();
  if (!c) throw std::runtime_error("HMAC-SHA-256 failed");
  check(EVP_DigestInit_ex(c, EVP_sha256(), nullptr));
  check(EVP_DigestUpdate(c, padded, sizeof padded));
  return c;
}

}  // namespace

HmacSha256::HmacSha256(std::string_view key) {
  unsigned char block[64] = {};  // the key, or its digest when longer than a block
  if (key.size() > sizeof block) {
    unsigned int length = 0;
    check(EVP_Digest(key.data(), key.size(), block, &length, EVP_sha256(), nullptr));
  } else {
    std::copy(key.begin(), key.end(), block);
  }
  inner_ = keyed(block, 0x36);
  outer_ = keyed(block, 0x5c);
  work_ = EVP_MD_CTX_new();
  if (!work_) throw std::runtime_error("HMAC-SHA-256 failed");
}

HmacSha256::~HmacSha256() {
  EVP_MD_CTX_free(context(inner_));
  EVP_MD_CTX_free(context(outer_));
  EVP_MD_CTX_free(context(work_));
}

std::string HmacSha256::hex(std::string_view text, std::size_t digits) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  check(EVP_MD_CTX_copy_ex(context(work_), context(inner_)));
  check(EVP_DigestUpdate(context(work_), text.data(), text.size()));
  check(EVP_DigestFinal_ex(context(work_), digest, &length));
  check(EVP_MD_CTX_copy_ex(context(work_), context(outer_)));
  check(EVP_DigestUpdate(context(work_), digest, length));
  check(EVP_DigestFinal_ex(context(work_), digest, &length));
  return hex_of(digest, static_cast<unsigned int>(std::min<std::size_t>(digits / 2, length)));
}

}  // namespace maaltal
