// The typography of a language for text typed on a plain keyboard: straight quotes become the
// language's quotation marks (CLDR's delimiters, through ICU), apostrophes the typographic
// apostrophe, and French puts its narrow no-break spaces inside « » and before ; : ! ?.
// The sources keep what was typed; what prints is set here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mipex::i18n {

/// A language's quotation marks as CLDR gives them (ICU ulocdata_getDelimiter).
struct QuotationMarks {
    std::string start, end; ///< “ ” in English, „ “ in German, « » in French
    std::string alternate_start, alternate_end; ///< for a quotation inside another: ‘ ’, ‚ ‘
};

/// CLDR's quotation marks for a BCP 47 tag; root's (“ ” ‘ ’) for a language CLDR lacks.
QuotationMarks quotation_marks(const std::string& language);

/// Sets typed text in the typography of one language. The rules, for `"` and `'` typed:
/// - `"` after the start, a space, an opening bracket, a dash or an opening mark, and before
///   something that is not a space, opens a quotation (the language's start mark); after
///   anything else it closes one. One between spaces stays as typed.
/// - `'` between letters or digits is an apostrophe (don't, l'Europe, 1990's); after a letter
///   or punctuation it closes a quotation opened by `'`, or else is an apostrophe (workers'
///   rights); where a `"` would open, it opens a quotation (the alternate marks), unless a
///   digit follows ('90s) or nothing closes it in the text ('tis): then it is an apostrophe.
/// - The apostrophe is U+2019, the character the Unicode Standard prefers for it (§6.2,
///   "Apostrophes", and the code chart's note at U+2019); CLDR has no apostrophe delimiter.
///   English, French, German and Greek all write it so.
/// - French (any region): a narrow no-break space (U+202F) inside « » and before ; : ! ? that
///   end a phrase (followed by a space, the end or a closing mark: not the colon of a URL or
///   of a time), as the Imprimerie nationale's "Lexique des règles typographiques" asks; a
///   space typed there becomes that space.
/// Format controls (the bidi marks of a right-to-left text) are passed over when looking at
/// what stands before and after a mark. Setting a text twice changes nothing the second time.
class Typography {
public:
    /// The typography of `language`, a BCP 47 tag ("en", "de-AT", "fr", "el", "qps").
    explicit Typography(const std::string& language);

    const QuotationMarks& marks() const { return m_marks; }
    /// Whether the language spaces its punctuation as French does.
    bool french_spacing() const { return m_french; }

    /// Whether setting may change `text` (it has a straight quote, or in French a mark that
    /// takes a space): most texts have none, and are printed as they are.
    bool may_change(std::string_view text) const;
    /// The text set in this language.
    std::string set(std::string_view text) const;
    /// The runs of one paragraph (emphasis, links, references), set in place: what stands
    /// before a quote and which quotations are open carry across the runs.
    void set(const std::vector<std::string*>& runs) const;

private:
    QuotationMarks m_marks;
    std::u32string m_start, m_end, m_alternate_start, m_alternate_end;
    bool m_french = false;
};

} // namespace mipex::i18n
