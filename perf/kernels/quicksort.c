/* quicksort.c - in-place quicksort of a PRNG-generated int array (WasmJit perf kernel).
 *
 * Stresses: recursion, unpredictable compare branches, i32 loads/stores and
 * swaps in linear memory, insertion sort for short ranges.
 *
 * An array of N 32-bit ints from a xorshift32 generator is sorted ROUNDS
 * times (regenerated with a different seed each round). The result is
 * verified to be sorted and to have the same element sum as the input; the
 * checksum is a position-weighted hash of the sorted arrays.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N      2000000  /* elements per array */
#define ROUNDS 6        /* arrays generated and sorted */
#define CUTOFF 16       /* ranges shorter than this use insertion sort */

static void insertion_sort(int32_t *a, long lo, long hi) {
    for (long i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static inline void swap(int32_t *a, long i, long j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; }

/* Sorts a[lo..hi] (inclusive). Recurses on the smaller side, loops on the larger. */
static void quicksort(int32_t *a, long lo, long hi) {
    while (hi - lo + 1 >= CUTOFF) {
        /* median of three -> a[mid] */
        long mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) swap(a, mid, lo);
        if (a[hi] < a[lo]) swap(a, hi, lo);
        if (a[hi] < a[mid]) swap(a, hi, mid);
        int32_t pivot = a[mid];
        /* Hoare partition */
        long i = lo - 1, j = hi + 1;
        for (;;) {
            do i++; while (a[i] < pivot);
            do j--; while (a[j] > pivot);
            if (i >= j) break;
            swap(a, i, j);
        }
        if (j - lo < hi - j) { quicksort(a, lo, j); lo = j + 1; }
        else                 { quicksort(a, j + 1, hi); hi = j; }
    }
    insertion_sort(a, lo, hi);
}

int main(void) {
    int32_t *a = malloc(sizeof(int32_t) * N);
    if (!a) { fprintf(stderr, "out of memory\n"); return 1; }

    uint64_t check = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint32_t s = 2463534242u + (uint32_t)r * 2654435761u;  /* xorshift32 seed, non-zero */
        int64_t sum_in = 0;
        for (long i = 0; i < N; i++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            /* odd rounds use a narrow range to produce many duplicates */
            a[i] = (r & 1) ? (int32_t)(s % 1000u) - 500 : (int32_t)s;
            sum_in += a[i];
        }
        quicksort(a, 0, N - 1);

        int64_t sum_out = 0;
        for (long i = 0; i < N; i++) {
            sum_out += a[i];
            if (i > 0 && a[i - 1] > a[i]) { fprintf(stderr, "not sorted at %ld\n", i); return 1; }
        }
        if (sum_in != sum_out) { fprintf(stderr, "sum mismatch\n"); return 1; }

        for (long i = 0; i < N; i += 7) check = check * 31u + (uint32_t)a[i] * (uint64_t)(i + 1);
    }
    printf("checksum: %llu\n", (unsigned long long)check);
    free(a);
    return 0;
}
