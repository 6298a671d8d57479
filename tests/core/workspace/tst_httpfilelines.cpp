// The lines the .http parser recognises by their shape, and "?? …" assertions, are read by hand
// (no pattern compiled on the run path): each reading against the QRegularExpression it replaced,
// on lines made of the pieces that matter to the patterns — ASCII and Unicode spaces, letters and
// digits outside ASCII and beyond the BMP, case folds (ſ, K), line feeds, lone surrogates.
#include "workspace/httpfilelines.h"
#include "workspace/requestassertion.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace mr;

namespace {

QStringList pieces(std::initializer_list<const char16_t *> words)
{
    QStringList out;
    for (const char16_t *word : words)
        out.append(QString::fromUtf16(word));
    // \s is ASCII only; QChar::isSpace and QString::trimmed see Unicode spaces too.
    for (const char16_t c : {u' ', u'\t', u'\n', u'\r', u'\u00a0', u'\u180e', u'\u2028', u'\u200b',
                             u'\u0663', u'\u00e9', u'\u017f', u'\u212a', u'\u0130'})
        out.append(QString(QChar(c)));
    out.append(QString(QChar(0xd800)));            // a lone surrogate
    out.append(QString::fromUtf16(u"\U00010400")); // a letter beyond the BMP
    out.append(QString::fromUtf16(u"\U0001D7CE")); // a digit beyond the BMP
    return out;
}

QString line(QRandomGenerator *random, const QStringList &from, const QString &prefix = {})
{
    QString out = random->bounded(4) ? prefix : QString();
    const int count = random->bounded(9);
    for (int i = 0; i < count; ++i)
        out += from[random->bounded(int(from.size()))];
    return out;
}

// The patterns as the parser and RequestAssertion used them.
const QStringList predicateIds = {
    QStringLiteral("notEquals"), QStringLiteral("startsWith"), QStringLiteral("isBoolean"),
    QStringLiteral("includes"),  QStringLiteral("contains"),   QStringLiteral("endsWith"),
    QStringLiteral("isNumber"),  QStringLiteral("isString"),   QStringLiteral("isArray"),
    QStringLiteral("isFalse"),   QStringLiteral("matches"),    QStringLiteral("equals"),
    QStringLiteral("exists"),    QStringLiteral("isTrue"),     QStringLiteral("sha256"),
    QStringLiteral("sha512"),    QStringLiteral("md5"),        QStringLiteral("==="),
    QStringLiteral("!=="),       QStringLiteral("=="),         QStringLiteral("!="),
    QStringLiteral("<="),        QStringLiteral(">="),         QStringLiteral("<"),
    QStringLiteral(">")};

QString alternation()
{
    QStringList escaped;
    for (const QString &id : predicateIds)
        escaped.append(QRegularExpression::escape(id));
    return escaped.join(QLatin1Char('|'));
}

} // namespace

