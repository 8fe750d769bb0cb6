;; A bad mod: loops forever. Stopped by fuel (or, with metering off, by the time limit).
(module
  (memory (export "memory") 1)
  (func (export "run") (result i32) (local $i i32)
    (loop $forever
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $forever))
    (local.get $i)))
