;; wasi-threads command (run by tests/WasmJit.Cli.Tests/RunThreadsTests.cs): _start spawns a thread that writes
;; "tick\n" to stdout in an endless loop (raising a flag after the first one); _start waits for the flag and
;; returns. `wasmjit run` must exit 0, and once it has returned the thread must not write to its output any more.
;; Memory: 0 started flag, 64.. text, 512.. thread's iovec.
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (data (i32.const 64) "tick\n")
  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (i32.store (i32.const 512) (i32.const 64))
    (i32.store (i32.const 516) (i32.const 5))
    (loop $forever
      (drop (call $fd_write (i32.const 1) (i32.const 512) (i32.const 1) (i32.const 520)))
      (i32.atomic.store (i32.const 0) (i32.const 1))
      (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))
      (br $forever)))
  (func (export "_start")
    (if (i32.lt_s (call $spawn (i32.const 0)) (i32.const 1)) (then (call $exit (i32.const 2))))
    (loop $wait
      (if (i32.eqz (i32.atomic.load (i32.const 0)))
        (then
          (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
          (br $wait))))))
