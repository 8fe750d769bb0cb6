using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using WasmJit.Jit;

namespace WasmJit.Benchmarks;

/// <summary>
/// JIT compile speed in bytes of wasm function bodies per second, per kernel: <see cref="JitCompiler.Compile"/>
/// (wasm -> IL in DynamicMethods), and the same followed by RyuJIT compiling every method to machine code
/// (<see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/>), which is what the first call would pay.
/// </summary>
[MemoryDiagnoser]
public class JitCompileBenchmarks
{
    private static readonly Func<DynamicMethod, RuntimeMethodHandle> s_handle =
        typeof(DynamicMethod).GetMethod("GetMethodDescriptor", BindingFlags.NonPublic | BindingFlags.Instance)!
            .CreateDelegate<Func<DynamicMethod, RuntimeMethodHandle>>();

    private WasmModule _module = null!;

    public static IEnumerable<string> KernelNames => Kernels.Names;

    [ParamsSource(nameof(KernelNames))]
    public string Kernel { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _module = Kernels.Load(Kernel);
        var failed = JitCompiler.Compile(_module, WasmFeatures.Default, WasmJit.Runtime.TypeRegistry.Canonicalize(_module)).Results.Where(r => !r.Compiled).ToList();
        if (failed.Count > 0)
        {
            // Honest numbers only: a kernel the JIT cannot fully compile is reported, not silently measured on less.
            throw new NotSupportedException($"{Kernel}: {failed.Count} function(s) not compiled, e.g. {failed[0].Name}: {failed[0].Failure}");
        }
    }

    [Benchmark(Description = "wasm -> IL")]
    public int WasmToIL() => JitCompiler.Compile(_module, WasmFeatures.Default, WasmJit.Runtime.TypeRegistry.Canonicalize(_module)).Results.Length;

    [Benchmark(Description = "wasm -> IL -> machine code")]
    public int WasmToMachineCode()
    {
        var compiled = JitCompiler.Compile(_module, WasmFeatures.Default, WasmJit.Runtime.TypeRegistry.Canonicalize(_module));
        foreach (var m in compiled.Methods)
        {
            if (m is not null)
            {
                RuntimeHelpers.PrepareMethod(s_handle(m));
            }
        }
        return compiled.Results.Length;
    }
}
