using WasmJit.PublicApi.Tests.Sandbox;

namespace WasmJit.PublicApi.Tests;

/// <summary>
/// Recursion through the host: wasm calls a host function that calls back into wasm through a typed delegate, so
/// every level crosses the typed entry and the host-function wrapper. With a call-depth limit that never stops it,
/// only the native stack does: the run must end in a "call stack exhausted" trap that unwinds all the way out, never
/// in a .NET stack overflow (each boundary used to catch and rethrow the trap, and every rethrow nested a new
/// exception dispatch on the stack being unwound).
/// </summary>
public sealed class DeepReentryTests
{
    private const string Wat = """
        (module
          (import "host" "down" (func $down (param i32) (result i32)))
          (func (export "f") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (unreachable))
              (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 0))))))
        """;

    [Theory]
    [MemberData(nameof(Engines.Available), MemberType = typeof(Engines))]
    public void HostReentryTrapsWhenTheNativeStackRunsOut(ExecutionStrategy strategy)
    {
        var engine = Engines.Create(strategy);
        using var store = new Store(engine, StoreLimits.Default.WithMaxCallDepth(100_000_000));
        Func<int, int>? f = null;
        var linker = new Linker(engine).DefineFunction<int, int>("host", "down", n => f!(n));
        var instance = linker.Instantiate(store, Module.FromText(engine, Wat, "reentry"));
        f = instance.GetFunction<int, int>("f");
        var e = Assert.Throws<WasmTrapException>(() => f(50_000_000));
        Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
        Assert.Contains(e.WasmBacktrace, frame => frame.EndsWith("(func 1)", StringComparison.Ordinal));
        // The store is still usable after the unwinding.
        Assert.Equal(TrapKind.Unreachable, Assert.Throws<WasmTrapException>(() => f(3)).Kind);
    }
}
