using static WasmJit.Core.Tests.Validation.ValidatorTestModules;

namespace WasmJit.Core.Tests.Validation;

public class FuncValidatorTests
{
    private static readonly ValType I32 = ValType.I32;
    private static readonly ValType I64 = ValType.I64;
    private static readonly ValType F32 = ValType.F32;

    private static Code C() => new();

    [Fact]
    public void SimpleArithmeticIsValid()
    {
        WithFunc([I32, I32], [I32], C().I("local.get").U32(0).I("local.get").U32(1).I("i32.add").End()).Validate();
    }

    [Fact]
    public void OperandOfWrongTypeIsTypeMismatch()
    {
        var e = WithFunc([], [I32], C().I64(1).I32(2).I("i32.add").End()).Invalid("type mismatch");
        Assert.Contains("instruction requires [i32] but stack has [i64]", e.Message);
    }

    [Fact]
    public void EmptyStackIsTypeMismatch()
    {
        var e = WithFunc([], [I32], C().End()).Invalid("type mismatch");
        Assert.Contains("instruction requires [i32] but stack has []", e.Message);
    }

    [Fact]
    public void ExtraValuesAtEndOfBlockAreTypeMismatch()
    {
        var e = WithFunc([], [], C().I32(1).End()).Invalid("type mismatch");
        Assert.Contains("block requires [] but stack has [i32]", e.Message);
    }

    [Fact]
    public void PolymorphicStackAfterUnreachableSatisfiesAnyPop()
    {
        WithFunc([], [I32], C().I("unreachable").I("i32.add").End()).Validate();
        WithFunc([], [I64], C().I("unreachable").I("i32.eqz").I("drop").I64(0).End()).Validate();
    }

    [Fact]
    public void PolymorphicStackStillChecksKnownOperands()
    {
        // (unreachable) (i64.const 0) (i32.add): the known operand must still match.
        WithFunc([], [I32], C().I("unreachable").I64(0).I("i32.add").End()).Invalid("type mismatch");
    }

    [Fact]
    public void PolymorphicAfterBrAndReturn()
    {
        WithFunc([], [I32], C().Block("block", I32).I32(1).I("br").U32(0).I("i32.add").End().End()).Validate();
        WithFunc([], [I32], C().I32(1).I("return").I("f32.add").I("drop").I32(0).End()).Validate();
    }

    [Fact]
    public void BlockResultsAndParams()
    {
        var b = new ValidatorTestModules();
        int t = b.Type([I32, I32], [I64, I32]);
        b.Function(b.Type([], [I64, I32]), [], C().I32(1).I32(2).BlockIndex("block", t).I("i32.add").I("i64.extend_i32_u").I32(7).End().End());
        b.Validate();
    }

