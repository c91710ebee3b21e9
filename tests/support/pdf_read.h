// Test support: a PDF read back with libqpdf as a reader reads it, to check what the PDF
// writer promises rather than the bytes it happens to write (PDF 32000-1:2008):
// - the operators of a content stream, and how its marked-content sequences, text objects
//   and saved graphics states nest (§14.6, §9.4, §8.4.2);
// - a ToUnicode CMap parsed into the text of each glyph code (§9.10.3), with the CMap
//   format's limit of 100 entries in a bfchar or bfrange block (Adobe Technical Note #5099);
// - the cross-reference stream and the object streams checked against each other and against
//   the file's bytes (§7.5.7, §7.5.8);
// - `qpdf --check`, run through libqpdf's QPDFJob, so no program needs to be installed.
// Header-only; the executables that include it link libqpdf and ICU.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <qpdf/BufferInputSource.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFJob.hh>
#include <qpdf/QPDFLogger.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QPDFXRefEntry.hh>
#include <set>
#include <stdexcept>
#include <string>
#include <unicode/ustring.h>
#include <vector>

namespace mipex::testing::pdf {

/// One operator of a content stream with its operands.
struct Operation {
    std::string op;
    std::vector<QPDFObjectHandle> operands;
};

/// The operators of a content stream (or of a page's array of them), in order.
inline std::vector<Operation> operations(QPDFObjectHandle contents) {
    struct Collect : QPDFObjectHandle::ParserCallbacks {
        std::vector<Operation> out;
        std::vector<QPDFObjectHandle> operands;
        void handleObject(QPDFObjectHandle object) override {
            if (object.isOperator()) {
                out.push_back({object.getOperatorValue(), std::move(operands)});
                operands.clear();
            } else {
                operands.push_back(object);
            }
        }
        void handleEOF() override {}
    } collect;
    QPDFObjectHandle::parseContentStream(contents, &collect);
    return std::move(collect.out);
}

/// The operators of content given as bytes (what a ContentWriter writes). Throws when libqpdf
/// finds anything to warn about in them.
inline std::vector<Operation> operations(const std::string& content) {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.emptyPDF();
    std::vector<Operation> out = operations(QPDFObjectHandle::newStream(&pdf, content));
    if (pdf.anyWarnings())
        throw std::runtime_error("libqpdf cannot read the content: " +
                                 pdf.getWarnings().front().getMessageDetail());
    return out;
}

/// How a content stream's pairs nest: marked-content sequences (BMC or BDC … EMC), text
/// objects (BT … ET) and saved graphics states (q … Q) each close what was opened last, and
/// nothing is left open at the end (a sequence lies within one content stream, §14.6).
struct Nesting {
    std::string problem;           ///< the first operator that breaks the nesting; empty if none
    size_t sequences = 0;          ///< marked-content sequences opened
    size_t artifacts = 0;          ///< of them, /Artifact
    size_t deepest = 0;            ///< marked-content sequences open at once, at most
    std::vector<std::string> tags; ///< each sequence's tag and MCID: "P 0", "Artifact", "Span"
    std::vector<int64_t> mcids;    ///< the MCIDs, in order
    size_t unmarked_paintings = 0; ///< operators that paint outside every sequence
    std::vector<std::string> actual_texts; ///< of the sequences that carry /ActualText (UTF-8)
};

inline Nesting nesting(const std::vector<Operation>& operations) {
    // What paints (§8.5.3, §9.4.3, §8.7.4.2, §8.8, §8.9.7); "n" ends a path without painting.
    static const std::set<std::string> painting = {"Tj", "TJ", "'",  "\"", "S",  "s",  "f",  "F",
                                                   "f*", "B",  "B*", "b",  "b*", "sh", "Do", "BI"};
    Nesting result;
    std::vector<std::string> open; // "BT", "q" or "BDC" for either kind of sequence
    size_t marked = 0;
    for (size_t i = 0; i < operations.size() && result.problem.empty(); ++i) {
        const Operation& operation = operations[i];
        const std::string& op = operation.op;
        auto close = [&](const char* opener) {
            if (open.empty() || open.back() != opener) {
                result.problem = op + " at operator " + std::to_string(i) + " closes " +
                                 (open.empty() ? "nothing" : open.back());
                return;
            }
            open.pop_back();
        };
        if (op == "BT" || op == "q") {
            open.push_back(op);
        } else if (op == "ET") {
            close("BT");
        } else if (op == "Q") {
            close("q");
        } else if (op == "BMC" || op == "BDC") {
            open.push_back("BDC");
            ++result.sequences;
            result.deepest = std::max(result.deepest, ++marked);
            std::vector<QPDFObjectHandle> operands = operation.operands;
            std::string tag =
                operands.empty() || !operands[0].isName() ? "?" : operands[0].getName().substr(1);
            result.artifacts += tag == "Artifact";
            if (op == "BDC" && operands.size() == 2 && operands[1].isDictionary()) {
                QPDFObjectHandle properties = operands[1];
                if (properties.getKey("/MCID").isInteger()) {
                    result.mcids.push_back(properties.getKey("/MCID").getIntValue());
                    tag += ' ' + std::to_string(result.mcids.back());
                }
                if (properties.getKey("/ActualText").isString())
                    result.actual_texts.push_back(properties.getKey("/ActualText").getUTF8Value());
            }
            result.tags.push_back(tag);
        } else if (op == "EMC") {
            close("BDC");
            --marked;
        } else if (painting.count(op) && marked == 0) {
            ++result.unmarked_paintings;
        }
    }
    if (result.problem.empty() && !open.empty())
        result.problem =
            std::to_string(open.size()) + " left open at the end, the last " + open.back();
    return result;
}

/// UTF-16BE bytes as UTF-8; `valid` false for an odd length or an unpaired surrogate.
inline std::string utf8_of_utf16be(const std::string& bytes, bool& valid) {
    std::u16string units;
    for (size_t i = 0; i + 1 < bytes.size(); i += 2)
        units += static_cast<char16_t>(static_cast<unsigned char>(bytes[i]) << 8 |
                                       static_cast<unsigned char>(bytes[i + 1]));
    valid = bytes.size() % 2 == 0;
    std::string out(units.size() * 3, '\0');
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    // ICU reports an unpaired surrogate as U_INVALID_CHAR_FOUND (unicode/ustring.h).
    u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &length, units.data(),
                static_cast<int32_t>(units.size()), &status);
    valid = valid && U_SUCCESS(status);
    out.resize(U_SUCCESS(status) ? static_cast<size_t>(length) : 0);
    return out;
}

