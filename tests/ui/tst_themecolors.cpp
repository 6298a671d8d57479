// The window follows the system's light or dark palette: accents brighten on a dark one,
// at once, in editors already open.
#include "bodyeditor.h"
#include "bodyhighlighter.h"
#include "themecolors.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

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
