#include "themecolors.h"

namespace mr {

namespace {

struct Pair {
    QColor light;
    QColor dark; // invalid: the light one through forText()
};

Pair pair(ThemeColors::Role role)
{
    using T = ThemeColors;
    switch (role) {
    case T::Error: return {QColor(0xc6, 0x28, 0x28), {}};
    case T::Variable: return {QColor(0x1a, 0x7f, 0x9c), {}};
    case T::VariableBackground:
        return {QColor(0x1a, 0x7f, 0x9c, 0x22), QColor(0x4f, 0xc3, 0xe6, 0x30)};
    case T::SyntaxKey: return {QColor(0x88, 0x1c, 0x8c), {}};
    case T::SyntaxString: return {QColor(0x2e, 0x7d, 0x32), {}};
    case T::SyntaxNumber: return {QColor(0x15, 0x65, 0xc0), {}};
    case T::SyntaxLiteral: return {QColor(0xb2, 0x4a, 0x00), {}};
    case T::SyntaxTag: return {QColor(0x88, 0x1c, 0x8c), {}};
    case T::SyntaxAttribute: return {QColor(0xb2, 0x4a, 0x00), {}};
    case T::SyntaxComment: return {QColor(0x80, 0x80, 0x80), QColor(0x9e, 0x9e, 0x9e)};
    case T::MethodGet: return {QColor(0x2e, 0x7d, 0x32), {}};
    case T::MethodPost: return {QColor(0xb2, 0x6a, 0x00), {}};
    case T::MethodPut: return {QColor(0x15, 0x65, 0xc0), {}};
    case T::MethodDelete: return {QColor(0xc6, 0x28, 0x28), {}};
    case T::MethodOther: return {QColor(0x6a, 0x1b, 0x9a), {}};
    // Light: white on a dark badge. Dark: near-black on a light badge, which stands out on a
    // dark window (each pair at least 4.5:1, WCAG AA for text).
    case T::StatusText: return {QColor(0xff, 0xff, 0xff), QColor(0x1a, 0x1a, 0x1a)};
    case T::StatusSuccess: return {QColor(0x2e, 0x7d, 0x32), QColor(0x81, 0xc7, 0x84)};
    case T::StatusRedirect: return {QColor(0x15, 0x65, 0xc0), QColor(0x64, 0xb5, 0xf6)};
    case T::StatusClientError: return {QColor(0xa8, 0x63, 0x00), QColor(0xff, 0xb7, 0x4d)};
    case T::StatusServerError: return {QColor(0xc6, 0x28, 0x28), QColor(0xe5, 0x73, 0x73)};
    case T::StatusFailed: return {QColor(0xc6, 0x28, 0x28), QColor(0xe5, 0x73, 0x73)};
    // Material 500 on light, 300 on dark: the darker ones (indigo, purple) would sink into a
    // dark base.
    case T::PhaseBlocked: return {QColor(0x9e, 0x9e, 0x9e), QColor(0xbd, 0xbd, 0xbd)};
    case T::PhaseDns: return {QColor(0x00, 0x96, 0x88), QColor(0x4d, 0xb6, 0xac)};
    case T::PhaseTcp: return {QColor(0xff, 0x98, 0x00), QColor(0xff, 0xb7, 0x4d)};
    case T::PhaseTls: return {QColor(0x9c, 0x27, 0xb0), QColor(0xba, 0x68, 0xc8)};
    case T::PhaseSend: return {QColor(0x3f, 0x51, 0xb5), QColor(0x79, 0x86, 0xcb)};
    case T::PhaseWait: return {QColor(0x4c, 0xaf, 0x50), QColor(0x81, 0xc7, 0x84)};
    case T::PhaseReceive: return {QColor(0x21, 0x96, 0xf3), QColor(0x64, 0xb5, 0xf6)};
    case T::PhaseInferred: return {QColor(0x79, 0x55, 0x48), QColor(0xa1, 0x88, 0x7f)};
    case T::PhaseLifetime: return {QColor(0x90, 0xa4, 0xae), QColor(0x78, 0x90, 0x9c)};
    // Yellow behind dark text; on a dark palette, dark amber behind light text.
    case T::SearchHit: return {QColor(0xff, 0xeb, 0x3b, 160), QColor(0x8d, 0x7b, 0x00, 160)};
    case T::SearchHitCurrent: return {QColor(0xff, 0x98, 0x00), QColor(0xa8, 0x5d, 0x00)};
    case T::NoticeBackground: return {QColor(0xff, 0xf4, 0xce), QColor(0x3d, 0x32, 0x00)};
    case T::NoticeText: return {QColor(0x3d, 0x2e, 0x00), QColor(0xff, 0xe8, 0xa3)};
    }
    return {QColor(0x80, 0x80, 0x80), {}};
}

} // namespace

bool ThemeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor ThemeColors::color(Role role, const QPalette &palette)
{
    const Pair colours = pair(role);
    if (!isDark(palette))
        return colours.light;
    return colours.dark.isValid() ? colours.dark : forText(colours.light, palette);
}

ThemeColors::Role ThemeColors::statusRole(int status)
{
    return status < 300   ? StatusSuccess
           : status < 400 ? StatusRedirect
           : status < 500 ? StatusClientError
                          : StatusServerError;
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
