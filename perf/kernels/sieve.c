/* sieve.c - sieve of Eratosthenes (WasmJit perf kernel).
 *
 * Stresses: byte stores with large strides over a big linear-memory array
 * (cache/TLB pressure, memory.grow via malloc), simple counting loops.
 *
 * The sieve over [0, LIMIT) is run ROUNDS times (the array is cleared each
 * time). The checksum mixes the prime count, the sum of all primes and the
 * largest prime found.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT  40000000u  /* sieve numbers below this (one byte each) */
#define ROUNDS 6          /* how many times the whole sieve is run */

int main(void) {
    uint8_t *composite = malloc(LIMIT);
    if (!composite) { fprintf(stderr, "out of memory\n"); return 1; }

    uint64_t check = 0;
    for (int r = 0; r < ROUNDS; r++) {
        memset(composite, 0, LIMIT);
        composite[0] = composite[1] = 1;
        for (uint32_t i = 2; (uint64_t)i * i < LIMIT; i++) {
            if (composite[i]) continue;
            for (uint32_t j = i * i; j < LIMIT; j += i) composite[j] = 1;
        }
        uint64_t count = 0, sum = 0, largest = 0;
        for (uint32_t i = 0; i < LIMIT; i++) {
            if (!composite[i]) { count++; sum += i; largest = i; }
        }
        check = check * 1000003u + count;
        check = check * 1000003u + sum;
        check = check * 1000003u + largest;
    }
    printf("checksum: %llu\n", (unsigned long long)check);
    free(composite);
    return 0;
}
