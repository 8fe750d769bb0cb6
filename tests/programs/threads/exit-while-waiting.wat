;; wasi-threads command (run by tests/WasmJit.Cli.Tests/RunThreadsTests.cs): _start spawns a thread that calls
;; proc_exit(7), and parks forever in memory.atomic.wait32 (on a word nobody changes, no timeout; woken spuriously
;; it parks again). wasi-threads: proc_exit on any thread ends the whole program, so `wasmjit run` must return 7
;; promptly, the parked main thread interrupted.
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (call $exit (i32.const 7)))
  (func (export "_start")
    (if (i32.lt_s (call $spawn (i32.const 0)) (i32.const 1)) (then (call $exit (i32.const 2))))
    (loop $forever
      (drop (memory.atomic.wait32 (i32.const 16) (i32.const 0) (i64.const -1)))
      (br $forever))))
