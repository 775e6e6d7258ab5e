#include "compute/target_basis.h"

namespace maaltal {

const TargetBasis* basis_of(const Project& project, const std::string& code, const std::string& indicator) {
  for (const auto& b : project.target_basis) {
    if (b.unit_code == code && b.indicator == indicator) return &b;
  }
  return nullptr;
}

namespace {

// Of the versions (oldest first) whose name is `name` (any, when empty), the
// latest that has taken effect at `as_of`, else the first of them; null when none has the name.
const Target* in_force_at(const std::vector<const Target*>& versions, const std::string& name, Date as_of) {
  const Target* found = nullptr;
  for (const Target* t : versions) {
    if (!name.empty() && t->version != name) continue;
    if (!found || !t->effective || *t->effective <= as_of) found = t;
  }
  return found;
}

}  // namespace

void set_target(Figure& f, const std::vector<const Target*>& versions, Date as_of, const TargetBasis* basis) {
  if (versions.empty()) return;
  const Target* in_force = in_force_at(versions, "", as_of);
  // The reader refuses a basis naming a version the targets do not have.
  const Target* chosen = basis ? in_force_at(versions, basis->version, as_of) : nullptr;
  const Target* used = chosen ? chosen : in_force;
  f.target = used->value;
  f.target_version = used->version;
  f.target_original = versions.front()->value;
  f.target_effective = used->effective;
  f.target_reason = used->reason;
  f.target_basis = chosen ? "chosen" : "in_force";
  if (chosen) {
    f.target_basis_reason = basis->reason;
    f.target_in_force = in_force->value;
    f.target_in_force_version = in_force->version;
  }
}

std::string total_basis(const Figure& total, const std::vector<const Figure*>& units, bool stated) {
  if (!total.target) return "";
  if (stated) return "stated";
  for (const Figure* f : units) {
    if (f->target && f->target_basis == "chosen") return "mixed";
  }
  return "in_force";
}

}  // namespace maaltal
