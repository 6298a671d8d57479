#pragma once

#include <QString>

namespace mr {

class MainWindow;

// Clicks the request of that name in the window's workspace tree and waits for its tab;
// a test failure when the tree has no such request.
void clickRequest(MainWindow *window, const QString &name);

// The line above the response (why a request was not sent, what its body was).
QString responseMessage(const MainWindow *window);

} // namespace mr
