using WasmJit.Runtime;
using static WasmJit.Interpreter.Tests.ExecutionTests;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Interpreter.Tests;

public class RuntimeTests
{
    private static readonly ValType I32 = ValType.I32;
    private static readonly ValType I64 = ValType.I64;

    private static MemoryType Mem32(ulong min, ulong? max = null) => new(new Limits(min, max), false, false);

    [Fact]
    public void MemoryBoundsAtTheEdge()
    {
        var m = new TestModule();
        m.Memory(Mem32(1, 2));
        int load = m.Func(m.Type([I32], [I32]), new Asm().Op(Opcode.LocalGet, 0).Mem(Opcode.I32Load, alignLog2: 2).End());
        int store = m.Func(m.Type([I32, I32], []), new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Mem(Opcode.I32Store, offset: 1).End());
        m.Export("load", ExternKind.Func, load);
        m.Export("store", ExternKind.Func, store);
        m.Export("mem", ExternKind.Memory, 0);
        var inst = m.Instantiate(TestModule.NewStore());

        Call(inst, "store", FromI32(65531), FromI32(0x01020304));
        Assert.Equal(0x01020304, Call(inst, "load", FromI32(65532))[0].I32);
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "load", FromI32(65533)));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
        Assert.Throws<WasmTrapException>(() => Call(inst, "store", FromI32(65532), FromI32(0)));
        Assert.Throws<WasmTrapException>(() => Call(inst, "load", FromI32(-1)));
        var mem = (MemoryInstance)inst.GetExport("mem")!;
        Assert.Equal(4, mem.ReadByte(65532));
    }

    [Fact]
    public void MemoryGrowReturnsOldSizeThenMinusOne()
    {
        var m = new TestModule();
        m.Memory(Mem32(1, 3));
        int grow = m.Func(m.Type([I32], [I32]), new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.MemoryGrow, 0).End());
        int size = m.Func(m.Type([], [I32]), new Asm().Op(Opcode.MemorySize, 0).End());
        int load = m.Func(m.Type([I32], [I32]), new Asm().Op(Opcode.LocalGet, 0).Mem(Opcode.I32Load8U).End());
        m.Export("grow", ExternKind.Func, grow);
        m.Export("size", ExternKind.Func, size);
        m.Export("load", ExternKind.Func, load);
        var inst = m.Instantiate(TestModule.NewStore());
        Assert.Throws<WasmTrapException>(() => Call(inst, "load", FromI32(65536)));
        Assert.Equal(1, Call(inst, "grow", FromI32(1))[0].I32);
        Assert.Equal(0, Call(inst, "load", FromI32(65536))[0].I32);
        Assert.Equal(2, Call(inst, "size")[0].I32);
        Assert.Equal(-1, Call(inst, "grow", FromI32(2))[0].I32);
        Assert.Equal(2, Call(inst, "grow", FromI32(1))[0].I32);
        Assert.Equal(-1, Call(inst, "grow", FromI32(1))[0].I32);
        Assert.Equal(3, Call(inst, "size")[0].I32);
    }

    [Fact]
    public unsafe void Memory64AboveFourGiB()
    {
        // 65,537 pages: 4 GiB + 64 KiB, reserved once; touch the last page through a 64-bit address and offset.
        var store = TestModule.NewStore();
        var m = new TestModule();
        m.Memory(new MemoryType(new Limits(65537, 65538), false, true));
        int store64 = m.Func(m.Type([I64, I64], []), new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Mem(Opcode.I64Store, offset: 0x1_0000_0000).End());
        int load64 = m.Func(m.Type([I64], [I64]), new Asm().Op(Opcode.LocalGet, 0).Mem(Opcode.I64Load, offset: 0x1_0000_0000).End());
        int size = m.Func(m.Type([], [I64]), new Asm().Op(Opcode.MemorySize, 0).End());
        m.Export("store", ExternKind.Func, store64);
        m.Export("load", ExternKind.Func, load64);
        m.Export("size", ExternKind.Func, size);
        m.Export("mem", ExternKind.Memory, 0);
        var inst = m.Instantiate(store);
        var mem = (MemoryInstance)inst.GetExport("mem")!;
        Assert.Equal(65537UL << 16, mem.ByteLength);
        Assert.Equal(65537L, Call(inst, "size")[0].I64);
        long last = 65536 * 65536L + 65536 - 8 - 0x1_0000_0000;
        Call(inst, "store", FromI64(last), FromI64(0x1122334455667788));
        Assert.Equal(0x1122334455667788, Call(inst, "load", FromI64(last))[0].I64);
        Assert.Equal(0x88, mem.ReadByte((ulong)last + 0x1_0000_0000));
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "load", FromI64(last + 1)));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
        // An address whose sum with the offset overflows 64 bits traps instead of wrapping.
        Assert.Throws<WasmTrapException>(() => Call(inst, "load", FromI64(-8)));
        byte* before = mem.Base;
        Assert.Equal(65537, mem.Grow(1));
        Assert.True(before == mem.Base);
        mem.Dispose();
        store.Dispose();
    }

    [Fact]
    public void GlobalsWithExtendedConstantsAndImports()
    {
        var store = TestModule.NewStore();
        var m = new TestModule();
        m.ImportGlobal("env", "base", new GlobalType(I32, false));
        m.Global(new GlobalType(I32, true), new Asm().Op(Opcode.GlobalGet, 0).I32(10).Op(Opcode.I32Mul).I32(1).Op(Opcode.I32Add));
        int bump = m.Func(m.Type([], [I32]), new Asm().Op(Opcode.GlobalGet, 1).I32(1).Op(Opcode.I32Add).Op(Opcode.GlobalSet, 1).Op(Opcode.GlobalGet, 1).End());
        m.Export("bump", ExternKind.Func, bump);
        m.Export("g", ExternKind.Global, 1);
        var imported = new GlobalInstance(new GlobalType(I32, false), FromI32(4));
        var inst = m.Instantiate(store, imp => imp.Name == "base" ? imported : null);
        var g = (GlobalInstance)inst.GetExport("g")!;
        Assert.Equal(41, g.Value.I32);
        Assert.Equal(42, Call(inst, "bump")[0].I32);
        g.Value = FromI32(100);
        Assert.Equal(101, Call(inst, "bump")[0].I32);

        var mutableInstead = new GlobalInstance(new GlobalType(I32, true), FromI32(4));
        Assert.Throws<WasmLinkException>(() => m.Instantiate(store, _ => mutableInstead));
    }

    [Fact]
    public void CallIndirectAndTypeMismatch()
    {
        var m = new TestModule();
        int unary = m.Type([I32], [I32]);
        int binary = m.Type([I32, I32], [I32]);
        m.Table(new TableType(ValType.FuncRef, new Limits(4, null), false));
        int neg = m.Func(unary, new Asm().I32(0).Op(Opcode.LocalGet, 0).Op(Opcode.I32Sub).End());
        int add = m.Func(binary, new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.I32Add).End());
        int dispatch = m.Func(m.Type([I32, I32], [I32]),
            new Asm().Op(Opcode.LocalGet, 1).Op(Opcode.LocalGet, 0).Op(Opcode.CallIndirect, (uint)unary, 0).End());
        m.ActiveElements(0, new Asm().I32(1), neg, add);
        m.Export("dispatch", ExternKind.Func, dispatch);
        m.Export("table", ExternKind.Table, 0);
        var inst = m.Instantiate(TestModule.NewStore());
        Assert.Equal(-7, Call(inst, "dispatch", FromI32(1), FromI32(7))[0].I32);
        Assert.Equal(TrapKind.IndirectCallTypeMismatch, Assert.Throws<WasmTrapException>(() => Call(inst, "dispatch", FromI32(2), FromI32(7))).Kind);
        Assert.Equal(TrapKind.UninitializedElement, Assert.Throws<WasmTrapException>(() => Call(inst, "dispatch", FromI32(0), FromI32(7))).Kind);
        Assert.Equal(TrapKind.UndefinedElement, Assert.Throws<WasmTrapException>(() => Call(inst, "dispatch", FromI32(4), FromI32(7))).Kind);
        var table = (TableInstance)inst.GetExport("table")!;
        Assert.Same(inst.Functions[neg], table.Get(1));
    }

    [Fact]
    public void TablesGrowFillCopyInit()
    {
        var m = new TestModule();
        int nullary = m.Type([], [I32]);
        m.Table(new TableType(ValType.FuncRef, new Limits(2, 10), false));
        int f7 = m.Func(nullary, new Asm().I32(7).End());
        int f8 = m.Func(nullary, new Asm().I32(8).End());
        m.PassiveElements(f7, f8);
        var ops = new Asm()
            .RefNull(HeapType.FuncCode).I32(3).Op(Opcode.TableGrow, 0).Op(Opcode.Drop)          // size 5
            .I32(0).I32(0).I32(2).Op(Opcode.TableInit, 0, 0)                                      // [f7 f8 _ _ _]
            .I32(2).I32(0).I32(2).Op(Opcode.TableCopy, 0, 0)                                      // [f7 f8 f7 f8 _]
            .I32(4).I32(1).Op(Opcode.TableGet, 0).I32(1).Op(Opcode.TableFill, 0)                  // [f7 f8 f7 f8 f8]
            .Op(Opcode.ElemDrop, 0)
            .Op(Opcode.TableSize, 0).End();
        int run = m.Func(nullary, ops);
        int callAt = m.Func(m.Type([I32], [I32]), new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.CallIndirect, (uint)nullary, 0).End());
        int initAgain = m.Func(m.Type([], []), new Asm().I32(0).I32(0).I32(1).Op(Opcode.TableInit, 0, 0).End());
        m.Export("run", ExternKind.Func, run);
        m.Export("callAt", ExternKind.Func, callAt);
        m.Export("initAgain", ExternKind.Func, initAgain);
        var inst = m.Instantiate(TestModule.NewStore());
        Assert.Equal(5, Call(inst, "run")[0].I32);
        Assert.Equal([7, 8, 7, 8, 8], Enumerable.Range(0, 5).Select(i => Call(inst, "callAt", FromI32(i))[0].I32));
        // The segment was dropped: initialising from it with a non-zero length is out of bounds.
        Assert.Equal(TrapKind.TableOutOfBounds, Assert.Throws<WasmTrapException>(() => Call(inst, "initAgain")).Kind);
    }

    [Fact]
    public void DataSegmentsBulkMemoryAndStart()
    {
        var m = new TestModule();
        m.Memory(Mem32(1));
        m.ActiveData(0, new Asm().I32(16), "hello"u8.ToArray());
        m.PassiveData("world"u8.ToArray());
        m.Global(new GlobalType(I32, true), new Asm().I32(0));
        // start: memory.init 5 bytes of segment 1 at 32, copy 3 bytes from 16 to 40, fill 2 bytes at 48, set global.
        int start = m.Func(m.Type([], []), new Asm()
            .I32(32).I32(0).I32(5).Op(Opcode.MemoryInit, 1, 0)
            .Op(Opcode.DataDrop, 1)
            .I32(40).I32(16).I32(3).Op(Opcode.MemoryCopy, 0, 0)
            .I32(48).I32('!').I32(2).Op(Opcode.MemoryFill, 0)
            .I32(1).Op(Opcode.GlobalSet, 0)
            .End());
        m.Start(start);
        m.Export("mem", ExternKind.Memory, 0);
        m.Export("started", ExternKind.Global, 0);
        var inst = m.Instantiate(TestModule.NewStore());
        var mem = (MemoryInstance)inst.GetExport("mem")!;
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(mem.Span(16, 5)));
        Assert.Equal("world", System.Text.Encoding.ASCII.GetString(mem.Span(32, 5)));
        Assert.Equal("hel", System.Text.Encoding.ASCII.GetString(mem.Span(40, 3)));
        Assert.Equal("!!", System.Text.Encoding.ASCII.GetString(mem.Span(48, 2)));
        Assert.Equal(1, ((GlobalInstance)inst.GetExport("started")!).Value.I32);
    }

    [Fact]
    public void OutOfBoundsActiveSegmentTrapsAtInstantiation()
    {
        var m = new TestModule();
        m.Memory(Mem32(1));
        m.ActiveData(0, new Asm().I32(65535), "ab"u8.ToArray());
        var e = Assert.Throws<WasmTrapException>(() => m.Instantiate(TestModule.NewStore()));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
    }

    [Fact]
    public void TwoInstancesShareMemoryAndFunctions()
    {
        var store = TestModule.NewStore();
        var a = new TestModule();
        a.Memory(Mem32(1));
        int t = a.Type([I32], [I32]);
        int get = a.Func(t, new Asm().Op(Opcode.LocalGet, 0).Mem(Opcode.I32Load8U).End());
        a.Export("mem", ExternKind.Memory, 0);
        a.Export("get", ExternKind.Func, get);
        var instA = a.Instantiate(store, name: "A");

        var b = new TestModule();
        int tb = b.Type([I32], [I32]);
        int imported = b.ImportFunc("A", "get", tb);
        b.ImportMemory("A", "mem", Mem32(1));
        int put = b.Func(b.Type([I32, I32], [I32]), new Asm()
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Mem(Opcode.I32Store8)
            .Op(Opcode.LocalGet, 0).Op(Opcode.Call, (uint)imported).End());
        b.Export("put", ExternKind.Func, put);
        var instB = b.Instantiate(store, imp => instA.GetExport(imp.Name));
        Assert.Equal(99, Call(instB, "put", FromI32(5), FromI32(99))[0].I32);
        Assert.Equal(99, Call(instA, "get", FromI32(5))[0].I32);

        // Importing a 1-page memory as "at least 2 pages" is incompatible.
        var c = new TestModule();
        c.ImportMemory("A", "mem", Mem32(2));
        Assert.StartsWith("incompatible import type", Assert.Throws<WasmLinkException>(() => c.Instantiate(store, imp => instA.GetExport(imp.Name))).Message);
    }

    [Fact]
    public void SpectestHostHasTheExpectedExports()
    {
        var store = TestModule.NewStore();
        var host = SpectestHost.Create(store);
        Assert.Equal(666, ((GlobalInstance)host["global_i32"]).Value.I32);
        Assert.Equal(666.6f, ((GlobalInstance)host["global_f32"]).Value.F32);
        Assert.Equal(10UL, ((TableInstance)host["table"]).Size);
        Assert.Equal(1UL, ((MemoryInstance)host["memory"]).SizeInPages);
        Assert.True(((MemoryInstance)host["shared_memory"]).Shared);
        Assert.Empty(((FunctionInstance)host["print_i32"]).Invoke([FromI32(1)]));
    }

    [Fact]
    public void ReferencesRefFuncAndSelect()
    {
        var m = new TestModule();
        int nullary = m.Type([], [I32]);
        int f = m.Func(nullary, new Asm().I32(42).End());
        // call_ref through a ref.func selected by a condition; null when the condition picks ref.null.
        var code = new Asm()
            .Op(Opcode.RefFunc, (uint)f).RefNull(HeapType.FuncCode).Op(Opcode.LocalGet, 0)
            .Op(Opcode.SelectT, 1).ValType(ValType.FuncRef)
            .Op(Opcode.RefIsNull).End();
        int isNull = m.Func(m.Type([I32], [I32]), code);
        m.Export("isNull", ExternKind.Func, isNull);
        m.Export("f", ExternKind.Func, f);
        var inst = m.Instantiate(TestModule.NewStore());
        Assert.Equal(0, Call(inst, "isNull", FromI32(1))[0].I32);
        Assert.Equal(1, Call(inst, "isNull", FromI32(0))[0].I32);
    }
}
