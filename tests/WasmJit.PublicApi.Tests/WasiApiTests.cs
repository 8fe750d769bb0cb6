using System.Text;

namespace WasmJit.PublicApi.Tests;

/// <summary>The WASI binding as an embedder sees it: proc_exit, stdio streams, shared state per store.</summary>
public sealed class WasiApiTests
{
    [Fact]
    public void ProcExitPropagatesThroughWasmFramesUnwrapped()
    {
        const string wat = """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit_again (param i32)))
              (memory (export "memory") 1)
              (func $deep (param i32) (call $exit (local.get 0)))
              (func $deeper (param i32) (call $deep (local.get 0)))
              (func (export "_start") (call $deeper (i32.const 42)))
              (func (export "other") (call $exit_again (i32.const 3))))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).DefineWasi().Instantiate(store, Module.FromText(engine, wat));

        var e = Assert.Throws<WasiExitException>(() => instance.GetAction("_start")());
        Assert.Equal(42, e.ExitCode);
        Assert.Equal(3, Assert.Throws<WasiExitException>(() => instance.GetFunction("other")!.Invoke()).ExitCode);
    }

    [Fact]
    public void StdioStreamsAndOneContextPerStore()
    {
        // fd_write of "hi\n" (an iovec at 0) to stdout; a second instance in the same store shares the fd table.
        const string wat = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hi\n")
              (func (export "say") (param i32) (result i32)
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 3))
                (call $write (local.get 0) (i32.const 0) (i32.const 1) (i32.const 8))))
            """;
        var engine = new Engine();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var linker = new Linker(engine).DefineWasi(WasiOptions.Default.WithStdout(stdout).WithStderr(stderr));
        var module = Module.FromText(engine, wat);
        using var store = new Store(engine);
        var a = linker.Instantiate(store, module);
        var b = linker.Instantiate(store, module);

        Assert.Equal(0, a.GetFunction<int, int>("say")(1));
        Assert.Equal(0, b.GetFunction<int, int>("say")(2));
        Assert.Equal(8, a.GetFunction<int, int>("say")(99)); // EBADF
        Assert.Equal(3, a.GetMemory("memory")!.Read<int>(8));
        Assert.Equal("hi\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("hi\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void WasiWithoutExportedMemoryIsAHostError()
    {
        const string wat = """
            (module
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
              (memory 1)
              (func (export "run") (result i32) (call $sizes (i32.const 0) (i32.const 4))))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var run = new Linker(engine).DefineWasi().Instantiate(store, Module.FromText(engine, wat)).GetFunction<int>("run");
        var e = Assert.Throws<WasmTrapException>(() => run());
        Assert.Equal(TrapKind.HostError, e.Kind);
        Assert.Contains("\"memory\"", e.Message);
    }
}
