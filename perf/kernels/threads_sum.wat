;; threads_sum.wat - a shared-memory workload for the threads proposal, written by hand for WasmJit's benchmarks.
;;
;; N workers share one memory. Each runs the exported `worker(id, n)` on its own thread: it grabs chunks of an
;; array of u32 through an atomic counter (i32.atomic.rmw.add), hashes every element of the chunk (pure i32
;; ALU work, `rounds` rounds of a multiply-xorshift mixer) and combines the chunk's checksum into shared results
;; with atomics: i64.atomic.rmw.add for the total, a compare-exchange loop (i64.atomic.rmw.cmpxchg) for the
;; largest chunk checksum, i32.atomic.store for its per-worker chunk count. The last worker to finish (the done
;; counter reaches n) wakes whoever waits in `wait_all` (memory.atomic.notify / memory.atomic.wait32).
;; The results do not depend on scheduling: `sum` must equal `reference`, the same hash computed on one thread
;; with plain loads.
;;
;; Driving it (node: threads_sum.mjs; WasmJit: the embedding API runs exports on several .NET threads):
;;   1. create the shared memory (import "env" "memory", 512 pages min and max) and instantiate the module
;;      once per thread against it (instances share only the memory);
;;   2. on one thread: setup(len, chunk, rounds); ref = reference()          (len <= 8,388,352 u32 values)
;;   3. on each of n threads i = 0..n-1: worker(i, n)                          (returns its number of chunks)
;;   4. on the driving thread: wait_all(n, -1) (or join the threads); then sum() == ref, max() and
;;      chunks_of(i) for each i (they add up to ceil(len / chunk)).
;;
;; Memory layout (bytes):
;;   0 next chunk (i32)   4 done workers (i32)   8 chunk count (i32)   12 chunk size (i32)   16 rounds (i32)
;;   20 length (i32)      24 sum (i64)     32 max chunk checksum (i64)     48 free for the driver (i32, see .mjs)
;;   64 + 4*id chunks taken by worker id (i32, id < 64)               1024 data (u32 x len)
(module
  (import "env" "memory" (memory 512 512 shared))

  (global $data i32 (i32.const 1024))

  ;; Fill the data with a xorshift32 sequence and reset the shared state. Single-threaded, before the workers run.
  (func (export "setup") (param $len i32) (param $chunk i32) (param $rounds i32)
    (local $i i32) (local $x i32) (local $p i32)
    (local.set $x (i32.const 0x12345678))
    (local.set $p (global.get $data))
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
        (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
        (i32.store (local.get $p) (local.get $x))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (i32.atomic.store (i32.const 0) (i32.const 0))
    (i32.atomic.store (i32.const 4) (i32.const 0))
    (i32.atomic.store (i32.const 8)
      (i32.div_u (i32.sub (i32.add (local.get $len) (local.get $chunk)) (i32.const 1)) (local.get $chunk)))
    (i32.atomic.store (i32.const 12) (local.get $chunk))
    (i32.atomic.store (i32.const 16) (local.get $rounds))
    (i64.atomic.store (i32.const 24) (i64.const 0))
    (i64.atomic.store (i32.const 32) (i64.const 0))
    (memory.fill (i32.const 64) (i32.const 0) (i32.const 256))
    (i32.store (i32.const 20) (local.get $len)))

  ;; The per-element work: `rounds` rounds of a multiply-xorshift mixer.
  (func $hash (param $h i32) (param $rounds i32) (result i32)
    (block $done
      (loop $round
        (br_if $done (i32.eqz (local.get $rounds)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0x7feb352d)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0x846ca68b)))
        (local.set $h (i32.add (local.get $h) (local.get $rounds)))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br $round)))
    (local.get $h))

  ;; Checksum of elements [first, end): the sum of their hashes, zero-extended to i64.
  (func $chunk_sum (param $first i32) (param $end i32) (param $rounds i32) (result i64)
    (local $p i32) (local $stop i32) (local $acc i64)
    (local.set $p (i32.add (global.get $data) (i32.shl (local.get $first) (i32.const 2))))
    (local.set $stop (i32.add (global.get $data) (i32.shl (local.get $end) (i32.const 2))))
    (block $done
      (loop $elem
        (br_if $done (i32.ge_u (local.get $p) (local.get $stop)))
        (local.set $acc (i64.add (local.get $acc)
          (i64.extend_i32_u (call $hash (i32.load (local.get $p)) (local.get $rounds)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $elem)))
    (local.get $acc))

  ;; One worker: takes chunks until none is left, combines with atomics, returns how many chunks it took.
  (func (export "worker") (param $id i32) (param $n i32) (result i32)
    (local $chunk i32) (local $chunks i32) (local $size i32) (local $len i32) (local $rounds i32)
    (local $first i32) (local $end i32) (local $s i64) (local $old i64) (local $seen i64) (local $taken i32)
    (local.set $chunks (i32.atomic.load (i32.const 8)))
    (local.set $size (i32.atomic.load (i32.const 12)))
    (local.set $rounds (i32.atomic.load (i32.const 16)))
    (local.set $len (i32.load (i32.const 20)))
    (block $no_more
      (loop $next
        (local.set $chunk (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
        (br_if $no_more (i32.ge_u (local.get $chunk) (local.get $chunks)))
        (local.set $first (i32.mul (local.get $chunk) (local.get $size)))
        (local.set $end (i32.add (local.get $first) (local.get $size)))
        (if (i32.gt_u (local.get $end) (local.get $len)) (then (local.set $end (local.get $len))))
        (local.set $s (call $chunk_sum (local.get $first) (local.get $end) (local.get $rounds)))
        (drop (i64.atomic.rmw.add (i32.const 24) (local.get $s)))
        ;; max via compare-exchange: retry while our value is larger and someone else changed it meanwhile
        (local.set $old (i64.atomic.load (i32.const 32)))
        (block $max_done
          (loop $max
            (br_if $max_done (i64.le_u (local.get $s) (local.get $old)))
            (local.set $seen (i64.atomic.rmw.cmpxchg (i32.const 32) (local.get $old) (local.get $s)))
            (br_if $max_done (i64.eq (local.get $seen) (local.get $old)))
            (local.set $old (local.get $seen))
            (br $max)))
        (local.set $taken (i32.add (local.get $taken) (i32.const 1)))
        (br $next)))
    (i32.atomic.store (i32.add (i32.const 64) (i32.shl (i32.and (local.get $id) (i32.const 63)) (i32.const 2)))
      (local.get $taken))
    ;; the last of the n workers wakes the waiters of wait_all
    (if (i32.eq (i32.add (i32.atomic.rmw.add (i32.const 4) (i32.const 1)) (i32.const 1)) (local.get $n))
      (then (drop (memory.atomic.notify (i32.const 4) (i32.const -1)))))
    (local.get $taken))

  ;; Blocks until n workers have finished: 0 when they have, 2 if a wait timed out (timeout in ns, -1 = forever).
  (func (export "wait_all") (param $n i32) (param $timeout i64) (result i32)
    (local $done i32)
    (loop $again
      (local.set $done (i32.atomic.load (i32.const 4)))
      (if (i32.ge_u (local.get $done) (local.get $n)) (then (return (i32.const 0))))
      (if (i32.eq (memory.atomic.wait32 (i32.const 4) (local.get $done) (local.get $timeout)) (i32.const 2))
        (then (return (i32.const 2))))
      (br $again))
    (unreachable))

  (func (export "sum") (result i64) (i64.atomic.load (i32.const 24)))
  (func (export "max") (result i64) (i64.atomic.load (i32.const 32)))
  (func (export "chunks_of") (param $id i32) (result i32)
    (i32.atomic.load (i32.add (i32.const 64) (i32.shl (i32.and (local.get $id) (i32.const 63)) (i32.const 2)))))

  ;; The same total on one thread with plain loads, to check the workers' combined result.
  (func (export "reference") (result i64)
    (call $chunk_sum (i32.const 0) (i32.load (i32.const 20)) (i32.load (i32.const 16))))
)
