using BenchmarkDotNet.Attributes;

namespace WasmJit.Benchmarks;

/// <summary>Decode + validate throughput (https://webassembly.github.io/spec/core/valid/index.html) on ~30 MB.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup() => _bytes = LargeModule.Bytes;

    [Benchmark(Description = "decode+validate 30 MB module")]
    public int DecodeAndValidate() => ModuleLoader.DecodeAndValidate(_bytes, WasmFeatures.Default).Bodies.Count;

    [Benchmark(Description = "decode only 30 MB module (bodies stay byte ranges)")]
    public int DecodeOnly() => WasmJit.Binary.ModuleDecoder.Decode(_bytes, WasmFeatures.Default).Bodies.Count;
}
