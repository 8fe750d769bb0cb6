/* nbody.c - gravitational N-body simulation, leapfrog integration (WasmJit perf kernel).
 *
 * Stresses: f64 arithmetic with sqrt and division, small arrays of structs
 * in linear memory, a hot O(NB^2) pair loop.
 *
 * Bodies start on a deterministic pseudo-random configuration with a
 * softened potential. Only IEEE-754 basic operations and sqrt (both
 * correctly rounded) are used, evaluated in source order, so the result is
 * bit-identical on every conforming engine. The checksum is a 64-bit
 * FNV-1a digest of the exact bits of the final positions/velocities and of
 * the initial and final total energy.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define NB    16        /* number of bodies */
#define STEPS 1600000   /* integration steps */
#define DT    0.001     /* time step */
#define EPS2  0.01      /* softening length squared */

typedef struct { double x, y, z, vx, vy, vz, m; } Body;

static Body b[NB];

static uint32_t rng = 12345u;
static double rnd(void) {  /* LCG, value in [-1, 1) with 24 random bits: exact */
    rng = rng * 1664525u + 1013904223u;
    return (double)(rng >> 8) / 8388608.0 - 1.0;
}

static void init(void) {
    double px = 0, py = 0, pz = 0, mt = 0;
    for (int i = 0; i < NB; i++) {
        b[i].x = rnd() * 4.0; b[i].y = rnd() * 4.0; b[i].z = rnd() * 1.0;
        b[i].vx = rnd() * 0.3; b[i].vy = rnd() * 0.3; b[i].vz = rnd() * 0.1;
        b[i].m = 0.5 + (rnd() + 1.0) * 0.5;
        px += b[i].m * b[i].vx; py += b[i].m * b[i].vy; pz += b[i].m * b[i].vz;
        mt += b[i].m;
    }
    /* Remove net momentum so the system stays centred. */
    for (int i = 0; i < NB; i++) { b[i].vx -= px / mt; b[i].vy -= py / mt; b[i].vz -= pz / mt; }
}

static double energy(void) {
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz + EPS2);
        }
    }
    return e;
}

/* Kick velocities by h * acceleration. */
static void kick(double h) {
    for (int i = 0; i < NB; i++) {
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz + EPS2;
            double inv = 1.0 / (d2 * sqrt(d2));
            double fi = h * b[j].m * inv, fj = h * b[i].m * inv;
            b[i].vx -= dx * fi; b[i].vy -= dy * fi; b[i].vz -= dz * fi;
            b[j].vx += dx * fj; b[j].vy += dy * fj; b[j].vz += dz * fj;
        }
    }
}

static void drift(double h) {
    for (int i = 0; i < NB; i++) { b[i].x += h * b[i].vx; b[i].y += h * b[i].vy; b[i].z += h * b[i].vz; }
}

int main(void) {
    init();
    double e0 = energy();
    kick(0.5 * DT);
    for (int s = 0; s < STEPS; s++) {
        drift(DT);
        kick(s + 1 < STEPS ? DT : 0.5 * DT);
    }
    double e1 = energy();
    /* Digest of the exact bits of the final state and energies (FNV-1a over 64-bit words). */
    double vals[NB * 6 + 2];
    int n = 0;
    for (int i = 0; i < NB; i++) {
        vals[n++] = b[i].x;  vals[n++] = b[i].y;  vals[n++] = b[i].z;
        vals[n++] = b[i].vx; vals[n++] = b[i].vy; vals[n++] = b[i].vz;
    }
    vals[n++] = e0;
    vals[n++] = e1;
    uint64_t h = 1469598103934665603ull;
    for (int k = 0; k < n; k++) {
        union { double d; uint64_t u; } c = { vals[k] };
        h = (h ^ c.u) * 1099511628211ull;
    }
    printf("checksum: %016llx\n", (unsigned long long)h);
    return 0;
}
