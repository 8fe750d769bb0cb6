using BenchmarkDotNet.Attributes;
using WasmJit.Runtime;

namespace WasmJit.Benchmarks;

// The public API has its own Store/Table; these files mean the other one.
using Store = WasmJit.Runtime.Store;

/// <summary>
/// Instantiation (https://webassembly.github.io/spec/core/exec/modules.html#instantiation) of a small module: one
/// memory with a data segment, a global, a table, ten functions. Each operation creates a store, instantiates into
/// it and disposes it (the store owns the memory's reservation).
/// </summary>
[MemoryDiagnoser]
public class InstantiateBenchmarks
{
    private WasmModule _module = null!;
    private EngineKind _engine;

    [Params("interp", "jit")]
    public string Engine { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _engine = Kernels.RequireEngine(Engine);
        var funcs = string.Concat(Enumerable.Range(0, 10).Select(i =>
            $"(func $f{i} (export \"f{i}\") (param i32) (result i32) (i32.add (i32.load (local.get 0)) (i32.const {i})))\n"));
        _module = Kernels.FromWat($"""
            (module
              (memory (export "memory") 1)
              (global $g (mut i32) (i32.const 0))
              (table 10 funcref)
              (elem (i32.const 0) func $f0 $f1 $f2 $f3 $f4 $f5 $f6 $f7 $f8 $f9)
              (data (i32.const 16) "hello, instantiation")
              {funcs})
            """);
    }

    [Benchmark(Description = "new store + instantiate (1 memory, 10 functions) + dispose")]
    public int Instantiate()
    {
        using var store = new Store(new StoreOptions { Engine = _engine });
        return store.Instantiate(_module, _ => null).Exports.Count;
    }
}
