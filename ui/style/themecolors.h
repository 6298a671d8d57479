#pragma once

#include <QColor>
#include <QPalette>

namespace mr {

// Accent colours (methods, syntax, variables, warnings) chosen for a light background,
// brightened when the palette is dark so they keep their contrast: the window follows the
// system's light or dark palette.
class ThemeColors
{
public:
    static bool isDark(const QPalette &palette);
    // The colour to draw text in on this palette's base.
    static QColor forText(const QColor &onLight, const QPalette &palette);
};

} // namespace mr
