// The request tabs without a window: which tab shows which request, saving, closing with
// edits, following tree edits and reloads, and the tabs kept for the next start.
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "workspacepartsfixture.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace mr;

class tst_RequestTabs : public QObject
{
    Q_OBJECT

    std::unique_ptr<WorkspacePartsFixture> m_ws;
    std::unique_ptr<RequestTabs> m_tabs;
    QStringList m_asked;
    RequestTabs::CloseAnswer m_answer = RequestTabs::CloseAnswer::Cancel;

    QModelIndex request(const QString &file, int index) const
    {
        return m_ws->model.requestIndex(m_ws->path(file), index);
    }
    static void type(RequestTab *tab, const QString &text)
    {
        QLineEdit *url = tab->editor()->urlEdit();
        url->setFocus();
        url->end(false);
        QTest::keyClicks(url, text);
    }

private Q_SLOTS:
    void init()
    {
        m_ws = std::make_unique<WorkspacePartsFixture>();
        QString error;
        QVERIFY2(m_ws->openWith(WorkspacePartsFixture::twoRequests(), &error), qPrintable(error));
        m_tabs = std::make_unique<RequestTabs>(&m_ws->session, &m_ws->settings);
        m_asked.clear();
        m_tabs->setCloseQuestion([this](const QString &what) {
            m_asked.append(what);
            return m_answer;
        });
        m_tabs->show();
    }
    void cleanup()
    {
        m_tabs.reset();
        m_ws.reset();
    }

    void aRequestOpensOnceInItsOwnTab()
    {
        QSignalSpy created(m_tabs.get(), &RequestTabs::tabCreated);
        RequestTab *first = m_tabs->open(request(QStringLiteral("api.http"), 0));
        RequestTab *second = m_tabs->open(request(QStringLiteral("api.http"), 1));
        QVERIFY(first && second && first != second);
        QCOMPARE(m_tabs->open(request(QStringLiteral("api.http"), 0)), first);
        QCOMPARE(m_tabs->current(), first);
        QCOMPARE(created.count(), 2);
        QCOMPARE(m_tabs->count(), 2);
        QCOMPARE(m_tabs->tabText(1), QStringLiteral("Second"));
        QCOMPARE(m_tabs->find(m_ws->path(QStringLiteral("api.http")), 1), second);
        QCOMPARE(m_tabs->currentFolder(), m_ws->root());
    }

    void savingWritesTheFileAndClearsTheDot()
    {
        RequestTab *tab = m_tabs->open(request(QStringLiteral("api.http"), 1));
        type(tab, QStringLiteral("/x"));
        QVERIFY(tab->isModified());
        QVERIFY(m_tabs->tabText(0).startsWith(QStringLiteral("\u25CF ")));
        QSignalSpy message(m_tabs.get(), &RequestTabs::message);
        QVERIFY(m_tabs->saveCurrent());
        QVERIFY(m_ws->read(QStringLiteral("api.http")).contains("GET http://127.0.0.1:1/two/x"));
        QVERIFY(!tab->isModified());
        QCOMPARE(m_tabs->tabText(0), QStringLiteral("Second"));
        QCOMPARE(message.last().at(0).toString(), QStringLiteral("Saved api.http"));
    }

    void closingATabWithEditsAsksFirst()
    {
        RequestTab *tab = m_tabs->open(request(QStringLiteral("api.http"), 0));
        type(tab, QStringLiteral("/y"));
        QSignalSpy closed(m_tabs.get(), &RequestTabs::closed);
        m_answer = RequestTabs::CloseAnswer::Cancel;
        QVERIFY(!m_tabs->closeTab(0));
        QCOMPARE(m_tabs->count(), 1);
        QCOMPARE(m_asked, QStringList{tab->title()});
        m_answer = RequestTabs::CloseAnswer::Discard;
        QVERIFY(m_tabs->closeAll());
        QCOMPARE(m_tabs->count(), 0);
        QCOMPARE(closed.count(), 1);
        QVERIFY(!m_ws->read(QStringLiteral("api.http")).contains("/one/y")); // thrown away
    }

