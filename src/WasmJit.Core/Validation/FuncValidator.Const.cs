using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>
/// Constant expressions (https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions):
/// typed like a body whose only label returns the expected type, restricted to constant instructions.
/// </summary>
internal sealed partial class FuncValidator
{
    /// <summary>
    /// Starts a constant expression of type <paramref name="expected"/>. <c>global.get</c> may name immutable
    /// globals below <paramref name="globalLimit"/> (the preceding globals for a global's initialiser).
    /// </summary>
    public void BeginConstExpr(ValType expected, int globalLimit, int offset)
    {
        _constMode = true;
        _constGlobalLimit = globalLimit;
        FunctionIndex = -1;
        _localCount = 0;
        _paramCount = 0;
        _initCount = 0;
        _results = Single(expected);
        ResetStacks();
        PushCtrl(ControlKind.Function, s_none, _results, offset);
    }

    /// <summary>Validates the constant expression <paramref name="expr"/> of the module against <paramref name="expected"/>.</summary>
    public void ValidateConstExpr(ConstExpr expr, ValType expected, int globalLimit, InstructionBuffers buffers)
    {
        BeginConstExpr(expected, globalLimit, expr.Offset);
        var r = new InstructionReader(_module.Bytes.Span.Slice(expr.Offset, expr.Length), expr.Offset, _ctx.Features, buffers);
        while (_ctrlCount != 0)
        {
            if (r.End)
            {
                Throw.Malformed("END opcode expected", r.Offset);
            }
            r.Read(out Instruction ins);
            Step(in ins, ref r);
        }
        Finish(ref r);
        _constMode = false;
    }

    private void CheckConstant(in Instruction ins)
    {
        switch (ins.Op)
        {
            case Opcode.End:
            case Opcode.I32Const:
            case Opcode.I64Const:
            case Opcode.F32Const:
            case Opcode.F64Const:
            case Opcode.V128Const:
            case Opcode.RefNull:
            case Opcode.RefFunc:
            case Opcode.RefI31:
            case Opcode.StructNew:
            case Opcode.StructNewDefault:
            case Opcode.ArrayNew:
            case Opcode.ArrayNewDefault:
            case Opcode.ArrayNewFixed:
            case Opcode.AnyConvertExtern:
            case Opcode.ExternConvertAny:
                return;
            case Opcode.I32Add:
            case Opcode.I32Sub:
            case Opcode.I32Mul:
            case Opcode.I64Add:
            case Opcode.I64Sub:
            case Opcode.I64Mul:
                if (_ctx.Has(WasmFeatures.ExtendedConst))
                {
                    return;
                }
                break;
            case Opcode.GlobalGet:
                {
                    if (ins.A >= (uint)_ctx.GlobalCount || ins.A >= (uint)_constGlobalLimit)
                    {
                        FailIndex("unknown global", ins.A, ins.Offset);
                    }
                    if (_module.Globals[(int)ins.A].Type.Mutable)
                    {
                        Throw.Invalid("constant expression required", ins.Offset);
                    }
                    return;
                }
        }
        Throw.Invalid("constant expression required", ins.Offset);
    }
}
