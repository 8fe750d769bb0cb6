using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace WasmJit.Benchmarks;

/// <summary>The suite's configuration: BenchmarkDotNet's defaults, allocations, and a throughput column.</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new ThroughputColumn());
        // An engine that cannot run yet fails its benchmarks' setup with the reason; keep going with the rest.
        WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        // BenchmarkDotNet rebuilds the whole solution graph for its generated project; on a small shared machine that
        // takes longer than its default two minutes.
        WithBuildTimeout(TimeSpan.FromMinutes(20));
    }
}

/// <summary>
/// "MB/s": bytes processed per operation (wasm bytes decoded or compiled, memory bytes loaded and stored) divided
/// by the mean time. Computed in the host process, so each benchmark's size must be knowable without running it.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Megabytes (10^6) per second: module bytes decoded/compiled, or memory bytes loaded + stored";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        long? bytes = BytesPerOperation(benchmarkCase);
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (bytes is null || stats is null || stats.Mean <= 0)
        {
            return "-";
        }
        return (bytes.Value / (stats.Mean / 1e9) / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long? BytesPerOperation(BenchmarkCase c) => c.Descriptor.Type.Name switch
    {
        nameof(DecodeBenchmarks) => LargeModule.Bytes.Length,
        nameof(JitCompileBenchmarks) => Kernels.CodeBytes((string)c.Parameters["Kernel"]),
        nameof(MemoryBenchmarks) => MemoryBenchmarks.BytesPerCall,
        _ => null,
    };

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
