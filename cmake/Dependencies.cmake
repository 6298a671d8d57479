# Every third-party dependency is found here, once; scripts/setup-debian installs them.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Sql Gui Widgets Test Concurrent)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
# The encoder, too, from its archive when there is one: only compressed request bodies and the demo
# service use it, and as a shared library loading it made 0.1 MB resident in every run (the
# decoder and libbrotlicommon are loaded by QtNetwork anyway).
find_library(MR_BROTLIENC_ARCHIVE libbrotlienc.a HINTS ${BROTLI_LIBRARY_DIRS})
add_library(mr_brotli INTERFACE)
if(MR_BROTLIENC_ARCHIVE)
    target_include_directories(mr_brotli SYSTEM INTERFACE ${BROTLI_INCLUDE_DIRS})
    target_link_libraries(mr_brotli INTERFACE ${MR_BROTLIENC_ARCHIVE} brotlidec brotlicommon)
else()
    target_link_libraries(mr_brotli INTERFACE PkgConfig::BROTLI)
endif()
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# HTTP/2 framing: core/http's Http2Session drives a client nghttp2 session over bytes.
pkg_check_modules(NGHTTP2 REQUIRED IMPORTED_TARGET libnghttp2)
pkg_check_modules(YAML_CPP REQUIRED IMPORTED_TARGET yaml-cpp)
# yaml-cpp is linked from its archive when there is one (Debian's libyaml-cpp-dev ships it): only
# OpenAPI import uses it, and as a shared library its loading, relocations and static
# constructors made 0.3 MB resident in every `microrequests run`.
find_library(MR_YAML_CPP_ARCHIVE libyaml-cpp.a HINTS ${YAML_CPP_LIBRARY_DIRS})
add_library(mr_yaml_cpp INTERFACE)
if(MR_YAML_CPP_ARCHIVE)
    target_include_directories(mr_yaml_cpp SYSTEM INTERFACE ${YAML_CPP_INCLUDE_DIRS})
    target_link_libraries(mr_yaml_cpp INTERFACE ${MR_YAML_CPP_ARCHIVE})
else()
    target_link_libraries(mr_yaml_cpp INTERFACE PkgConfig::YAML_CPP)
endif()
find_package(yaml-cpp REQUIRED)

# Debian's libjq 1.6 ships neither pkg-config nor CMake files: find it by hand.
find_path(JQ_INCLUDE_DIR jq.h REQUIRED)
find_library(JQ_LIBRARY jq REQUIRED)
add_library(mr_jq INTERFACE)
target_include_directories(mr_jq SYSTEM INTERFACE ${JQ_INCLUDE_DIR})
target_link_libraries(mr_jq INTERFACE ${JQ_LIBRARY})
