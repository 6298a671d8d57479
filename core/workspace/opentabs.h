#pragma once

#include <QList>
#include <QString>

class QSettings;

namespace mr {

// The requests a window had open in a workspace, kept with QSettings so the next start (or
// the next time the workspace is opened) shows them again. A request is found again by its
// file and index, or by its name when requests above it were added or removed.
struct OpenTabs {
    struct Tab {
        QString file;   // relative to the workspace root
        int index = -1; // of the request in its file
        QString name;   // the request's name when it was open ("" for unnamed ones)
        friend bool operator==(const Tab &a, const Tab &b)
        {
            return a.file == b.file && a.index == b.index && a.name == b.name;
        }
    };
    QList<Tab> tabs;
    int current = -1;
    QString environment; // the environment picked in this workspace

    static OpenTabs load(QSettings &settings, const QString &root);
    static void save(QSettings &settings, const QString &root, const OpenTabs &open);
};

} // namespace mr
