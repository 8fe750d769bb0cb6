;; wasi-threads command (run by tests/WasmJit.Cli.Tests/RunThreadsTests.cs): _start spawns a thread that traps
;; (unreachable, in a function named $crash) and spins in an endless loop. wasi-threads: a trap on any thread ends
;; the whole program, so `wasmjit run` must stop the spinning main thread and exit 134 with the thread's trap and
;; its wasm backtrace on stderr.
(module $spin
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  (func $crash unreachable)
  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (call $crash))
  (func (export "_start")
    (if (i32.lt_s (call $spawn (i32.const 0)) (i32.const 1)) (then (call $exit (i32.const 2))))
    (loop $spin (br $spin))))