/// A ToUnicode CMap read as a reader reads it.
struct ToUnicode {
    std::map<uint32_t, std::string> text; ///< UTF-8, by the glyph's 2-byte code
    std::vector<size_t> blocks;           ///< the entries of each bfchar and bfrange block
    std::vector<std::pair<uint32_t, uint32_t>> codespace; ///< code ranges, first and last
    std::string problem; ///< the first thing a reader would refuse; empty when none
};

inline ToUnicode read_to_unicode(const std::string& cmap) {
    ToUnicode result;
    auto input = std::make_shared<BufferInputSource>("ToUnicode CMap", cmap);
    QPDFTokenizer tokenizer;
    tokenizer.allowEOF();
    auto next = [&] { return tokenizer.readToken(input, "ToUnicode CMap", true); };
    auto fail = [&](const std::string& problem) {
        if (result.problem.empty())
            result.problem = problem;
    };
    auto code_of = [&](const QPDFTokenizer::Token& token) -> uint32_t {
        if (token.getType() != QPDFTokenizer::tt_string || token.getValue().size() != 2) {
            fail("a code that is not two bytes: " + token.getRawValue());
            return 0;
        }
        const std::string& bytes = token.getValue();
        return static_cast<uint32_t>(static_cast<unsigned char>(bytes[0]) << 8 |
                                     static_cast<unsigned char>(bytes[1]));
    };
    auto text_of = [&](const QPDFTokenizer::Token& token) {
        bool valid = false;
        std::string text = utf8_of_utf16be(token.getValue(), valid);
        if (token.getType() != QPDFTokenizer::tt_string || !valid || token.getValue().empty())
            fail("a destination that is not UTF-16BE text: " + token.getRawValue());
        return text;
    };
    int64_t count = -1; // the integer before a begin…, the block's entry count
    for (QPDFTokenizer::Token token = next(); token.getType() != QPDFTokenizer::tt_eof;
         token = next()) {
        if (token.getType() == QPDFTokenizer::tt_bad) {
            fail("a token a reader cannot read: " + token.getRawValue());
            break;
        }
        if (token.getType() == QPDFTokenizer::tt_integer) {
            count = std::stoll(token.getValue());
            continue;
        }
        const std::string word =
            token.getType() == QPDFTokenizer::tt_word ? token.getValue() : std::string();
        const bool bfchar = word == "beginbfchar", bfrange = word == "beginbfrange",
                   codespace = word == "begincodespacerange";
        if (!bfchar && !bfrange && !codespace) {
            count = -1;
            continue;
        }
        const std::string end = "end" + word.substr(5);
        size_t entries = 0;
        for (token = next();
             token.getType() != QPDFTokenizer::tt_eof &&
             !(token.getType() == QPDFTokenizer::tt_word && token.getValue() == end);
             token = next()) {
            ++entries;
            const uint32_t first = code_of(token);
            if (bfchar) {
                result.text[first] = text_of(next());
                continue;
            }
            const uint32_t last = code_of(next());
            if (codespace) {
                result.codespace.emplace_back(first, last);
                continue;
            }
            // A range maps to consecutive texts (the last byte counting up) or to an array.
            QPDFTokenizer::Token destination = next();
            if (destination.getType() == QPDFTokenizer::tt_array_open) {
                for (uint32_t code = first;; ++code) {
                    QPDFTokenizer::Token item = next();
                    if (item.getType() != QPDFTokenizer::tt_string)
                        break;
                    result.text[code] = text_of(item);
                }
            } else {
                std::string utf16 = destination.getValue();
                for (uint32_t code = first; code <= last && !utf16.empty(); ++code) {
                    bool valid = false;
                    result.text[code] = utf8_of_utf16be(utf16, valid);
                    if (!valid)
                        fail("a range's destination that is not UTF-16BE text");
                    ++utf16.back();
                }
            }
        }
        if (token.getType() == QPDFTokenizer::tt_eof)
            fail(word + " is never ended");
        if (count < 0 || static_cast<size_t>(count) != entries)
            fail(word + " announces " + std::to_string(count) + " entries and holds " +
                 std::to_string(entries));
        if (!codespace) {
            result.blocks.push_back(entries);
            if (entries > 100)
                fail(word + " holds " + std::to_string(entries) + " entries, over 100");
        }
        count = -1;
    }
    for (const auto& [code, text] : result.text) {
        const bool inside =
            std::any_of(result.codespace.begin(), result.codespace.end(), [&](const auto& range) {
                return code >= range.first && code <= range.second;
            });
        if (!inside)
            fail("code " + std::to_string(code) + " outside the codespace");
    }
    return result;
}

