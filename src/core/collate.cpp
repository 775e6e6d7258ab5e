#include "core/collate.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>

#include "core/error.h"

namespace maaltal {

struct Collator::Impl {
  std::unique_ptr<icu::Collator> collator;
};

Collator::Collator(const std::string& locale) : impl_(new Impl) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale icu_locale(locale == "da" ? "da_DK" : locale.c_str());
  impl_->collator.reset(icu::Collator::createInstance(icu_locale, status));
  if (U_FAILURE(status)) {
    delete impl_;
    throw Error(ErrorKind::kUsage, "no collation for locale '" + locale + "'");
  }
}

Collator::~Collator() { delete impl_; }

bool Collator::less(const std::string& a, const std::string& b) const {
  UErrorCode status = U_ZERO_ERROR;
  auto result = impl_->collator->compare(icu::UnicodeString::fromUTF8(a), icu::UnicodeString::fromUTF8(b), status);
  if (U_FAILURE(status)) return a < b;
  return result == UCOL_LESS;
}

}  // namespace maaltal
