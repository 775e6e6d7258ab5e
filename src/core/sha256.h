// SHA-256 of input files, so a published figure can be traced to the exact
// bytes it was computed from.
#pragma once
#include <string>
#include <string_view>

namespace maaltal {

// The digest of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// The same digest over bytes given in pieces, for a file read in pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void add(std::string_view bytes);
  std::string hex();  // once, after the last add

 private:
  void* context_;  // an EVP_MD_CTX
};

// HMAC-SHA-256 under one key, as hex digits: a pseudonym that cannot be
// reversed, nor recomputed without the key. The key's inner and outer
// blocks are hashed once, not once per text: a million pseudonyms cost two
// short hashes each.
class HmacSha256 {
 public:
  explicit HmacSha256(std::string_view key);
  ~HmacSha256();
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;
  // The first `digits` (at most 64) hex digits of the HMAC of `text`.
  std::string hex(std::string_view text, std::size_t digits = 64);

 private:
  void* inner_;  // EVP_MD_CTX after the key's inner block
  void* outer_;  // EVP_MD_CTX after the key's outer block
  void* work_;   // EVP_MD_CTX for one text
};

}  // namespace maaltal
