#include "base/urltext.h"

#include <QTest>

using namespace mr;

// UrlText keeps a URL's text by the URL's shared data: every copy of a URL gets the text that
// QUrl itself gives, and a copy that changed (and so detached) gets its own, never a stale
// one.
class tst_UrlText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void copiesGiveQUrlsText()
    {
        const QUrl url(
            QStringLiteral("http://user:pw@example.com:8080/a b/%C3%A9?q=1 2&x=%2F#top"));
        const QUrl copy = url;
        QCOMPARE(UrlText::encoded(url), url.toEncoded());
        QCOMPARE(UrlText::encoded(copy), url.toEncoded());
        QCOMPARE(UrlText::text(copy), url.toString());
        const QUrl::FormattingOptions target =
            QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment;
        QCOMPARE(UrlText::encoded(copy, target), url.toEncoded(target));
        QCOMPARE(UrlText::text(copy, QUrl::FullyEncoded), url.toString(QUrl::FullyEncoded));
    }

    void aChangedCopyGetsItsOwnText()
    {
        const QUrl url(QStringLiteral("http://example.com/one"));
        QCOMPARE(UrlText::encoded(url), QByteArray("http://example.com/one"));
        QUrl changed = url;
        changed.setPath(QStringLiteral("/two"));
        QCOMPARE(UrlText::encoded(changed), QByteArray("http://example.com/two"));
        QCOMPARE(UrlText::encoded(url), QByteArray("http://example.com/one"));
        changed.setUserInfo(QString()); // detaches again, even though nothing changes
        QCOMPARE(UrlText::text(changed), QStringLiteral("http://example.com/two"));
    }

    // A URL that is gone frees its data, which a new URL may get: the text kept for it must
    // not be that one's. Kept copies hold the data, so this holds past the bound too.
    void manyShortLivedUrlsKeepTheirOwnText()
    {
        for (int i = 0; i < 3 * int(UrlText::Kept); ++i) {
            const QUrl url(QStringLiteral("http://example.com/%1").arg(i));
            QCOMPARE(UrlText::encoded(url),
                     QStringLiteral("http://example.com/%1").arg(i).toUtf8());
        }
    }

    void emptyUrl()
    {
        QCOMPARE(UrlText::encoded(QUrl()), QByteArray());
        QCOMPARE(UrlText::text(QUrl()), QString());
    }
};

QTEST_APPLESS_MAIN(tst_UrlText)
#include "tst_urltext.moc"
