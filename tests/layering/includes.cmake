# Fails when an include in the engine does not name its stage as "stage/header.h", or walks
# out of it with "..": the file beside the including one is searched before the stage's view
# (engine/CMakeLists.txt), so "../layout/layout.h" would reach any stage, and so would
# "display/../layout/layout.h" through the view's link to display/. Run by ctest
# (tests/layering/CMakeLists.txt) as
#   cmake -DENGINE=<engine folder> -P includes.cmake
file(GLOB_RECURSE sources "${ENGINE}/*.h" "${ENGINE}/*.cpp")
if(NOT sources)
  message(FATAL_ERROR "no sources under ${ENGINE}")
endif()
set(found "")
set(checked 0)
foreach(source ${sources})
  file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
  foreach(line ${includes})
    if(line MATCHES "[\"</]\\.\\.?/")
      string(APPEND found "${source}: ${line}\n")
    elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"")
      math(EXPR checked "${checked} + 1")
      set(stage "")
      if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"/]+)/[^\"]+\"")
        set(stage "${CMAKE_MATCH_1}")
      endif()
      if(NOT stage OR NOT IS_DIRECTORY "${ENGINE}/${stage}")
        string(APPEND found "${source}: ${line}\n")
      endif()
    endif()
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "includes that do not name their stage as \"stage/header.h\":\n${found}")
endif()
message(STATUS "${checked} includes name their stage")
