#pragma once

// Ports on 127.0.0.1 for servers a test starts in another process (nginx, Node, Python).
namespace LocalPorts {

// A port nothing listens on right now (the kernel's pick, released at once).
int freePort();
// Waits (up to about 25 s) until something accepts connections on the port.
bool waitUntilAccepting(int port);

} // namespace LocalPorts