    [Fact]
    public void MultiValueLoopLabelTakesParams()
    {
        var b = new ValidatorTestModules();
        int t = b.Type([I32], [I32]);
        // loop (param i32) (result i32): br 0 carries the param type.
        b.Function(b.Type([], [I32]), [], C().I32(1).BlockIndex("loop", t).I32(0).I("br_if").U32(0).End().End());
        b.Validate();
        var bad = new ValidatorTestModules();
        int t2 = bad.Type([I32], [I64]);
        bad.Function(bad.Type([], [I64]), [], C().I32(1).BlockIndex("loop", t2).I64(0).I("br").U32(0).End().End());
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void BlockTypeIndexMustExist()
    {
        WithFunc([], [], C().BlockIndex("block", 5).End().End()).Invalid("unknown type");
    }

    [Fact]
    public void IfWithoutElseNeedsMatchingParamsAndResults()
    {
        WithFunc([], [I32], C().I32(1).Block("if", I32).I32(1).End().End()).Invalid("type mismatch");
        WithFunc([], [I32], C().I32(1).Block("if", I32).I32(1).I("else").I32(2).End().End()).Validate();
    }

    [Fact]
    public void UnknownLabel()
    {
        WithFunc([], [], C().I("br").U32(1).End()).Invalid("unknown label");
    }

    [Fact]
    public void BrTableArityAndTypes()
    {
        // Targets with different arity: the function label has [] and the block label [i32].
        WithFunc([], [], C().Block("block", I32).I32(0).I32(0).I("br_table").U32(1).U32(1).U32(0).End().I("drop").End()).Invalid("type mismatch");

        // Same arity, different types (f32 and i32): fine in unreachable code, where the operand is bottom.
        WithFunc([], [], C().Block("block", F32).Block("block", I32).I("unreachable").I32(0).I("br_table").U32(1).U32(1).U32(0).End()
            .I("drop").I("f32.const").Bytes(0, 0, 0, 0).End().I("drop").End()).Validate();

        // ... but not with a known operand.
        WithFunc([], [], C().Block("block", F32).Block("block", I32).I32(5).I32(0).I("br_table").U32(1).U32(1).U32(0).End()
            .I("drop").I("f32.const").Bytes(0, 0, 0, 0).End().I("drop").End()).Invalid("type mismatch");
    }

    [Fact]
    public void SelectRules()
    {
        WithFunc([], [I32], C().I32(1).I32(2).I32(0).I("select").End()).Validate();
        WithFunc([], [I32], C().I32(1).I64(2).I32(0).I("select").End()).Invalid("type mismatch");
        // Untyped select rejects references.
        WithFunc([], [], C().I("ref.null").Heap(HeapType.Func).I("ref.null").Heap(HeapType.Func).I32(0).I("select").I("drop").End()).Invalid("type mismatch");
        // select_t with one type accepts references; arity 0 and 2 are invalid result arity.
        WithFunc([], [], C().I("ref.null").Heap(HeapType.Func).I("ref.null").Heap(HeapType.Func).I32(0).I("select_t").U32(1).Val(ValType.FuncRef).I("drop").End()).Validate();
        WithFunc([], [], C().I32(0).I("select_t").U32(0).End()).Invalid("invalid result arity");
        WithFunc([], [], C().I32(0).I("select_t").U32(2).Val(I32).Val(I32).End()).Invalid("invalid result arity");
        // Unreachable: select of bottoms is fine, and of bottom and a number yields the number.
        WithFunc([], [I64], C().I("unreachable").I64(1).I32(0).I("select").End()).Validate();
    }

    [Fact]
    public void LocalsAndGlobals()
    {
        WithFunc([], [], C().I("local.get").U32(2).I("drop").End(), I32).Invalid("unknown local 2");
        WithFunc([], [], C().I("global.get").U32(0).I("drop").End()).Invalid("unknown global 0");
        var b = new ValidatorTestModules();
        b.Global(new GlobalType(I32, false), C().I32(0).End());
        b.Function([], [], [], C().I32(1).I("global.set").U32(0).End());
        b.Invalid("immutable global");
        WithFunc([I32], [I64], C().I("local.tee").U32(0).End(), I32).Invalid("type mismatch");
    }

    [Fact]
    public void NonDefaultableLocalsMustBeSetBeforeUse()
    {
        var b = new ValidatorTestModules();
        int t = b.Type();
        b.Function(b.Type([], []), [Ref(t)], C().I("local.get").U32(0).I("drop").End());
        b.Invalid("uninitialized local");

        // Set inside a block: uninitialised again after the block ends.
        var c = new ValidatorTestModules();
        int tc = c.Type();
        int f = c.Function(tc, [], C().End());
        c.Declare(f);
        c.Function(c.Type([], []), [Ref(tc)],
            C().Block("block").I("ref.func").U32(0).I("local.set").U32(0).I("local.get").U32(0).I("drop").End()
               .I("local.get").U32(0).I("drop").End());
        c.Invalid("uninitialized local");

        // Set at function level: fine afterwards, also in nested blocks.
        var d = new ValidatorTestModules();
        int td = d.Type();
        int fd = d.Function(td, [], C().End());
        d.Declare(fd);
        d.Function(d.Type([], []), [Ref(td)],
            C().I("ref.func").U32(0).I("local.set").U32(0).Block("block").I("local.get").U32(0).I("drop").End().End());
        d.Validate();
    }

    [Fact]
    public void UninitialisedInElseAfterSetInThen()
    {
        var b = new ValidatorTestModules();
        int t = b.Type();
        int f = b.Function(t, [], C().End());
        b.Declare(f);
        b.Function(b.Type([], []), [Ref(t)],
            C().I32(0).Block("if").I("ref.func").U32(0).I("local.set").U32(0).I("else").I("local.get").U32(0).I("drop").End().End());
        b.Invalid("uninitialized local");
    }

    [Fact]
    public void CallsCheckArgumentsAndIndices()
    {
        var b = new ValidatorTestModules();
        int callee = b.Function([I32], [I64], [], C().I64(0).End());
        b.Function([], [I64], [], C().I32(1).I("call").U32((uint)callee).End());
        b.Validate();

        WithFunc([], [], C().I("call").U32(7).End()).Invalid("unknown function 7");
        var c = new ValidatorTestModules();
        int callee2 = c.Function([I32], [], [], C().End());
        c.Function([], [], [], C().I64(1).I("call").U32((uint)callee2).End());
        c.Invalid("type mismatch");
    }

    [Fact]
    public void CallIndirectNeedsTableAndType()
    {
        WithFunc([], [], C().I32(0).I("call_indirect").U32(0).U32(0).End()).Invalid("unknown table");
        var b = new ValidatorTestModules();
        b.Table();
        b.Function([], [], [], C().I32(0).I("call_indirect").U32(9).U32(0).End());
        b.Invalid("unknown type");
        var ok = new ValidatorTestModules();
        ok.Table();
        ok.Function([], [], [], C().I32(0).I("call_indirect").U32(0).U32(0).End());
        ok.Validate();
    }

    [Fact]
    public void TailCallResultsMustMatch()
    {
        var b = new ValidatorTestModules();
        int callee = b.Function([], [I64], [], C().I64(0).End());
        b.Function([], [I32], [], C().I("return_call").U32((uint)callee).End());
        b.Invalid("type mismatch");

        var ok = new ValidatorTestModules();
        int callee2 = ok.Function([], [I32], [], C().I32(0).End());
        ok.Function([], [I32], [], C().I("return_call").U32((uint)callee2).I("i64.eqz").I("drop").I32(0).End());
        ok.Validate();
    }

    [Fact]
    public void MemoryInstructionsNeedMemoryAndNaturalAlignment()
    {
        WithFunc([], [I32], C().I32(0).I("i32.load").MemArg(2).End()).Invalid("unknown memory 0");
        var b = new ValidatorTestModules();
        b.Memory();
        b.Function([], [I32], [], C().I32(0).I("i32.load").MemArg(3).End());
        b.Invalid("alignment must not be larger than natural");

        var c = new ValidatorTestModules();
        c.Memory();
        c.Function([], [I32], [], C().I32(0).I("i32.load").MemArg(0, 0x1_0000_0000).End());
        c.Invalid("offset out of range");

        var ok = new ValidatorTestModules();
        ok.Memory();
        ok.Function([], [I32], [], C().I32(0).I("i32.load8_u").MemArg(0).I32(0).I32(0).I("i32.store16").MemArg(1).End());
        ok.Validate();
    }

    [Fact]
    public void Memory64UsesI64Addresses()
    {
        var b = new ValidatorTestModules();
        b.Memory(new MemoryType(new Limits(1, null), false, true));
        b.Function([], [I64], [], C().I64(0).I("i64.load").MemArg(3).I("memory.size").U32(0).I("i64.add").End());
        b.Validate();

        var bad = new ValidatorTestModules();
        bad.Memory(new MemoryType(new Limits(1, null), false, true));
        bad.Function([], [I64], [], C().I32(0).I("i64.load").MemArg(3).End());
        bad.Invalid("type mismatch");

        // memory.fill on a 64-bit memory: address and length are i64, the value i32.
        var fill = new ValidatorTestModules();
        fill.Memory(new MemoryType(new Limits(1, null), false, true));
        fill.Function([], [], [], C().I64(0).I32(0).I64(1).I("memory.fill").U32(0).End());
        fill.Validate();
    }

    [Fact]
    public void MultiMemoryIndices()
    {
        var b = new ValidatorTestModules();
        b.Memory();
        b.Memory(new MemoryType(new Limits(1, null), false, true));
        b.Function([], [I64], [], C().I64(0).I("i64.load").MemArg(3, 0, 1).End());
        b.Validate();
        Assert.Throws<WasmInvalidException>(() => b.Validate(WasmFeatures.Wasm2));

        var c = new ValidatorTestModules();
        c.Memory();
        c.Function([], [I32], [], C().I32(0).I("i32.load").MemArg(2, 0, 1).End());
        c.Invalid("unknown memory 1");

        // memory.copy between an i32 and an i64 memory: the length is i32.
        var d = new ValidatorTestModules();
        d.Memory();
        d.Memory(new MemoryType(new Limits(1, null), false, true));
        d.Function([], [], [], C().I32(0).I64(0).I32(1).I("memory.copy").U32(0).U32(1).End());
        d.Validate();
    }

    [Fact]
    public void AtomicsRequireExactlyNaturalAlignment()
    {
        var b = new ValidatorTestModules();
        b.Memory(new MemoryType(new Limits(1, 1), true, false));
        b.Function([], [I32], [], C().I32(0).I("i32.atomic.load").MemArg(1).End());
        b.Invalid("atomic alignment must be natural");

        var ok = new ValidatorTestModules();
        ok.Memory(new MemoryType(new Limits(1, 1), true, false));
        ok.Function([], [I64], [], C().I32(0).I64(1).I64(2).I("i64.atomic.rmw.cmpxchg").MemArg(3).End());
        ok.Validate();
    }

    [Fact]
    public void SimdLaneIndices()
    {
        var v = C().I("v128.const").Bytes(new byte[16]);
        WithFunc([], [I32], C().Bytes(v).I("i8x16.extract_lane_s").Byte(15).End()).Validate();
        WithFunc([], [I32], C().Bytes(v).I("i8x16.extract_lane_s").Byte(16).End()).Invalid("invalid lane index");
        WithFunc([], [ValType.I64], C().Bytes(v).I("i64x2.extract_lane").Byte(2).End()).Invalid("invalid lane index");
        var shuffle = new byte[16];
        shuffle[3] = 31;
        WithFunc([], [ValType.V128], C().Bytes(v).Bytes(v).I("i8x16.shuffle").Bytes(shuffle).End()).Validate();
        shuffle[3] = 32;
        WithFunc([], [ValType.V128], C().Bytes(v).Bytes(v).I("i8x16.shuffle").Bytes(shuffle).End()).Invalid("invalid lane index");

        var b = new ValidatorTestModules();
        b.Memory();
        b.Function([], [ValType.V128], [], C().I32(0).Bytes(v).I("v128.load32_lane").MemArg(2).Byte(4).End());
        b.Invalid("invalid lane index");
    }

    [Fact]
    public void BulkMemoryNeedsDataCountAndSegments()
    {
        // A data segment exists but the binary has no data count section: malformed.
        var b = new ValidatorTestModules();
        b.Memory();
        b.Data(SegmentMode.Passive);
        b.Function([], [], [], C().I("data.drop").U32(0).End());
        var m = Assert.Throws<WasmMalformedException>(() => b.Validate());
        Assert.Contains("data count section required", m.Message);

        // No segment at all: the index is unknown (what a module from text reports).
        var none = new ValidatorTestModules();
        none.Memory();
        none.Function([], [], [], C().I("data.drop").U32(0).End());
        none.Invalid("unknown data segment 0");

        // memory.init without a memory reports the memory first.
        WithFunc([], [], C().I32(0).I32(0).I32(0).I("memory.init").U32(1).U32(0).End()).Invalid("unknown memory 0");

        var c = new ValidatorTestModules();
        c.Memory();
        c.DataCount(1);
        c.Data(SegmentMode.Passive);
        c.Function([], [], [], C().I32(0).I32(0).I32(0).I("memory.init").U32(1).U32(0).End());
        c.Invalid("unknown data segment 1");

        WithFunc([], [], C().I("elem.drop").U32(0).End()).Invalid("unknown elem segment 0");
    }

    [Fact]
    public void TableInstructions()
    {
        var b = new ValidatorTestModules();
        b.Table(1, ValType.ExternRef);
        b.Function([], [ValType.FuncRef], [], C().I32(0).I("table.get").U32(0).End());
        b.Invalid("type mismatch");
        WithFunc([], [I32], C().I("table.size").U32(0).End()).Invalid("unknown table 0");

        var t64 = new ValidatorTestModules();
        t64.Table(new TableType(ValType.FuncRef, new Limits(1, null), true));
        t64.Function([], [ValType.I64], [], C().I("ref.null").Heap(HeapType.Func).I64(1).I("table.grow").U32(0).End());
        t64.Validate();
    }

    [Fact]
    public void CodeWithoutFinalEndIsMalformed()
    {
        var e = Assert.Throws<WasmMalformedException>(() => WithFunc([], [], C().I("nop")).Validate());
        Assert.Contains("unexpected end of section or function", e.Message);
        var f = Assert.Throws<WasmMalformedException>(() => WithFunc([], [], C().End().I("nop")).Validate());
        Assert.Contains("section size mismatch", f.Message);
    }

    [Fact]
    public void DisabledFeatureOpcodeIsRejected()
    {
        // i32.extend8_s needs sign extension; with Wasm 1.0 features it is an illegal opcode.
        Assert.Throws<WasmMalformedException>(() => WithFunc([I32], [I32], C().I("local.get").U32(0).I("i32.extend8_s").End()).Validate(WasmFeatures.Wasm1));
    }

    [Fact]
    public void HundredThousandNestedBlocksDoNotRecurse()
    {
        const int depth = 100_000;
        var code = C();
        for (int i = 0; i < depth; i++)
        {
            code.Block("block");
        }
        for (int i = 0; i < depth; i++)
        {
            code.End();
        }
        code.End();
        WithFunc([], [], code).Validate();

        // And a type error at the innermost level is still found.
        var bad = C();
        for (int i = 0; i < depth; i++)
        {
            bad.Block("block");
        }
        bad.I32(1);
        for (int i = 0; i < depth; i++)
        {
            bad.End();
        }
        bad.End();
        WithFunc([], [], bad).Invalid("type mismatch");
    }
}
