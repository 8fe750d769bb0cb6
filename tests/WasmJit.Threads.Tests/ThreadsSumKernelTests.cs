using System.Diagnostics;
using WasmJit.Runtime;
using Xunit.Abstractions;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Threads.Tests;

// The runtime's store, not the public API's WasmJit.Store.
using Store = WasmJit.Runtime.Store;

/// <summary>
/// perf/kernels/threads_sum.wasm driven from C# the way perf/kernels/threads_sum.mjs drives it on node: one shared
/// memory, one instance per thread, <c>worker(i, n)</c> on n threads, the result checked against the
/// single-threaded <c>reference()</c>. Small by default (a correctness test); set
/// <c>WASMJIT_THREADS_SUM=len,chunk,rounds,reps</c> to run the measurement sizes (see perf/kernels/threads_sum.md).
/// </summary>
public sealed class ThreadsSumKernelTests(ITestOutputHelper output)
{
    public static TheoryData<string> Engines => HammerTests.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public void OneAndTwoThreadsAgreeWithTheReference(string engine)
    {
        int len = 65_536, chunk = 4_096, rounds = 8, reps = 2;
        if (Environment.GetEnvironmentVariable("WASMJIT_THREADS_SUM") is { Length: > 0 } spec)
        {
            var parts = spec.Split(',').Select(int.Parse).ToArray();
            (len, chunk, rounds, reps) = (parts[0], parts[1], parts[2], parts[3]);
        }
        var module = ModuleLoader.DecodeAndValidate(File.ReadAllBytes(KernelPath()), WasmFeatures.Default);
        using var host = new SharedHost(module, new MemoryType(new Limits(512, 512), true, false), engine);
        var main = host.Instantiate();
        SharedHost.Call(main, "setup", FromI32(len), FromI32(chunk), FromI32(rounds));
        var sw = Stopwatch.StartNew();
        long reference = SharedHost.Call(main, "reference")[0].I64;
        output.WriteLine($"{engine}: len {len} chunk {chunk} rounds {rounds}: reference {reference} (plain loop {sw.Elapsed.TotalMilliseconds:F0} ms)");
        int chunks = (len + chunk - 1) / chunk;

        double baseMs = 0;
        for (int n = 1; n <= 2; n++)
        {
            var workers = Enumerable.Range(0, n).Select(_ => host.Instantiate()).ToArray();
            double best = double.MaxValue, bestCpu = 0;
            for (int r = 0; r < reps; r++)
            {
                SharedHost.Call(main, "setup", FromI32(len), FromI32(chunk), FromI32(rounds));
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var taken = new int[n];
                int threads = n;
                var wall = SharedHost.RunThreads(n, i => taken[i] = SharedHost.Call(workers[i], "worker", FromI32(i), FromI32(threads))[0].I32);
                double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
                Assert.Equal(0, SharedHost.Call(main, "wait_all", FromI32(n), FromI64(0))[0].I32);
                Assert.Equal(reference, SharedHost.Call(main, "sum")[0].I64);
                Assert.Equal(chunks, taken.Sum());
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(taken[i], SharedHost.Call(main, "chunks_of", FromI32(i))[0].I32);
                }
                output.WriteLine($"  n={n} rep {r}: {wall.TotalMilliseconds:F1} ms wall, {cpu:F0} ms cpu, chunks {string.Join('+', taken)}");
                if (wall.TotalMilliseconds < best)
                {
                    (best, bestCpu) = (wall.TotalMilliseconds, cpu);
                }
            }
            if (n == 1)
            {
                baseMs = best;
            }
            output.WriteLine($"threads {n}: best {best:F1} ms, speed-up {baseMs / best:F2}x, cpu/wall {bestCpu / best:F2}");
        }
    }

    private static string KernelPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string p = Path.Combine(dir.FullName, "perf", "kernels", "threads_sum.wasm");
            if (File.Exists(p))
            {
                return p;
            }
        }
        throw new FileNotFoundException("perf/kernels/threads_sum.wasm not found above " + AppContext.BaseDirectory);
    }
}
