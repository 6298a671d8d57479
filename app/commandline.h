#pragma once

class QCommandLineParser;

// What `microrequests` says about itself without a display: its name and version, the list of
// commands and the window's options. Gui-free, so the headless executable prints --help and
// --version itself; the window's executable parses its arguments with the same options.
class CommandLine
{
public:
    // The application's name, organisation (where QSettings and the data folder live) and
    // version.
    static void describeApplication();
    // `microrequests [--env NAME] [PATH]`, the commands, --help and --version.
    static void describeWindowOptions(QCommandLineParser &parser);
};
