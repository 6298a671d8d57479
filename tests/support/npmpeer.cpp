#include "npmpeer.h"

#include <QFile>
#include <QStandardPaths>

namespace mr {

NpmPeer NpmPeer::find(const QString &tool, bool checkNode)
{
    NpmPeer peer;
    if (checkNode && (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty() ||
                      QStandardPaths::findExecutable(QStringLiteral("npm")).isEmpty())) {
        peer.status = Status::NoNode;
        peer.message = QStringLiteral("node and npm are not installed (Debian: apt-get install "
                                      "nodejs npm), so %1 cannot run here")
                           .arg(tool);
        return peer;
    }
    peer.path = qEnvironmentVariable("MR_NPM_BIN") + QLatin1Char('/') + tool;
    if (!QFile::exists(peer.path)) {
        peer.status = Status::Missing;
        peer.message = QStringLiteral("%1 is missing: run `ctest -R npm_peers` or "
                                      "scripts/npm-peers build/npm-peers (it installs the pinned "
                                      "%2)")
                           .arg(peer.path, tool);
        return peer;
    }
    peer.status = Status::Ready;
    return peer;
}

} // namespace mr
