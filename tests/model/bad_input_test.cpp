// The project every bad-input case starts from. The cases themselves (tests/bad-input/) run
// against the real binary, one ctest each: see support/bad_input_runner.cpp.
#include "support/project.h"

#include <catch2/catch.hpp>

TEST_CASE("the tiny project the bad-input cases start from is valid") {
    auto checked = mipex::testing::validate_project(mipex::testing::tiny_project());
    INFO(checked->report());
    CHECK(checked->diagnostics.all().empty());
}
