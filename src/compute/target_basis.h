// Which target version a figure is measured against: the version in force at
// the as-of date, or the one project.json's `target_basis` chose for that
// municipality and indicator (an evaluation that keeps one municipality to
// its original target while the others are measured against revised ones).
#pragma once
#include <string>
#include <vector>

#include "core/date.h"
#include "core/project.h"
#include "core/report.h"

namespace maaltal {

// project.target_basis's entry for the municipality and indicator, or null.
const TargetBasis* basis_of(const Project& project, const std::string& code, const std::string& indicator);

// Sets the figure's target from `versions` (oldest first): the version in
// force at `as_of` (the latest that has taken effect, or the first when none
// has yet), or, with a basis, the version of the basis's name in force then
// (or that name's first), with the version in force kept beside it. The first
// version is kept as the original either way.
void set_target(Figure& f, const std::vector<const Target*>& versions, Date as_of, const TargetBasis* basis);

// The total's target_basis: "stated" for a stated total target, "mixed" when
// a municipality's target in the sum is a chosen version, else "in_force";
// "" without a target.
std::string total_basis(const Figure& total, const std::vector<const Figure*>& units, bool stated);

}  // namespace maaltal
