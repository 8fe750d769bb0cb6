// files.c - WASI file system behaviour under a preopened directory named /sandbox: files (create, write, read,
// seek, append, truncate, pread/pwrite, stat), directories (mkdir, readdir, rmdir), symlinks (create, readlink,
// lstat vs stat, open through a link, a link that points outside the sandbox), rename and unlink, and the errors
// each of these gives. Prints one line per fact; the test compares them with node's WASI.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: %s\n", path, strerror(errno)); return; }
    char *names[64]; int n = 0; struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("%s:", path);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static void result(const char *what, int rc) {
    if (rc < 0) printf("%s: error %s\n", what, strerror(errno));
    else printf("%s: ok\n", what);
}

int main(void) {
    char buf[256];
    int fd = open("/sandbox/a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    printf("create: %s\n", fd >= 0 ? "ok" : strerror(errno));
    printf("write: %zd\n", write(fd, "hello, file\n", 12));
    close(fd);

    fd = open("/sandbox/a.txt", O_RDWR);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("read %zd: %s", n, buf);
    printf("seek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
    printf("seek set 7: %lld\n", (long long)lseek(fd, 7, SEEK_SET));
    n = read(fd, buf, 4);
    buf[n < 0 ? 0 : n] = 0;
    printf("read at 7: %s\n", buf);
    printf("pwrite: %zd\n", pwrite(fd, "HELLO", 5, 0));
    n = pread(fd, buf, 12, 0);
    buf[n < 0 ? 0 : n] = 0;
    printf("pread: %s", buf);
    printf("position after pread: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    result("ftruncate 5", ftruncate(fd, 5));
    struct stat st;
    fstat(fd, &st);
    printf("size after truncate: %lld, regular: %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    close(fd);

    fd = open("/sandbox/a.txt", O_WRONLY | O_APPEND);
    write(fd, "+appended", 9);
    close(fd);
    fd = open("/sandbox/a.txt", O_RDONLY);
    n = read(fd, buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("after append: %s\n", buf);
    printf("write to read-only fd: %zd (%s)\n", write(fd, "x", 1), strerror(errno));
    close(fd);

    printf("open missing: %d (%s)\n", open("/sandbox/missing.txt", O_RDONLY), strerror(errno));
    printf("exclusive create of existing: %d (%s)\n", open("/sandbox/a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644), strerror(errno));

    result("mkdir d", mkdir("/sandbox/d", 0755));
    printf("mkdir d again: %d (%s)\n", mkdir("/sandbox/d", 0755), strerror(errno));
    result("mkdir d/e", mkdir("/sandbox/d/e", 0755));
    fd = open("/sandbox/d/e/f.txt", O_CREAT | O_WRONLY, 0644);
    write(fd, "nested", 6);
    close(fd);
    stat("/sandbox/d", &st);
    printf("d is dir: %d\n", S_ISDIR(st.st_mode));
    printf("rmdir non-empty: %d (%s)\n", rmdir("/sandbox/d/e"), strerror(errno));
    list("/sandbox");
    list("/sandbox/d/e");

    result("rename a.txt -> d/b.txt", rename("/sandbox/a.txt", "/sandbox/d/b.txt"));
    printf("old name gone: %d\n", access("/sandbox/a.txt", F_OK) < 0 && errno == ENOENT);
    list("/sandbox/d");

    result("symlink", symlink("d/b.txt", "/sandbox/link"));
    n = readlink("/sandbox/link", buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("readlink: %s\n", buf);
    lstat("/sandbox/link", &st);
    printf("lstat is link: %d\n", S_ISLNK(st.st_mode));
    stat("/sandbox/link", &st);
    printf("stat through link: regular %d size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
    fd = open("/sandbox/link", O_RDONLY);
    n = read(fd, buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("read through link: %s\n", buf);
    close(fd);
    // Whether such a link may be created differs between runtimes (node refuses, others create it and refuse to
    // follow it); what matters, and what is printed, is that it never leads outside.
    symlink("../../../../../../../../etc/passwd", "/sandbox/escape");
    fd = open("/sandbox/escape", O_RDONLY);
    printf("open through escaping link fails: %d\n", fd < 0);
    fd = open("/sandbox/../outside.txt", O_RDONLY);
    printf("open ../ fails: %d\n", fd < 0);
    unlink("/sandbox/escape");

    result("unlink link", unlink("/sandbox/link"));
    result("unlink d/e/f.txt", unlink("/sandbox/d/e/f.txt"));
    result("rmdir d/e", rmdir("/sandbox/d/e"));
    printf("unlink a directory: %d\n", unlink("/sandbox/d") < 0);
    list("/sandbox");
    list("/sandbox/d");
    return 0;
}
