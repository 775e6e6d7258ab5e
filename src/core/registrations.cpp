#include "core/registrations.h"

#include <sys/mman.h>

#include <bit>

namespace maaltal {

void Registrations::set_shape(std::size_t date_fields, std::size_t category_fields) {
  date_fields_ = date_fields;
  category_fields_ = category_fields;
}

void Registrations::reserve(std::size_t rows) {
  id_starts_.reserve(rows + 1);
  units_.reserve(rows);
  dates_.reserve(rows * date_fields_);
  categories_.reserve(rows * category_fields_);
  positions_.reserve(rows);
}

void Registrations::add(std::string_view participant, std::uint16_t unit, std::span<const std::optional<Date>> dates,
                        std::span<const std::uint32_t> categories, int position) {
  if (size() == kIdSample) reserve_ids();
  ids_.append(participant);
  id_starts_.push_back(ids_.size());
  units_.push_back(unit);
  for (const auto& d : dates) dates_.push_back(d ? d->days_since_epoch() : kNoDate);
  categories_.insert(categories_.end(), categories.begin(), categories.end());
  positions_.push_back(position);
}

void Registrations::reserve_ids() {
  const std::size_t rows = units_.capacity();
  if (rows <= size()) return;
  // The ids so far, scaled to the rows reserved, and a tenth more; long
  // ids (not what an id column holds) are left to grow as they come.
  const double per_row = static_cast<double>(ids_.size()) / static_cast<double>(size());
  if (per_row > 64) return;
  ids_.reserve(static_cast<std::size_t>(per_row * 1.1 * static_cast<double>(rows)));
}

void Registrations::append(const Registrations& other, const std::vector<std::uint32_t>& skip) {
  std::vector<std::uint32_t> ids(other.distinct_values());
  for (std::uint32_t id = 0; id < ids.size(); ++id) ids[id] = intern(other.value(id));
  reserve(size() + other.size() - skip.size());
  auto skipped = skip.begin();
  std::vector<std::optional<Date>> dates(other.date_fields_);
  std::vector<std::uint32_t> categories(other.category_fields_);
  for (std::uint32_t k = 0; k < other.size(); ++k) {
    if (skipped != skip.end() && *skipped == k) {
      ++skipped;
      continue;
    }
    for (std::size_t f = 0; f < dates.size(); ++f) dates[f] = other.date(k, f);
    for (std::size_t f = 0; f < categories.size(); ++f) categories[f] = ids[other.category_id(k, f)];
    add(other.participant(k), other.unit(k), dates, categories, other.position(k));
  }
}

std::uint32_t Registrations::intern(std::string_view value) {
  std::uint32_t fnv = 2166136261u;  // FNV-1a: short values, hashed in a few cycles
  for (char c : value) fnv = (fnv ^ static_cast<unsigned char>(c)) * 16777619u;
  std::uint32_t& recent = recent_[fnv % recent_.size()];
  if (recent != 0 && values_[recent - 1] == value) return recent - 1;
  auto it = ids_of_values_.find(value);
  std::uint32_t id = 0;
  if (it != ids_of_values_.end()) {
    id = it->second;
  } else {
    id = static_cast<std::uint32_t>(values_.size());
    values_.emplace_back(value);
    ids_of_values_.emplace(std::string(value), id);
  }
  recent = id + 1;
  return id;
}

void advise_huge_pages(void* p, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  madvise(p, bytes, MADV_HUGEPAGE);  // only advice: without huge pages the table still works
#endif
}

RowIndex::RowIndex(std::size_t expected_rows) {
  slots_.resize(std::bit_ceil(std::max<std::size_t>(16, expected_rows * 10 / kMaxLoadTenths + 1)));
  mask_ = slots_.size() - 1;
}

void RowIndex::grow() {
  decltype(slots_) old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.row == kEmpty) continue;
    std::size_t i = s.hash & mask_;
    while (slots_[i].row != kEmpty) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

}  // namespace maaltal
