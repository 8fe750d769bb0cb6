using WasmJit.Binary;
using WasmJit.Validation;

namespace WasmJit.Core.Tests.Validation;

/// <summary>The engine-facing API: stepping one instruction at a time and querying the stacks.</summary>
public class LockstepApiTests
{
    [Fact]
    public void StepExposesStacksFramesAndLocals()
    {
        var b = new ValidatorTestModules();
        int t = b.Type([ValType.I32], [ValType.I64]);
        int f = b.Function(t, [ValType.F32],
            new Code().Block("block", ValType.I64).I("local.get").U32(0).I("i64.extend_i32_u").I("br").U32(0).I("i64.add").End().End());
        var ctx = b.Validate();

        var v = new FuncValidator(ctx);
        var r = v.Begin(f, new InstructionBuffers());
        Assert.Equal([ValType.I32, ValType.F32], v.Locals.ToArray());
        Assert.Equal(1, v.ParamCount);
        Assert.Equal([ValType.I64], v.Results.ToArray());
        Assert.Equal(1, v.ControlDepth);
        Assert.Equal(ControlKind.Function, v.Frame(0).Kind);

        var seen = new List<(Opcode, int, int, bool)>();
        while (!v.IsFinished)
        {
            r.Read(out Instruction ins);
            v.Step(in ins, ref r);
            seen.Add((ins.Op, v.StackHeight, v.ControlDepth, v.IsUnreachable));
            if (ins.Op == Opcode.I64ExtendI32U)
            {
                Assert.Equal(ValType.I64, v.StackType(0));
                Assert.Equal(ControlKind.Block, v.Frame(0).Kind);
                Assert.Equal([ValType.I64], v.Frame(0).LabelTypes);
                Assert.Equal(0, v.Frame(0).Height);
            }
        }
        v.Finish(ref r);
        Assert.Equal(
            [
                (Opcode.Block, 0, 2, false),
                (Opcode.LocalGet, 1, 2, false),
                (Opcode.I64ExtendI32U, 1, 2, false),
                (Opcode.Br, 0, 2, true),
                (Opcode.I64Add, 1, 2, true),
                (Opcode.End, 1, 1, false),
                (Opcode.End, 0, 0, false),
            ],
            seen);
    }

    [Fact]
    public void ValidatorIsReusableAcrossFunctions()
    {
        var b = new ValidatorTestModules();
        int t = b.Type([], [ValType.I32]);
        int f0 = b.Function(t, [ValType.I64, ValType.I64], new Code().I32(1).End());
        int f1 = b.Function(t, new Code().I32(2).End());
        var ctx = b.Validate();
        var v = new FuncValidator(ctx);
        var buffers = new InstructionBuffers();
        v.ValidateFunction(f0, buffers);
        Assert.Equal(2, v.Locals.Length);
        v.ValidateFunction(f1, buffers);
        Assert.Equal(0, v.Locals.Length);
        Assert.True(v.IsFinished);
    }
}
