// build_document: turns the model and its scores into the Document for one edition language:
// which chapters the book has (layouts/book.yaml), what each holds, every label and number
// already in the edition's language.
#pragma once

#include "base/diagnostics.h"
#include "doc/document.h"
#include "i18n/localizer.h"
#include "model/model.h"
#include "score/score_table.h"

namespace mipex::doc {

/// What a build asks of the document besides the printed book.
struct DocumentOptions {
    /// The interface texts of outputs that are not pages (Document::screen_texts): asked for
    /// only when such an output is made, so that a PDF alone lists no missing translation of
    /// theirs.
    bool screen_texts = false;
    /// What the website shows besides the book (Document::site_content), with its interface
    /// texts: asked for only when the site is made.
    bool site_content = false;
};

Document build_document(const model::Model& model, const score::ScoreTable& scores,
                        const i18n::Localizer& localizer, Diagnostics& diagnostics,
                        const DocumentOptions& options = {});

/// The named destination of a country's profile and of an area's chapter.
std::string country_anchor(const model::Country& country);
std::string area_anchor(const model::Area& area);

} // namespace mipex::doc
