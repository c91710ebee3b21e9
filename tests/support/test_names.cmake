# Fails when the name of a Catch2 test case under FOLDER holds a ';' (a SECTION's may: ctest
# does not list sections): catch_discover_tests cuts the name there, and the ctest case it
# makes runs a name no test case has, which passes without testing anything. Run by ctest
# (tests/CMakeLists.txt) as
#   cmake -DFOLDER=<tests folder> -P test_names.cmake
file(GLOB_RECURSE sources "${FOLDER}/*.cpp" "${FOLDER}/*.h")
set(found "")
foreach(source ${sources})
  file(STRINGS "${source}" lines REGEX "(TEST_CASE|SCENARIO)\\(\"[^\"]*;")
  foreach(line ${lines})
    string(APPEND found "${source}: ${line}\n")
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "test names with ';' (ctest would never run them):\n${found}")
endif()
