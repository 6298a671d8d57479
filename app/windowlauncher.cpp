#include "windowlauncher.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

// The folder of the running executable (/proc/self/exe: symbolic links resolved), or empty.
static std::string ownFolder()
{
    char path[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", path, sizeof path);
    if (length <= 0 || length >= static_cast<ssize_t>(sizeof path))
        return {};
    const std::string file(path, static_cast<size_t>(length));
    return file.substr(0, file.rfind('/'));
}

int WindowLauncher::exec(char *argv[])
{
    const std::string name = MR_WINDOW_EXECUTABLE;
    std::vector<std::string> candidates;
    const std::string folder = ownFolder();
    if (!folder.empty()) {
        candidates.push_back(folder + '/' + name);
        candidates.push_back(folder + '/' + MR_WINDOW_FROM_BINDIR + '/' + name);
    }
    const std::string installed = std::string(MR_WINDOW_INSTALL_DIR) + '/' + name;
    if (candidates.empty() || candidates.back() != installed)
        candidates.push_back(installed);

    for (const std::string &candidate : candidates) {
        execv(candidate.c_str(), argv);
        if (errno != ENOENT && errno != ENOTDIR) {
            std::fprintf(stderr, "microrequests: cannot start the window (%s): %s\n",
                         candidate.c_str(), std::strerror(errno));
            return 1;
        }
    }
    std::fprintf(stderr, "microrequests: the window is not installed; looked for:\n");
    for (const std::string &candidate : candidates)
        std::fprintf(stderr, "  %s\n", candidate.c_str());
    std::fprintf(stderr, "The commands run, bench, import, export and demo-server work without it "
                         "(microrequests --help).\n");
    return 1;
}
