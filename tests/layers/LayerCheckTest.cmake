cmake_minimum_required(VERSION 3.25)
# Copies the source tree to WORK, configures it (no tests), then:
# 1. builds mr_http's layer check as it is: it must pass;
# 2. adds `#include "runner/runplan.h"` (a real header two layers up) to core/http/httpheaders.cpp
#    and builds mr_http: the build must fail before compiling, naming the file, line and rule;
# 3. adds `#include <demo/demoserver.h>` to ui/window/mainwindow.cpp: mr_ui's layer check must
#    fail too.
file(REMOVE_RECURSE ${WORK})
file(COPY ${SOURCE}/ DESTINATION ${WORK}
     REGEX "/(build|build-[A-Za-z0-9_-]+|\\.git)$" EXCLUDE)

function(run expect_success log)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
    set(${log} "${out}" PARENT_SCOPE)
    if(expect_success AND NOT result EQUAL 0)
        message(FATAL_ERROR "failed: ${ARGN}\n${out}")
    elseif(NOT expect_success AND result EQUAL 0)
        message(FATAL_ERROR "succeeded, but should have failed: ${ARGN}\n${out}")
    endif()
endfunction()

run(TRUE out ${CMAKE_COMMAND} -S ${WORK} -B ${WORK}/out -G ${GENERATOR}
    -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Release)
run(TRUE out ${CMAKE_COMMAND} --build ${WORK}/out --target mr_http_layers mr_ui_layers)

file(APPEND ${WORK}/core/http/httpheaders.cpp "#include \"runner/runplan.h\"\n")
run(FALSE out ${CMAKE_COMMAND} --build ${WORK}/out --target mr_http)
if(NOT out MATCHES "core/http/httpheaders.cpp:[0-9]+: http may not include runner/")
    message(FATAL_ERROR "the failure does not name the file and the rule:\n${out}")
endif()
if(out MATCHES "httpheaders.cpp.o")
    message(FATAL_ERROR "the build compiled before the check failed:\n${out}")
endif()

file(READ ${WORK}/core/http/httpheaders.cpp text)
string(REPLACE "#include \"runner/runplan.h\"\n" "" text "${text}")
file(WRITE ${WORK}/core/http/httpheaders.cpp "${text}")
run(TRUE out ${CMAKE_COMMAND} --build ${WORK}/out --target mr_http_layers)

file(APPEND ${WORK}/ui/window/mainwindow.cpp "#include <demo/demoserver.h>\n")
run(FALSE out ${CMAKE_COMMAND} --build ${WORK}/out --target mr_ui_layers)
if(NOT out MATCHES "ui/window/mainwindow.cpp:[0-9]+: ui may not include demo/")
    message(FATAL_ERROR "the failure does not name the file and the rule:\n${out}")
endif()
file(REMOVE_RECURSE ${WORK})
message(STATUS "the layer check refused both forbidden includes")
