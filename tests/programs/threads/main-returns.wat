;; wasi-threads command (run by tests/WasmJit.Cli.Tests/RunThreadsTests.cs): _start spawns a thread that writes
;; "thread running\n", raises a flag and then loops forever; _start waits for the flag, writes "main done\n" and
;; returns. wasi-threads: the program ends when _start returns, so `wasmjit run` must exit 0 without waiting for the
;; endless thread (it is interrupted), and nothing is written after it returns.
;; Memory: 0 started flag, 64.. text, 512.. thread's iovec, 1024.. main's.
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (data (i32.const 64) "thread running\n")
  (data (i32.const 96) "main done\n")
  (func $write (param $ptr i32) (param $len i32) (param $scratch i32)
    (i32.store (local.get $scratch) (local.get $ptr))
    (i32.store offset=4 (local.get $scratch) (local.get $len))
    (drop (call $fd_write (i32.const 1) (local.get $scratch) (i32.const 1) (i32.add (local.get $scratch) (i32.const 8)))))
  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (local $n i32)
    (call $write (i32.const 64) (i32.const 15) (i32.const 512))
    (i32.atomic.store (i32.const 0) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))
    (loop $forever
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $forever)))
  (func (export "_start")
    (if (i32.lt_s (call $spawn (i32.const 0)) (i32.const 1)) (then (call $exit (i32.const 2))))
    (loop $wait
      (if (i32.eqz (i32.atomic.load (i32.const 0)))
        (then
          (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
          (br $wait))))
    (call $write (i32.const 96) (i32.const 10) (i32.const 1024))))
