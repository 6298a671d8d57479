# Warnings are errors on our own code (not on generated moc/rcc files).
add_library(mr_warnings INTERFACE)
target_compile_options(mr_warnings INTERFACE
    -Wall -Wextra -Werror -Wpedantic -Wnon-virtual-dtor -Wcast-qual -Wimplicit-fallthrough
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
    $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>
    # Qt Test's QTEST_*_MAIN macros pass no variadic argument, which C++20 allows and clang's
    # -Wpedantic flags in C++17.
    $<$<CXX_COMPILER_ID:Clang>:-Wno-gnu-zero-variadic-macro-arguments>)
target_compile_definitions(mr_warnings INTERFACE
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_KEYWORDS QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
