using WasmJit.Runtime;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Interpreter.Tests;

/// <summary>
/// Loads and stores: the main loop's memory-0 path with an <c>i32.add</c> folded into the address (which must still
/// wrap at 32 bits before the offset is added), and IOp.MemAccess for memory64 and other memories.
/// </summary>
public class MemoryAccessTests
{
    private static readonly ValType I32 = ValType.I32;
    private static readonly ValType I64 = ValType.I64;

    private static WasmValue[] Call(ModuleInstance inst, string name, params WasmValue[] args) => ExecutionTests.Call(inst, name, args);

    private static ModuleInstance WithMemory(ValType[] ps, ValType[] rs, Asm code, MemoryType? memory = null, MemoryType? second = null)
    {
        var m = new TestModule();
        m.Memory(memory ?? new MemoryType(new Limits(1, null), false, false));
        if (second is { } s)
        {
            m.Memory(s);
        }
        int f = m.Func(m.Type(ps, rs), code);
        m.Export("f", ExternKind.Func, f);
        return m.Instantiate(TestModule.NewStore());
    }

    [Fact]
    public void FoldedAddressAddWrapsAt32BitsBeforeTheOffset()
    {
        // mem[4] = 0x11223344 (address from a folded 1 + 3), then i32.load offset=4 (x + 2) with x = -2: the add wraps
        // to 0 and the offset then makes 4. Adding all three in 64 bits would give 2^32 + 4: out of bounds.
        var code = new Asm()
            .I32(1).I32(3).Op(Opcode.I32Add).I32(0x11223344).Mem(Opcode.I32Store, 0, 2)
            .Op(Opcode.LocalGet, 0).I32(2).Op(Opcode.I32Add).Mem(Opcode.I32Load, 4, 2)
            .End();
        var inst = WithMemory([I32], [I32], code);
        Assert.Equal(0x11223344, Call(inst, "f", FromI32(-2))[0].I32);
        // x + 2 = 2^32 - 1 (no wrap): 2^32 - 1 + 4 is past the page.
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "f", FromI32(-3)));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
    }

    [Fact]
    public void FoldedAddressAddReadsWhatAStoreWrote()
    {
        // store at (x + y) + 8, load at (y + x) + 8: both adds are folded into the access.
        var code = new Asm()
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.I32Add).Op(Opcode.LocalGet, 2).Mem(Opcode.I64Store, 8, 3)
            .Op(Opcode.LocalGet, 1).Op(Opcode.LocalGet, 0).Op(Opcode.I32Add).Mem(Opcode.I64Load, 8, 3)
            .End();
        var inst = WithMemory([I32, I32, I64], [I64], code);
        Assert.Equal(-1234567890123L, Call(inst, "f", FromI32(100), FromI32(20), FromI64(-1234567890123L))[0].I64);
        // x + y wraps to 0x10 (16): the value lands at 24, inside the page.
        Assert.Equal(42L, Call(inst, "f", FromI32(-16), FromI32(32), FromI64(42))[0].I64);
    }

    [Fact]
    public void FoldedAddressAddWrapsInsteadOfTrapping()
    {
        // (0xFFFFFFFC + 8) wraps to 4: a valid address, where a 64-bit sum would be out of bounds.
        var code = new Asm()
            .I32(4).I32(0x5A5A).Mem(Opcode.I32Store, 0, 2)
            .Op(Opcode.LocalGet, 0).I32(8).Op(Opcode.I32Add).Mem(Opcode.I32Load, 0, 2)
            .End();
        var inst = WithMemory([I32], [I32], code);
        Assert.Equal(0x5A5A, Call(inst, "f", FromI32(unchecked((int)0xFFFFFFFC)))[0].I32);
    }

    [Fact]
    public void OutOfBoundsByOneByteTraps()
    {
        var code = new Asm().Op(Opcode.LocalGet, 0).I32(4).Op(Opcode.I32Add).Mem(Opcode.I64Load, 0, 3).Op(Opcode.Drop).End();
        var inst = WithMemory([I32], [], code);
        Call(inst, "f", FromI32(65536 - 12));   // last byte read: 65535
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "f", FromI32(65536 - 11)));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
    }

    [Fact]
    public void Memory64TakesTheGeneralPath()
    {
        // i64 addresses: a store and a load round-trip; an address whose sum with the offset overflows 64 bits traps.
        var code = new Asm()
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Mem(Opcode.I32Store16, 2, 1)
            .Op(Opcode.LocalGet, 0).Mem(Opcode.I32Load16U, 2, 1)
            .End();
        var inst = WithMemory([I64, I32], [I32], code, new MemoryType(new Limits(1, null), false, true));
        Assert.Equal(0xBEEF, Call(inst, "f", FromI64(1000), FromI32(0x1BEEF))[0].I32);
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "f", FromI64(-1), FromI32(1)));
        Assert.Equal(TrapKind.MemoryOutOfBounds, e.Kind);
    }

    [Fact]
    public void SecondMemoryIsSeparate()
    {
        // Write 7 to memory 1 at 16, 9 to memory 0 at 16; read memory 1 back.
        var code = new Asm()
            .I32(16).I32(7).Mem(Opcode.I32Store8, 0, 0, 1)
            .I32(16).I32(9).Mem(Opcode.I32Store8, 0, 0)
            .I32(16).Mem(Opcode.I32Load8U, 0, 0, 1)
            .I32(16).Mem(Opcode.I32Load8U, 0, 0)
            .Op(Opcode.I32Sub)
            .End();
        var inst = WithMemory([], [I32], code, second: new MemoryType(new Limits(1, null), false, false));
        Assert.Equal(7 - 9, Call(inst, "f")[0].I32);
    }

    [Fact]
    public void ResultsReturnStraightFromSwappedLocals()
    {
        var m = new TestModule();
        int f = m.Func(m.Type([I32, I32], [I32, I32]), new Asm().Op(Opcode.LocalGet, 1).Op(Opcode.LocalGet, 0).End());
        m.Export("f", ExternKind.Func, f);
        var inst = m.Instantiate(TestModule.NewStore());
        var r = Call(inst, "f", FromI32(1), FromI32(2));
        Assert.Equal([2, 1], r.Select(v => v.I32));
    }

    [Fact]
    public void AddressAddIsFoldedIntoTheAccess()
    {
        var m = new TestModule();
        m.Memory(new MemoryType(new Limits(1, null), false, false));
        int f = m.Func(m.Type([I32, I32], [I32]), new Asm()
            .Op(Opcode.LocalGet, 0).I32(8).Op(Opcode.I32Add).Op(Opcode.LocalGet, 1).Mem(Opcode.I32Store, 0, 2)
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.I32Add).Mem(Opcode.I32Load8U, 0, 0)
            .End());
        var code = Translator.Translate(m.Build(), WasmFeatures.Default, f);
        var ops = code.Instructions.ToArray().Select(i => i.Op).ToList();
        Assert.DoesNotContain((int)Opcode.I32Add, ops);
        Assert.Contains((int)Opcode.I32Store, ops);
        Assert.Contains((int)Opcode.I32Load8U, ops);
    }
}
