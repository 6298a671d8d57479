// Unsaved edits kept without a window: written to the workspace's drafts file, offered back on
// the bar by the next keeper (the next start), restored into tabs or discarded.
#include "draftbar.h"
#include "draftkeeper.h"
#include "requesteditor.h"
#include "requesttab.h"
#include "requesttabs.h"
#include "workspacepartsfixture.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace mr;

namespace {
// What a window holds of drafts: the tabs, the bar and the keeper.
struct Keeping {
    RequestTabs tabs;
    DraftBar bar;
    DraftKeeper keeper;
    Keeping(WorkspacePartsFixture &ws, const QString &dataFolder)
        : tabs(&ws.session, &ws.settings)
        , keeper(&tabs, &ws.model, &bar)
    {
        tabs.setCloseQuestion([](const QString &) { return RequestTabs::CloseAnswer::Discard; });
        keeper.setDataFolder(dataFolder);
        tabs.show();
    }
};
} // namespace

class tst_DraftKeeper : public QObject
{
    Q_OBJECT

    std::unique_ptr<WorkspacePartsFixture> m_ws;
    QString data() const { return m_ws->dir.filePath(QStringLiteral("data")); }

private Q_SLOTS:
    void init()
    {
        m_ws = std::make_unique<WorkspacePartsFixture>();
        QString error;
        QVERIFY2(m_ws->openWith("### First\nGET http://127.0.0.1:1/one\n", &error),
                 qPrintable(error));
    }
    void cleanup() { m_ws.reset(); }

    void editsAreKeptAndOfferedBackNextTime()
    {
        QString path;
        {
            Keeping first(*m_ws, data());
            QVERIFY(first.bar.isHidden()); // nothing from last time
            RequestTab *tab = first.tabs.open(
                m_ws->model.requestIndex(m_ws->path(QStringLiteral("api.http")), 0));
            QLineEdit *url = tab->editor()->urlEdit();
            url->setFocus();
            url->end(false);
            QTest::keyClicks(url, QStringLiteral("/draft"));
            path = first.keeper.path();
            QVERIFY(path.startsWith(data()));
            QTRY_VERIFY(QFile::exists(path)); // a moment after typing stops
            QString error;
            const QList<DraftStore::Draft> drafts = DraftStore(path).load(&error);
            QCOMPARE(drafts.size(), 1);
            QCOMPARE(drafts.first().edited.url, QStringLiteral("http://127.0.0.1:1/one/draft"));
        } // gone without saving, as after a crash

        Keeping second(*m_ws, data());
        QVERIFY(!second.bar.isHidden());
        QVERIFY(second.bar.restoreButton()->isVisible());
        QSignalSpy message(&second.keeper, &DraftKeeper::message);
        QTest::mouseClick(second.bar.restoreButton(), Qt::LeftButton);
        QCOMPARE(second.tabs.count(), 1);
        RequestTab *tab = second.tabs.current();
        QVERIFY(tab->isModified());
        QCOMPARE(tab->editor()->urlEdit()->text(), QStringLiteral("http://127.0.0.1:1/one/draft"));
        QCOMPARE(message.last().at(0).toString(), QStringLiteral("Restored the unsaved edits"));
        QVERIFY(QFile::exists(path)); // still unsaved
        QVERIFY(second.tabs.saveCurrent());
        QVERIFY(!QFile::exists(path)); // saved: nothing left to keep
    }

    void discardedDraftsAreGone()
    {
        {
            Keeping first(*m_ws, data());
            RequestTab *tab = first.tabs.open(
                m_ws->model.requestIndex(m_ws->path(QStringLiteral("api.http")), 0));
            tab->takeEdits(RequestDefinition());
            first.keeper.write();
            QVERIFY(QFile::exists(first.keeper.path()));
        }
        Keeping second(*m_ws, data());
        QVERIFY(!second.bar.isHidden());
        second.keeper.discard();
        QVERIFY(second.bar.isHidden());
        QVERIFY(!QFile::exists(second.keeper.path()));
        QCOMPARE(second.tabs.count(), 0);
    }

    void withoutADataFolderNothingIsKept()
    {
        Keeping keeping(*m_ws, QString());
        QVERIFY(keeping.keeper.path().isEmpty());
        keeping.keeper.write(); // and nothing fails
        QVERIFY(!QDir(data()).exists());
    }
};

QTEST_MAIN(tst_DraftKeeper)
#include "tst_draftkeeper.moc"
