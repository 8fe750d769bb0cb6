using BenchmarkDotNet.Attributes;
using WasmJit.Runtime;

namespace WasmJit.Benchmarks;

// The public API has its own Store/Table; these files mean the other one.
using Store = WasmJit.Runtime.Store;

/// <summary>
/// The cost of crossing the boundary: host -> wasm (<see cref="FunctionInstance.Invoke"/> of a one-instruction
/// function) and wasm -> host (a wasm loop calling an imported host function, per call).
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private const int HostCallsPerInvoke = 1000;

    private const string Wat = """
        (module
          (import "host" "f" (func $f (param i32) (result i32)))
          (func (export "add1") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func (export "callHost") (param $n i32) (result i32) (local $acc i32)
            (loop $l
              (local.set $acc (i32.add (local.get $acc) (call $f (local.get $n))))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $acc)))
        """;

    private Store _store = null!;
    private FunctionInstance _add1 = null!;
    private FunctionInstance _callHost = null!;
    private readonly WasmValue[] _one = [WasmValue.FromI32(41)];
    private readonly WasmValue[] _n = [WasmValue.FromI32(HostCallsPerInvoke)];

    [Params("interp", "jit")]
    public string Engine { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var engine = Kernels.RequireEngine(Engine);
        var module = Kernels.FromWat(Wat);
        _store = new Store(new StoreOptions { Engine = engine });
        var type = module.FuncTypeAt(module.Imports[0].TypeIndex);
        var host = FunctionInstance.FromHost(type, a => [WasmValue.FromI32(a[0].I32 & 7)], "host.f");
        var instance = _store.Instantiate(module, _ => host);
        _add1 = (FunctionInstance)instance.GetExport("add1")!;
        _callHost = (FunctionInstance)instance.GetExport("callHost")!;
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "host -> wasm call")]
    public int HostToWasm() => _add1.Invoke(_one)[0].I32;

    [Benchmark(Description = "wasm -> host call", OperationsPerInvoke = HostCallsPerInvoke)]
    public int WasmToHost() => _callHost.Invoke(_n)[0].I32;
}
