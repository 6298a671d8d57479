// `make bench`: how long opening a workspace takes — reading and parsing every .http file and
// the environments (Workspace::load), then building the tree the window shows
// (WorkspaceModel). Prints one JSON object. Usage: bench_workspaceload FOLDER [RUNS]
#include "workspace/workspace.h"
#include "workspace/workspacemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_workspaceload FOLDER [RUNS]\n");
        return 2;
    }
    const QString folder = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    QList<double> times;
    qsizetype requests = 0;
    qsizetype files = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const mr::Workspace workspace = mr::Workspace::load(folder);
        mr::WorkspaceModel model;
        model.setWorkspace(workspace);
        times.append(double(timer.nsecsElapsed()) / 1e6);
        files = workspace.files().size();
        requests = 0;
        for (const mr::HttpFile &file : workspace.files())
            requests += file.requests.size();
    }
    std::sort(times.begin(), times.end());
    const QJsonObject result{{"best_ms", times.first()},
                             {"median_ms", times.at(times.size() / 2)},
                             {"requests", qint64(requests)},
                             {"files", qint64(files)}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
