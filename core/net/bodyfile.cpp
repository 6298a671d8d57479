#include "bodyfile.h"

#include <QFile>

namespace mr {

BodyFile::~BodyFile()
{
    QFile::remove(m_path);
}

} // namespace mr
