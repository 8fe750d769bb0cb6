// stdin.c - reads standard input to the end in small chunks and reports it: bytes, lines, the first line, a
// checksum, and the input upper-cased (so a test can see every byte arrived in order).
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    static char data[1 << 20];
    size_t total = 0;
    for (;;) {
        ssize_t n = read(0, data + total, 7);   // a small chunk size: many fd_read calls
        if (n < 0) { perror("read"); return 1; }
        if (n == 0) break;
        total += (size_t)n;
        if (total + 7 > sizeof data) break;
    }
    unsigned lines = 0, sum = 0;
    for (size_t i = 0; i < total; i++) {
        lines += data[i] == '\n';
        sum = sum * 31 + (unsigned char)data[i];
    }
    printf("bytes: %zu\nlines: %u\nchecksum: %08x\n", total, lines, sum);
    printf("upper: ");
    for (size_t i = 0; i < total; i++) putchar(toupper((unsigned char)data[i]));
    printf("\nread after EOF: %zd\n", read(0, data, 1));
    return 0;
}