    void tabsFollowATreeRenameWithTheirEdits()
    {
        RequestTab *clean = m_tabs->open(request(QStringLiteral("api.http"), 0));
        RequestTab *edited = m_tabs->open(request(QStringLiteral("api.http"), 1));
        type(edited, QStringLiteral("/kept"));
        QString error;
        QVERIFY2(m_ws->session.edit(
                     [this](WorkspaceEditor &editor, QString *why) {
                         QString moved;
                         return editor.renamePath(m_ws->path(QStringLiteral("api.http")),
                                                  QStringLiteral("renamed.http"), &moved, why);
                     },
                     &error),
                 qPrintable(error));
        QCOMPARE(clean->filePath(), m_ws->path(QStringLiteral("renamed.http")));
        QCOMPARE(edited->filePath(), m_ws->path(QStringLiteral("renamed.http")));
        QVERIFY(edited->isModified());
        QVERIFY(edited->editor()->urlEdit()->text().endsWith(QStringLiteral("/two/kept")));
        QVERIFY(m_tabs->saveCurrent());
        QVERIFY(m_ws->read(QStringLiteral("renamed.http")).contains("/two/kept"));
    }

    void aReloadMovesUneditedTabsWithTheirRequest()
    {
        RequestTab *tab = m_tabs->open(request(QStringLiteral("api.http"), 1));
        m_ws->write(QStringLiteral("api.http"), "### New\nGET http://127.0.0.1:1/new\n\n"
                                                "### First\nGET http://127.0.0.1:1/one\n\n"
                                                "### Second\nGET http://127.0.0.1:1/two\n");
        m_ws->session.reload();
        QCOMPARE(tab->requestIndex(), 2);
        QCOMPARE(tab->saved().name, QStringLiteral("Second"));
    }

    void theOpenTabsComeBackByName()
    {
        m_tabs->open(request(QStringLiteral("api.http"), 0));
        m_tabs->open(request(QStringLiteral("api.http"), 1));
        m_tabs->addUnsaved(RequestDefinition(), QString(), QStringLiteral("History")); // not kept
        m_tabs->setCurrentIndex(1);
        const OpenTabs open = m_tabs->openTabs();
        QCOMPARE(open.tabs.size(), 2);
        QCOMPARE(open.current, 1);
        QVERIFY(m_tabs->closeAll());
        // A request added above both: they are found by their names.
        m_ws->write(QStringLiteral("api.http"), "### New\nGET http://127.0.0.1:1/new\n\n"
                                                "### First\nGET http://127.0.0.1:1/one\n\n"
                                                "### Second\nGET http://127.0.0.1:1/two\n");
        m_ws->session.reload();
        QVERIFY(m_tabs->restore(open));
        QCOMPARE(m_tabs->count(), 2);
        QCOMPARE(m_tabs->tab(0)->requestIndex(), 1);
        QCOMPARE(m_tabs->current()->saved().name, QStringLiteral("Second"));
    }

    void anUnsavedTabIsSavedIntoHistoryHttp()
    {
        RequestDefinition request;
        request.name = QStringLiteral("From elsewhere");
        request.method = QStringLiteral("GET");
        request.url = QStringLiteral("http://127.0.0.1:1/elsewhere");
        RequestTab *tab = m_tabs->addUnsaved(request, QString(), QStringLiteral("History"));
        QVERIFY(tab->filePath().isEmpty());
        QSignalSpy savedInto(m_tabs.get(), &RequestTabs::savedInto);
        QVERIFY(m_tabs->saveCurrent());
        QCOMPARE(tab->filePath(), m_ws->path(QStringLiteral("history.http")));
        QVERIFY(m_ws->read(QStringLiteral("history.http")).contains("/elsewhere"));
        QCOMPARE(savedInto.count(), 1);
    }
};

QTEST_MAIN(tst_RequestTabs)
#include "tst_requesttabs.moc"