class tst_HttpFileLines : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void directivesAsThePatternReadsThem()
    {
        const QRegularExpression re(
            QStringLiteral(R"(^\s*(?:#+|//)\s*@([\w.-]+)\s*(?:=\s*)?(.*)$)"));
        const QStringList from = pieces({u"#", u"##", u"//", u"/", u"@", u"=", u"name", u".", u"-",
                                         u"_", u"a", u"7", u"x y", u"@", u"#"});
        QRandomGenerator random(17);
        for (int i = 0; i < 100000; ++i) {
            const QString text = line(&random, from, QStringLiteral("# @"));
            const QRegularExpressionMatch m = re.match(text);
            QString name;
            QString value;
            const bool matched = HttpFileLines::directive(text, &name, &value);
            QVERIFY2(matched == m.hasMatch(), qPrintable(text.toUtf8().toPercentEncoding()));
            if (matched) {
                QCOMPARE(name, m.captured(1));
                QCOMPARE(value, m.captured(2).trimmed());
            }
        }
    }

    void fileVariablesAsThePatternReadsThem()
    {
        const QRegularExpression re(QStringLiteral(R"(^@([A-Za-z_][\w.-]*)\s*=\s*(.*)$)"));
        const QStringList from =
            pieces({u"@", u"=", u"host", u".", u"-", u"_", u"A", u"9", u"{{x}}", u"a b"});
        QRandomGenerator random(23);
        for (int i = 0; i < 100000; ++i) {
            const QString text = line(&random, from, QStringLiteral("@h"));
            const QRegularExpressionMatch m = re.match(text);
            QString name;
            QString value;
            const bool matched = HttpFileLines::fileVariable(text, &name, &value);
            QVERIFY2(matched == m.hasMatch(), qPrintable(text.toUtf8().toPercentEncoding()));
            if (matched) {
                QCOMPARE(name, m.captured(1));
                QCOMPARE(value, m.captured(2).trimmed());
            }
        }
    }

    void tokensMethodsAndLinesAsThePatternsReadThem()
    {
        const QRegularExpression token(QStringLiteral(R"(^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$)"));
        const QRegularExpression method(QStringLiteral("^[A-Z][A-Z-]*$"));
        const QRegularExpression withLine(QStringLiteral("^(.+):(\\d+)$"));
        const QStringList from = pieces({u"GET", u"-", u"a", u"Z", u"0", u"12", u":", u"!#$%&'*+",
                                         u".^_`|~", u"(", u"\"", u"/", u"file.http", u"\u00ff"});
        QRandomGenerator random(29);
        for (int i = 0; i < 100000; ++i) {
            const QString text = line(&random, from);
            const QByteArray shown = text.toUtf8().toPercentEncoding();
            QVERIFY2(HttpFileLines::isToken(text) == token.match(text).hasMatch(),
                     shown.constData());
            QVERIFY2(HttpFileLines::isMethod(text) == method.match(text).hasMatch(),
                     shown.constData());
            const QRegularExpressionMatch m = withLine.match(text);
            QString path;
            QString number;
            QVERIFY2(HttpFileLines::pathWithLine(text, &path, &number) == m.hasMatch(),
                     shown.constData());
            if (m.hasMatch()) {
                QCOMPARE(path, m.captured(1));
                QCOMPARE(number, m.captured(2));
            }
        }
    }

    void assertionsAsThePatternsReadThem()
    {
        const QRegularExpression connection(
            QStringLiteral("^\\s*\\?\\?\\s*connection\\s+(reused|new)\\s*$"),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpression strict(
            QStringLiteral("^\\s*\\?\\?\\s*(\\S*)(?:\\s+(.*))?\\s+(%1)(?=\\s|$)\\s*(.*?)\\s*$")
                .arg(alternation()),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpression loose(
            QStringLiteral("^\\s*\\?\\?\\s*(\\S*)(?:\\s+(.*))?\\s+(%1)\\s*(.*?)\\s*$")
                .arg(alternation()),
            QRegularExpression::CaseInsensitiveOption);
        QStringList words =
            pieces({u"??", u"?", u"status", u"header", u"body", u"$.id", u"connection", u"reused",
                    u"REUSED", u"new", u"200", u"a b", u"=", u"!", u"x"});
        words += predicateIds;
        words +=
            {QStringLiteral("EQUALS"), QStringLiteral("inclUdes"), QStringLiteral("i\u017fTrue")};
        QRandomGenerator random(31);
        for (int i = 0; i < 200000; ++i) {
            const QString text = line(&random, words, QStringLiteral("?? "));
            const QByteArray shown = text.toUtf8().toPercentEncoding();
            const RequestAssertion a = RequestAssertion::parse(text, 1);
            if (const QRegularExpressionMatch c = connection.match(text); c.hasMatch()) {
                QVERIFY2(a.subject == RequestAssertion::Subject::Connection, shown.constData());
                QVERIFY2(a.predicate == RequestAssertion::Predicate::None, shown.constData());
                QCOMPARE(a.argument, c.captured(1).toLower());
                continue;
            }
            QRegularExpressionMatch m = strict.match(text);
            if (!m.hasMatch())
                m = loose.match(text);
            if (!m.hasMatch() || m.captured(1).isEmpty()) {
                QVERIFY2(a.problem.startsWith(QLatin1String("cannot read the assertion")),
                         shown.constData());
                continue;
            }
            QVERIFY2(a.subjectName == m.captured(1), shown.constData());
            QVERIFY2(a.argument == m.captured(2).trimmed(), shown.constData());
            QCOMPARE(a.argument.isNull(), m.captured(2).trimmed().isNull());
            QVERIFY2(a.predicateText == m.captured(3), shown.constData());
            QVERIFY2(a.expected == m.captured(4), shown.constData());
        }
    }
};

QTEST_GUILESS_MAIN(tst_HttpFileLines)
#include "tst_httpfilelines.moc"
