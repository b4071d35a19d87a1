// saltant-deploy, the program that opens the window. It links nothing but the C library, so that it starts at once:
// while the dynamic loader maps and relocates Qt and the window (saltant-deploy-gui.so), about half of the time to
// the first paint, a second thread reads fontconfig's configuration, which Qt would otherwise read on the main
// thread at the window's first text (FcInit(): 24 M instructions, a quarter of all before the first paint). Then it
// calls the window's main(). Plain C++ without its library (no strings, no threads of <thread>): every library this
// program needs is searched first for every symbol the window's libraries look up while they load.
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <pthread.h>
#include <unistd.h>

namespace {

const char ModuleName[] = "saltant-deploy-gui.so";

// Fontconfig's FcInit(), or null. Fontconfig is loaded local: the window's libraries, which need it, find this copy
// by its name, and it is not searched for their other symbols. Loaded before the window, on this thread: a second
// thread's dlopen() would wait for the window's to finish.
using FcInit = int (*)();
FcInit fontconfigInit()
{
    void* fontconfig = dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_LOCAL);
    return fontconfig ? reinterpret_cast<FcInit>(dlsym(fontconfig, "FcInit")) : nullptr;
}

void* readFontConfiguration(void* init)
{
    reinterpret_cast<FcInit>(init)();
    return nullptr;
}

// Loads the window's module: next to this program (the build tree), then where `cmake --install` and the package
// put it, like the deploy module (window/RemoteModule.cpp). Global, so that the deploy module, loaded later,
// resolves the core and the widgets against this copy. Null, with what was tried in ERRORS, if neither loads.
void* loadWindow(char* errors, std::size_t size)
{
    char program[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", program, sizeof program - 1);
    program[length > 0 ? length : 0] = '\0';
    char* slash = std::strrchr(program, '/');
    const char* directory = slash ? (*slash = '\0', program) : ".";
    std::size_t used = 0;
    static const char* const places[] = {"/", "/../lib/saltant-deploy/"};
    for (const char* place : places) {
        char path[PATH_MAX + sizeof ModuleName + 32];
        std::snprintf(path, sizeof path, "%s%s%s", directory, place, ModuleName);
        if (access(path, F_OK) != 0) {
            used += std::snprintf(errors + used, size - used, "\n  %s: %s", path, std::strerror(errno));
        } else if (void* module = dlopen(path, RTLD_LAZY | RTLD_GLOBAL)) {
            return module;
        } else {
            used += std::snprintf(errors + used, size - used, "\n  %s", dlerror());
        }
        if (used >= size) {
            used = size - 1;
        }
    }
    return nullptr;
}

} // namespace

int main(int argc, char* argv[])
{
    pthread_t fonts;
    const FcInit init = fontconfigInit();
    const bool reading =
        init && pthread_create(&fonts, nullptr, readFontConfiguration, reinterpret_cast<void*>(init)) == 0;
    char errors[4 * PATH_MAX] = "";
    void* window = loadWindow(errors, sizeof errors);
    if (reading) {
        pthread_join(fonts, nullptr);
    }
    if (!window) {
        std::fprintf(stderr,
                     "saltant-deploy: the window could not be loaded:%s\nReinstall Saltant Deploy, or build the target "
                     "saltant-deploy-gui.\n",
                     errors);
        return 1;
    }
    using Main = int (*)(int, char**);
    const auto windowMain = reinterpret_cast<Main>(dlsym(window, "saltant_deploy_gui_main"));
    if (!windowMain) {
        std::fprintf(stderr, "saltant-deploy: %s does not fit this program: %s\nReinstall Saltant Deploy.\n",
                     ModuleName, dlerror());
        return 1;
    }
    return windowMain(argc, argv);
}
