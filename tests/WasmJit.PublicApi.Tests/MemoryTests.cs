using System.Text;

namespace WasmJit.PublicApi.Tests;

/// <summary>Linear memory from the host: spans, checked typed reads and writes, strings, growth, host memories.</summary>
public sealed class MemoryTests
{
    private const string Wat = """
        (module
          (import "env" "print" (func $print (param i32 i32)))
          (memory (export "memory") 1 4)
          (data (i32.const 16) "hello, memory")
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "say") (call $print (i32.const 16) (i32.const 13))))
        """;

    [Fact]
    public void ReadsAndWritesAreCheckedAndLittleEndian()
    {
        var engine = new Engine();
        var printed = new List<string>();
        var linker = new Linker(engine).DefineFunction("env", "print",
            (Caller c, int ptr, int len) => printed.Add(c.GetMemory()!.ReadString(ptr, len)));
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, Wat));
        var memory = instance.GetMemory("memory")!;

        Assert.Equal(1, memory.Size);
        Assert.Equal(65536, memory.Length);
        Assert.Equal("hello, memory", memory.ReadString(16, 13));
        instance.GetAction("say")();
        Assert.Equal(["hello, memory"], printed);

        memory.Write(100, 0x11223344);
        Assert.Equal(0x11223344, instance.GetFunction<int, int>("load")(100));
        Assert.Equal(0x44, memory.GetSpan(100, 4)[0]);
        memory.Write(200, -2L);
        Assert.Equal(-2L, instance.GetFunction<int, long>("load64")(200));
        Assert.Equal(-2L, memory.Read<long>(200));
        memory.Write(300, 2.25);
        Assert.Equal(2.25, memory.Read<double>(300));

        Assert.Equal(5, memory.WriteString(1000, "héllo") - 1);
        Assert.Equal("héllo", memory.ReadString(1000, Encoding.UTF8.GetByteCount("héllo")));
        memory.Write(2000, "abc\0"u8);
        Assert.Equal("abc", memory.ReadNullTerminatedString(2000));

        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read<int>(65533));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Write(65536, (byte)1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadString(65530, 10));
        memory.Write(65532, 7);
        Assert.Equal(7, memory.Read<int>(65532));
    }

    [Fact]
    public void GrowingIsSeenByBothSides()
    {
        var engine = new Engine();
        var linker = new Linker(engine).DefineFunction("env", "print", (int _, int _) => { });
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, Module.FromText(engine, Wat));
        var memory = instance.GetMemory("memory")!;

        Assert.Equal(1, instance.GetFunction<int, int>("grow")(1));
        Assert.Equal(2, memory.Size);
        Assert.Equal(2, memory.Grow(2));
        Assert.Equal(4, memory.Size);
        Assert.Equal(-1, memory.Grow(1));
        Assert.Equal(-1, instance.GetFunction<int, int>("grow")(1));
        memory.Write(4 * 65536 - 4, 99);
        Assert.Equal(99, instance.GetFunction<int, int>("load")(4 * 65536 - 4));
        Assert.Equal(new MemoryType(new Limits(4, 4), false, false), memory.Type);
    }

    [Fact]
    public void HostMemoryImportedByTwoInstances()
    {
        const string writer = """
            (module (import "env" "mem" (memory 1))
              (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1))))
            """;
        const string reader = """
            (module (import "env" "mem" (memory 1))
              (func (export "get") (param i32) (result i32) (i32.load (local.get 0))))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var memory = new Memory(store, 1, 2);
        var linker = new Linker(engine).Define("env", "mem", memory);
        var w = linker.Instantiate(store, Module.FromText(engine, writer));
        var r = linker.Instantiate(store, Module.FromText(engine, reader));

        w.GetAction<int, int>("put")(8, 1234);
        Assert.Equal(1234, r.GetFunction<int, int>("get")(8));
        Assert.Equal(1234, memory.Read<int>(8));
        var trap = Assert.Throws<WasmTrapException>(() => r.GetFunction<int, int>("get")(65535));
        Assert.Equal(TrapKind.MemoryOutOfBounds, trap.Kind);
    }
}
