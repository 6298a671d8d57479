#pragma once

#include <QByteArray>

namespace mr {
struct HttpRequest;
} // namespace mr

// The bytes a resolved request sends as its body: the body itself, or, when it streams from
// files (bodyParts), those parts read in order — what a test compares with what it expects.
QByteArray bodyBytes(const mr::HttpRequest &request);
