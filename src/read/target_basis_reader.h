// project.json's `target_basis`: for a municipality and an indicator, the
// target version its attainment is measured against instead of the version
// in force at the as-of date, with the reason. Read after the targets, whose
// versions it names.
#pragma once
#include "read/definitions_reader.h"

namespace maaltal {

// Checks each entry (E220 a version the targets do not have, E221 no reason,
// E222 the same municipality and indicator twice, E223 no target to choose
// from) and adds the valid ones to reader.project.target_basis.
void read_target_basis(const Json& root, DefinitionReader& reader);

}  // namespace maaltal
