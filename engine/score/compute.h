// compute_scores: turns the model's answers into the ScoreTable, following the MIPEX
// methodology (MIPEX.md): dimension = mean of its answered indicators, area = mean of its
// dimensions, overall = mean of its areas. No weights.
#pragma once

#include "base/diagnostics.h"
#include "model/model.h"
#include "score/score_table.h"

namespace mipex::score {

ScoreTable compute_scores(const model::Model& model, Diagnostics& diagnostics);

} // namespace mipex::score
