# Code layout of the headless executable. The kernel maps code in 64 KB blocks around each page
# fault, so the functions a `microrequests run` executes, scattered over all of .text, made it
# resident nearly whole (2.3 of 2.6 MB). Each function of core, demo and app gets a section of its
# own, and the linker puts the ones listed in app/code-order.txt (made by scripts/code-order from
# a run and a bench) first, side by side.
add_library(mr_code_layout INTERFACE)
target_compile_options(mr_code_layout INTERFACE -ffunction-sections)

include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" MR_HAVE_LLD)

# mr_order_code(TARGET ORDER_FILE): links TARGET with lld, its functions in ORDER_FILE's order
# (mangled names, one a line). Without lld the order is the linker's and nothing else changes.
function(mr_order_code target order_file)
    if(NOT MR_HAVE_LLD)
        message(STATUS "lld not found: ${target} is linked without its code order")
        return()
    endif()
    # Names that no longer exist (a function renamed since the list was made) are skipped quietly.
    target_link_options(${target} PRIVATE -fuse-ld=lld "LINKER:--symbol-ordering-file=${order_file}"
                        "LINKER:--no-warn-symbol-ordering")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${order_file})
endfunction()
