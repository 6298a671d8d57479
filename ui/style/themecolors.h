#pragma once

#include <QColor>
#include <QPalette>

namespace mr {

// Every colour the window draws that is not the palette's own: each a named role with a value
// for a light palette and one for a dark palette, so nothing keeps its light colour on a dark
// window. The window follows the system's light or dark palette; isDark() tells which.
// This is the only file of ui/ that may spell a colour (tests/ui/UiColoursCheck.cmake).
class ThemeColors
{
public:
    enum Role {
        // Text on the palette's base: light values chosen for a light base, brightened by
        // forText() on a dark one.
        Error,              // warnings, notes, names with errors, unresolved {{variables}}
        Variable,           // a known {{variable}}
        VariableBackground, // behind a {{variable}} in a body
        SyntaxKey,          // JSON keys
        SyntaxString,
        SyntaxNumber,
        SyntaxLiteral,   // true, false, null
        SyntaxTag,       // XML tags
        SyntaxAttribute, // XML attributes
        SyntaxComment,
        MethodGet,
        MethodPost,
        MethodPut, // PUT and PATCH
        MethodDelete,
        MethodOther,
        // The status badge: StatusText on one of the status backgrounds.
        StatusText,
        StatusSuccess,     // 1xx, 2xx
        StatusRedirect,    // 3xx
        StatusClientError, // 4xx
        StatusServerError, // 5xx
        StatusFailed,      // no response, or one cut short
        // Timing phases, in the colours of Chrome DevTools' Timing tab (PhaseBar, waterfall).
        PhaseBlocked,
        PhaseDns,
        PhaseTcp,
        PhaseTls,
        PhaseSend,
        PhaseWait,
        PhaseReceive,
        PhaseInferred,
        PhaseLifetime, // a connection's lifetime, behind its exchanges
        // Search hits behind the palette's text.
        SearchHit,
        SearchHitCurrent,
        // The notice bars above the request tabs: NoticeText on NoticeBackground.
        NoticeBackground,
        NoticeText,
    };

    static bool isDark(const QPalette &palette);
    static QColor color(Role role, const QPalette &palette);
    // The badge colour of an HTTP status.
    static Role statusRole(int status);
    // The colour to draw text in on this palette's base.
    static QColor forText(const QColor &onLight, const QPalette &palette);
};

} // namespace mr
