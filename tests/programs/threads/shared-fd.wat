;; wasi-threads command (run by tests/WasmJit.Cli.Tests/RunThreadsTests.cs): one fd table for all threads. _start
;; spawns a thread that opens "data.txt" in the first preopened directory (fd 3) with path_open and publishes the
;; new fd number in shared memory; _start waits for it (memory.atomic.wait32), reads the file through that fd
;; number with fd_read and copies it to stdout. If the thread's open fails, _start exits with 10 + errno; if the
;; main thread's read fails (the fd is not in its table), it exits with 40 + errno.
;; Memory: 0 fd from the thread (0 = not yet, > 0 = fd + 1, < 0 = -errno), 64.. path, 512.. thread scratch,
;; 1024.. main's iovecs, 2048.. file contents.
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (data (i32.const 64) "data.txt")

  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (local $err i32)
    ;; path_open(dirfd 3, no lookup flags, "data.txt", no oflags, rights fd_read, no inheriting, no fdflags, fd at 512)
    (local.set $err (call $path_open (i32.const 3) (i32.const 0) (i32.const 64) (i32.const 8) (i32.const 0)
      (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 512)))
    (i32.atomic.store (i32.const 0)
      (if (result i32) (local.get $err)
        (then (i32.sub (i32.const 0) (local.get $err)))
        (else (i32.add (i32.load (i32.const 512)) (i32.const 1)))))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))

  (func (export "_start")
    (local $v i32) (local $err i32)
    (if (i32.lt_s (call $spawn (i32.const 0)) (i32.const 1)) (then (call $exit (i32.const 2))))
    (loop $wait
      (local.set $v (i32.atomic.load (i32.const 0)))
      (if (i32.eqz (local.get $v))
        (then
          (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
          (br $wait))))
    (if (i32.lt_s (local.get $v) (i32.const 0)) (then (call $exit (i32.sub (i32.const 10) (local.get $v)))))
    ;; fd_read(fd, one iovec {2048, 1024}, nread at 1032)
    (i32.store (i32.const 1024) (i32.const 2048))
    (i32.store (i32.const 1028) (i32.const 1024))
    (local.set $err (call $fd_read (i32.sub (local.get $v) (i32.const 1)) (i32.const 1024) (i32.const 1) (i32.const 1032)))
    (if (local.get $err) (then (call $exit (i32.add (i32.const 40) (local.get $err)))))
    ;; fd_write(1, one iovec {2048, nread}, nwritten at 1048)
    (i32.store (i32.const 1040) (i32.const 2048))
    (i32.store (i32.const 1044) (i32.load (i32.const 1032)))
    (drop (call $fd_write (i32.const 1) (i32.const 1040) (i32.const 1) (i32.const 1048)))))
