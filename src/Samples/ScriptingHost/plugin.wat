;; The ScriptingHost sample's plugin. Host functions it imports:
;;   host.log(ptr, len)        write a UTF-8 message from plugin memory to the host's log
;;   host.on_item(i) -> i32    the host's callback: a value for item i
;; What it exports: its memory, alloc (so the host can pass strings in), greet and sum_items.
(module
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "on_item" (func $on_item (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (data (i32.const 0) "Hello, ")
  (data (i32.const 16) "!")
  (data (i32.const 32) "plugin: greeting built")

  ;; A bump allocator: enough for a sample (nothing is ever freed).
  (func $alloc (export "alloc") (param $len i32) (result i32) (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (local.get $p) (local.get $len)) (i32.const 7)) (i32.const -8)))
    (local.get $p))

  ;; greet(name_ptr, name_len) -> (ptr, len) of "Hello, <name>!"
  (func (export "greet") (param $name i32) (param $len i32) (result i32 i32) (local $out i32) (local $total i32)
    (local.set $total (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $alloc (local.get $total)))
    (memory.copy (local.get $out) (i32.const 0) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (memory.copy (i32.add (i32.add (local.get $out) (i32.const 7)) (local.get $len)) (i32.const 16) (i32.const 1))
    (call $log (i32.const 32) (i32.const 22))
    (local.get $out)
    (local.get $total))

  ;; sum_items(n): on_item(0) + ... + on_item(n - 1), asking the host for each item.
  (func (export "sum_items") (param $n i32) (result i32) (local $i i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (call $on_item (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
