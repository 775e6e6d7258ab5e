#include "app/generate.h"

#include <array>
#include <fstream>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/limits.h"
#include "read/municipalities.h"

namespace maaltal {

namespace fs = std::filesystem;

namespace {

// splitmix64: small, fast, and the same numbers on every platform for a seed
// (the standard library's distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  // An index into `weights` with probability proportional to its weight.
  std::size_t pick(const std::vector<int>& weights, int total) {
    int r = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if ((r -= weights[i]) < 0) return i;
    }
    return weights.size() - 1;
  }

 private:
  std::uint64_t state_;
};

struct Category {
  const char* value;
  int weight;
};

// Plausible shares for a Danish employment project for people with disabilities.
constexpr std::array<Category, 5> kBenefit{{{"Dagpenge", 18},
                                            {"Kontanthjælp", 34},
                                            {"Sygedagpenge", 20},
                                            {"Fleksjob/Ledighedsydelse", 16},
                                            {"Ressourceforløb", 12}}};
constexpr std::array<Category, 5> kDisability{
    {{"fysisk", 34}, {"psykisk", 38}, {"kognitiv", 12}, {"sensorisk", 8}, {"andet", 8}}};
constexpr std::array<Category, 2> kGender{{{"k", 52}, {"m", 48}}};

template <std::size_t N>
const char* draw(Random& random, const std::array<Category, N>& categories) {
  int total = 0;
  std::vector<int> weights;
  for (const auto& c : categories) weights.push_back(c.weight), total += c.weight;
  return categories[random.pick(weights, total)].value;
}

const Date kStart = Date::from_ymd(2021, 1, 1);
const Date kEnd = Date::from_ymd(2024, 12, 31);
const Date kAsOf = Date::from_ymd(2024, 6, 30);

std::string categories_json(const auto& categories) {
  std::string out;
  for (const auto& c : categories) out += std::string(out.empty() ? "" : ", ") + "\"" + c.value + "\"";
  return "[" + out + "]";
}

void write_project(const fs::path& dir, std::int64_t participants) {
  std::ofstream out(dir / "project.json");
  out << R"json({
  "id": "national-pulje",
  "title": "Landsdækkende pulje (genereret, )json"
      << participants << R"json( deltagere)",
  "owner": "maaltal generate",
  "funder": "STAR",
  "period": {"start": ")json"
      << kStart.iso() << R"json(", "end": ")json" << kEnd.iso() << R"json("},
  "as_of": ")json"
      << kAsOf.iso() << R"json(",
  "municipalities": [)json";
  bool first = true;
  for (const auto& [code, m] : municipalities()) {
    out << (first ? "" : ", ") << '"' << code << '"';
    first = false;
  }
  out << R"json(],
  "indicators": [
    {"id": "visiterede", "label": "Visiterede", "kind": "count", "date_field": "visiteret"},
    {"id": "i_job", "label": "I job", "kind": "count", "date_field": "udfaldsdato",
     "where": {"udfald": ["ordinære timer", "fleksjob"]}, "after": "visiterede", "count": "first"},
    {"id": "i_uddannelse", "label": "I uddannelse", "kind": "count", "date_field": "udfaldsdato",
     "where": {"udfald": "uddannelse"}, "after": "visiterede", "count": "first"},
    {"id": "i_job_eller_uddannelse", "label": "I job eller uddannelse", "kind": "sum", "of": ["i_job", "i_uddannelse"]},
    {"id": "andel", "label": "Andel i job eller uddannelse", "kind": "ratio",
     "numerator": "i_job_eller_uddannelse", "denominator": "visiterede"}
  ],
  "breakdowns": [
    {"id": "ydelse", "label": "ydelsesgruppe", "indicator": "visiterede", "field": "ydelsesgruppe", "categories": )json"
      << categories_json(kBenefit) << R"json(},
    {"id": "handicap", "label": "handicap", "indicator": "visiterede", "field": "handicap", "categories": )json"
      << categories_json(kDisability) << R"json(},
    {"id": "koen", "label": "køn", "indicator": "visiterede", "field": "koen", "categories": )json"
      << categories_json(kGender) << R"json(},
    {"id": "alder", "label": "alder", "indicator": "visiterede", "field": "foedselsaar",
     "age_bands": [{"from": 18, "to": 29}, {"from": 30, "to": 49}, {"from": 50, "to": 67}]}
  ],
  "funnels": [{"id": "forloeb", "label": "Fra visitation til job", "stages": ["visiterede", "i_job_eller_uddannelse"]}],
  "targets": {"file": "targets.csv"},
  "registrations": {"file": "registrations.csv", "columns": {"participant": "deltager", "municipality": "kommune"}}
}
)json";
  if (!out) throw Error(ErrorKind::kWrite, "cannot write '" + (dir / "project.json").generic_string() + "'");
}

}  // namespace

