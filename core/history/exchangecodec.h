#pragma once

#include "net/attempt.h"

#include <QByteArray>
#include <QList>

namespace mr {

// The parts of an Exchange that the history keeps as JSON text in one column: header lists
// and attempts. Header bytes are kept as Latin-1 so any byte comes back as it was. Reading
// what is not valid gives empty values, never a crash (the columns are ours, but a database
// can be edited by hand).
class ExchangeCodec
{
public:
    static QByteArray headersToJson(const HttpHeaders &headers);
    static HttpHeaders headersFromJson(const QByteArray &json);
    static QByteArray attemptsToJson(const QList<Attempt> &attempts);
    static QList<Attempt> attemptsFromJson(const QByteArray &json);
};

} // namespace mr
