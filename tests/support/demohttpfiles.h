#pragma once

namespace mr {

// Adds a data row "demo NAME" with the bytes of every .http file of the bundled demo
// workspace to the current test's "bytes" column (a QByteArray).
void addDemoHttpFileRows();

} // namespace mr
