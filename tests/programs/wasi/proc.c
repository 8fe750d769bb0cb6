// proc.c - arguments, environment, standard error and exit codes. argv[1] selects what to do:
//   args         print argc and every argument
//   env          print the environment, sorted, and getenv of a few names
//   exit N       print a line on stdout and one on stderr, then exit(N)
//   trap         print a line, then execute `unreachable`
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: proc args|env|exit N|trap\n"); return 2; }
    if (!strcmp(argv[1], "args")) {
        printf("argc: %d\n", argc);
        for (int i = 0; i < argc; i++) printf("argv[%d]: [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
        return 0;
    }
    if (!strcmp(argv[1], "env")) {
        int n = 0;
        while (environ[n]) n++;
        char **copy = malloc(sizeof(char *) * (n + 1));
        memcpy(copy, environ, sizeof(char *) * n);
        qsort(copy, n, sizeof copy[0], cmp);
        printf("count: %d\n", n);
        for (int i = 0; i < n; i++) printf("%s\n", copy[i]);
        const char *names[] = {"HOME", "GREETING", "EMPTY", "UNSET"};
        for (int i = 0; i < 4; i++) {
            const char *v = getenv(names[i]);
            printf("getenv(%s): %s\n", names[i], v ? v : "(null)");
        }
        return 0;
    }
    if (!strcmp(argv[1], "exit") && argc > 2) {
        printf("exiting with %s\n", argv[2]);
        fprintf(stderr, "to stderr before exit\n");
        fflush(stdout);
        exit(atoi(argv[2]));
    }
    if (!strcmp(argv[1], "trap")) {
        printf("about to trap\n");
        fflush(stdout);
        __builtin_trap();
    }
    fprintf(stderr, "unknown command %s\n", argv[1]);
    return 2;
}
