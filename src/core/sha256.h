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

// HMAC-SHA-256 of `text` under `key`, as 64 hex digits: a pseudonym that
// cannot be reversed, nor recomputed without the key.
std::string hmac_sha256_hex(std::string_view key, std::string_view text);

}  // namespace maaltal
