// The response pane offscreen, fed real exchanges from the demo service over loopback:
// status, phase bar, body modes, search, folding, preview, cookies, attempts, raw, save.
#include "demo/demoserverthread.h"
#include "largetextview.h"
#include "net/exchangejob.h"
#include "net/httpclient.h"
#include "phasebar.h"
#include "responsebodyview.h"
#include "responseview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace mr;

class tst_ResponseView : public QObject
{
    Q_OBJECT
    DemoServerThread m_service;
    HttpClient m_client;
    std::unique_ptr<ResponseView> m_view;

    Exchange fetch(const QString &pathAndQuery)
    {
        HttpRequest request;
        request.url = QUrl(m_service.httpUrl().toString(QUrl::StripTrailingSlash) + pathAndQuery);
        std::unique_ptr<ExchangeJob> job(m_client.send(request));
        QSignalSpy finished(job.get(), &ExchangeJob::finished);
        if (!finished.wait(10000))
            return {};
        return job->exchange();
    }

    // Shows an exchange and waits for the background formatting.
    void show(const Exchange &exchange)
    {
        m_view->showExchange(exchange);
        QTRY_VERIFY(!m_view->body()->isBusy());
    }

    QStringList column(QTreeWidget *tree, int column) const
    {
        QStringList out;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            out.append(tree->topLevelItem(i)->text(column));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_service.start(DemoServer::Options(), &error), qPrintable(error));
        m_view = std::make_unique<ResponseView>();
        m_view->resize(900, 700);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void modelsAreSound()
    {
        show(fetch(QStringLiteral("/cookies/set?flavour=oat&size=big")));
        for (QTreeWidget *tree :
             {m_view->headersView(), m_view->cookiesView(), m_view->attemptsView()}) {
            QAbstractItemModelTester tester(tree->model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        }
    }

    void statusTimeSizeAndPhases()
    {
        show(fetch(QStringLiteral("/json")));
        QCOMPARE(m_view->statusLabel()->text(), QStringLiteral("200 OK"));
        QVERIFY(m_view->findChild<QLabel *>(QStringLiteral("responseSize"))->text().endsWith(" B"));
        QVERIFY(m_view->phaseBar()->isVisible());
        QStringList phases;
        for (const PhaseBar::Segment &segment : m_view->phaseBar()->segments())
            phases.append(segment.name);
        // A first request on a new connection: no dns for an IP literal, no tls on http.
        QVERIFY2(phases.contains(QLatin1String("tcp")) || phases.contains(QLatin1String("wait")),
                 qPrintable(phases.join(',')));
        QVERIFY(!phases.contains(QLatin1String("tls")));
        QVERIFY(m_view->phaseBar()->toolTip().contains(QLatin1String("wait")));
    }

    void prettyRawAndFolding()
    {
        show(fetch(QStringLiteral("/json")));
        ResponseBodyView *body = m_view->body();
        LargeTextView *text = body->textView();
        const int prettyLines = text->lineCount();
        QVERIFY(prettyLines > 10);
        QVERIFY(text->lineText(1).startsWith(QLatin1String("  ")) ||
                text->lineText(1).startsWith(QLatin1String("    ")));
        body->setMode(ResponseBodyView::Mode::Raw);
        QCOMPARE(text->bytes(), m_view->exchange().responseBody);
        body->setMode(ResponseBodyView::Mode::Pretty);
        QCOMPARE(text->lineCount(), prettyLines);

        // A click in the gutter folds the region that starts on that line, and unfolds it.
        const QString opening = text->lineText(1);
        QVERIFY2(opening.endsWith(QLatin1Char('{')) || opening.endsWith(QLatin1Char('[')),
                 qPrintable(opening));
        const int rowHeight = text->fontMetrics().height();
        const QPoint gutter(4, rowHeight + rowHeight / 2);
        QTest::mouseClick(text->viewport(), Qt::LeftButton, {}, gutter);
        QVERIFY(text->isFolded(1));
        QVERIFY(text->visibleLineCount() < prettyLines);
        QTest::mouseClick(text->viewport(), Qt::LeftButton, {}, gutter);
        QVERIFY(!text->isFolded(1));
        QCOMPARE(text->visibleLineCount(), prettyLines);
        text->foldAll();
        QVERIFY(text->visibleLineCount() < 10);
        text->unfoldAll();

        // Select all and copy gives the text shown.
        text->setFocus();
        QTest::keyClick(text, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(text, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), body->toPlainText());
        // Ctrl+F goes to the search box.
        QTest::keyClick(text, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(body->searchBox()->hasFocus());
    }

    void searchHighlightsAndSteps()
    {
        show(fetch(QStringLiteral("/anything?needle=1&other=needle")));
        ResponseBodyView *body = m_view->body();
        QTest::keyClicks(body->searchBox(), QStringLiteral("NEEDLE"));
        QTRY_VERIFY(!body->isBusy());
        const int count = int(body->textView()->matches().size());
        QVERIFY2(count >= 2, qPrintable(QString::number(count)));
        auto *label = body->findChild<QLabel *>(QStringLiteral("bodyMatches"));
        QCOMPARE(label->text(), QStringLiteral("1 of %1").arg(count));
        QTest::keyClick(body->searchBox(), Qt::Key_Return);
        QCOMPARE(body->textView()->currentMatch(), 1);
        QCOMPARE(label->text(), QStringLiteral("2 of %1").arg(count));
        body->searchBox()->clear();
        QTRY_VERIFY(body->textView()->matches().isEmpty());
    }

    void filterByJsonPathAndJq()
    {
        show(fetch(QStringLiteral("/anything?colour=blue&size=9")));
        ResponseBodyView *body = m_view->body();
        const QString whole = body->toPlainText();
        QTest::keyClicks(body->filterBox(), QStringLiteral("$.args.colour"));
        QTest::keyClick(body->filterBox(), Qt::Key_Return);
        QTRY_VERIFY(!body->isBusy());
        QCOMPARE(body->toPlainText(), QStringLiteral("[\n  \"blue\"\n]"));
        QVERIFY2(body->note()->text().contains(QLatin1String("1 match")),
                 qPrintable(body->note()->text()));

        body->filterBox()->clear();
        QTest::keyClicks(body->filterBox(), QStringLiteral(".args | keys"));
        QTest::keyClick(body->filterBox(), Qt::Key_Return);
        QTRY_VERIFY(!body->isBusy());
        QCOMPARE(body->toPlainText(), QStringLiteral("[\n  \"colour\",\n  \"size\"\n]"));

        // A broken program says what is wrong and shows nothing misleading.
        body->filterBox()->clear();
        QTest::keyClicks(body->filterBox(), QStringLiteral(".args | ]"));
        QTest::keyClick(body->filterBox(), Qt::Key_Return);
        QTRY_VERIFY(!body->isBusy());
        QVERIFY(body->toPlainText().isEmpty());
        QVERIFY2(body->note()->text().contains(QLatin1String("jq")),
                 qPrintable(body->note()->text()));

        // The next response is filtered the same way.
        body->filterBox()->clear();
        QTest::keyClicks(body->filterBox(), QStringLiteral("$.args.colour"));
        QTest::keyClick(body->filterBox(), Qt::Key_Return);
        QTRY_VERIFY(!body->isBusy());
        show(fetch(QStringLiteral("/anything?colour=green")));
        QTRY_VERIFY(!body->isBusy());
        QCOMPARE(body->filterBox()->text(), QStringLiteral("$.args.colour"));
        QCOMPARE(body->toPlainText(), QStringLiteral("[\n  \"green\"\n]"));

        // Clearing the filter shows the whole body again.
        body->filterBox()->clear();
        QTRY_VERIFY(!body->isBusy());
        QVERIFY(body->toPlainText().contains(QLatin1String("\"green\"")));
        QVERIFY(whole.contains(QLatin1String("\"blue\"")));
    }

    void imageAndHtmlPreview()
    {
        show(fetch(QStringLiteral("/image/png")));
        ResponseBodyView *body = m_view->body();
        QCOMPARE(body->mode(), ResponseBodyView::Mode::Preview);
        auto *image = body->findChild<QLabel *>(QStringLiteral("bodyImage"));
        QCOMPARE(image->pixmap().size(), QSize(120, 80));

        show(fetch(QStringLiteral("/html")));
        body->setMode(ResponseBodyView::Mode::Preview);
        auto *html = body->findChild<QTextBrowser *>(QStringLiteral("bodyHtml"));
        QVERIFY(html->isVisible());
        QVERIFY(html->toPlainText().contains(QLatin1String("Microrequests demo service")));
        body->setMode(ResponseBodyView::Mode::Pretty);
    }

    void cookiesAreListed()
    {
        show(fetch(QStringLiteral("/cookies/set?flavour=oat&size=big")));
        QCOMPARE(m_view->tabs()->tabText(2), QStringLiteral("Cookies (2)"));
        QStringList names = column(m_view->cookiesView(), 0);
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("flavour"), QStringLiteral("size")}));
        QCOMPARE(m_view->cookiesView()->topLevelItem(0)->text(2), QStringLiteral("127.0.0.1"));
    }

    void attemptsShowRedirectHops()
    {
        show(fetch(QStringLiteral("/redirect/2")));
        QTreeWidget *attempts = m_view->attemptsView();
        QCOMPARE(attempts->topLevelItemCount(), 3);
        QCOMPARE(m_view->tabs()->tabText(3), QStringLiteral("Attempts (3)"));
        QVERIFY(attempts->topLevelItem(0)->text(6).startsWith(QLatin1String("redirected (302)")));
        QCOMPARE(attempts->topLevelItem(2)->text(3), QStringLiteral("200"));
        QVERIFY(attempts->topLevelItem(2)->text(2).contains(QLatin1String("reused")));
        const QString raw = m_view->rawView()->toPlainText();
        QVERIFY(raw.contains(QLatin1String("GET /redirect/2 HTTP/1.1")));
        QVERIFY(raw.contains(QLatin1String("HTTP/1.1 200 OK")));
    }

    void failuresSayWhatHappened()
    {
        show(fetch(QStringLiteral("/fault/drop")));
        QCOMPARE(m_view->statusLabel()->text(), QStringLiteral("Failed"));
        const QString message =
            m_view->findChild<QLabel *>(QStringLiteral("responseMessage"))->text();
        QVERIFY2(!message.isEmpty(), "no message");
        QVERIFY(!m_view->phaseBar()->isVisible());
        QVERIFY(m_view->rawView()->toPlainText().contains(QLatin1String("* No response: ")));
    }

    void incompleteBodySaysSoAndHowMuchCame()
    {
        const Exchange cut = fetch(QStringLiteral("/fault/truncate"));
        QCOMPARE(cut.status, 200);
        show(cut);
        QVERIFY2(m_view->statusLabel()->text().startsWith(QStringLiteral("200 OK")),
                 qPrintable(m_view->statusLabel()->text()));
        const auto *message = m_view->findChild<QLabel *>(QStringLiteral("responseMessage"));
        QVERIFY(message->isVisible());
        const QString counts =
            QStringLiteral("%1 of %2 bytes")
                .arg(cut.responseBodySize)
                .arg(QString::fromLatin1(cut.responseHeaders.value("Content-Length")));
        QVERIFY2(message->text().startsWith(QStringLiteral("Incomplete response body: ")) &&
                     message->text().contains(counts),
                 qPrintable(message->text()));
        QVERIFY(m_view->rawView()->toPlainText().contains(
            QLatin1String("* Incomplete response body: ")));
        // What did come is still there to look at.
        QVERIFY(!m_view->body()->toPlainText().isEmpty());
    }

    void savesASpilledBodyAfterItsReplyIsGone()
    {
        const QByteArray expected = fetch(QStringLiteral("/bytes/30000?seed=8")).responseBody;
        QCOMPARE(expected.size(), 30000);
        m_client.setBodyMemoryLimit(1000); // the body goes to a temporary file
        const Exchange spilled = fetch(QStringLiteral("/bytes/30000?seed=8"));
        m_client.setBodyMemoryLimit(64 * 1024 * 1024);
        QVERIFY(!spilled.responseBodyFile.isEmpty());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the reply is gone
        show(spilled);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spilled.bin"));
        QString error;
        QVERIFY2(m_view->saveBody(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), expected);
    }

    void savesTheBodyAsReceived()
    {
        show(fetch(QStringLiteral("/bytes/4096")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("saved.bin"));
        QString error;
        QVERIFY2(m_view->saveBody(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_view->exchange().responseBody);
        QVERIFY(!m_view->saveBody(dir.filePath(QStringLiteral("no/such/folder/x")), &error));
        QVERIFY(error.contains(QLatin1String("no/such/folder")));
    }

    void cleanupTestCase() { m_view.reset(); }
};

QTEST_MAIN(tst_ResponseView)
#include "tst_responseview.moc"
