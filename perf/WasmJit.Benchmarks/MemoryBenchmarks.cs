using BenchmarkDotNet.Attributes;
using WasmJit.Runtime;

namespace WasmJit.Benchmarks;

// The public API has its own Store/Table; these files mean the other one.
using Store = WasmJit.Runtime.Store;

/// <summary>
/// Linear-memory load/store throughput: a wasm loop that reads, transforms and writes back 1 MiB as i64 words
/// (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions).
/// </summary>
[MemoryDiagnoser]
public class MemoryBenchmarks
{
    private const int Size = 1 << 20;

    /// <summary>Bytes loaded plus bytes stored by one call (for the MB/s column).</summary>
    public const long BytesPerCall = 2L * Size;

    private const string Wat = """
        (module
          (memory 17)
          (func (export "xorAll") (param $key i64) (result i32) (local $p i32)
            (loop $l
              (i64.store (local.get $p) (i64.xor (i64.load (local.get $p)) (local.get $key)))
              (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 8))) (i32.const 1048576))))
            (local.get $p)))
        """;

    private Store _store = null!;
    private FunctionInstance _xorAll = null!;
    private readonly WasmValue[] _key = [WasmValue.FromI64(0x5bd1e9955bd1e995)];

    [Params("interp", "jit")]
    public string Engine { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var engine = Kernels.RequireEngine(Engine);
        _store = new Store(new StoreOptions { Engine = engine });
        _xorAll = (FunctionInstance)_store.Instantiate(Kernels.FromWat(Wat), _ => null).GetExport("xorAll")!;
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "i64 load+xor+store over 1 MiB")]
    public int LoadStore() => _xorAll.Invoke(_key)[0].I32;
}
