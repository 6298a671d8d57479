#include "windowclicks.h"

#include "mainwindow.h"
#include "requesttab.h"
#include "responseview.h"
#include "workspacepanel.h"

#include <QLabel>
#include <QTest>
#include <QTreeView>

namespace mr {

void clickRequest(MainWindow *window, const QString &name)
{
    QTreeView *tree = window->workspacePanel()->view();
    const QModelIndexList found =
        tree->model()->match(tree->model()->index(0, 0), Qt::DisplayRole, name, 1,
                             Qt::MatchExactly | Qt::MatchRecursive);
    QVERIFY2(!found.isEmpty(), qPrintable(name));
    tree->scrollTo(found.first());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                      tree->visualRect(found.first()).center());
    QTRY_COMPARE(window->currentTab()->title(), name);
}

QString responseMessage(const MainWindow *window)
{
    return window->responseView()->findChild<QLabel *>(QStringLiteral("responseMessage"))->text();
}

} // namespace mr
