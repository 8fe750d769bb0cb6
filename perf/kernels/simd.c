/* simd.c - 128-bit SIMD kernel: f32x4 saxpy + dot product, i32x4 hash mixing
 * (WasmJit perf kernel).
 *
 * Stresses: wasm SIMD (v128 load/store, f32x4 add/mul/splat/extract_lane,
 * i32x4 add/mul/xor/shl/shr_u/gt_u, shuffle, bitselect) when built with
 * -msimd128. Without wasm SIMD (e.g. the native gcc build) the same
 * lane-wise operations are written with GCC/clang vector extensions.
 *
 * Both variants perform exactly the same IEEE-754 single-precision
 * operations per lane in the same order (the horizontal sum is always
 * (l0 + l1) + (l2 + l3)), so the checksum is bit-identical everywhere.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LEN       4096   /* floats per array (multiple of 4; 16 KiB, cache-resident) */
#define F_ROUNDS  750000 /* saxpy + dot passes over the arrays */
#define I_LEN     1024   /* u32 words in the integer mixing buffer (multiple of 4) */
#define I_ROUNDS  130000 /* integer mixing passes */

#ifdef __wasm_simd128__
#include <wasm_simd128.h>

typedef v128_t f4;
typedef v128_t u4;
static inline f4 f4_load(const float *p) { return wasm_v128_load(p); }
static inline void f4_store(float *p, f4 v) { wasm_v128_store(p, v); }
static inline f4 f4_splat(float x) { return wasm_f32x4_splat(x); }
static inline f4 f4_add(f4 a, f4 b) { return wasm_f32x4_add(a, b); }
static inline f4 f4_mul(f4 a, f4 b) { return wasm_f32x4_mul(a, b); }
static inline float f4_hsum(f4 v) {
    return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
           (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}
static inline u4 u4_load(const uint32_t *p) { return wasm_v128_load(p); }
static inline void u4_store(uint32_t *p, u4 v) { wasm_v128_store(p, v); }
static inline u4 u4_splat(uint32_t x) { return wasm_i32x4_splat((int32_t)x); }
static inline u4 u4_add(u4 a, u4 b) { return wasm_i32x4_add(a, b); }
static inline u4 u4_mul(u4 a, u4 b) { return wasm_i32x4_mul(a, b); }
static inline u4 u4_xor(u4 a, u4 b) { return wasm_v128_xor(a, b); }
static inline u4 u4_shl(u4 a, int n) { return wasm_i32x4_shl(a, n); }
static inline u4 u4_shr(u4 a, int n) { return wasm_u32x4_shr(a, n); }
static inline u4 u4_gt(u4 a, u4 b) { return wasm_u32x4_gt(a, b); }
static inline u4 u4_select(u4 mask, u4 a, u4 b) { return wasm_v128_bitselect(a, b, mask); }
static inline u4 u4_rot_lanes(u4 a) { return wasm_i32x4_shuffle(a, a, 1, 2, 3, 0); }
static inline uint32_t u4_lane(u4 v, int i) {
    switch (i) {
    case 0: return (uint32_t)wasm_i32x4_extract_lane(v, 0);
    case 1: return (uint32_t)wasm_i32x4_extract_lane(v, 1);
    case 2: return (uint32_t)wasm_i32x4_extract_lane(v, 2);
    default: return (uint32_t)wasm_i32x4_extract_lane(v, 3);
    }
}

#else /* portable: GCC/clang vector extensions */

typedef float f4 __attribute__((vector_size(16)));
typedef uint32_t u4 __attribute__((vector_size(16)));
static inline f4 f4_load(const float *p) { f4 v; memcpy(&v, p, sizeof v); return v; }
static inline void f4_store(float *p, f4 v) { memcpy(p, &v, sizeof v); }
static inline f4 f4_splat(float x) { f4 v = { x, x, x, x }; return v; }
static inline f4 f4_add(f4 a, f4 b) { return a + b; }
static inline f4 f4_mul(f4 a, f4 b) { return a * b; }
static inline float f4_hsum(f4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }
static inline u4 u4_load(const uint32_t *p) { u4 v; memcpy(&v, p, sizeof v); return v; }
static inline void u4_store(uint32_t *p, u4 v) { memcpy(p, &v, sizeof v); }
static inline u4 u4_splat(uint32_t x) { u4 v = { x, x, x, x }; return v; }
static inline u4 u4_add(u4 a, u4 b) { return a + b; }
static inline u4 u4_mul(u4 a, u4 b) { return a * b; }
static inline u4 u4_xor(u4 a, u4 b) { return a ^ b; }
static inline u4 u4_shl(u4 a, int n) { return a << n; }
static inline u4 u4_shr(u4 a, int n) { return a >> n; }
static inline u4 u4_gt(u4 a, u4 b) { return (u4)(a > b); }
static inline u4 u4_select(u4 mask, u4 a, u4 b) { return (a & mask) | (b & ~mask); }
static inline u4 u4_rot_lanes(u4 a) { u4 r = { a[1], a[2], a[3], a[0] }; return r; }
static inline uint32_t u4_lane(u4 v, int i) { return v[i]; }
#endif

static float xs[LEN], ys[LEN];
static uint32_t words[I_LEN];

static uint64_t fnv(uint64_t h, uint32_t v) { return (h ^ v) * 1099511628211ull; }
static uint32_t float_bits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }

