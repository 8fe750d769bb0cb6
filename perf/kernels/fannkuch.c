/* fannkuch.c - pancake-flip counting over all permutations (WasmJit perf kernel).
 *
 * Stresses: small-array integer work with unpredictable branches, array
 * reversal, permutation generation (Heap's algorithm, iterative).
 *
 * For every permutation p of {0..N-1}: repeatedly reverse the first p[0]+1
 * elements until p[0] == 0, counting the reversals ("flips"). We report the
 * maximum flip count and a signed sum of flip counts (+ for even
 * permutations, - for odd); both are independent of enumeration order.
 * Each round starts Heap's algorithm from a different rotation of the
 * identity, so the visiting order differs but the results must agree (this
 * is checked).
 */
#include <stdio.h>

#define N      10  /* permutation length: N! permutations per round */
#define ROUNDS 4   /* rounds, each enumerating from a different start permutation */

static int count_flips(const int *perm) {
    int a[N];
    for (int i = 0; i < N; i++) a[i] = perm[i];
    int flips = 0;
    int first = a[0];
    while (first != 0) {
        /* reverse a[0..first] */
        int lo = 0, hi = first;
        while (lo < hi) { int t = a[lo]; a[lo] = a[hi]; a[hi] = t; lo++; hi--; }
        flips++;
        first = a[0];
    }
    return flips;
}

typedef struct { long long signed_sum, perms; int max_flips; } Result;

static Result run(int rot) {
    int perm[N], c[N];
    for (int i = 0; i < N; i++) { perm[i] = (i + rot) % N; c[i] = 0; }

    Result res = { 0, 0, 0 };
    /* A rotation by rot is rot * (N - 1) transpositions. */
    int parity = (rot * (N - 1)) & 1;

    int f = count_flips(perm);
    res.signed_sum += parity ? -f : f;
    res.max_flips = f;
    res.perms++;

    /* Heap's algorithm: every step is one swap, so the parity alternates. */
    int i = 1;
    while (i < N) {
        if (c[i] < i) {
            int j = (i & 1) ? c[i] : 0;
            int t = perm[j]; perm[j] = perm[i]; perm[i] = t;
            parity ^= 1;
            f = count_flips(perm);
            res.signed_sum += parity ? -f : f;
            if (f > res.max_flips) res.max_flips = f;
            res.perms++;
            c[i]++;
            i = 1;
        } else {
            c[i] = 0;
            i++;
        }
    }
    return res;
}

int main(void) {
    Result first = run(0);
    for (int r = 1; r < ROUNDS; r++) {
        Result x = run(r);
        if (x.signed_sum != first.signed_sum || x.max_flips != first.max_flips || x.perms != first.perms) {
            fprintf(stderr, "round %d disagrees: %lld:%d:%lld\n", r, x.signed_sum, x.max_flips, x.perms);
            return 1;
        }
    }
    printf("checksum: %lld:%d:%lld\n", first.signed_sum, first.max_flips, first.perms);
    return 0;
}
