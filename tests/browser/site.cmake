# The site the browser tests read: `mipex site` for English, German and Arabic into OUT, from
# an empty folder so that no page of an earlier build can stand in for a missing one.
#   cmake -DMIPEX=… -DPROJECT=… -DOUT=… -DBASE_URL=… -P site.cmake
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${MIPEX} site --project ${PROJECT} --out ${OUT} --lang en,de,ar
                        --base-url ${BASE_URL}
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "mipex site exited with ${result}")
endif()
if(NOT EXISTS ${OUT}/site/index.html)
  message(FATAL_ERROR "mipex site wrote no ${OUT}/site/index.html")
endif()
