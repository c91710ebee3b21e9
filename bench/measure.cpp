// bench/measure: runs a command and prints what it cost, for bench/run.
//
//   measure COMMAND [ARGUMENTS…]
//
// Prints one line to standard error after the command ends:
//   measure: wall=1.234 user=1.100 sys=0.090 cpu=1.190 rss_kb=117392 status=0
// wall is the elapsed time (steady clock, from fork to exit), user and sys the CPU time of the
// command and the children it waited for (wait4), rss_kb its peak resident set
// (ru_maxrss, kilobytes on Linux). Exits with the command's status. The same numbers as
// /usr/bin/time -v, without needing it installed.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: measure COMMAND [ARGUMENTS…]\n");
        return 2;
    }
    auto started = std::chrono::steady_clock::now();
    pid_t child = fork();
    if (child < 0) {
        std::perror("measure: fork");
        return 2;
    }
    if (child == 0) {
        execvp(argv[1], argv + 1);
        std::fprintf(stderr, "measure: cannot run %s: %s\n", argv[1], std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage usage {};
    if (wait4(child, &status, 0, &usage) < 0) {
        std::perror("measure: wait4");
        return 2;
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double user = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
    double sys = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::fprintf(stderr, "measure: wall=%.3f user=%.3f sys=%.3f cpu=%.3f rss_kb=%ld status=%d\n",
                 wall, user, sys, user + sys, usage.ru_maxrss, code);
    return code;
}
