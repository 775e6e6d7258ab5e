// Danish alphabetical order (ICU's "da" collation): Æ, Ø, Å after Z, and "Aa"
// sorted as Å, so Aabenraa and Aarhus come last. Never uses the C locale.
#pragma once
#include <string>
#include <vector>

namespace maaltal {

// True when `a` sorts before `b` in the collation of `locale` ("da" or "en").
class Collator {
 public:
  explicit Collator(const std::string& locale);
  ~Collator();
  Collator(const Collator&) = delete;
  Collator& operator=(const Collator&) = delete;

  bool less(const std::string& a, const std::string& b) const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace maaltal
