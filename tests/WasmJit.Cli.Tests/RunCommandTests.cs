namespace WasmJit.Cli.Tests;

/// <summary><c>wasmjit run</c>: commands, reactors with --invoke, exit codes, traps, link errors, options.</summary>
public sealed class RunCommandTests
{
    private static string Kernel(string name) => Path.Combine(RepoRoot(), "perf", "kernels", name);

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WasmJit.sln")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>The engines of <c>--engine</c>: programs must behave the same in each.</summary>
    public static TheoryData<string> Engines => ["interp", "jit", "tiered"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void RunsACommandWithArgsAndEnv(string engine)
    {
        var r = Cli.Run("run", "--engine", engine, "--env", "HELLO=there", "--argv0", "prog", Kernel("hello.wasm"), "--", "x", "-y");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("hello, world\nargc: 3\nargv[0]: prog\nargv[1]: x\nargv[2]: -y\nHELLO: there\n", r.Out.ReplaceLineEndings("\n"));
        var d = Cli.Run("run", "--engine", engine, Kernel("hello.wasm"));
        Assert.Contains("argv[0]: hello.wasm", d.Out);
    }

    [Fact]
    public void InvokesAReactorExportWithTypedArgumentsAndPrintsResults()
    {
        using var dir = new TempDir();
        var wat = dir.File("calc.wat", """
            (module
              (global $base (mut i32) (i32.const 0))
              (func (export "_initialize") (global.set $base (i32.const 100)))
              (func (export "add") (param i32 i64 f64) (result i32 i64 f64)
                (i32.add (global.get $base) (local.get 0)) (i64.mul (local.get 1) (i64.const 2)) (f64.mul (local.get 2) (f64.const 0.5))))
            """);
        var r = Cli.Run("run", "--invoke", "add", wat, "--", "-5", "9000000000", "3");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("95\n18000000000\n1.5\n", r.Out.ReplaceLineEndings("\n"));

        var bad = Cli.Run("run", "--invoke", "add", wat, "--", "x", "1", "2");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'x' is not a valid i32", bad.Err);
        var missing = Cli.Run("run", "--invoke", "nope", wat);
        Assert.Contains("no exported function 'nope'", missing.Err);
        var noStart = Cli.Run("run", wat);
        Assert.Contains("no _start", noStart.Err);
    }

    [Fact]
    public void ValidatesBodiesOnFirstCallUnlessEager()
    {
        using var dir = new TempDir();
        var wat = dir.File("lazy.wat", """
            (module
              (func (export "ok") (result i32) (i32.const 5))
              (func (export "bad") (result i32) (i64.const 1)))
            """);
        var lazy = Cli.Run("run", "--invoke", "ok", wat);
        Assert.Equal(0, lazy.ExitCode);
        Assert.Equal("5\n", lazy.Out.ReplaceLineEndings("\n"));
        var called = Cli.Run("run", "--invoke", "bad", wat);
        Assert.Equal(1, called.ExitCode);
        Assert.Contains("type mismatch", called.Err);
        var eager = Cli.Run("run", "--validation", "eager", "--invoke", "ok", wat);
        Assert.Equal(1, eager.ExitCode);
        Assert.Contains("type mismatch", eager.Err);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ExitCodeIsTheProgramsAndTrapsPrintABacktrace(string engine)
    {
        using var dir = new TempDir();
        var exit = dir.File("exit.wat", """
            (module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 17))))
            """);
        Assert.Equal(17, Cli.Run("run", "--engine", engine, exit).ExitCode);

        var trap = dir.File("trap.wat", """
            (module $m (memory (export "memory") 1)
              (func $inner (i32.store (i32.const 70000) (i32.const 1)))
              (func $outer (call $inner))
              (func (export "_start") (call $outer)))
            """);
        var r = Cli.Run("run", "--engine", engine, trap);
        Assert.Equal(134, r.ExitCode);
        var err = r.Err.ReplaceLineEndings("\n");
        Assert.Contains("trap: out of bounds memory access", err);
        Assert.Contains("wasm backtrace:\n  0: m!inner", err);
        Assert.Contains("1: m!outer", err);
    }

    [Fact]
    public void MissingImportNamesModuleAndField()
    {
        using var dir = new TempDir();
        var wat = dir.File("imp.wat", """(module (import "env" "frobnicate" (func (param i32))) (func (export "_start")))""");
        var r = Cli.Run("run", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("unknown import \"env\" \"frobnicate\"", r.Err);
    }

    [Fact]
    public void FuelStopsAProgramThatRunsTooLong()
    {
        var ok = Cli.Run("run", "--fuel", "100000000", Kernel("hello.wasm"));
        Assert.Equal(0, ok.ExitCode);
        var fuel = Cli.Run("run", "--fuel", "1000", Kernel("hello.wasm"));
        Assert.Equal(134, fuel.ExitCode);
        Assert.Contains("all fuel consumed", fuel.Err);
        Assert.Contains("wasm backtrace", fuel.Err);
        var bad = Cli.Run("run", "--fuel", "-5", Kernel("hello.wasm"));
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public void TimeoutStopsAnEndlessProgram()
    {
        using var dir = new TempDir();
        var wat = dir.File("spin.wat", """(module (func (export "_start") (loop $l (br $l))))""");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = Cli.Run("run", "--timeout", "200ms", wat);
        Assert.Equal(134, r.ExitCode);
        Assert.Contains("time limit of 200 ms exceeded", r.Err);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        var bad = Cli.Run("run", "--timeout", "soon", wat);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not a duration", bad.Err);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void PreopenedDirectoriesMayBeNamedSlash(string engine)
    {
        using var dir = new TempDir();
        dir.File("data/in.txt", "payload");
        // Reads /in.txt from a directory preopened as "/" and writes its length to stdout via fd_write.
        var wat = dir.File("cat.wat", """
            (module
              (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "in.txt")
              (func (export "_start")
                (drop (call $open (i32.const 3) (i32.const 1) (i32.const 0) (i32.const 6) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 100)))
                (i32.store (i32.const 200) (i32.const 300))
                (i32.store (i32.const 204) (i32.const 64))
                (drop (call $read (i32.load (i32.const 100)) (i32.const 200) (i32.const 1) (i32.const 208)))
                (i32.store (i32.const 204) (i32.load (i32.const 208)))
                (drop (call $write (i32.const 1) (i32.const 200) (i32.const 1) (i32.const 212)))))
            """);
        var r = Cli.Run("run", "--engine", engine, "--dir", Path.Combine(dir.Path, "data") + "::/", wat);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("payload", r.Out);
    }

    [Fact]
    public void TcplistenPreopensAListeningSocketAfterTheDirectories()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "data"));
        // Exits with fd 4's filetype * 10 + the errno of a non-blocking sock_accept on it: 6 (socket_stream), 6 (EAGAIN).
        var wat = dir.File("sock.wat", """
            (module
              (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $stat (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (drop (call $stat (i32.const 4) (i32.const 0)))
                (call $exit (i32.add (i32.mul (i32.load8_u (i32.const 0)) (i32.const 10))
                  (call $accept (i32.const 4) (i32.const 4) (i32.const 100))))))
            """);
        var r = Cli.Run("run", "--dir", Path.Combine(dir.Path, "data") + "::/", "--tcplisten", "127.0.0.1:0", wat);
        Assert.Equal(66, r.ExitCode);
        var bad = Cli.Run("run", "--tcplisten", "127.0.0.1", wat);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not HOST:PORT", bad.Err);
    }
}
