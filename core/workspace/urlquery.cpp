#include "urlquery.h"

namespace mr {

namespace {

// Where a "{{…}}" starting at `at` ends (exclusive), or -1 (the expander's rule: the next
// "}}").
qsizetype variableEnd(const QString &text, qsizetype at)
{
    if (!QStringView(text).mid(at).startsWith(QLatin1String("{{")))
        return -1;
    const qsizetype close = text.indexOf(QLatin1String("}}"), at + 2);
    return close < 0 ? -1 : close + 2;
}

// The first of `chars` at or after `from` and outside {{variables}}, or -1.
qsizetype indexOutside(const QString &text, const QString &chars, qsizetype from = 0)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        const qsizetype end = variableEnd(text, i);
        if (end > 0) {
            i = end - 1;
            continue;
        }
        if (chars.contains(text.at(i)))
            return i;
    }
    return -1;
}

// Percent-encodes `special` (and, in a URL, white space) outside {{variables}}; the rest stays
// as typed.
QString escaped(const QString &text, const QString &special, bool form)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype end = variableEnd(text, i);
        if (end > 0) {
            out += QStringView(text).mid(i, end - i);
            i = end - 1;
            continue;
        }
        const QChar c = text.at(i);
        if (special.contains(c) || (!form && c.isSpace())) {
            for (const char byte : QString(c).toUtf8())
                out +=
                    QLatin1Char('%') +
                    QString::number(uchar(byte), 16).rightJustified(2, QLatin1Char('0')).toUpper();
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

QList<UrlQuery::Param> UrlQuery::splitQuery(const QString &query)
{
    QList<Param> params;
    qsizetype start = 0;
    while (true) {
        const qsizetype amp = indexOutside(query, QStringLiteral("&"), start);
        const QString piece = query.mid(start, amp < 0 ? -1 : amp - start);
        Param param;
        const qsizetype eq = indexOutside(piece, QStringLiteral("="));
        param.hasValue = eq >= 0;
        param.name = eq < 0 ? piece : piece.left(eq);
        param.value = eq < 0 ? QString() : piece.mid(eq + 1);
        params.append(param);
        if (amp < 0)
            break;
        start = amp + 1;
    }
    return params;
}

QString UrlQuery::joinQuery(const QList<Param> &params, bool form)
{
    QString out;
    bool first = true;
    for (const Param &param : params) {
        if (!param.enabled)
            continue;
        if (!first)
            out += QLatin1Char('&');
        first = false;
        const QString special = form ? QStringLiteral("&\r\n") : QStringLiteral("&#");
        out += escaped(param.name, special + QLatin1Char('='), form);
        // A value may hold "=" ("a=b=c" reads back the same), not "&" or "#".
        if (param.hasValue || !param.value.isEmpty())
            out += QLatin1Char('=') + escaped(param.value, special, form);
    }
    return out;
}

UrlQuery UrlQuery::split(const QString &url)
{
    UrlQuery result;
    const qsizetype hash = indexOutside(url, QStringLiteral("#"));
    const QString beforeHash = hash < 0 ? url : url.left(hash);
    if (hash >= 0) {
        result.hasFragment = true;
        result.fragment = url.mid(hash + 1);
    }
    const qsizetype question = indexOutside(beforeHash, QStringLiteral("?"));
    if (question < 0) {
        result.base = beforeHash;
        return result;
    }
    result.base = beforeHash.left(question);
    const QString query = beforeHash.mid(question + 1);
    if (query.isEmpty())
        result.emptyQuery = true;
    else
        result.params = splitQuery(query);
    return result;
}

QString UrlQuery::join() const
{
    QString out = base;
    const QString query = joinQuery(params);
    bool anyEnabled = false;
    for (const Param &param : params)
        anyEnabled = anyEnabled || param.enabled;
    if (anyEnabled || (emptyQuery && params.isEmpty()))
        out += QLatin1Char('?') + query;
    if (hasFragment)
        out += QLatin1Char('#') + fragment;
    return out;
}

void UrlQuery::keepDisabledFrom(const UrlQuery &previous)
{
    for (qsizetype i = 0; i < previous.params.size(); ++i) {
        if (!previous.params[i].enabled)
            params.insert(qMin(i, params.size()), previous.params[i]);
    }
}

} // namespace mr