void generate_project(const GenerateOptions& options) {
  if (options.participants < 1 || options.participants > limits::kGeneratedParticipants) {
    throw Error(ErrorKind::kUsage,
                "--participants must be from 1 to " + std::to_string(limits::kGeneratedParticipants) + " (10^8)");
  }
  std::error_code ec;
  fs::create_directories(options.out, ec);
  if (ec) throw Error(ErrorKind::kWrite, "cannot create '" + options.out.generic_string() + "': " + ec.message());
  write_project(options.out, options.participants);

  // Municipalities weighted by a stable pseudo-size, so that some are large
  // and some have a handful of participants, as in a real pool.
  Random random(options.seed);
  std::vector<std::string> codes;
  std::vector<int> weights;
  int total = 0;
  for (const auto& [code, m] : municipalities()) {
    codes.push_back(code);
    int weight = 1 + random.below(40) + (random.chance(10) ? 200 : 0);
    weights.push_back(weight);
    total += weight;
  }
  std::ofstream targets(options.out / "targets.csv");
  targets << "kommune;indikator;måltal\n";
  for (std::size_t k = 0; k < codes.size(); ++k) {
    double expected = static_cast<double>(options.participants) * weights[k] / total;
    auto referred = static_cast<long long>(expected * 0.9) + 1;
    targets << codes[k] << ";visiterede;" << referred << "\n";
    targets << codes[k] << ";i_job_eller_uddannelse;" << referred * 2 / 5 + 1 << "\n";
  }

  std::ofstream out(options.out / "registrations.csv", std::ios::binary);
  std::vector<char> buffer(1 << 20);
  out.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out << "deltager;kommune;visiteret;udfald;udfaldsdato;ydelsesgruppe;handicap;koen;foedselsaar\n";
  const int period_days = kEnd.days_since_epoch() - kStart.days_since_epoch() + 1;
  std::string line;
  for (std::int64_t p = 1; p <= options.participants; ++p) {
    line.clear();
    char id[32];
    std::snprintf(id, sizeof id, "P%08lld", static_cast<long long>(p));
    line += id;
    line += ';';
    line += codes[random.pick(weights, total)];
    line += ';';
    std::optional<Date> referred;
    if (random.chance(92)) referred = Date::from_days(kStart.days_since_epoch() + random.below(period_days));
    if (referred) line += referred->iso();
    line += ';';
    int r = random.below(100);
    const char* outcome = r < 28 ? "ordinære timer" : r < 40 ? "fleksjob" : r < 48 ? "uddannelse" : "";
    Date when = Date::from_days(referred ? referred->days_since_epoch() + 14 + random.below(400) : 0);
    if (referred && *outcome && when <= kEnd) {
      line += outcome;
      line += ';';
      line += when.iso();
    } else {
      line += ';';
    }
    line += ';';
    line += draw(random, kBenefit);
    line += ';';
    line += draw(random, kDisability);
    line += ';';
    line += draw(random, kGender);
    line += ';';
    line += std::to_string(1957 + random.below(48));
    line += '\n';
    out << line;
  }
  out.flush();
  if (!out || !targets) throw Error(ErrorKind::kWrite, "cannot write into '" + options.out.generic_string() + "'");
}

}  // namespace maaltal
