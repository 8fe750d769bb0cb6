using WasmJit.SpecRunner;

namespace WasmJit.Cli.Tests;

/// <summary>The .wast runner on small hand-written scripts, one or more per command kind.</summary>
public class SpecRunnerTests
{
    private static FileResult Run(string script, SkipList? skip = null, TimeSpan? timeLimit = null, string name = "core/snippet.wast")
    {
        using var dir = new TempDir();
        var path = dir.File(name, script);
        return WastRunner.RunFile(SpecFile.FromPath(path), new SpecRunOptions
        {
            SkipList = skip ?? SkipList.Empty,
            TimeLimit = timeLimit ?? TimeSpan.FromSeconds(60),
        });
    }

    private static void AssertAllPassed(FileResult r, int expectedPasses)
    {
        Assert.True(r.Failed == 0, string.Join("\n", r.Failures.Select(f => f.ToString()).Prepend(r.Error ?? "")));
        Assert.Equal(expectedPasses, r.Passed);
        Assert.Equal(0, r.Skipped);
    }

    [Fact]
    public void Module_invoke_and_assert_return()
    {
        var r = Run("""
            (module
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "nop")))
            (invoke "nop")
            (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
            (assert_return (invoke "add" (i32.const -1) (i32.const 1)) (i32.const 0))
            """);
        AssertAllPassed(r, 4);
        Assert.Equal(2, r.ByKind["assert_return"].Passed);
        Assert.Equal(1, r.ByKind["invoke"].Passed);
        Assert.Equal(1, r.ByKind["module"].Passed);
    }

    [Fact]
    public void Wrong_result_is_a_value_failure_with_its_line_and_the_file_goes_on()
    {
        var r = Run("""
            (module (func (export "one") (result i32) (i32.const 1)))
            (assert_return (invoke "one") (i32.const 2))
            (assert_return (invoke "missing") (i32.const 1))
            (assert_return (invoke "one") (i32.const 1))
            """);
        Assert.Equal(2, r.Passed);
        Assert.Equal(2, r.Failed);
        var value = Assert.Single(r.Failures, f => f.Category == FailureCategory.Value);
        Assert.Equal(2, value.Line);
        Assert.Equal("assert_return", value.Kind);
        Assert.Equal("(i32:2)", value.Expected);
        Assert.Equal("(i32:1)", value.Actual);
        var missing = Assert.Single(r.Failures, f => f.Line == 3);
        Assert.Contains("missing", missing.Actual);
    }

    [Fact]
    public void Float_patterns_either_v128_lanes_and_references()
    {
        var r = Run("""
            (module
              (func (export "div") (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
              (func (export "add64") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
              (func (export "vec") (result v128) (v128.const i32x4 1 2 3 4))
              (func (export "vid") (param v128) (result v128) (local.get 0))
              (func (export "id") (param externref) (result externref) (local.get 0))
              (func $f (export "f") (result funcref) (ref.func $f))
              (func (export "null") (result funcref) (ref.null func))
              (global (export "g") i64 (i64.const 42)))
            (assert_return (invoke "div" (f32.const 0) (f32.const 0)) (f32.const nan:canonical))
            (assert_return (invoke "add64" (f64.const nan:0x4000000000000) (f64.const 1)) (f64.const nan:arithmetic))
            (assert_return (invoke "div" (f32.const 1) (f32.const 2)) (either (f32.const 0.25) (f32.const 0.5)))
            (assert_return (invoke "vec") (v128.const i32x4 1 2 3 4))
            (assert_return (invoke "vec") (v128.const i16x8 1 0 2 0 3 0 4 0))
            (assert_return (invoke "vid" (v128.const f32x4 -1 nan:0x600000 -0 4)) (v128.const f32x4 -1 nan:arithmetic -0 4))
            (assert_return (invoke "id" (ref.extern 7)) (ref.extern 7))
            (assert_return (invoke "id" (ref.extern 7)) (ref.extern))
            (assert_return (invoke "id" (ref.null extern)) (ref.null extern))
            (assert_return (invoke "f") (ref.func))
            (assert_return (invoke "null") (ref.null))
            (assert_return (get "g") (i64.const 42))
            """);
        AssertAllPassed(r, 13);
    }

    [Fact]
    public void Nan_patterns_are_strict()
    {
        var r = Run("""
            (module (func (export "k") (param f32) (result f32) (local.get 0)))
            (assert_return (invoke "k" (f32.const nan:0x200000)) (f32.const nan:canonical))
            (assert_return (invoke "k" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
            (assert_return (invoke "k" (f32.const nan:0x400000)) (f32.const nan:canonical))
            (assert_return (invoke "k" (f32.const 1)) (f32.const nan:arithmetic))
            (assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))
            """);
        Assert.Equal(2, r.Passed); // module, and nan:canonical of the canonical NaN
        Assert.Equal([2, 3, 5, 6], r.Failures.Select(f => f.Line).Order());
    }

    [Fact]
    public void Assert_trap_checks_class_and_message()
    {
        var r = Run("""
            (module
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "boom") unreachable))
            (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
            (assert_trap (invoke "boom") "unreachable")
            (assert_trap (invoke "boom") "integer overflow")
            (assert_trap (invoke "div" (i32.const 4) (i32.const 2)) "integer divide by zero")
            """);
        Assert.Equal(3, r.Passed);
        var message = Assert.Single(r.Failures, f => f.Line == 6);
        Assert.Equal(FailureCategory.Message, message.Category);
        Assert.Equal("trap: integer overflow", message.Expected);
        Assert.StartsWith("trap: unreachable", message.Actual);
        var noTrap = Assert.Single(r.Failures, f => f.Line == 7);
        Assert.Equal(FailureCategory.Class, noTrap.Category);
        Assert.Equal("returned (i32:2)", noTrap.Actual);
    }

