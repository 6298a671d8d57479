# The core libraries, bottom to top: each is one folder of core/, may include the folders below
# it and nothing above (ARCHITECTURE.md, "Layers"). A wrong include fails the build: every library
# depends on a check of its own sources (cmake/CheckLayers.cmake), run whenever one changes.
set(MR_CORE_LAYERS base http net content settings workspace connections history formats runner)
# Above every core library; only app/ and tests link it.
set(MR_ABOVE_CORE demo)

# mr_check_layers(TARGET NAME ALLOWED FORBIDDEN): fails TARGET's build when one of its sources
# includes "<folder>/…" for a folder in FORBIDDEN.
function(mr_check_layers target name allowed forbidden)
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    set(absolute)
    foreach(source IN LISTS sources)
        if(source MATCHES "\\.(h|cpp)$")
            cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${source_dir} OUTPUT_VARIABLE path)
            list(APPEND absolute ${path})
        endif()
    endforeach()
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}.layers)
    # The list goes through a file: a command line would split it.
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${target}.sources "${absolute}")
    add_custom_command(OUTPUT ${stamp}
        COMMAND ${CMAKE_COMMAND} -DNAME=${name} "-DALLOWED=${allowed}" "-DFORBIDDEN=${forbidden}"
                -DSOURCES_FILE=${CMAKE_CURRENT_BINARY_DIR}/${target}.sources
                -DROOT=${PROJECT_SOURCE_DIR} -DSTAMP=${stamp}
                -P ${PROJECT_SOURCE_DIR}/cmake/CheckLayers.cmake
        DEPENDS ${absolute} ${PROJECT_SOURCE_DIR}/cmake/CheckLayers.cmake
        COMMENT "Checking the includes of ${name} against the layers"
        VERBATIM)
    add_custom_target(${target}_layers DEPENDS ${stamp})
    add_dependencies(${target} ${target}_layers)
endfunction()

# mr_core_library(LAYER SOURCES…): mr_<LAYER>, linked on the layer below, its includes checked.
function(mr_core_library layer)
    list(FIND MR_CORE_LAYERS ${layer} index)
    if(index LESS 0)
        message(FATAL_ERROR "${layer} is not in MR_CORE_LAYERS (cmake/CoreLayers.cmake)")
    endif()
    add_library(mr_${layer} STATIC ${ARGN})
    target_include_directories(mr_${layer} PUBLIC ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(mr_${layer} PUBLIC Qt6::Core PRIVATE mr_warnings mr_code_layout)
    set(allowed ${MR_CORE_LAYERS})
    if(index GREATER 0)
        math(EXPR below "${index} - 1")
        list(GET MR_CORE_LAYERS ${below} lower)
        target_link_libraries(mr_${layer} PUBLIC mr_${lower})
    endif()
    math(EXPR above "${index} + 1")
    list(SUBLIST allowed 0 ${above} allowed)
    list(LENGTH MR_CORE_LAYERS count)
    set(forbidden)
    if(above LESS count)
        list(SUBLIST MR_CORE_LAYERS ${above} -1 forbidden)
    endif()
    list(APPEND forbidden ${MR_ABOVE_CORE})
    mr_check_layers(mr_${layer} ${layer} "${allowed}" "${forbidden}")
endfunction()
