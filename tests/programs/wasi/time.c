// time.c - clocks, sleeping, poll_oneoff and random_get. Times differ between runs, so it prints facts about them
// (is the clock plausible, did the sleep last long enough, ...) rather than the times themselves.
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t c) {
    struct timespec t;
    if (clock_gettime(c, &t) != 0) return -1;
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void) {
    long long real = ns(CLOCK_REALTIME);
    printf("realtime after 2020 and before 2100: %d\n", real > 1577836800LL * 1000000000LL && real < 4102444800LL * 1000000000LL);
    long long t0 = ns(CLOCK_MONOTONIC);
    long long t1 = ns(CLOCK_MONOTONIC);
    printf("monotonic does not go back: %d\n", t1 >= t0);
    struct timespec res;
    printf("monotonic resolution positive: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0));
    printf("process cputime readable: %d\n", ns(CLOCK_PROCESS_CPUTIME_ID) >= 0);

    struct timespec req = {0, 30 * 1000000};
    t0 = ns(CLOCK_MONOTONIC);
    nanosleep(&req, NULL);
    t1 = ns(CLOCK_MONOTONIC);
    printf("nanosleep 30ms lasted at least 30ms: %d\n", t1 - t0 >= 30000000LL);

    t0 = ns(CLOCK_MONOTONIC);
    int rc = poll(NULL, 0, 20);
    t1 = ns(CLOCK_MONOTONIC);
    printf("poll timeout: rc %d, lasted at least 20ms: %d\n", rc, t1 - t0 >= 20000000LL);

    struct pollfd fds[2] = {{.fd = 1, .events = POLLOUT}, {.fd = 0, .events = POLLIN}};
    rc = poll(fds, 2, 1000);
    printf("poll stdout writable + stdin readable: rc %d, stdout %d, stdin %d\n", rc,
           (fds[0].revents & POLLOUT) != 0, (fds[1].revents & POLLIN) != 0);
    char line[64] = {0};
    ssize_t n = read(0, line, sizeof line - 1);
    printf("then read stdin: %zd bytes\n", n);

    unsigned char a[32], b[32], zero[32] = {0};
    printf("getentropy: %d %d\n", getentropy(a, sizeof a), getentropy(b, sizeof b));
    printf("random not all zero: %d, two draws differ: %d\n", memcmp(a, zero, 32) != 0, memcmp(a, b, 32) != 0);
    printf("getentropy over 256 bytes fails: %d\n", getentropy(a, 300) != 0);
    return 0;
}
