using BenchmarkDotNet.Attributes;
using WasmJit.Runtime;

namespace WasmJit.Benchmarks;

/// <summary>
/// The cost of crossing the boundary through the public embedding API, per call: host -> wasm with a typed delegate
/// (<c>instance.GetFunction&lt;int, int, int&gt;("add")</c> of a one-instruction function), the same call untyped
/// (<see cref="Function.Invoke"/>, boxing), and wasm -> host (a wasm loop calling an import defined with
/// <c>linker.DefineFunction&lt;int, int, int&gt;</c>, per call). Engines: interpreter, JIT, and tiered measured
/// after both functions have tiered up (low thresholds, then waited for).
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private const int HostCallsPerInvoke = 1000;

    private const string Wat = """
        (module
          (import "host" "add" (func $hadd (param i32 i32) (result i32)))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "callHost") (param $n i32) (result i32) (local $acc i32)
            (loop $l
              (local.set $acc (call $hadd (local.get $acc) (local.get $n)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $acc)))
        """;

    private Store _store = null!;
    private Func<int, int, int> _add = null!;
    private Func<int, int> _callHost = null!;
    private Function _addUntyped = null!;
    private readonly object[] _args = [41, 1];

    [Params("interp", "jit", "tiered")]
    public string Engine { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var strategy = Engine switch
        {
            "interp" => ExecutionStrategy.Interpreter,
            "jit" => ExecutionStrategy.Jit,
            "tiered" => ExecutionStrategy.Tiered,
            _ => throw new ArgumentException($"unknown engine {Engine}"),
        };
        var engine = new Engine(EngineConfig.Default.WithStrategy(strategy).WithTierUpThresholds(100, 1000));
        var linker = new Linker(engine).DefineFunction<int, int, int>("host", "add", (a, b) => a + (b & 7));
        _store = new Store(engine);
        var instance = linker.Instantiate(_store, Module.FromText(engine, Wat));
        _add = instance.GetFunction<int, int, int>("add");
        _callHost = instance.GetFunction<int, int>("callHost");
        _addUntyped = instance.GetFunction("add")!;
        if (strategy == ExecutionStrategy.Tiered)
        {
            WaitForTierUp(instance, "add", () => _add(1, 2));
            WaitForTierUp(instance, "callHost", () => _callHost(10));
        }
    }

    /// <summary>Calls until the function's compiled code is installed (tier-up compiles in the background).</summary>
    private static void WaitForTierUp(Instance instance, string name, Action call)
    {
        var f = instance.GetFunction(name)!.Inner;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (f.CompiledEntry is not { IsBridge: false })
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{name} did not tier up");
            }
            for (int i = 0; i < 1000; i++)
            {
                call();
            }
            Thread.Sleep(1);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "host -> wasm, GetFunction<int, int, int>")]
    public int HostToWasm() => _add(41, 1);

    [Benchmark(Description = "host -> wasm, untyped Invoke")]
    public object? HostToWasmUntyped() => _addUntyped.Invoke(_args);

    [Benchmark(Description = "wasm -> host, DefineFunction<int, int, int>", OperationsPerInvoke = HostCallsPerInvoke)]
    public int WasmToHost() => _callHost(HostCallsPerInvoke);
}
