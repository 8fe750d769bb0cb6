/* hello.c - minimal WASI command for decoder/interpreter tests (not a benchmark).
 *
 * Prints "hello, world", then argc and every argv entry, then the value of
 * the environment variable HELLO if it is set. Exits with status 0.
 *
 * Expected output of `hello.wasm a b` with HELLO=x:
 *   hello, world
 *   argc: 3
 *   argv[0]: hello.wasm      (whatever the host passes as argv[0])
 *   argv[1]: a
 *   argv[2]: b
 *   HELLO: x
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("hello, world\n");
    printf("argc: %d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]: %s\n", i, argv[i]);
    const char *h = getenv("HELLO");
    if (h) printf("HELLO: %s\n", h);
    return 0;
}
