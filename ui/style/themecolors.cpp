#include "themecolors.h"

namespace mr {

bool ThemeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor ThemeColors::forText(const QColor &onLight, const QPalette &palette)
{
    if (!isDark(palette))
        return onLight;
    // Same hue, lighter: at least as light as the palette's own text is dark on light.
    const QColor hsl = onLight.toHsl();
    return QColor::fromHsl(hsl.hslHue(), hsl.hslSaturation(), qMax(hsl.lightness(), 170),
                           onLight.alpha());
}

} // namespace mr
