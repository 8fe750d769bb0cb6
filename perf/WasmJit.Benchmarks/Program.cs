using BenchmarkDotNet.Running;
using WasmJit.Benchmarks;

// dotnet run -c Release --project perf/WasmJit.Benchmarks -- --filter '*'
// Every class of this assembly; pick with --filter, e.g. --filter '*Decode*'.
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, new BenchConfig());
