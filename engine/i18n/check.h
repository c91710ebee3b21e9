// Checks of the catalogs that need ICU (the model stage reads them without it): every
// translated interface string is a valid ICU message of its language and uses the arguments
// the English has.
#pragma once

#include "base/diagnostics.h"
#include "model/model.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace mipex::i18n {

/// Reports, at the translation, an interface string that ICU cannot parse, an argument the
/// English does not have (an error: it would print nothing) and an argument of the English
/// the translation leaves out (a warning: the number or name goes missing).
void check_catalogs(const model::Model& model, Diagnostics& diagnostics);

/// The argument names of an ICU message ("{rank} of {count}" → rank, count), or nothing
/// when it does not parse (`error` then says why).
std::optional<std::set<std::string>>
message_arguments(std::string_view pattern, const std::string& language, std::string& error);

} // namespace mipex::i18n
