#include "i18n/check.h"

#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>

namespace mipex::i18n {

std::optional<std::set<std::string>>
message_arguments(std::string_view pattern, const std::string& language, std::string& error) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
    // MessageFormat checks what MessagePattern does not: plural keywords of the language.
    icu::MessageFormat format(text, locale, parse_error, status);
    if (U_FAILURE(status)) {
        error = u_errorName(status);
        if (parse_error.offset >= 0)
            error += " at character " + std::to_string(parse_error.offset + 1);
        return std::nullopt;
    }
    icu::MessagePattern parsed(text, &parse_error, status);
    if (U_FAILURE(status)) {
        error = u_errorName(status);
        return std::nullopt;
    }
    std::set<std::string> names;
    for (int32_t i = 0; i < parsed.countParts(); ++i) {
        const icu::MessagePattern::Part& part = parsed.getPart(i);
        if (part.getType() == UMSGPAT_PART_TYPE_ARG_NAME) {
            std::string name;
            parsed.getSubstring(part).toUTF8String(name);
            names.insert(name);
        }
    }
    return names;
}

void check_catalogs(const model::Model& model, Diagnostics& diagnostics) {
    for (const auto& [language, catalog] : model.catalogs) {
        for (const auto& [key, translation] : catalog.entries) {
            if (!key.starts_with("ui."))
                continue;
            auto english = model.strings.find(key);
            if (english == model.strings.end())
                continue;
            std::string error;
            auto wanted = message_arguments(english->second.source, model.book.language, error);
            if (!wanted)
                continue; // the English is reported where it is used
            auto used = message_arguments(translation.text, language, error);
            if (!used) {
                diagnostics.error(translation.pos,
                                  "the translation of '" + key.substr(3) +
                                      "' is not a valid ICU message (" + error +
                                      "); braces hold arguments such as {" +
                                      (wanted->empty() ? std::string("name") : *wanted->begin()) +
                                      "}, and a literal brace is written '{'");
                continue;
            }
            auto list = [](const std::set<std::string>& names) {
                std::string out;
                for (const std::string& name : names)
                    out += (out.empty() ? "{" : ", {") + name + "}";
                return out.empty() ? std::string("none") : out;
            };
            for (const std::string& name : *used)
                if (!wanted->count(name))
                    diagnostics.error(translation.pos,
                                      "the translation of '" + key.substr(3) + "' uses {" + name +
                                          "}, which the English does not have (its arguments: " +
                                          list(*wanted) + ")");
            for (const std::string& name : *wanted)
                if (!used->count(name))
                    diagnostics.warning(translation.pos, "the translation of '" + key.substr(3) +
                                                             "' leaves out {" + name +
                                                             "}, which the English prints");
        }
    }
}

} // namespace mipex::i18n
