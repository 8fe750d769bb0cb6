/* crc32.c - table-driven CRC-32 (IEEE 802.3, reflected 0xEDB88320) (WasmJit perf kernel).
 *
 * Stresses: byte loads (i32.load8_u), table lookups (dependent loads),
 * shifts and xors on a serial dependency chain.
 *
 * The 256-entry table is built at start-up, checked against the standard
 * test vector ("123456789" -> cbf43926), then a PRNG-filled buffer is
 * checksummed byte by byte ROUNDS times; each round's CRC is folded into
 * the buffer so rounds depend on each other.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_SIZE (4u << 20)  /* bytes per round */
#define ROUNDS   100         /* passes over the buffer */

static uint32_t table[256];

static void make_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

static uint32_t crc32(const uint8_t *p, size_t len) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

int main(void) {
    make_table();
    uint32_t t = crc32((const uint8_t *)"123456789", 9);
    if (t != 0xCBF43926u) { fprintf(stderr, "crc32 self-test failed: %08x\n", t); return 1; }

    uint8_t *buf = malloc(BUF_SIZE);
    if (!buf) { fprintf(stderr, "out of memory\n"); return 1; }
    uint32_t s = 0x12345678u;  /* xorshift32 */
    for (size_t i = 0; i < BUF_SIZE; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        buf[i] = (uint8_t)s;
    }

    uint32_t c = 0;
    for (int r = 0; r < ROUNDS; r++) {
        c = crc32(buf, BUF_SIZE - (size_t)r);
        size_t pos = (size_t)r * 4093u % (BUF_SIZE - 4);
        buf[pos] ^= (uint8_t)c; buf[pos + 1] ^= (uint8_t)(c >> 8);
        buf[pos + 2] ^= (uint8_t)(c >> 16); buf[pos + 3] ^= (uint8_t)(c >> 24);
    }
    printf("checksum: %08x\n", c);
    free(buf);
    return 0;
}
