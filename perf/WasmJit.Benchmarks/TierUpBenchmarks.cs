using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using WasmJit.Runtime;

namespace WasmJit.Benchmarks;

// The public API has its own Store/Table; these files mean the other one.
using Store = WasmJit.Runtime.Store;

/// <summary>
/// Time to tier up: from a fresh instance in the tiered engine, how long a hot function (a loop over a little
/// arithmetic, called over and over) takes until its entry slot holds JIT-compiled code. N/A while the tiered
/// engine is not on main.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class TierUpBenchmarks
{
    private const string Wat = """
        (module
          (func (export "hot") (param $n i32) (result i32) (local $acc i32)
            (loop $l
              (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (local.get $n)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $acc)))
        """;

    private WasmModule _module = null!;

    [GlobalSetup]
    public void Setup()
    {
        Kernels.RequireEngine("tiered");
        _module = Kernels.FromWat(Wat);
    }

    [Benchmark(Description = "time until the hot function runs JIT code")]
    public int TimeToTierUp()
    {
        using var store = new Store(new StoreOptions { Engine = EngineKind.Tiered });
        var instance = store.Instantiate(_module, _ => null);
        var hot = (WasmFunction)instance.GetExport("hot")!;
        WasmValue[] args = [WasmValue.FromI32(100)];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int calls = 0;
        // The JIT tier's code lives in WasmJit.Jit; anything else in the slot is a stub or the interpreter.
        while (hot.Code.GetType().Assembly.GetName().Name != "WasmJit.Jit")
        {
            hot.Invoke(args);
            calls++;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no tier-up after {calls} calls in 30 s");
            }
        }
        return calls;
    }
}
