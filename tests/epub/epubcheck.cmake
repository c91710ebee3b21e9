# One edition of the default book as EPUB, checked by epubcheck (the W3C's validator, Debian's
# package): builds it with the real binary into a folder of its own, then fails on any fatal
# error, error or warning epubcheck reports. Run by ctest (tests/CMakeLists.txt) as
#   cmake -DMIPEX=<binary> -DPROJECT=<folder> -DLANGUAGE=<code> -DOUT=<folder>
#         -DJAVA=<java> -DEPUBCHECK_JAR=<jar> -P epubcheck.cmake
foreach(variable MIPEX PROJECT LANGUAGE OUT JAVA EPUBCHECK_JAR)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "epubcheck.cmake: ${variable} is not set")
  endif()
endforeach()

# A fresh folder, so a failed build cannot leave an older EPUB behind to be checked.
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(epub "${OUT}/mipex-${LANGUAGE}.epub")

execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env SOURCE_DATE_EPOCH=1700000000
          "${MIPEX}" build --project "${PROJECT}" --lang "${LANGUAGE}" --format epub --out "${OUT}"
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(NOT status EQUAL 0 OR NOT EXISTS "${epub}")
  message(FATAL_ERROR "mipex build --lang ${LANGUAGE} --format epub failed (${status}):\n${output}")
endif()

# The Debian package installs the jar as /usr/bin/epubcheck for binfmt_misc, which containers
# often lack: run it with java -jar, as its wrapper would.
execute_process(
  COMMAND "${JAVA}" -jar "${EPUBCHECK_JAR}" --failonwarnings "${epub}"
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
message("${output}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "epubcheck reports problems in ${epub} (exit status ${status})")
endif()
# The summary line must be there and clean: a run that checked nothing must not pass.
if(NOT output MATCHES "Messages: 0 fatals / 0 errors / 0 warnings")
  message(FATAL_ERROR "epubcheck did not report a clean check of ${epub}")
endif()
file(REMOVE_RECURSE "${OUT}")