/// What the cross-reference stream of a file says, checked against the file.
struct CrossReferences {
    std::vector<std::string> problems;
    size_t in_place = 0;          ///< objects at an offset of the file (type 1)
    size_t in_object_streams = 0; ///< objects in object streams (type 2)
    size_t object_streams = 0;
};

/// Reads the cross-reference stream the file's startxref points at, row by row (§7.5.8.3):
/// its /W and /Size match its decoded data, every object at an offset begins there, every
/// object in an object stream is listed at its index in that stream's header, and the body
/// found at the header's offset is the object libqpdf resolves. `pdf` is the same file, opened.
inline CrossReferences check_cross_references(const std::string& bytes, QPDF& pdf) {
    CrossReferences result;
    auto problem = [&](const std::string& text) { result.problems.push_back(text); };
    const size_t startxref = bytes.rfind("startxref");
    if (startxref == std::string::npos) {
        problem("no startxref");
        return result;
    }
    const size_t xref_offset = std::stoull(bytes.substr(startxref + 9, 24));
    const size_t number_end = bytes.find(' ', xref_offset);
    const int xref_number = std::stoi(bytes.substr(xref_offset, number_end - xref_offset));
    QPDFObjectHandle xref = pdf.getObjectByID(xref_number, 0);
    if (!xref.isStream() || !xref.getDict().getKey("/Type").isNameAndEquals("/XRef")) {
        problem("startxref does not point at a cross-reference stream");
        return result;
    }
    QPDFObjectHandle dictionary = xref.getDict();
    std::vector<QPDFObjectHandle> widths = dictionary.getKey("/W").getArrayAsVector();
    if (widths.size() != 3) {
        problem("/W has " + std::to_string(widths.size()) + " fields, not 3");
        return result;
    }
    size_t w[3], row_size = 0;
    for (int k = 0; k < 3; ++k)
        row_size += w[k] = static_cast<size_t>(widths[static_cast<size_t>(k)].getIntValue());
    const int64_t size = dictionary.getKey("/Size").getIntValue();
    // /Index defaults to [0 /Size] (§7.5.8.2, table 17).
    std::vector<std::pair<int64_t, int64_t>> sections;
    if (dictionary.hasKey("/Index")) {
        std::vector<QPDFObjectHandle> index = dictionary.getKey("/Index").getArrayAsVector();
        for (size_t i = 0; i + 1 < index.size(); i += 2)
            sections.emplace_back(index[i].getIntValue(), index[i + 1].getIntValue());
        if (index.size() % 2)
            problem("/Index has an odd number of entries");
    } else {
        sections.emplace_back(0, size);
    }
    int64_t rows = 0;
    for (const auto& [first, count] : sections) {
        rows += count;
        if (first + count > size)
            problem("a section of /Index runs past /Size");
    }
    auto decoded = xref.getStreamData(qpdf_dl_generalized);
    const std::string data(reinterpret_cast<const char*>(decoded->getBuffer()), decoded->getSize());
    if (data.size() != static_cast<size_t>(rows) * row_size) {
        problem("the stream holds " + std::to_string(data.size()) + " bytes, not " +
                std::to_string(rows) + " rows of " + std::to_string(row_size));
        return result;
    }
    auto field = [&](size_t row, int k) {
        size_t at = row * row_size + (k > 0 ? w[0] : 0) + (k > 1 ? w[1] : 0);
        uint64_t value = 0;
        for (size_t b = 0; b < w[k]; ++b)
            value = value << 8 | static_cast<unsigned char>(data[at + b]);
        // A type field of width 0 means type 1 (table 17).
        return k == 0 && w[0] == 0 ? uint64_t{1} : value;
    };
    // Objects in object streams, by stream: index → object number.
    std::map<uint64_t, std::map<uint64_t, int64_t>> packed;
    size_t row = 0;
    for (const auto& [first, count] : sections) {
        for (int64_t n = first; n < first + count; ++n, ++row) {
            const uint64_t type = field(row, 0), two = field(row, 1), three = field(row, 2);
            const std::string name = "object " + std::to_string(n);
            if (n == 0 && (type != 0 || three != 65535))
                problem("object 0 is not the head of the free list (type 0, generation 65535)");
            if (type == 1) {
                ++result.in_place;
                const std::string header = std::to_string(n) + ' ' + std::to_string(three) + " obj";
                if (bytes.compare(two, header.size(), header) != 0)
                    problem(name + " is not at offset " + std::to_string(two));
            } else if (type == 2) {
                ++result.in_object_streams;
                if (!packed[two].emplace(three, n).second)
                    problem(name + " shares its index in object stream " + std::to_string(two));
            } else if (type != 0) {
                problem(name + " has type " + std::to_string(type));
            }
        }
    }
    for (const auto& [stream_number, objects] : packed) {
        ++result.object_streams;
        const std::string name = "object stream " + std::to_string(stream_number);
        QPDFObjectHandle stream = pdf.getObjectByID(static_cast<int>(stream_number), 0);
        if (!stream.isStream() || !stream.getDict().getKey("/Type").isNameAndEquals("/ObjStm")) {
            problem(name + " is not an object stream");
            continue;
        }
        const int64_t count = stream.getDict().getKey("/N").getIntValue();
        const size_t first = static_cast<size_t>(stream.getDict().getKey("/First").getIntValue());
        auto buffer = stream.getStreamData(qpdf_dl_generalized);
        const std::string content(reinterpret_cast<const char*>(buffer->getBuffer()),
                                  buffer->getSize());
        if (static_cast<size_t>(count) != objects.size())
            problem(name + " says /N " + std::to_string(count) +
                    " and the cross-reference "
                    "stream puts " +
                    std::to_string(objects.size()) + " objects in it");
        // The header: /N pairs of an object number and its offset from /First (§7.5.7).
        std::vector<std::pair<int64_t, size_t>> header;
        auto words = std::make_shared<BufferInputSource>(name, content.substr(0, first));
        QPDFTokenizer tokenizer;
        tokenizer.allowEOF();
        std::vector<int64_t> numbers;
        for (auto token = tokenizer.readToken(words, name, true);
             token.getType() == QPDFTokenizer::tt_integer;
             token = tokenizer.readToken(words, name, true))
            numbers.push_back(std::stoll(token.getValue()));
        if (numbers.size() != 2 * static_cast<size_t>(count)) {
            problem(name + "'s header holds " + std::to_string(numbers.size()) +
                    " numbers before /First, not 2 × /N");
            continue;
        }
        for (size_t i = 0; i < numbers.size(); i += 2)
            header.emplace_back(numbers[i], static_cast<size_t>(numbers[i + 1]));
        for (size_t i = 0; i < header.size(); ++i) {
            const auto [number, offset] = header[i];
            const std::string object = "object " + std::to_string(number) + " in " + name;
            auto listed = objects.find(i);
            if (listed == objects.end() || listed->second != number)
                problem(object + " is at index " + std::to_string(i) +
                        ", where the cross-reference stream has another");
            const size_t end =
                i + 1 < header.size() ? first + header[i + 1].second : content.size();
            if (first + offset > end || end > content.size()) {
                problem(object + " has its offsets out of order");
                continue;
            }
            // The body at the offset is the object libqpdf resolves.
            QPDFObjectHandle body = QPDFObjectHandle::parse(
                &pdf, content.substr(first + offset, end - first - offset), object);
            if (body.unparseResolved() !=
                pdf.getObjectByID(static_cast<int>(number), 0).unparseResolved())
                problem(object + " is not what its offset holds");
        }
    }
    return result;
}

/// `qpdf --check` on a file, through libqpdf: its exit code (0 when it finds no problem) and
/// what it printed.
struct QpdfCheck {
    int exit_code = -1;
    std::string output;
};

inline QpdfCheck qpdf_check(const std::string& path) {
    QpdfCheck result;
    auto logger = QPDFLogger::create();
    auto info = std::make_shared<Pl_String>("qpdf --check", nullptr, result.output);
    logger->setInfo(info);
    logger->setWarn(info);
    logger->setError(info);
    QPDFJob job;
    job.setLogger(logger);
    const char* argv[] = {"qpdf", "--check", path.c_str(), nullptr};
    job.initializeFromArgv(argv);
    job.run();
    result.exit_code = job.getExitCode();
    return result;
}

} // namespace mipex::testing::pdf