    [Fact]
    public void Module_assertions_check_the_error_class()
    {
        var r = Run("""
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            (assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
            (assert_malformed (module quote "(func (i32.const))") "unexpected token")
            (assert_invalid (module (func)) "type mismatch")
            (assert_malformed (module quote "(module (func (result i32) (i64.const 0)))") "type mismatch")
            (assert_unlinkable (module (import "nowhere" "f" (func))) "unknown import")
            (assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")
            (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
            (assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
            (assert_unlinkable (module (func $s unreachable) (start $s)) "unreachable")
            """);
        Assert.Equal(7, r.Passed);
        Assert.Equal([4, 5, 10], r.Failures.Select(f => f.Line).Order());
        Assert.All(r.Failures, f => Assert.Equal(FailureCategory.Class, f.Category));
        Assert.Equal("a valid module", r.Failures.Single(f => f.Line == 4).Actual);
        Assert.StartsWith("invalid: ", r.Failures.Single(f => f.Line == 5).Actual);
        Assert.StartsWith("trap: ", r.Failures.Single(f => f.Line == 10).Actual);
    }

    [Fact]
    public void Exhaustion_register_definitions_and_instances()
    {
        var r = Run("""
            (module $A
              (func $r (export "r") (call $r))
              (global (export "g") i32 (i32.const 7))
              (func (export "seven") (result i32) (i32.const 7)))
            (assert_exhaustion (invoke "r") "call stack exhausted")
            (register "a" $A)
            (module $B
              (import "a" "seven" (func $seven (result i32)))
              (import "a" "g" (global i32))
              (func (export "both") (result i32) (i32.add (call $seven) (global.get 0))))
            (assert_return (invoke $B "both") (i32.const 14))
            (assert_return (invoke $A "seven") (i32.const 7))
            (module definition $D (func (export "d") (result i32) (i32.const 5)))
            (module instance $I $D)
            (assert_return (invoke $I "d") (i32.const 5))
            """);
        AssertAllPassed(r, 9);
    }

    [Fact]
    public void Threads_run_on_their_own_thread_and_share_memory()
    {
        var r = Run("""
            (module $Mem (memory (export "shared") 1 1 shared))
            (register "mem")
            (thread $T1 (shared (module $Mem))
              (register "mem" $Mem)
              (module
                (memory (import "mem" "shared") 1 1 shared)
                (func (export "run") (i32.store (i32.const 0) (i32.const 42))))
              (invoke "run"))
            (wait $T1)
            (module $Check
              (memory (import "mem" "shared") 1 1 shared)
              (func (export "check") (result i32) (i32.load (i32.const 0))))
            (assert_return (invoke $Check "check") (i32.const 42))
            """, name: "proposals/threads/snippet.wast");
        AssertAllPassed(r, 9);
        Assert.Equal(1, r.ByKind["thread"].Passed);
        Assert.Equal(1, r.ByKind["wait"].Passed);
    }

    [Fact]
    public void Skip_list_skips_commands_and_never_counts_them_as_passed()
    {
        var skip = SkipList.Parse("""
            { "entries": [
              { "path": "core/snippet.wast", "kinds": ["execution"], "reason": "not executable" },
              { "path": "core/snippet.wast", "line": 4, "reason": "one line" } ] }
            """);
        var r = Run("""
            (module (func (export "f") (result i32) (i32.const 1)))
            (assert_return (invoke "f") (i32.const 1))
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            (module (func (result i32) (i64.const 0)))
            """, skip);
        Assert.Equal(1, r.Passed);
        Assert.Equal(3, r.Skipped);
        Assert.Equal(1, r.ByKind["assert_invalid"].Passed);
        Assert.Equal(1, r.ByKind["assert_invalid"].Skipped);
        // A module under an execution skip is still validated: an invalid one fails.
        var f = Assert.Single(r.Failures);
        Assert.Equal(5, f.Line);
        Assert.Equal("module", f.Kind);
    }

    [Fact]
    public void Whole_file_skip_counts_every_command_as_skipped()
    {
        var skip = SkipList.Parse("""{ "entries": [ { "path": "core/*", "reason": "all" } ] }""");
        var r = Run("""
            (module (func (export "f") (result i32) (i32.const 1)))
            (assert_return (invoke "f") (i32.const 1))
            (assert_return (invoke "f") (i32.const 2))
            """, skip);
        Assert.Equal(0, r.Passed);
        Assert.Equal(0, r.Failed);
        Assert.Equal(3, r.Skipped);
        Assert.Equal("all", r.SkipReason);
    }

    [Fact]
    public void A_script_that_does_not_parse_is_the_files_error()
    {
        var r = Run("(module (func (export \"f\")))\n(assert_return (invoke \"f\")");
        Assert.NotNull(r.Error);
        Assert.StartsWith("parse error:", r.Error);
        Assert.Equal(1, r.Failed);
    }

    [Fact]
    public void A_file_over_its_time_limit_is_abandoned_with_an_error()
    {
        // Counts down from a large number: long enough to hit a 200 ms limit, short enough to end on its own.
        var r = Run("""
            (module (func (export "spin") (param i32)
              (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))
            (invoke "spin" (i32.const 200000000))
            (assert_return (invoke "spin" (i32.const 1)))
            """, timeLimit: TimeSpan.FromMilliseconds(200));
        Assert.Equal("timed out after 0.2 s", r.Error);
        Assert.True(r.Failed >= 1);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(10));
    }
}
