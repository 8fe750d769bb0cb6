/* mandelbrot.c - Mandelbrot set escape-time iteration (WasmJit perf kernel).
 *
 * Stresses: f64 multiply/add in a data-dependent loop with an early exit,
 * int<->double conversions, bit packing of the resulting image.
 *
 * Pixel coordinates are derived from integers by deterministic operations and the
 * iteration uses only IEEE-754 basic operations in source order, so every
 * engine computes the same image. The checksum combines the total number of
 * iterations with an FNV-1a hash of the packed 1-bit-per-pixel image.
 */
#include <stdint.h>
#include <stdio.h>

#define WIDTH    2048  /* image width in pixels */
#define HEIGHT   2048  /* image height in pixels */
#define MAX_ITER 400   /* iteration limit per pixel */

int main(void) {
    static uint8_t row[(WIDTH + 7) / 8];
    uint64_t total_iter = 0;
    uint64_t h = 1469598103934665603ull;

    for (int y = 0; y < HEIGHT; y++) {
        /* deterministic IEEE ops (exact when the sizes are powers of two) */
        double ci = (double)(2 * y - HEIGHT) / (double)HEIGHT * 1.25;
        for (int xb = 0; xb < (WIDTH + 7) / 8; xb++) {
            uint8_t bits = 0;
            for (int k = 0; k < 8; k++) {
                int x = xb * 8 + k;
                double cr = (double)(2 * x - WIDTH) / (double)WIDTH * 1.5 - 0.5;
                double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
                int it = 0;
                while (it < MAX_ITER && zr2 + zi2 <= 4.0) {
                    zi = 2.0 * zr * zi + ci;
                    zr = zr2 - zi2 + cr;
                    zr2 = zr * zr;
                    zi2 = zi * zi;
                    it++;
                }
                total_iter += (uint64_t)it;
                if (it == MAX_ITER && x < WIDTH) bits |= (uint8_t)(0x80u >> k);
            }
            row[xb] = bits;
        }
        for (int xb = 0; xb < (WIDTH + 7) / 8; xb++) h = (h ^ row[xb]) * 1099511628211ull;
    }
    printf("checksum: %llu:%016llx\n", (unsigned long long)total_iter, (unsigned long long)h);
    return 0;
}
