#pragma once

#include <QString>

namespace mr {

// A pinned npm peer (httpyac, newman) that interop and differential tests run against, as
// scripts/npm-peers installs it into $MR_NPM_BIN. Without Node there is nothing to run, and a
// test skips; with Node, a missing peer is the set-up's fault, and a test fails saying how to
// install it.
struct NpmPeer {
    enum class Status { Ready, NoNode, Missing };

    Status status = Status::Missing;
    QString path;    // the executable, when Ready
    QString message; // why not, and what to do

    // `checkNode`: skip without node and npm (otherwise their absence counts as Missing).
    static NpmPeer find(const QString &tool, bool checkNode = true);
};

} // namespace mr
