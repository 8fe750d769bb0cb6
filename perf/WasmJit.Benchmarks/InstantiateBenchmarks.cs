using BenchmarkDotNet.Attributes;

namespace WasmJit.Benchmarks;

/// <summary>
/// Instantiation (https://webassembly.github.io/spec/core/exec/modules.html#instantiation) of a small module through
/// the public API: one memory with a data segment, a global, a table with an element segment, ten functions. Each
/// operation creates a store, instantiates into it and disposes it (the store owns the memory's reservation); the
/// module is compiled (decoded, validated) once.
/// </summary>
[MemoryDiagnoser]
public class InstantiateBenchmarks
{
    private Engine _engine = null!;
    private Linker _linker = null!;
    private Module _module = null!;

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
        _engine = new Engine(EngineConfig.Default.WithStrategy(strategy));
        _linker = new Linker(_engine);
        var funcs = string.Concat(Enumerable.Range(0, 10).Select(i =>
            $"(func $f{i} (export \"f{i}\") (param i32) (result i32) (i32.add (i32.load (local.get 0)) (i32.const {i})))\n"));
        _module = Module.FromText(_engine, $"""
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
        using var store = new Store(_engine);
        return _linker.Instantiate(store, _module).Exports.Count;
    }
}
