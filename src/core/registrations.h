// The kept registrations, stored column by column: a national pool has
// millions of rows, and an object per row (with a string and two vectors
// each) cost more memory and time than everything else together. Dates are
// whole days, categories are ids into one table of distinct values, the
// municipality is its index in Project::unit_codes.
#pragma once
#include <array>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/text.h"

namespace maaltal {

class Registrations {
 public:
  // How many date and category fields each row has (RecordSchema's).
  void set_shape(std::size_t date_fields, std::size_t category_fields);
  void reserve(std::size_t rows);
  std::size_t size() const { return units_.size(); }
  bool empty() const { return units_.empty(); }

  // Appends a row: `dates` (nullopt: empty) and `categories` (ids from
  // intern()) in schema order. `position` is the CSV line it was read
  // from, or its index in a JSON array.
  void add(std::string_view participant, std::uint16_t unit, std::span<const std::optional<Date>> dates,
           std::span<const std::uint32_t> categories, int position);

  // Changes one category value of row k.
  void set_category(std::size_t k, std::size_t field, std::string_view value) {
    categories_[k * category_fields_ + field] = intern(value);
  }

  // Appends the rows of `other` but those in `skip` (ascending), their
  // category values interned here.
  void append(const Registrations& other, const std::vector<std::uint32_t>& skip);

  // One copy of each distinct category value; its id.
  std::uint32_t intern(std::string_view value);
  std::size_t distinct_values() const { return values_.size(); }
  std::string_view value(std::uint32_t id) const { return values_[id]; }

  std::string_view participant(std::size_t k) const {
    return {ids_.data() + id_starts_[k], id_starts_[k + 1] - id_starts_[k]};
  }
  std::uint16_t unit(std::size_t k) const { return units_[k]; }
  std::optional<Date> date(std::size_t k, std::size_t field) const {
    std::int32_t days = dates_[k * date_fields_ + field];
    if (days == kNoDate) return std::nullopt;
    return Date::from_days(days);
  }
  std::uint32_t category_id(std::size_t k, std::size_t field) const {
    return categories_[k * category_fields_ + field];
  }
  std::string_view category(std::size_t k, std::size_t field) const { return value(category_id(k, field)); }
  int position(std::size_t k) const { return positions_[k]; }
  std::size_t date_fields() const { return date_fields_; }
  std::size_t category_fields() const { return category_fields_; }

 private:
  static constexpr std::int32_t kNoDate = INT32_MIN;
  // The ids' block is reserved for the rows reserved once this many are
  // added, judged by their ids' length: grown by doubling, a million ids
  // held up to twice their bytes, and three times while being moved.
  static constexpr std::size_t kIdSample = 1000;
  void reserve_ids();
  std::size_t date_fields_ = 0, category_fields_ = 0;
  std::string ids_;                          // every participant id, one after another
  std::vector<std::uint64_t> id_starts_{0};  // row k's id: ids_[id_starts_[k], id_starts_[k + 1])
  std::vector<std::uint16_t> units_;
  std::vector<std::int32_t> dates_;        // [k * date_fields_ + field], days since 1970, kNoDate when empty
  std::vector<std::uint32_t> categories_;  // [k * category_fields_ + field]
  std::vector<std::int32_t> positions_;
  StringMap<std::uint32_t> ids_of_values_;
  std::vector<std::string> values_;
  // The last value interned at each of a few slots, by a cheap hash of its
  // text (id + 1; 0 is none): a column repeats a handful of values a million
  // times, and most lookups end here, without the map.
  std::array<std::uint32_t, 1024> recent_{};
};

// The hash of a participant in a municipality: the key of W109's repeats and
// of an event log's participants.
inline std::uint64_t participant_hash(std::string_view participant, std::uint16_t unit) {
  return std::hash<std::string_view>{}(participant) ^ (unit * 0x9E3779B97F4A7C15ull);
}

// Memory for a large table read at random: on Linux, asked for in huge
// pages, so that a probe costs a cache miss but not also a TLB miss.
void advise_huge_pages(void* p, std::size_t bytes);

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(std::size_t n);
  void deallocate(T* p, std::size_t) { std::free(p); }
  bool operator==(const HugePageAllocator&) const = default;
};

// An open-addressing index of rows by a key the caller derives from a row
// (a participant id, or municipality and id): four bytes a row plus the
// hash, instead of a node and a copied string per row in a std::map.
class RowIndex {
 public:
  explicit RowIndex(std::size_t expected_rows);

  // The row already indexed whose key equals row `row`'s (`same(other)`
  // says so; `hash` is the key's hash), or `row` itself, now indexed.
  template <typename Same>
  std::uint32_t find_or_add(std::uint64_t hash, std::uint32_t row, Same same) {
    if ((count_ + 1) * 10 > slots_.size() * kMaxLoadTenths) grow();
    auto h = fold(hash);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.row == kEmpty) {
        s = {row, h};
        ++count_;
        return row;
      }
      if (s.hash == h && same(s.row)) return s.row;
    }
  }

  // The row indexed whose key equals the caller's (`same` says so), or
  // kNone.
  static constexpr std::uint32_t kNone = UINT32_MAX;
  template <typename Same>
  std::uint32_t find(std::uint64_t hash, Same same) const {
    auto h = fold(hash);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.row == kEmpty) return kNone;
      if (s.hash == h && same(s.row)) return s.row;
    }
  }

  // Asks for the memory find_or_add(hash, ...) will look at first. A probe
  // into a table of many megabytes waits for memory; asked for early,
  // while other work is done, it mostly does not.
  void prefetch(std::uint64_t hash) const { __builtin_prefetch(&slots_[fold(hash) & mask_]); }

 private:
  static std::uint32_t fold(std::uint64_t hash) { return static_cast<std::uint32_t>(hash ^ (hash >> 32)); }
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  // Seven slots in ten filled at most: with eight slots to a cache line, a
  // probe still mostly ends in the line it starts in.
  static constexpr std::size_t kMaxLoadTenths = 7;
  struct Slot {
    std::uint32_t row = kEmpty;
    std::uint32_t hash = 0;  // the key's hash folded to 32 bits: most mismatches end here
  };
  void grow();
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::size_t mask_ = 0, count_ = 0;
};

template <typename T>
T* HugePageAllocator<T>::allocate(std::size_t n) {
  constexpr std::size_t kHuge = 2 << 20;
  std::size_t bytes = (n * sizeof(T) + kHuge - 1) / kHuge * kHuge;
  void* p = std::aligned_alloc(kHuge, bytes);
  if (!p) throw std::bad_alloc();
  advise_huge_pages(p, bytes);
  return static_cast<T*>(p);
}

}  // namespace maaltal
