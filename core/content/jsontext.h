#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Scanning raw JSON text without parsing it into values: how JsonPath answers on a large body
// by pointing into its bytes. The text is assumed valid JSON (formatting checked it first).
namespace mr::JsonText {

bool isSpace(char c);
const char *skipSpace(const char *p, const char *end);
// p at the opening quote; returns the position after the closing one.
const char *skipString(const char *p, const char *end);
// The end of the (valid) value starting at p.
const char *skipValue(const char *p, const char *end);
// The UTF-8 content of a JSON string literal (quotes included in raw).
QByteArray decodeString(QByteArrayView raw);

} // namespace mr::JsonText
