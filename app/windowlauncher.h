#pragma once

// The window is an executable of its own (microrequests-window), so that `microrequests` and
// its headless commands never map Qt Widgets or Gui. `microrequests [PATH]` hands the process
// to it with execv(), the same arguments (argv[0] too: its messages name `microrequests`).
// It is looked for next to this executable first (the build tree, or an install that keeps
// both in one folder), then in libexec, relative to this executable, then at the install
// prefix's.
class WindowLauncher
{
public:
    // Returns only when the window could not be started (after saying why): the exit status.
    static int exec(char *argv[]);
};
