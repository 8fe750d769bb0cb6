using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using WasmJit.Cli;
using WasmJit.Cli.Bench;
using WasmJit.Runtime;

namespace WasmJit.Benchmarks;

/// <summary>
/// Each perf/kernels program's <c>_start</c> in each engine (fresh store and instance per run, as
/// <c>wasmjit bench</c> does). A run takes seconds, so this uses the monitoring strategy with few iterations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class KernelBenchmarks
{
    private WasmJit.Module _module = null!;
    private EngineKind _engine;
    private string? _expected;

    public static IEnumerable<string> KernelNames => Kernels.Names;

    [ParamsSource(nameof(KernelNames))]
    public string Kernel { get; set; } = "";

    [Params("interp", "jit")]
    public string Engine { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _engine = Kernels.RequireEngine(Engine);
        _module = WasmJit.Module.FromBytes(BenchHost.CreateEngine(_engine), Kernels.Bytes(Kernel), Kernel);
    }

    [Benchmark]
    public string Run()
    {
        var run = BenchHost.RunCommand(_module, [Kernel + ".wasm"]);
        var checksum = ExternalRunner.Checksum(run.Stdout);
        if (run.ExitCode != 0 || checksum is null || (_expected is not null && checksum != _expected))
        {
            throw new InvalidOperationException($"{Kernel} in {Engine}: exit {run.ExitCode}, output '{run.Stdout.Trim()}'");
        }
        _expected = checksum;
        return checksum;
    }
}
