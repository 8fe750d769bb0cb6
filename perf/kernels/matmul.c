/* matmul.c - dense double-precision matrix multiply C = A * B (WasmJit perf kernel).
 *
 * Stresses: f64 multiply/add in tight nested loops, linear memory loads/stores,
 * loop-invariant code motion and (natively) auto-vectorisation.
 *
 * All matrix entries are small multiples of 1/8, so every product and every
 * partial sum is exactly representable in a double: the result is exact and
 * independent of evaluation order, FMA contraction or vectorisation, so the
 * checksum is identical on every conforming engine.
 */
#include <stdio.h>
#include <stdlib.h>

#define N      768   /* matrix dimension (N x N) */
#define ROUNDS 6     /* number of full multiplications */

static double *A, *B, *C;

static void init(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i * N + j] = (double)((i * 7 + j * 3) % 17 - 8) / 8.0;
            B[i * N + j] = (double)((i * 5 + j * 11) % 13 - 6) / 8.0;
        }
}

/* i-k-j order: the inner loop walks rows of B and C contiguously. */
static void multiply(const double *a, const double *b, double *c) {
    for (int i = 0; i < N * N; i++) c[i] = 0.0;
    for (int i = 0; i < N; i++) {
        double *ci = c + i * N;
        for (int k = 0; k < N; k++) {
            double aik = a[i * N + k];
            const double *bk = b + k * N;
            for (int j = 0; j < N; j++) ci[j] += aik * bk[j];
        }
    }
}

int main(void) {
    A = malloc(sizeof(double) * N * N);
    B = malloc(sizeof(double) * N * N);
    C = malloc(sizeof(double) * N * N);
    if (!A || !B || !C) { fprintf(stderr, "out of memory\n"); return 1; }
    init();

    double check = 0.0;
    for (int r = 0; r < ROUNDS; r++) {
        multiply(A, B, C);
        /* Weighted sum: still exact (weights 1..8, values multiples of 1/64). */
        double s = 0.0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                s += C[i * N + j] * (double)((i + 2 * j + r) % 8 + 1);
        check += s;
        /* Feed the result back so rounds are not identical: B[0][*] = C[r][*] / 64 (exact). */
        for (int j = 0; j < N; j++) B[j] = (double)(((long long)(C[r * N + j] * 64.0)) % 9) / 8.0;
    }
    printf("checksum: %.6f\n", check);
    free(A); free(B); free(C);
    return 0;
}
