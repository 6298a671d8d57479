#pragma once

#include <QString>

namespace mr {

// A response body that outgrew the memory limit, in a temporary file, and the file's lifetime:
// it is removed when the last holder lets go. The reply that writes it and every copy of the
// Exchange that names it hold one (through a std::shared_ptr, whose count is atomic: Exchanges
// are copied across threads, into views, models and the history), so "Save body…", the history
// and the formatter still find the file after the reply is gone.
class BodyFile
{
public:
    explicit BodyFile(const QString &path)
        : m_path(path)
    {}
    ~BodyFile();
    BodyFile(const BodyFile &) = delete;
    BodyFile &operator=(const BodyFile &) = delete;

    const QString &path() const { return m_path; }

private:
    QString m_path;
};

} // namespace mr
