// The markup of the editors' prose: emphasis, links, references, page references, footnotes
// and lists.
#include "doc/prose.h"

#include <catch2/catch.hpp>

using namespace mipex;
using namespace mipex::doc;

namespace {

/// Knows one country and one area, as the book builder would.
class TestResolver final : public Resolver {
public:
    std::optional<Target> resolve(std::string_view kind, std::string_view id) const override {
        if (kind == "country" && id == "SE")
            return Target{"Sweden", "country-SE"};
        if (kind == "area" && id == "lmm")
            return Target{"Labour market mobility", "area-lmm"};
        return std::nullopt;
    }
};

} // namespace

TEST_CASE("emphasis and strong, and stars that open nothing") {
    auto spans = parse_inline("a *b* **c** d * e");
    REQUIRE(spans.size() == 5);
    CHECK(spans[1].text == "b");
    CHECK(spans[1].flags == Span::Emphasis);
    CHECK(spans[3].text == "c");
    CHECK(spans[3].flags == Span::Strong);
    CHECK(spans[4].text == " d * e");
    CHECK(parse_inline("2 * 3")[0].text == "2 * 3");
    CHECK(parse_inline("\\*literal\\* \\[x\\]")[0].text == "*literal* [x]");
}

TEST_CASE("links go to addresses, anchors and chapters") {
    TestResolver resolver;
    ProseContext context{&resolver};
    auto spans = parse_inline("See [the site](https://www.mipex.eu), [this](#annex) and [Sweden's profile](country:SE).",
                              context);
    REQUIRE(spans.size() == 7);
    CHECK(spans[1].text == "the site");
    CHECK(spans[1].uri == "https://www.mipex.eu");
    CHECK(spans[3].link == "annex");
    CHECK(spans[5].text == "Sweden's profile");
    CHECK(spans[5].link == "country-SE");
    // Brackets that are not a link stay text.
    CHECK(parse_inline("[not a link] (really)")[0].text == "[not a link] (really)");
}

TEST_CASE("references print the name in the edition's language, linked") {
    TestResolver resolver;
    ProseContext context{&resolver};
    auto spans = parse_inline("Compare {country:SE} on {area:lmm}.", context);
    REQUIRE(spans.size() == 5);
    CHECK(spans[1].text == "Sweden");
    CHECK(spans[1].link == "country-SE");
    CHECK(spans[3].text == "Labour market mobility");
    CHECK(spans[3].link == "area-lmm");
}

TEST_CASE("page references leave the number to layout") {
    TestResolver resolver;
    ProseContext context{&resolver};
    auto spans = parse_inline("see page {page:country:SE} and {page:#annex}", context);
    REQUIRE(spans.size() == 4);
    CHECK(spans[1].page_of == "country-SE");
    CHECK(spans[1].link == "country-SE");
    CHECK(spans[3].page_of == "annex");
}

TEST_CASE("an unknown reference is an error at the text, and stays as written") {
    TestResolver resolver;
    Diagnostics diagnostics;
    ProseContext context{&resolver, &diagnostics, SourcePos{1, 7, 3}};
    auto spans = parse_inline("see {country:XX}", context);
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.all()[0].message.find("unknown reference 'country:XX'") == 0);
    CHECK(diagnostics.all()[0].pos.line == 7);
    CHECK(spans[0].text == "see {country:XX}");
    // Braces around other text are not references at all.
    Diagnostics quiet;
    ProseContext quiet_context{&resolver, &quiet};
    CHECK(parse_inline("a {set} of {two words}", quiet_context)[0].text == "a {set} of {two words}");
    CHECK(quiet.error_count() == 0);
}

TEST_CASE("footnotes are numbered through a chapter and linked both ways") {
    std::vector<Footnote> notes;
    int counter = 0;
    ProseContext context{nullptr, nullptr, {}, &notes, &counter, "area-lmm-"};
    auto first = parse_inline("One.^[The *first* note.] Two.^[The second.]", context);
    auto second = parse_inline("Three.^[The third.]", context);
    REQUIRE(notes.size() == 3);
    CHECK(notes[0].number == "1");
    CHECK(notes[2].number == "3");
    CHECK(notes[0].anchor == "area-lmm-fn-1");
    CHECK(notes[0].reference == "area-lmm-fnref-1");
    REQUIRE(notes[0].spans.size() == 3);
    CHECK(notes[0].spans[1].flags == Span::Emphasis);
    // The reference: a superscript number linking to the note, where the note links back.
    REQUIRE(first.size() == 4);
    CHECK(first[1].text == "1");
    CHECK(first[1].flags == Span::Superscript);
    CHECK(first[1].link == "area-lmm-fn-1");
    CHECK(first[1].anchor == "area-lmm-fnref-1");
    CHECK(second[1].text == "3");
}

TEST_CASE("a footnote where none may stand is an error") {
    Diagnostics diagnostics;
    ProseContext context{nullptr, &diagnostics};
    auto spans = parse_inline("A question?^[No notes here.]", context);
    CHECK(diagnostics.error_count() == 1);
    CHECK(spans[0].text == "A question?^[No notes here.]");
}

TEST_CASE("prose splits into paragraphs and lists at blank lines") {
    auto blocks = split_prose("First paragraph\ngoes on.\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\nLast.");
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].kind == ProseBlock::Kind::Paragraph);
    CHECK(blocks[0].items == std::vector<std::string>{"First paragraph goes on."});
    CHECK(blocks[1].kind == ProseBlock::Kind::Bullets);
    CHECK(blocks[1].items == std::vector<std::string>{"one", "two continued"});
    CHECK(blocks[2].kind == ProseBlock::Kind::Numbers);
    CHECK(blocks[2].items == std::vector<std::string>{"first", "second"});
    CHECK(blocks[3].items == std::vector<std::string>{"Last."});
}
