// Why a figure is missing from a public output (compute/suppression.h): a
// count below the threshold ("<5"), or a larger one hidden so that a small
// one cannot be worked out from the cells beside it.
#pragma once

namespace maaltal {

enum class Hidden : unsigned char { kNo, kSmall, kProtecting };

const char* hidden_name(Hidden hidden);  // "", "small", "protecting"

}  // namespace maaltal
