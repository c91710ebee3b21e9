#include "i18n/typography.h"

#include "base/text.h"

#include <algorithm>
#include <optional>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ulocdata.h>
#include <unicode/unistr.h>

namespace mipex::i18n {

namespace {

constexpr char32_t apostrophe = U'\u2019';
constexpr char32_t narrow_no_break_space = U'\u202F';

std::u32string to_utf32(const icu::UnicodeString& text) {
    std::u32string out;
    for (int32_t at = 0; at < text.length(); at = text.moveIndex32(at, 1))
        out += static_cast<char32_t>(text.char32At(at));
    return out;
}

std::string to_utf8(std::u32string_view text) {
    std::string out;
    for (char32_t c : text)
        append_utf8(out, c);
    return out;
}

/// Decodes UTF-8; false if it is not valid (then nothing is changed).
bool decode(std::string_view text, std::u32string& out) {
    for (size_t at = 0; at < text.size();) {
        std::optional<char32_t> c = decode_utf8(text, at);
        if (!c)
            return false;
        out += *c;
    }
    return true;
}

bool is_space(char32_t c) {
    return u_isUWhiteSpace(static_cast<UChar32>(c));
}

/// A letter, a combining mark or a digit: what a word is made of.
bool is_word(char32_t c) {
    auto code = static_cast<UChar32>(c);
    return u_hasBinaryProperty(code, UCHAR_ALPHABETIC) ||
           (U_GET_GC_MASK(code) & (U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

/// Bidi controls, zero-width joiners, soft hyphens: invisible to the context of a mark.
bool is_format(char32_t c) {
    return u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR;
}

bool is_phrase_punctuation(char32_t c) {
    return c == U';' || c == U':' || c == U'!' || c == U'?';
}

/// What a typed quote turned out to be.
enum class Role : uint8_t { Text, Stray, Open, Close, AlternateOpen, AlternateClose, Apostrophe };

/// One paragraph's characters with their roles, decided left to right with a stack of the
/// quotations open.
class Setter {
public:
    Setter(const Typography& typography, const std::u32string& start, const std::u32string& end,
           const std::u32string& alternate_start, const std::u32string& alternate_end)
        : m_typography(typography), m_start(first(start)), m_end(first(end)),
          m_alternate_start(first(alternate_start)), m_alternate_end(first(alternate_end)) {}

    /// Each character's replacement (itself, a mark, with a space before or after it).
    std::vector<std::u32string> run(const std::u32string& text) {
        m_text = &text;
        m_roles.assign(text.size(), Role::Text);
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == U'"')
                double_quote(i);
            else if (text[i] == U'\'')
                single_quote(i);
        }
        // A quotation opened by ' that nothing closed was an elision ('tis, 'em).
        for (const Open& open : m_open)
            if (m_roles[open.at] == Role::AlternateOpen)
                m_roles[open.at] = Role::Apostrophe;
        std::vector<std::u32string> out(text.size());
        for (size_t i = 0; i < text.size(); ++i)
            out[i] = std::u32string(1, shown(i));
        if (m_typography.french_spacing())
            french_spaces(out);
        return out;
    }

private:
    struct Open {
        size_t at;
        bool alternate;
    };

    static char32_t first(const std::u32string& mark) { return mark.empty() ? U'"' : mark[0]; }

    char32_t shown(size_t i) const {
        switch (m_roles[i]) {
        case Role::Open:
            return m_start;
        case Role::Close:
            return m_end;
        case Role::AlternateOpen:
            return m_alternate_start;
        case Role::AlternateClose:
            return m_alternate_end;
        case Role::Apostrophe:
            return apostrophe;
        case Role::Text:
        case Role::Stray:
            break;
        }
        return (*m_text)[i];
    }

    /// The nearest character before (step -1) or after (+1) `i` that is not a format control.
    std::optional<size_t> neighbour(size_t i, int step) const {
        for (size_t j = i + step; j < m_text->size(); j += step)
            if (!is_format((*m_text)[j]))
                return j;
        return std::nullopt; // size_t wraps below zero, so both ends stop here
    }

    /// Whether a quotation may open after what stands before `i`: the start, a space, an
    /// opening bracket, a dash or an opening mark.
    bool opens_after(size_t i) const {
        auto before = neighbour(i, -1);
        if (!before)
            return true;
        Role role = m_roles[*before];
        if (role == Role::Open || role == Role::AlternateOpen)
            return true;
        if (role != Role::Text)
            return false;
        char32_t c = (*m_text)[*before];
        // A mark typed by the translator: the language's own tell which way it faces (the
        // German closing mark “ is the English opening one).
        if (c == m_start || c == m_alternate_start)
            return true;
        if (c == m_end || c == m_alternate_end)
            return false;
        int8_t type = u_charType(static_cast<UChar32>(c));
        return is_space(c) || type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION ||
               type == U_DASH_PUNCTUATION;
    }

    bool word_before(size_t i) const {
        auto before = neighbour(i, -1);
        return before && m_roles[*before] == Role::Text && is_word((*m_text)[*before]);
    }

    /// Nothing follows `i` but spaces, or nothing at all.
    bool space_or_end_after(size_t i) const {
        auto after = neighbour(i, +1);
        return !after || is_space((*m_text)[*after]);
    }

    /// Closes the innermost open quotation of this kind, and any opened inside it.
    bool close(bool alternate) {
        auto found = std::find_if(m_open.rbegin(), m_open.rend(),
                                  [&](const Open& open) { return open.alternate == alternate; });
        if (found == m_open.rend())
            return false;
        for (auto inner = m_open.rbegin(); inner != found; ++inner)
            if (m_roles[inner->at] == Role::AlternateOpen)
                m_roles[inner->at] = Role::Apostrophe;
        m_open.erase(std::next(found).base(), m_open.end());
        return true;
    }

    void double_quote(size_t i) {
        if (opens_after(i)) {
            if (space_or_end_after(i)) {
                m_roles[i] = Role::Stray;
                return;
            }
            m_roles[i] = Role::Open;
            m_open.push_back({i, false});
            return;
        }
        close(false);
        m_roles[i] = Role::Close;
    }

    void single_quote(size_t i) {
        if (word_before(i)) {
            auto after = neighbour(i, +1);
            if (after && is_word((*m_text)[*after]))
                m_roles[i] = Role::Apostrophe;
            else
                m_roles[i] = close(true) ? Role::AlternateClose : Role::Apostrophe;
            return;
        }
        if (opens_after(i)) {
            auto after = neighbour(i, +1);
            if (!after || is_space((*m_text)[*after]))
                m_roles[i] = Role::Stray;
            else if (u_isdigit(static_cast<UChar32>((*m_text)[*after])))
                m_roles[i] = Role::Apostrophe; // the '90s
            else {
                m_roles[i] = Role::AlternateOpen;
                m_open.push_back({i, true});
            }
            return;
        }
        m_roles[i] = close(true) ? Role::AlternateClose : Role::Apostrophe;
    }

    /// French: a narrow no-break space inside « » and before ; : ! ? that end a phrase.
    void french_spaces(std::vector<std::u32string>& out) const {
        const std::u32string& text = *m_text;
        auto make_narrow = [&](size_t space) {
            out[space] = std::u32string(1, narrow_no_break_space);
        };
        for (size_t i = 0; i < text.size(); ++i) {
            char32_t c = shown(i);
            if (c == U'\u00AB') {
                if (i + 1 < text.size() && is_space(text[i + 1]))
                    make_narrow(i + 1);
                else if (i + 1 < text.size())
                    out[i] += narrow_no_break_space;
            } else if (c == U'\u00BB' || (is_phrase_punctuation(c) && ends_phrase(i))) {
                if (i == 0 || is_phrase_punctuation(text[i - 1]))
                    continue; // "?!" shares one space
                if (is_space(text[i - 1]))
                    make_narrow(i - 1);
                else
                    out[i].insert(out[i].begin(), narrow_no_break_space);
            }
        }
    }

    /// Whether the ; : ! ? at `i` ends a phrase: a space, the end, more of them or a closing
    /// mark or bracket follows (not the colon of "https://" or "12:30", nor "?q=").
    bool ends_phrase(size_t i) const {
        auto after = neighbour(i, +1);
        if (!after)
            return true;
        char32_t c = (*m_text)[*after];
        Role role = m_roles[*after];
        int8_t type = u_charType(static_cast<UChar32>(c));
        return is_space(c) || is_phrase_punctuation(c) || role == Role::Close ||
               role == Role::AlternateClose || type == U_END_PUNCTUATION ||
               type == U_FINAL_PUNCTUATION;
    }

    const Typography& m_typography;
    char32_t m_start, m_end, m_alternate_start, m_alternate_end;
    const std::u32string* m_text = nullptr;
    std::vector<Role> m_roles;
    std::vector<Open> m_open;
};

} // namespace

QuotationMarks quotation_marks(const std::string& language) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    QuotationMarks marks{"\u201C", "\u201D", "\u2018", "\u2019"}; // CLDR root's
    if (U_FAILURE(status) || locale.isBogus())
        return marks;
    ULocaleData* data = ulocdata_open(locale.getName(), &status);
    if (U_FAILURE(status))
        return marks;
    auto delimiter = [&](ULocaleDataDelimiterType type, std::string& out) {
        UChar buffer[8];
        UErrorCode error = U_ZERO_ERROR;
        int32_t length = ulocdata_getDelimiter(data, type, buffer, 8, &error);
        if (U_SUCCESS(error) && length > 0)
            icu::UnicodeString(buffer, length).toUTF8String(out = {});
    };
    delimiter(ULOCDATA_QUOTATION_START, marks.start);
    delimiter(ULOCDATA_QUOTATION_END, marks.end);
    delimiter(ULOCDATA_ALT_QUOTATION_START, marks.alternate_start);
    delimiter(ULOCDATA_ALT_QUOTATION_END, marks.alternate_end);
    ulocdata_close(data);
    return marks;
}

Typography::Typography(const std::string& language) : m_marks(quotation_marks(language)) {
    m_start = to_utf32(icu::UnicodeString::fromUTF8(m_marks.start));
    m_end = to_utf32(icu::UnicodeString::fromUTF8(m_marks.end));
    m_alternate_start = to_utf32(icu::UnicodeString::fromUTF8(m_marks.alternate_start));
    m_alternate_end = to_utf32(icu::UnicodeString::fromUTF8(m_marks.alternate_end));
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(language, status);
    m_french = U_SUCCESS(status) && std::string_view(locale.getLanguage()) == "fr";
}

bool Typography::may_change(std::string_view text) const {
    if (text.find_first_of("\"'") != std::string_view::npos)
        return true;
    return m_french && (text.find_first_of(";:!?") != std::string_view::npos ||
                        text.find("\u00AB") != std::string_view::npos ||
                        text.find("\u00BB") != std::string_view::npos);
}

std::string Typography::set(std::string_view text) const {
    std::string out(text);
    set(std::vector<std::string*>{&out});
    return out;
}

void Typography::set(const std::vector<std::string*>& runs) const {
    if (std::none_of(runs.begin(), runs.end(),
                     [&](const std::string* run) { return may_change(*run); }))
        return;
    std::u32string text;
    std::vector<size_t> ends; // where each run ends in `text`
    for (const std::string* run : runs) {
        if (!decode(*run, text))
            return;
        ends.push_back(text.size());
    }
    std::vector<std::u32string> shown =
        Setter(*this, m_start, m_end, m_alternate_start, m_alternate_end).run(text);
    size_t at = 0;
    for (size_t r = 0; r < runs.size(); ++r) {
        std::u32string run;
        for (; at < ends[r]; ++at)
            run += shown[at];
        *runs[r] = to_utf8(run);
    }
}

} // namespace mipex::i18n
