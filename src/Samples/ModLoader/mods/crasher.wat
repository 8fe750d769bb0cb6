;; A bad mod: divides by zero. A plain trap.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "about to divide by zero")
  (func $divide (param i32) (result i32) (i32.div_s (i32.const 100) (local.get 0)))
  (func (export "run") (result i32)
    (call $log (i32.const 0) (i32.const 23))
    (call $divide (i32.const 0))))
