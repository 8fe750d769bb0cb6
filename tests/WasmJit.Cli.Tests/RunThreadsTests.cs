using System.Diagnostics;

namespace WasmJit.Cli.Tests;

/// <summary>
/// <c>wasmjit run</c> with wasi-threads programs (tests/programs/threads/*.wat, each says what it does): spawning,
/// one fd table for all threads, and the program ending on the first proc_exit, trap or return of any thread, with
/// the other threads stopped. Each runs in every engine.
/// </summary>
public sealed class RunThreadsTests
{
    public static TheoryData<string> Engines => new() { "interp", "jit", "tiered" };

    /// <summary>How long "promptly" may take on a loaded 2-core machine; the runs take well under a second.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(15);

    private static string Program(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WasmJit.sln")))
            {
                return Path.Combine(d.FullName, "tests", "programs", "threads", name);
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static (Cli.Result Result, TimeSpan Elapsed) Timed(params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var r = Cli.Run(args);
        return (r, watch.Elapsed);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ThreadsAddToASharedCounterAndWriteToStdout(string engine)
    {
        var r = Cli.Run("run", "-e", engine, Program("counter.wat"));
        Assert.True(r.ExitCode == 0, r.Err);
        var lines = r.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Threads finish in any order; main prints the total after all four are done.
        Assert.Equal(["thread 1", "thread 2", "thread 3", "thread 4"], lines[..4].Order());
        Assert.Equal(["total 40000"], lines[4..]);
        Assert.Equal("", r.Err);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void AFileOpenedOnASpawnedThreadIsReadableOnTheMainThread(string engine)
    {
        using var dir = new TempDir();
        dir.File("data.txt", "opened on another thread\n");
        var r = Cli.Run("run", "-e", engine, "--dir", dir.Path + "::/", Program("shared-fd.wat"));
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Err}");
        Assert.Equal("opened on another thread\n", r.Out);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ProcExitOnASpawnedThreadEndsTheProgramWhileMainIsParked(string engine)
    {
        var (r, elapsed) = Timed("run", "-e", engine, Program("exit-while-waiting.wat"));
        Assert.Equal(7, r.ExitCode);
        Assert.Equal("", r.Err);
        Assert.True(elapsed < Prompt, $"took {elapsed}");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ATrapOnASpawnedThreadEndsTheProgramWhileMainSpins(string engine)
    {
        var (r, elapsed) = Timed("run", "-e", engine, Program("trap-while-spinning.wat"));
        Assert.Equal(134, r.ExitCode);
        var err = r.Err.ReplaceLineEndings("\n");
        // The thread's trap, not the main thread's interruption.
        Assert.StartsWith("wasmjit: trap: unreachable\nwasm backtrace:\n  0: spin!crash", err);
        Assert.DoesNotContain("interrupt", err, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cancel", err, StringComparison.OrdinalIgnoreCase);
        Assert.True(elapsed < Prompt, $"took {elapsed}");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TheProgramEndsWhenStartReturnsWhileAThreadLoopsForever(string engine)
    {
        var (r, elapsed) = Timed("run", "-e", engine, Program("main-returns.wat"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("thread running\nmain done\n", r.Out.ReplaceLineEndings("\n"));
        // Empty: in particular no "did not stop" note, the looping thread was interrupted and joined.
        Assert.Equal("", r.Err);
        Assert.True(elapsed < Prompt, $"took {elapsed}");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void NoThreadWritesToTheOutputAfterRunReturns(string engine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = WasmJitCli.Run(["run", "-e", engine, Program("chatty-thread.wat")], output, error);
        string atReturn = output.ToString();
        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        Assert.StartsWith("tick\n", atReturn);
        Assert.All(atReturn.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal("tick", line));
        Thread.Sleep(200);
        Assert.Equal(atReturn.Length, output.ToString().Length);
    }

    [Fact]
    public void APlainCommandMayImportItsMemoryFromEnv()
    {
        using var dir = new TempDir();
        var wat = dir.File("env-memory.wat", """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "env" "memory" (memory 2 3))
              (export "memory" (memory 0))
              (data (i32.const 16) "hi\n")
              (func (export "_start")
                ;; the imported memory has the declared type: 2 pages, growable to 3 and no further
                (i32.store (i32.const 0) (i32.const 16))
                (if (i32.ne (memory.grow (i32.const 1)) (i32.const 2)) (then unreachable))
                (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
                (i32.store (i32.const 4) (i32.const 3))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """);
        var r = Cli.Run("run", wat);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("hi\n", r.Out);
    }
}
