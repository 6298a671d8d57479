cmake_minimum_required(VERSION 3.25)
# Run by tst_uicolours (cmake -P): fails when a source of ui/ other than style/themecolors.*
# spells a colour (QColor(0xc6, …), QColor("…"), "#c62828", Qt::red, rgb(…), color: white…),
# naming the file and line. Every colour is a ThemeColors role, with a light and a dark value.
# First it checks itself on lines that must be refused, so a broken pattern cannot pass all.
set(hex "[0-9A-Fa-f]")
set(patterns
    "QColor[ \t]*[({][ \t]*(0x|[0-9]|\"|'|Qt::)"
    "QColor::from[A-Za-z]+[ \t]*\\("
    "QColorConstants::"
    "qRgba?[ \t]*\\("
    "Qt::(white|black|red|darkRed|green|darkGreen|blue|darkBlue|cyan|darkCyan|magenta|darkMagenta|yellow|darkYellow|gray|darkGray|lightGray|transparent|color0|color1)([^A-Za-z0-9_]|$)"
    "#${hex}${hex}${hex}(${hex}${hex}${hex})?(${hex}${hex})?([^A-Za-z0-9_]|$)"
    "rgba?[ \t]*\\([ \t]*[0-9]"
    "(color|background)[ \t]*:[ \t]*(white|black|red|green|blue|gray|grey|yellow|orange|purple|navy|maroon|silver|teal)([^A-Za-z0-9_-]|$)")

# Appends to OUT "name:line: text" for each colour in TEXT.
function(find_colours text name out)
    set(found ${${out}})
    # Semicolons and brackets would split or join CMake's lists of lines: neither is in a pattern.
    string(REPLACE ";" "," text "${text}")
    string(REPLACE "[" "(" text "${text}")
    string(REPLACE "]" ")" text "${text}")
    foreach(pattern IN LISTS patterns)
        string(REGEX MATCHALL "[^\n]*${pattern}[^\n]*" lines "${text}")
        foreach(line IN LISTS lines)
            string(FIND "${text}" "${line}" at)
            string(SUBSTRING "${text}" 0 ${at} before)
            string(REGEX MATCHALL "\n" breaks "${before}")
            list(LENGTH breaks number)
            math(EXPR number "${number} + 1")
            string(STRIP "${line}" line)
            list(APPEND found "${name}:${number}: ${line}")
        endforeach()
    endforeach()
    set(${out} ${found} PARENT_SCOPE)
endfunction()

set(must_refuse
    "QColor(255, 0, 0)" "QColor(0xc6, 0x28, 0x28)" "QColor(\"#ff0000\")" "QColor(Qt::red)"
    "QColor{1, 2, 3}" "setStyleSheet(\"color: #ff0000\")" "QStringLiteral(\"#f00\")"
    "return Qt::gray" "QColor::fromRgb(1, 2, 3)" "qRgb(1, 2, 3)" "\"background: rgba(0, 0, 0, 10)\""
    "\"QLabel { color: white }\"" "QColorConstants::Svg::red")
set(must_pass
    "#include \"themecolors.h\"" "#define X" "return QColor();" "QColor color = role;"
    "\"QLabel { color: %1; background: %2; }\"" "Qt::AlignLeft" "Qt::TextSelectableByMouse")
foreach(sample IN LISTS must_refuse)
    set(found)
    find_colours("${sample}" sample found)
    if(NOT found)
        message(FATAL_ERROR "the check does not refuse: ${sample}")
    endif()
endforeach()
foreach(sample IN LISTS must_pass)
    set(found)
    find_colours("${sample}" sample found)
    if(found)
        message(FATAL_ERROR "the check refuses what is not a colour: ${sample}")
    endif()
endforeach()

file(GLOB_RECURSE sources RELATIVE ${ROOT} ${ROOT}/*.h ${ROOT}/*.cpp)
list(LENGTH sources count)
if(count LESS 10)
    message(FATAL_ERROR "no sources of ui/ under ${ROOT}")
endif()
set(found)
foreach(source IN LISTS sources)
    if(source MATCHES "^style/themecolors\\.(h|cpp)$")
        continue()
    endif()
    file(READ ${ROOT}/${source} text)
    find_colours("${text}" "ui/${source}" found)
endforeach()
if(found)
    list(REMOVE_DUPLICATES found)
    list(JOIN found "\n" text)
    message(FATAL_ERROR "colours outside ui/style/themecolors.cpp (use a ThemeColors role):\n${text}")
endif()
message(STATUS "${count} sources of ui/: every colour comes from ThemeColors")
