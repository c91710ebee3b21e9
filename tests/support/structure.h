// A tagged PDF's structure tree read back with libqpdf, as an assistive technology walks it:
// elements in reading order from /StructTreeRoot, with their roles, /Alt, /Scope, the pages
// their marked content is on, the link annotations they hold, and their /ActualText.
#pragma once

#include <map>
#include <qpdf/QPDF.hh>
#include <set>
#include <string>
#include <vector>

namespace tagged_pdf {

struct ReadElement {
    std::string role; ///< "H1", "P", "Figure"… without the slash
    int depth = 0;    ///< 0: a child of the root
    bool has_alt = false;
    std::string alt;
    std::string scope;      ///< "Column", "Row" or empty
    std::string lang;       ///< its own /Lang, when it has one
    std::set<int> pages;    ///< pages (from 0) of its own marked content
    size_t marked = 0;      ///< its marked-content references
    size_t annotations = 0; ///< its object references to annotations
    /// Its /ActualText, which a reader takes in place of its content.
    std::string actual_text;
};

struct ReadStructure {
    bool marked = false; ///< /MarkInfo << /Marked true >>
    bool parent_tree = false;
    std::string lang;
    std::vector<ReadElement> elements; ///< in reading order (depth first)
    /// For each element, the pages of the marked content of its whole subtree.
    std::vector<std::set<int>> subtree_pages;
};

inline ReadStructure read_structure(QPDF& pdf) {
    ReadStructure result;
    QPDFObjectHandle root = pdf.getRoot();
    if (root.getKey("/Lang").isString())
        result.lang = root.getKey("/Lang").getUTF8Value();
    QPDFObjectHandle mark_info = root.getKey("/MarkInfo");
    result.marked = mark_info.isDictionary() && mark_info.getKey("/Marked").isBool() &&
                    mark_info.getKey("/Marked").getBoolValue();
    QPDFObjectHandle tree = root.getKey("/StructTreeRoot");
    if (!tree.isDictionary())
        return result;
    result.parent_tree = tree.getKey("/ParentTree").isDictionary();
    std::map<QPDFObjGen, int> page_index;
    int index = 0;
    for (QPDFObjectHandle page : pdf.getAllPages())
        page_index[page.getObjGen()] = index++;

    std::vector<size_t> stack;
    auto walk = [&](auto& self, QPDFObjectHandle node, int depth) -> void {
        if (node.isArray()) {
            for (QPDFObjectHandle kid : node.aitems())
                self(self, kid, depth);
            return;
        }
        if (!node.isDictionary() || !node.getKey("/S").isName())
            return;
        size_t me = result.elements.size();
        ReadElement element;
        element.role = node.getKey("/S").getName().substr(1);
        element.depth = depth;
        if (node.getKey("/Alt").isString()) {
            element.has_alt = true;
            element.alt = node.getKey("/Alt").getUTF8Value();
        }
        if (node.getKey("/ActualText").isString())
            element.actual_text = node.getKey("/ActualText").getUTF8Value();
        if (node.getKey("/Lang").isString())
            element.lang = node.getKey("/Lang").getUTF8Value();
        QPDFObjectHandle attributes = node.getKey("/A");
        if (attributes.isDictionary() && attributes.getKey("/Scope").isName())
            element.scope = attributes.getKey("/Scope").getName().substr(1);
        result.elements.push_back(element);
        result.subtree_pages.emplace_back();
        QPDFObjectHandle page = node.getKey("/Pg");
        QPDFObjectHandle kids = node.getKey("/K");
        std::vector<QPDFObjectHandle> list;
        if (kids.isArray())
            list = kids.getArrayAsVector();
        else if (!kids.isNull())
            list.push_back(kids);
        for (QPDFObjectHandle kid : list) {
            if (kid.isInteger()) {
                ++result.elements[me].marked;
                if (page.isDictionary())
                    result.elements[me].pages.insert(page_index[page.getObjGen()]);
            } else if (kid.isDictionary() && kid.getKey("/Type").isName() &&
                       kid.getKey("/Type").getName() == "/MCR") {
                ++result.elements[me].marked;
                QPDFObjectHandle on = kid.getKey("/Pg").isDictionary() ? kid.getKey("/Pg") : page;
                result.elements[me].pages.insert(page_index[on.getObjGen()]);
            } else if (kid.isDictionary() && kid.getKey("/Type").isName() &&
                       kid.getKey("/Type").getName() == "/OBJR") {
                ++result.elements[me].annotations;
            } else {
                self(self, kid, depth + 1);
            }
        }
        result.subtree_pages[me].insert(result.elements[me].pages.begin(),
                                        result.elements[me].pages.end());
        for (size_t e = me + 1; e < result.elements.size(); ++e)
            if (result.elements[e].depth == depth + 1)
                result.subtree_pages[me].insert(result.subtree_pages[e].begin(),
                                                result.subtree_pages[e].end());
    };
    walk(walk, tree.getKey("/K"), 0);
    return result;
}

} // namespace tagged_pdf
