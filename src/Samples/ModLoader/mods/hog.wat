;; A bad mod: grows its memory forever, ignoring failures. Stopped by the memory limit.
(module
  (memory (export "memory") 1)
  (func (export "run") (result i32)
    (loop $more
      (drop (memory.grow (i32.const 16)))
      (br $more))
    (i32.const 0)))
