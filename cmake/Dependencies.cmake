# Every third-party dependency is found here, once; scripts/setup-debian installs them.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Sql Gui Widgets Test Concurrent)
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(YAML_CPP REQUIRED IMPORTED_TARGET yaml-cpp)
find_package(yaml-cpp REQUIRED)

# Debian's libjq 1.6 ships neither pkg-config nor CMake files: find it by hand.
find_path(JQ_INCLUDE_DIR jq.h REQUIRED)
find_library(JQ_LIBRARY jq REQUIRED)
add_library(mr_jq INTERFACE)
target_include_directories(mr_jq SYSTEM INTERFACE ${JQ_INCLUDE_DIR})
target_link_libraries(mr_jq INTERFACE ${JQ_LIBRARY})
