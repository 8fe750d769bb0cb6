/* fib.c - naive doubly-recursive Fibonacci (WasmJit perf kernel).
 *
 * Stresses: function call/return overhead, call-stack depth, tiny function
 * bodies (prologue/epilogue cost), branch on a small integer.
 *
 * fib() is marked noinline, tail-recursion elimination is disabled for it
 * (otherwise both GCC and clang turn one of the two calls into a loop with an
 * accumulator) and its argument comes from a volatile so the compiler cannot
 * fold the computation: every one of the ~2*fib(N) calls is a real call.
 * The checksum is fib(N) plus the total number of calls made.
 */
#include <stdint.h>
#include <stdio.h>

#define N      39  /* fib(N) is computed recursively: about 2*fib(N+1) calls per round */
#define ROUNDS 3   /* times fib(N) is recomputed */

static uint64_t calls;

#if defined(__clang__)
#define KERNEL_ATTR __attribute__((noinline, disable_tail_calls))
#elif defined(__GNUC__)
#define KERNEL_ATTR __attribute__((noinline, optimize("no-optimize-sibling-calls")))
#else
#define KERNEL_ATTR
#endif

KERNEL_ATTR static uint32_t fib(uint32_t n) {
    calls++;
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void) {
    volatile uint32_t n = N;
    uint32_t r = 0;
    for (int i = 0; i < ROUNDS; i++) r = fib(n);
    printf("checksum: %u:%llu\n", r, (unsigned long long)calls);
    return 0;
}
