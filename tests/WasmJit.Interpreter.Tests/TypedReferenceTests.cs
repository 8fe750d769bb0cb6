using WasmJit.Runtime;
using static WasmJit.Interpreter.Tests.ExecutionTests;
using static WasmJit.Runtime.WasmValue;

namespace WasmJit.Interpreter.Tests;

/// <summary>Typed function references: call_ref, return_call_ref, br_on_null, br_on_non_null, ref.as_non_null.</summary>
public class TypedReferenceTests
{
    private static readonly ValType I32 = ValType.I32;

    private static (ModuleInstance Inst, int Square) Build()
    {
        var m = new TestModule();
        int unary = m.Type([I32], [I32]);
        var nullableUnary = ValType.Ref(HeapType.Index(unary), true);
        int refType = m.Type([I32, nullableUnary], [I32]);
        int square = m.Func(unary, new Asm().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 0).Op(Opcode.I32Mul).End());

        // apply(x, f) = f == null ? -1 : call_ref f x     (br_on_null carries x out of the block)
        int apply = m.Func(refType, new Asm()
            .Block(Opcode.Block, I32)
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.BrOnNull, 0)
            .Op(Opcode.CallRef, (uint)unary).Op(Opcode.Return)
            .End()
            .Op(Opcode.Drop).I32(-1).End());

        // applyNonNull(x, f): block (result (ref $unary)) local.get f; br_on_non_null 0; i32.const -2; return; end; x swapped in...
        int applyNonNull = m.Func(refType, new Asm()
            .Block(Opcode.Block, ValType.Ref(HeapType.Index(unary), false))
            .Op(Opcode.LocalGet, 1).Op(Opcode.BrOnNonNull, 0)
            .I32(-2).Op(Opcode.Return)
            .End()
            .Op(Opcode.LocalSet, 1).Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.CallRef, (uint)unary).End());

        // force(x, f) = return_call_ref (ref.as_non_null f) x
        int force = m.Func(refType, new Asm()
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.RefAsNonNull).Op(Opcode.ReturnCallRef, (uint)unary).End());

        m.Export("square", ExternKind.Func, square);
        m.Export("apply", ExternKind.Func, apply);
        m.Export("applyNonNull", ExternKind.Func, applyNonNull);
        m.Export("force", ExternKind.Func, force);
        return (m.Instantiate(TestModule.NewStore()), square);
    }

    [Fact]
    public void CallRefAndBranchOnNull()
    {
        var (inst, square) = Build();
        var f = inst.Functions[square];
        var fref = FromRef(ValType.FuncRef, f);
        var none = FromRef(ValType.FuncRef, null);
        Assert.Equal(49, Call(inst, "apply", FromI32(7), fref)[0].I32);
        Assert.Equal(-1, Call(inst, "apply", FromI32(7), none)[0].I32);
        Assert.Equal(64, Call(inst, "applyNonNull", FromI32(8), fref)[0].I32);
        Assert.Equal(-2, Call(inst, "applyNonNull", FromI32(8), none)[0].I32);
        Assert.Equal(81, Call(inst, "force", FromI32(9), fref)[0].I32);
        var e = Assert.Throws<WasmTrapException>(() => Call(inst, "force", FromI32(9), none));
        Assert.Equal(TrapKind.NullReference, e.Kind);
    }

    [Fact]
    public void CallRefToHostFunction()
    {
        var (inst, _) = Build();
        var host = FunctionInstance.FromHost(new FuncType([I32], [I32]), a => [FromI32(a[0].I32 + 1)], "inc");
        Assert.Equal(6, Call(inst, "apply", FromI32(5), FromRef(ValType.FuncRef, host))[0].I32);
        Assert.Equal(6, Call(inst, "force", FromI32(5), FromRef(ValType.FuncRef, host))[0].I32);
    }

    [Fact]
    public void CanonicalTypesAreSharedAcrossModules()
    {
        var a = new TestModule();
        int ta = a.Type([I32], [I32]);
        var b = new TestModule();
        b.Type([ValType.I64], []);
        int tb = b.Type([I32], [I32]);
        var ia = TypeRegistry.Canonicalize(a.Build());
        var ib = TypeRegistry.Canonicalize(b.Build());
        Assert.Same(ia[ta], ib[tb]);
        Assert.NotSame(ib[0], ib[tb]);
    }
}