/* y = a*x + 0.5*y, then return dot(x, y). Lane-wise: identical in both variants. */
static float saxpy_dot(float a) {
    f4 va = f4_splat(a), half = f4_splat(0.5f), acc = f4_splat(0.0f);
    for (int i = 0; i < LEN; i += 4) {
        f4 x = f4_load(xs + i);
        f4 y = f4_add(f4_mul(va, x), f4_mul(half, f4_load(ys + i)));
        f4_store(ys + i, y);
        acc = f4_add(acc, f4_mul(x, y));
    }
    return f4_hsum(acc);
}

/* One mixing pass over the integer buffer; returns the running lane state. */
static u4 mix_pass(u4 state) {
    const u4 mulc = u4_splat(0x9E3779B1u), addc = u4_splat(0x7F4A7C15u);
    for (int i = 0; i < I_LEN; i += 4) {
        u4 w = u4_load(words + i);
        u4 v = u4_add(u4_mul(u4_xor(w, state), mulc), addc);
        v = u4_xor(v, u4_shr(v, 15));
        v = u4_xor(v, u4_shl(v, 7));
        /* branch-free per-lane select */
        v = u4_select(u4_gt(v, w), v, u4_xor(v, w));
        u4_store(words + i, v);
        state = u4_add(u4_rot_lanes(state), v);
    }
    return state;
}

int main(void) {
    /* Inputs are multiples of 1/1024 in [-1, 1): exactly representable. */
    uint32_t s = 0xC0FFEEu;
    for (int i = 0; i < LEN; i++) {
        s = s * 1664525u + 1013904223u;
        xs[i] = (float)((int)(s >> 21) - 1024) / 1024.0f;
        s = s * 1664525u + 1013904223u;
        ys[i] = (float)((int)(s >> 21) - 1024) / 1024.0f;
    }
    for (int i = 0; i < I_LEN; i++) {
        s = s * 1664525u + 1013904223u;
        words[i] = s;
    }

    uint64_t h = 1469598103934665603ull;
    for (int r = 0; r < F_ROUNDS; r++) {
        float a = (float)((r % 19) - 9) / 8.0f;
        float d = saxpy_dot(a);
        h = fnv(h, float_bits(d));
    }
    for (int i = 0; i < LEN; i++) h = fnv(h, float_bits(ys[i]));

    u4 state = u4_splat(0x243F6A88u);
    for (int r = 0; r < I_ROUNDS; r++) state = mix_pass(state);
    for (int k = 0; k < 4; k++) h = fnv(h, u4_lane(state, k));
    for (int i = 0; i < I_LEN; i++) h = fnv(h, words[i]);

    printf("checksum: %016llx\n", (unsigned long long)h);
    return 0;
}
