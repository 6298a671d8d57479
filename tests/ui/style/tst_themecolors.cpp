// The window follows the system's light or dark palette: accents brighten on a dark one,
// at once, in editors already open; the response's status badge takes its dark colours.
#include "bodyeditor.h"
#include "bodyhighlighter.h"
#include "noticebar.h"
#include "responsebodyview.h"
#include "responseview.h"
#include "themecolors.h"

#include <QLabel>

#include <QApplication>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <cmath>

using namespace mr;

class tst_ThemeColors : public QObject
{
    Q_OBJECT

    static QPalette dark()
    {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        return p;
    }

    // WCAG's contrast ratio of two opaque colours.
    static double contrast(const QColor &a, const QColor &b)
    {
        const auto luminance = [](const QColor &c) {
            const auto linear = [](double v) {
                return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) +
                   0.0722 * linear(c.blueF());
        };
        const double la = luminance(a);
        const double lb = luminance(b);
        return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
    }

    static Exchange answered(int status)
    {
        Exchange exchange;
        exchange.status = status;
        exchange.reasonPhrase = "Reason";
        return exchange;
    }

private Q_SLOTS:
    void accentsKeepTheirContrast()
    {
        const QPalette light = QApplication::style()->standardPalette();
        QVERIFY(!ThemeColors::isDark(light));
        QVERIFY(ThemeColors::isDark(dark()));
        const QColor red(0xc6, 0x28, 0x28);
        QCOMPARE(ThemeColors::forText(red, light), red);
        const QColor brightened = ThemeColors::forText(red, dark());
        QVERIFY(brightened.lightness() >= 170);
        QCOMPARE(brightened.hslHue(), red.hslHue());
    }

    void textRolesReadOnADarkBase()
    {
        const QColor base = dark().color(QPalette::Base);
        for (ThemeColors::Role role :
             {ThemeColors::Error, ThemeColors::Variable, ThemeColors::SyntaxKey,
              ThemeColors::SyntaxString, ThemeColors::SyntaxNumber, ThemeColors::SyntaxLiteral,
              ThemeColors::SyntaxTag, ThemeColors::SyntaxAttribute, ThemeColors::SyntaxComment,
              ThemeColors::MethodGet, ThemeColors::MethodPost, ThemeColors::MethodPut,
              ThemeColors::MethodDelete, ThemeColors::MethodOther}) {
            const QColor colour = ThemeColors::color(role, dark());
            QVERIFY2(contrast(colour, base) >= 4.5,
                     qPrintable(QStringLiteral("role %1: %2 on %3")
                                    .arg(int(role))
                                    .arg(colour.name(), base.name())));
        }
    }

    void statusBadgesReadInBothPalettes()
    {
        const QPalette light = QApplication::style()->standardPalette();
        for (const QPalette &palette : {light, dark()}) {
            const QColor text = ThemeColors::color(ThemeColors::StatusText, palette);
            for (int status : {200, 301, 404, 503}) {
                const QColor badge = ThemeColors::color(ThemeColors::statusRole(status), palette);
                QVERIFY2(
                    contrast(text, badge) >= 4.5,
                    qPrintable(
                        QStringLiteral("%1: %2 on %3").arg(status).arg(text.name(), badge.name())));
            }
        }
    }

    void theResponseStatusTakesTheDarkColours()
    {
        const QPalette light = QApplication::style()->standardPalette();
        ResponseView view;
        view.setPalette(light);
        view.showExchange(answered(200));
        const QColor lightSuccess = ThemeColors::color(ThemeColors::StatusSuccess, light);
        QCOMPARE(view.statusColour(), lightSuccess);
        // The light look is kept: the green it always had.
        QCOMPARE(lightSuccess.name(), QStringLiteral("#2e7d32"));

        // A dark palette while the status shows: the badge follows at once.
        view.setPalette(dark());
        const QColor darkSuccess = ThemeColors::color(ThemeColors::StatusSuccess, dark());
        QVERIFY(darkSuccess != lightSuccess);
        QCOMPARE(view.statusColour(), darkSuccess);
        QVERIFY2(view.statusLabel()->styleSheet().contains(darkSuccess.name()),
                 qPrintable(view.statusLabel()->styleSheet()));
        QVERIFY(view.statusLabel()->styleSheet().contains(
            ThemeColors::color(ThemeColors::StatusText, dark()).name()));

        for (int status : {301, 404, 503}) {
            view.showExchange(answered(status));
            const ThemeColors::Role role = ThemeColors::statusRole(status);
            QCOMPARE(view.statusColour(), ThemeColors::color(role, dark()));
            QVERIFY(view.statusColour() != ThemeColors::color(role, light));
        }
        view.showError(QStringLiteral("refused"), QString());
        QCOMPARE(view.statusColour(), ThemeColors::color(ThemeColors::StatusFailed, dark()));
        view.clear();
        QTRY_VERIFY(!view.body()->isBusy());
        QVERIFY(!view.statusColour().isValid());
        QVERIFY(view.statusLabel()->styleSheet().isEmpty());
    }

    void aNoticeBarRetintsWhenThePaletteChanges()
    {
        const QPalette original = QApplication::palette();
        NoticeBar bar(QStringLiteral("notice"));
        const QColor lightBackground = bar.palette().color(QPalette::Window);
        QCOMPARE(lightBackground, ThemeColors::color(ThemeColors::NoticeBackground, original));
        QApplication::setPalette(dark());
        const QColor darkBackground = ThemeColors::color(ThemeColors::NoticeBackground, dark());
        QVERIFY(darkBackground != lightBackground);
        QTRY_COMPARE(bar.palette().color(QPalette::Window), darkBackground);
        QCOMPARE(bar.palette().color(QPalette::WindowText),
                 ThemeColors::color(ThemeColors::NoticeText, dark()));
        QVERIFY(contrast(bar.palette().color(QPalette::WindowText), darkBackground) >= 4.5);
        QApplication::setPalette(original);
        QTRY_COMPARE(bar.palette().color(QPalette::Window), lightBackground);
    }

    void anOpenEditorRecoloursWhenThePaletteChanges()
    {
        const QPalette original = QApplication::palette();
        BodyEditor editor;
        editor.show();
        const QColor lightKey = editor.highlighter()->keyColour();
        QVERIFY(lightKey.lightness() < 128);
        QApplication::setPalette(dark());
        QTRY_VERIFY(editor.highlighter()->keyColour().lightness() >= 170);
        QApplication::setPalette(original);
        QTRY_COMPARE(editor.highlighter()->keyColour(), lightKey);
    }
};

QTEST_MAIN(tst_ThemeColors)
#include "tst_themecolors.moc"
