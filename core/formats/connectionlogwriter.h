#pragma once

#include "workspace/secretredactor.h"

#include <QString>

#include <functional>

namespace mr {

class ConnectionLog;

// What a HAR export masks secrets with, asked when it writes (the window's choice and its
// environment's secrets); without one, the built-in rules.
using SecretsProvider = std::function<SecretRedactor()>;

// Writes what a ConnectionLog holds — its exchanges as HAR 1.2, its summary as CSV — for the
// Connections view's session and for each of its runs. Writes are atomic; a failure says
// "path: reason". HAR has the exchanges' secrets masked (SecretRedactor).
class ConnectionLogWriter
{
public:
    enum class Format { Har, Csv };

    static bool write(const ConnectionLog &log, Format format, const QString &path, QString *error,
                      const SecretsProvider &secrets = {});
};

} // namespace mr
