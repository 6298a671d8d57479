#pragma once

// How many file descriptors this process has open (/proc/self/fd).
int openFileDescriptors();

// The count once sockets being closed in other threads (the engine's, a server's) are
// closed: the same count for 300 ms, processing events meanwhile; at most 10 s.
int settledFileDescriptors();
