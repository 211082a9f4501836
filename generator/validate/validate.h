#pragma once
// `sitrep check`: every rule of SPEC §4 over a loaded model. Collects all
// problems; the rule policy on `diags` decides error vs warning.
#include "model/model.h"
#include "util/diagnostic.h"
#include "util/time.h"

namespace sitrep {

void validate(const Model& model, TimePoint now, Diagnostics& diags);

}  // namespace sitrep
