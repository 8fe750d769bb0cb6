using WasmJit.Cli;
using WasmJit.Cli.Bench;
using WasmJit.Runtime;

namespace WasmJit.Benchmarks;

/// <summary>The C kernels of perf/kernels (their committed .wasm), and helpers shared by the benchmarks.</summary>
internal static class Kernels
{
    public static readonly string[] Names = ["matmul", "sha256", "nbody", "sieve", "fannkuch", "mandelbrot", "quicksort", "fib", "crc32", "simd"];

    /// <summary>perf/kernels, found by walking up from the working and the program's folders (BenchmarkDotNet runs a copy).</summary>
    public static string Directory { get; } = Find();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".wasm"));

    public static WasmModule Load(string name) => ModuleLoader.DecodeAndValidate(Bytes(name), WasmFeatures.Default);

    /// <summary>Bytes of function bodies (the code section's payload): what a compiler consumes.</summary>
    public static long CodeBytes(string name) => Load(name).Bodies.Sum(b => (long)b.Length);

    /// <summary>The engine a benchmark parameter names; throws (so BenchmarkDotNet reports NA with the reason) when unavailable.</summary>
    public static EngineKind RequireEngine(string name)
    {
        var kind = BenchHost.ParseEngine(name);
        if (BenchHost.Unavailable(kind) is { } reason)
        {
            throw new NotSupportedException($"engine {name}: n/a: {reason}");
        }
        return kind;
    }

    /// <summary>A module from WebAssembly text, decoded and validated.</summary>
    public static WasmModule FromWat(string wat) =>
        ModuleLoader.DecodeAndValidate(TextFrontEnd.TextToBinary(System.Text.Encoding.UTF8.GetBytes(wat)), WasmFeatures.Default);

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "perf", "kernels");
                if (File.Exists(Path.Combine(candidate, "matmul.wasm")))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException("perf/kernels not found above the working or the program's folder");
    }
}
