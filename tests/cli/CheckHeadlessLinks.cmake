cmake_minimum_required(VERSION 3.25)
# cmake -DHEADLESS=… -DWINDOW=… -P CheckHeadlessLinks.cmake: fails when the headless executable
# needs Qt6Widgets or Qt6Gui, in its own ELF NEEDED entries (readelf -d) or among every library
# the loader would map for it (ldd); checks that the window's executable, on the same tools,
# does show them, so a tool that reads nothing cannot pass the test.
find_program(READELF readelf REQUIRED)
find_program(LDD ldd REQUIRED)

function(libraries_of binary out)
    execute_process(COMMAND ${READELF} -d ${binary} RESULT_VARIABLE result
                    OUTPUT_VARIABLE needed ERROR_VARIABLE error)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "readelf -d ${binary} failed: ${error}")
    endif()
    execute_process(COMMAND ${LDD} ${binary} RESULT_VARIABLE result
                    OUTPUT_VARIABLE mapped ERROR_VARIABLE error)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "ldd ${binary} failed: ${error}")
    endif()
    set(${out} "${needed}\n${mapped}" PARENT_SCOPE)
endfunction()

libraries_of(${HEADLESS} headless)
if(NOT headless MATCHES "libQt6Core")
    message(FATAL_ERROR "${HEADLESS}: no libQt6Core among its libraries; did readelf/ldd read it?\n${headless}")
endif()
string(REGEX MATCHALL "[^\n]*libQt6(Widgets|Gui)[^\n]*" offending "${headless}")
if(offending)
    list(JOIN offending "\n" offending)
    message(FATAL_ERROR "${HEADLESS} links Qt Widgets or Gui; only the window's executable may:\n${offending}")
endif()

libraries_of(${WINDOW} window)
if(NOT window MATCHES "libQt6Widgets" OR NOT window MATCHES "libQt6Gui")
    message(FATAL_ERROR "${WINDOW}: Qt6Widgets and Qt6Gui not found, the check cannot see them:\n${window}")
endif()
message(STATUS "microrequests needs neither Qt6Widgets nor Qt6Gui; microrequests-window needs both")
