;; wasi-threads command (run by tests/WasmJit.Cli.Tests/RunThreadsTests.cs): _start spawns 4 threads (start args
;; 1..4) with wasi.thread-spawn; each adds 1 to a shared counter 10000 times with i32.atomic.rmw.add, writes
;; "thread K\n" (K = its start arg) to stdout with fd_write, then bumps a done-counter and notifies it. _start parks
;; in memory.atomic.wait32 until all 4 are done and prints "total 40000\n". The memory is imported shared (and
;; exported, for WASI), as wasm-ld --import-memory --export-memory --shared-memory emits it.
;; Memory: 0 counter, 4 done-counter, 64.. constant text, 512 + 64*K thread K's line and iovec, 1024.. main's.
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (export "memory" (memory 0))
  ;; Constant text only: every thread's instance re-runs the active data segments over the shared memory.
  (data (i32.const 64) "thread ")
  (data (i32.const 80) "total ")
  (global $threads i32 (i32.const 4))

  ;; Writes len bytes at ptr to stdout; the iovec and nwritten go in the 16 bytes at scratch.
  (func $write (param $ptr i32) (param $len i32) (param $scratch i32)
    (i32.store (local.get $scratch) (local.get $ptr))
    (i32.store offset=4 (local.get $scratch) (local.get $len))
    (if (call $fd_write (i32.const 1) (local.get $scratch) (i32.const 1) (i32.add (local.get $scratch) (i32.const 8)))
      (then (call $exit (i32.const 3)))))

  ;; Writes n in decimal just before end; returns where the digits start.
  (func $utoa (param $n i32) (param $end i32) (result i32)
    (loop $digit
      (local.set $end (i32.sub (local.get $end) (i32.const 1)))
      (i32.store8 (local.get $end) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (local.get $end))

  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (local $i i32) (local $buf i32)
    (loop $add
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $add (i32.lt_u (local.get $i) (i32.const 10000))))
    (local.set $buf (i32.add (i32.const 512) (i32.mul (local.get $arg) (i32.const 64))))
    (memory.copy (local.get $buf) (i32.const 64) (i32.const 7))
    (i32.store8 offset=7 (local.get $buf) (i32.add (i32.const 48) (local.get $arg)))
    (i32.store8 offset=8 (local.get $buf) (i32.const 10))
    (call $write (local.get $buf) (i32.const 9) (i32.add (local.get $buf) (i32.const 32)))
    (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 4) (i32.const -1))))

  (func (export "_start")
    (local $k i32) (local $d i32) (local $p i32)
    (local.set $k (i32.const 1))
    (loop $spawn_all
      (if (i32.lt_s (call $spawn (local.get $k)) (i32.const 1)) (then (call $exit (i32.const 2))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $spawn_all (i32.le_u (local.get $k) (global.get $threads))))
    ;; Park until every thread is done (re-check after each wake: a notify may be for an older value).
    (loop $wait
      (local.set $d (i32.atomic.load (i32.const 4)))
      (if (i32.lt_u (local.get $d) (global.get $threads))
        (then
          (drop (memory.atomic.wait32 (i32.const 4) (local.get $d) (i64.const -1)))
          (br $wait))))
    (call $write (i32.const 80) (i32.const 6) (i32.const 1200))
    (i32.store8 (i32.const 1099) (i32.const 10))
    (local.set $p (call $utoa (i32.atomic.load (i32.const 0)) (i32.const 1099)))
    (call $write (local.get $p) (i32.sub (i32.const 1100) (local.get $p)) (i32.const 1200))))
