using System.Text;

namespace WasmJit.Threads.Tests;

/// <summary>
/// wasi-threads through the public API (<c>DefineWasi</c> + <c>DefineWasiThreads</c>): the stores of spawned threads
/// belong to the spawning store's program, so they share its WASI context (one fd table) and its cancellation token.
/// The programs are tests/programs/threads/*.wat (each says what it does).
/// </summary>
public sealed class WasiThreadsProgramTests
{
    public static TheoryData<string> Engines => HammerTests.Engines;

    private static string Program(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WasmJit.sln")))
            {
                return File.ReadAllText(Path.Combine(d.FullName, "tests", "programs", "threads", name));
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static Engine EngineOf(string engine) => new(EngineConfig.Default.WithStrategy(engine switch
    {
        "jit" => ExecutionStrategy.Jit,
        "tiered" => ExecutionStrategy.Tiered,
        _ => ExecutionStrategy.Interpreter,
    }));

    [Theory]
    [MemberData(nameof(Engines))]
    public void SpawnedThreadsShareTheProgramsWasiContext(string engine)
    {
        var dir = Directory.CreateTempSubdirectory("wasmjit-threads-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "data.txt"), "one fd table");
            var e = EngineOf(engine);
            var module = Module.FromText(e, Program("shared-fd.wat"));
            var stdout = new MemoryStream();
            using var store = new Store(e);
            var failures = new List<Exception>();
            var linker = new Linker(e)
                .Define("env", "memory", new Memory(store, 1, 1, shared: true))
                .DefineWasi(WasiOptions.Default.WithPreopenedDirectory(dir.FullName, "/").WithStdout(stdout))
                .DefineWasiThreads(module, (_, x) => { lock (failures) { failures.Add(x); } });
            // The thread opens the file in its own store; the main thread reads it by number in this one.
            linker.Instantiate(store, module).GetAction("_start")();
            Assert.True(WasiThreadsLinkerExtensions.JoinWasiThreads(store, TimeSpan.FromSeconds(30)));
            Assert.Equal("one fd table", Encoding.UTF8.GetString(stdout.ToArray()));
            lock (failures)
            {
                Assert.Empty(failures);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void CancellingTheProgramsTokenStopsItsThreads(string engine)
    {
        var e = EngineOf(engine);
        var module = Module.FromText(e, Program("main-returns.wat"));
        var stdout = new MemoryStream();
        using var cancel = new CancellationTokenSource();
        using var store = new Store(e, StoreLimits.Default, cancel.Token);
        var failures = new List<Exception>();
        var linker = new Linker(e)
            .Define("env", "memory", new Memory(store, 1, 1, shared: true))
            .DefineWasi(WasiOptions.Default.WithStdout(stdout))
            .DefineWasiThreads(module, (_, x) => { lock (failures) { failures.Add(x); } });
        linker.Instantiate(store, module).GetAction("_start")();
        // _start has returned; its thread loops forever until the program's token is cancelled.
        Assert.False(WasiThreadsLinkerExtensions.JoinWasiThreads(store, TimeSpan.FromMilliseconds(50)));
        cancel.Cancel();
        Assert.True(WasiThreadsLinkerExtensions.JoinWasiThreads(store, TimeSpan.FromSeconds(30)));
        lock (failures)
        {
            var stopped = Assert.IsType<WasmInterruptedException>(Assert.Single(failures));
            Assert.True(stopped.Cancelled);
        }
        Assert.Equal("thread running\nmain done\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
