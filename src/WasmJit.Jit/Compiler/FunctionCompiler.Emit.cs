using System.Numerics;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Binary;

using WasmJit.Runtime.Threading;

namespace WasmJit.Jit;

/// <summary>The instruction dispatch: one switch over <see cref="Opcode"/>; families go to their partial files.</summary>
internal sealed partial class FunctionCompiler
{
    private void Emit(ref InstructionReader reader, in Instruction ins)
    {
        switch (ins.Op)
        {
            case Opcode.Unreachable: EmitUnreachable(); return;
            case Opcode.Nop: return;
            case Opcode.Block: EmitBlock(ins, CtrlKind.Block); return;
            case Opcode.Loop: EmitBlock(ins, CtrlKind.Loop); return;
            case Opcode.If: EmitIf(ins); return;
            case Opcode.Else: EmitElse(); return;
            case Opcode.End: EmitEnd(); return;
            case Opcode.Br: EmitBr(ins.A); return;
            case Opcode.BrIf: EmitBrIf(ins.A); return;
            case Opcode.BrTable: EmitBrTable(ref reader, ins); return;
            case Opcode.Return: EmitReturn(); return;
            case Opcode.Call: EmitCall((int)ins.A, tail: false); return;
            // A loop entry runs once on top of an interpreter frame: its tail calls are a call and a return.
            case Opcode.ReturnCall when _osr is not null: EmitCall((int)ins.A, tail: false); EmitReturn(); return;
            case Opcode.ReturnCallIndirect when _osr is not null: EmitCallIndirect((int)ins.A, (int)ins.B, tail: false); EmitReturn(); return;
            case Opcode.ReturnCallRef when _osr is not null: EmitCallRef((int)ins.A, tail: false); EmitReturn(); return;
            case Opcode.ReturnCall: EmitCall((int)ins.A, tail: true); return;
            case Opcode.CallIndirect: EmitCallIndirect((int)ins.A, (int)ins.B, tail: false); return;
            case Opcode.ReturnCallIndirect: EmitCallIndirect((int)ins.A, (int)ins.B, tail: true); return;
            case Opcode.CallRef: EmitCallRef((int)ins.A, tail: false); return;
            case Opcode.ReturnCallRef: EmitCallRef((int)ins.A, tail: true); return;
            case Opcode.Drop: EmitDrop(); return;
            case Opcode.Select:
            case Opcode.SelectT: EmitSelect(); return;
            case Opcode.LocalGet: EmitLocalGet((int)ins.A); return;
            case Opcode.LocalSet: EmitLocalSet((int)ins.A, tee: false); return;
            case Opcode.LocalTee: EmitLocalSet((int)ins.A, tee: true); return;
            case Opcode.GlobalGet: EmitGlobalGet((int)ins.A); return;
            case Opcode.GlobalSet: EmitGlobalSet((int)ins.A); return;
            case Opcode.TableGet: EmitTableGet((int)ins.A); return;
            case Opcode.TableSet: EmitTableSet((int)ins.A); return;
            case Opcode.AtomicFence: Call(typeof(AtomicOps).GetMethod(nameof(AtomicOps.AtomicFence))!); return;
            case Opcode.MemorySize: EmitMemorySize((int)ins.A); return;
            case Opcode.MemoryGrow: EmitMemoryGrow((int)ins.A); return;
            case Opcode.MemoryFill: EmitMemoryFill((int)ins.A); return;
            case Opcode.MemoryCopy: EmitMemoryCopy((int)ins.A, (int)ins.B); return;
            case Opcode.MemoryInit: EmitMemoryInit((int)ins.A, (int)ins.B); return;
            case Opcode.DataDrop: EmitLdcI4((int)ins.A); _il.Emit(OpCodes.Ldarg, _ctxArg); Call(JitMembers.DataDrop); return;
            case Opcode.ElemDrop: EmitLdcI4((int)ins.A); _il.Emit(OpCodes.Ldarg, _ctxArg); Call(JitMembers.ElemDrop); return;
            case Opcode.TableSize: EmitTableSize((int)ins.A); return;
            case Opcode.TableGrow: EmitTableGrow((int)ins.A); return;
            case Opcode.TableFill: EmitTableFill((int)ins.A); return;
            case Opcode.TableCopy: EmitTableCopy((int)ins.A, (int)ins.B); return;
            case Opcode.TableInit: EmitTableInit((int)ins.A, (int)ins.B); return;
            case Opcode.RefNull: _il.Emit(OpCodes.Ldnull); Push(ValKind.Ref); return;
            case Opcode.RefIsNull:
                Need(1);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Pop(1);
                Push(ValKind.I32);
                return;
            case Opcode.RefFunc: EmitRefFunc((int)ins.A); return;
            case Opcode.RefAsNonNull: EmitRefAsNonNull(); return;
            case Opcode.BrOnNull: EmitBrOnNull(ins.A); return;
            case Opcode.BrOnNonNull: EmitBrOnNonNull(ins.A); return;
            case Opcode.I32Const: EmitLdcI4((int)ins.Imm); Push(ValKind.I32); return;
            case Opcode.I64Const: EmitLdcI8((long)ins.Imm); Push(ValKind.I64); return;
            case Opcode.F32Const: EmitF32Const((uint)ins.Imm); Push(ValKind.F32); return;
            case Opcode.F64Const: EmitF64Const(ins.Imm); Push(ValKind.F64); return;
            case Opcode.V128Const: EmitV128Const(in ins.V128); Push(ValKind.V128); return;
        }
        ref readonly var info = ref ins.Info;
        if (info.Imm is ImmKind.Memarg or ImmKind.Memarglane)
        {
            EmitMemoryAccess(ins);
            return;
        }
        if (info.HasSignature && EmitInlineNumeric(ins.Op))
        {
            return;
        }
        if (info.HasSignature)
        {
            EmitHelperOp(ins);
            return;
        }
        throw Unsupported(ins);
    }

    private void EmitLocalGet(int i)
    {
        if (i < _paramCount)
        {
            _il.Emit(OpCodes.Ldarg, (short)i);
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, _localBuilders[i]!);
        }
        Push(_localKinds[i]);
    }

    private void EmitLocalSet(int i, bool tee)
    {
        Need(1);
        if (tee)
        {
            _il.Emit(OpCodes.Dup);
        }
        if (i < _paramCount)
        {
            _il.Emit(OpCodes.Starg, (short)i);
        }
        else
        {
            _il.Emit(OpCodes.Stloc, _localBuilders[i]!);
        }
        if (!tee)
        {
            Pop(1);
        }
    }

    /// <summary>
    /// RyuJIT must not see two kinds of float constants, because it would change a NaN's bits: a signaling f32 NaN
    /// (it keeps float constants as doubles, and the conversion quiets them), and the identities ±0 and ±1 (it folds
    /// <c>x - 0</c>, <c>x * 1</c>, <c>x / 1</c> to <c>x</c>, which leaves a signaling NaN operand unquieted where
    /// wasm requires the arithmetic NaN the operation produces). The identities are read from mutable statics (one
    /// load), a signaling NaN comes from an out-of-line helper.
    /// </summary>
    private void EmitF32Const(uint bits)
    {
        float v = BitConverter.UInt32BitsToSingle(bits);
        if (float.IsNaN(v) && (bits & 0x0040_0000) == 0)
        {
            EmitLdcI4((int)bits);
            Call(JitMembers.M(typeof(FloatConstants), nameof(FloatConstants.F32FromBits)));
        }
        else if (v is 0f or 1f or -1f)
        {
            _il.Emit(OpCodes.Ldsfld, FloatConstants.Field(v, (bits & 0x8000_0000) != 0));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R4, v);
        }
    }

    private void EmitF64Const(ulong bits)
    {
        double v = BitConverter.UInt64BitsToDouble(bits);
        if (v is 0d or 1d or -1d)
        {
            _il.Emit(OpCodes.Ldsfld, FloatConstants.Field(v, (bits & 0x8000_0000_0000_0000) != 0));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R8, v);
        }
    }

    // `in`: a Vector128 passed by value keeps crossgen2 from precompiling the callers (Emit among them).
    private void EmitV128Const(in Vector128<byte> v)
    {
        ref ulong q = ref Unsafe.As<Vector128<byte>, ulong>(ref Unsafe.AsRef(in v));
        EmitLdcI8((long)q);
        EmitLdcI8((long)Unsafe.Add(ref q, 1));
        Call(JitMembers.M(typeof(Vector128), nameof(Vector128.Create), typeof(ulong), typeof(ulong)));
        Call(s_asByteFromUInt64);
    }

    private static readonly System.Reflection.MethodInfo s_asByteFromUInt64 =
        typeof(Vector128).GetMethod(nameof(Vector128.AsByte))!.MakeGenericMethod(typeof(ulong));

    /// <summary>Operators whose wasm semantics is exactly one IL instruction (or a fixed short sequence).</summary>
    private bool EmitInlineNumeric(Opcode op)
    {
        switch (op)
        {
            case Opcode.I32Eqz: Un(ValKind.I32, OpCodes.Ldc_I4_0, OpCodes.Ceq); return true;
            case Opcode.I64Eqz: Un(ValKind.I32, OpCodes.Ldc_I4_0, OpCodes.Conv_I8, OpCodes.Ceq); return true;
            case Opcode.I32Eq: case Opcode.I64Eq: case Opcode.F32Eq: case Opcode.F64Eq: Bin(ValKind.I32, OpCodes.Ceq); return true;
            case Opcode.I32Ne: case Opcode.I64Ne: case Opcode.F32Ne: case Opcode.F64Ne:
                Bin(ValKind.I32, OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq); return true;
            case Opcode.I32LtS: case Opcode.I64LtS: case Opcode.F32Lt: case Opcode.F64Lt: Bin(ValKind.I32, OpCodes.Clt); return true;
            case Opcode.I32LtU: case Opcode.I64LtU: Bin(ValKind.I32, OpCodes.Clt_Un); return true;
            case Opcode.I32GtS: case Opcode.I64GtS: case Opcode.F32Gt: case Opcode.F64Gt: Bin(ValKind.I32, OpCodes.Cgt); return true;
            case Opcode.I32GtU: case Opcode.I64GtU: Bin(ValKind.I32, OpCodes.Cgt_Un); return true;
            // le_s = !(a > b); for floats cgt.un is (a > b or unordered), so !(…) is exactly a <= b.
            case Opcode.I32LeS: case Opcode.I64LeS: Bin(ValKind.I32, OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq); return true;
            case Opcode.I32LeU: case Opcode.I64LeU: case Opcode.F32Le: case Opcode.F64Le:
                Bin(ValKind.I32, OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); return true;
            case Opcode.I32GeS: case Opcode.I64GeS: Bin(ValKind.I32, OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq); return true;
            case Opcode.I32GeU: case Opcode.I64GeU: case Opcode.F32Ge: case Opcode.F64Ge:
                Bin(ValKind.I32, OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq); return true;

            case Opcode.I32Add: Bin(ValKind.I32, OpCodes.Add); return true;
            case Opcode.I32Sub: Bin(ValKind.I32, OpCodes.Sub); return true;
            case Opcode.I32Mul: Bin(ValKind.I32, OpCodes.Mul); return true;
            case Opcode.I32And: Bin(ValKind.I32, OpCodes.And); return true;
            case Opcode.I32Or: Bin(ValKind.I32, OpCodes.Or); return true;
            case Opcode.I32Xor: Bin(ValKind.I32, OpCodes.Xor); return true;
            // IL leaves shifts by >= width unspecified; wasm takes the count modulo the width. RyuJIT drops the mask on x64.
            case Opcode.I32Shl: Shift(ValKind.I32, OpCodes.Shl); return true;
            case Opcode.I32ShrS: Shift(ValKind.I32, OpCodes.Shr); return true;
            case Opcode.I32ShrU: Shift(ValKind.I32, OpCodes.Shr_Un); return true;
            case Opcode.I64Add: Bin(ValKind.I64, OpCodes.Add); return true;
            case Opcode.I64Sub: Bin(ValKind.I64, OpCodes.Sub); return true;
            case Opcode.I64Mul: Bin(ValKind.I64, OpCodes.Mul); return true;
            case Opcode.I64And: Bin(ValKind.I64, OpCodes.And); return true;
            case Opcode.I64Or: Bin(ValKind.I64, OpCodes.Or); return true;
            case Opcode.I64Xor: Bin(ValKind.I64, OpCodes.Xor); return true;
            case Opcode.I64Shl: Shift(ValKind.I64, OpCodes.Shl); return true;
            case Opcode.I64ShrS: Shift(ValKind.I64, OpCodes.Shr); return true;
            case Opcode.I64ShrU: Shift(ValKind.I64, OpCodes.Shr_Un); return true;
            case Opcode.I32Rotl: BinCall(ValKind.I32, s_rotl32); return true;
            case Opcode.I32Rotr: BinCall(ValKind.I32, s_rotr32); return true;
            case Opcode.I64Rotl: Need(2); _il.Emit(OpCodes.Conv_I4); Call(s_rotl64); Pop(2); Push(ValKind.I64); return true;
            case Opcode.I64Rotr: Need(2); _il.Emit(OpCodes.Conv_I4); Call(s_rotr64); Pop(2); Push(ValKind.I64); return true;
            case Opcode.I32Clz: UnCall(ValKind.I32, s_lzcnt32); return true;
            case Opcode.I32Ctz: UnCall(ValKind.I32, s_tzcnt32); return true;
            case Opcode.I32Popcnt: UnCall(ValKind.I32, s_popcnt32); return true;
            case Opcode.I64Clz: UnCall(ValKind.I64, s_lzcnt64, OpCodes.Conv_I8); return true;
            case Opcode.I64Ctz: UnCall(ValKind.I64, s_tzcnt64, OpCodes.Conv_I8); return true;
            case Opcode.I64Popcnt: UnCall(ValKind.I64, s_popcnt64, OpCodes.Conv_I8); return true;

            case Opcode.F32Add: case Opcode.F64Add: Bin(Peek(), OpCodes.Add); return true;
            case Opcode.F32Sub: case Opcode.F64Sub: Bin(Peek(), OpCodes.Sub); return true;
            case Opcode.F32Mul: case Opcode.F64Mul: Bin(Peek(), OpCodes.Mul); return true;
            case Opcode.F32Div: case Opcode.F64Div: Bin(Peek(), OpCodes.Div); return true;

            case Opcode.I32WrapI64: Un(ValKind.I32, OpCodes.Conv_I4); return true;
            case Opcode.I64ExtendI32S: Un(ValKind.I64, OpCodes.Conv_I8); return true;
            case Opcode.I64ExtendI32U: Un(ValKind.I64, OpCodes.Conv_U8); return true;
            case Opcode.I32Extend8S: Un(ValKind.I32, OpCodes.Conv_I1); return true;
            case Opcode.I32Extend16S: Un(ValKind.I32, OpCodes.Conv_I2); return true;
            case Opcode.I64Extend8S: Un(ValKind.I64, OpCodes.Conv_I1, OpCodes.Conv_I8); return true;
            case Opcode.I64Extend16S: Un(ValKind.I64, OpCodes.Conv_I2, OpCodes.Conv_I8); return true;
            case Opcode.I64Extend32S: Un(ValKind.I64, OpCodes.Conv_I4, OpCodes.Conv_I8); return true;
            // Exact (i32 -> f64) or a single rounding (signed -> f32 / i64 -> f64): the same as the C# casts.
            case Opcode.F32ConvertI32S: case Opcode.F32ConvertI64S: Un(ValKind.F32, OpCodes.Conv_R4); return true;
            case Opcode.F64ConvertI32S: case Opcode.F64ConvertI64S: Un(ValKind.F64, OpCodes.Conv_R8); return true;
            case Opcode.I32ReinterpretF32: UnCall(ValKind.I32, s_f32Bits); return true;
            case Opcode.I64ReinterpretF64: UnCall(ValKind.I64, s_f64Bits); return true;
            case Opcode.F32ReinterpretI32: UnCall(ValKind.F32, s_bitsF32); return true;
            case Opcode.F64ReinterpretI64: UnCall(ValKind.F64, s_bitsF64); return true;
        }
        return false;
    }

    private static readonly System.Reflection.MethodInfo s_rotl32 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.RotateLeft), typeof(uint), typeof(int));
    private static readonly System.Reflection.MethodInfo s_rotr32 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.RotateRight), typeof(uint), typeof(int));
    private static readonly System.Reflection.MethodInfo s_rotl64 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.RotateLeft), typeof(ulong), typeof(int));
    private static readonly System.Reflection.MethodInfo s_rotr64 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.RotateRight), typeof(ulong), typeof(int));
    private static readonly System.Reflection.MethodInfo s_lzcnt32 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.LeadingZeroCount), typeof(uint));
    private static readonly System.Reflection.MethodInfo s_tzcnt32 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.TrailingZeroCount), typeof(int));
    private static readonly System.Reflection.MethodInfo s_popcnt32 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.PopCount), typeof(uint));
    private static readonly System.Reflection.MethodInfo s_lzcnt64 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.LeadingZeroCount), typeof(ulong));
    private static readonly System.Reflection.MethodInfo s_tzcnt64 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.TrailingZeroCount), typeof(long));
    private static readonly System.Reflection.MethodInfo s_popcnt64 = JitMembers.M(typeof(BitOperations), nameof(BitOperations.PopCount), typeof(ulong));
    private static readonly System.Reflection.MethodInfo s_f32Bits = JitMembers.M(typeof(BitConverter), nameof(BitConverter.SingleToInt32Bits), typeof(float));
    private static readonly System.Reflection.MethodInfo s_f64Bits = JitMembers.M(typeof(BitConverter), nameof(BitConverter.DoubleToInt64Bits), typeof(double));
    private static readonly System.Reflection.MethodInfo s_bitsF32 = JitMembers.M(typeof(BitConverter), nameof(BitConverter.Int32BitsToSingle), typeof(int));
    private static readonly System.Reflection.MethodInfo s_bitsF64 = JitMembers.M(typeof(BitConverter), nameof(BitConverter.Int64BitsToDouble), typeof(long));

    private void Bin(ValKind result, params OpCode[] ops)
    {
        Need(2);
        foreach (var o in ops)
        {
            _il.Emit(o);
        }
        Pop(2);
        Push(result);
    }

    private void Un(ValKind result, params OpCode[] ops)
    {
        Need(1);
        foreach (var o in ops)
        {
            _il.Emit(o);
        }
        Pop(1);
        Push(result);
    }

    private void Shift(ValKind kind, OpCode op)
    {
        Need(2);
        if (kind == ValKind.I64)
        {
            _il.Emit(OpCodes.Conv_I4);
            EmitLdcI4(63);
        }
        else
        {
            EmitLdcI4(31);
        }
        _il.Emit(OpCodes.And);
        _il.Emit(op);
        Pop(2);
        Push(kind);
    }

    private void BinCall(ValKind result, System.Reflection.MethodInfo m)
    {
        Need(2);
        Call(m);
        Pop(2);
        Push(result);
    }

    private void UnCall(ValKind result, System.Reflection.MethodInfo m, OpCode? after = null)
    {
        Need(1);
        Call(m);
        if (after is { } a)
        {
            _il.Emit(a);
        }
        Pop(1);
        Push(result);
    }

    /// <summary>
    /// Any other numeric or SIMD operator: a call to its ScalarOps/SimdOps method (operands in wasm order, then the
    /// lane index or shuffle pattern immediate when the method takes one).
    /// </summary>
    private void EmitHelperOp(in Instruction ins)
    {
        var m = OpMethods.Find(ins.Op) ?? throw Unsupported(ins);
        ref readonly var info = ref ins.Info;
        int pops = info.PopCount;
        var ps = m.GetParameters();
        if (ps.Length == pops)
        {
            Need(pops);
        }
        else if (ps.Length == pops + 1 && info.Imm is ImmKind.Lane or ImmKind.Shuffle)
        {
            // The immediate is a parameter of its own (ReplaceLane takes (v, lane, x)): operands before it, then it,
            // then the operands after it.
            int at = info.Imm == ImmKind.Shuffle ? pops : Array.FindIndex(ps, p => p.Name == "lane");
            if (at < 0)
            {
                throw Unsupported(ins);
            }
            Spill();
            int first = _stack.Count - pops;
            for (int i = 0; i < pops; i++)
            {
                if (i == at)
                {
                    EmitImmediate(ins);
                }
                _il.Emit(OpCodes.Ldloc, Slot(first + i, _stack[first + i]));
            }
            if (at == pops)
            {
                EmitImmediate(ins);
            }
            _onIL = pops;
        }
        else
        {
            throw Unsupported(ins);
        }
        Call(m);
        Pop(pops);
        if (info.Push != SigType.None)
        {
            Push(SigKind(info.Push));
        }
    }

    private void EmitImmediate(in Instruction ins)
    {
        if (ins.Info.Imm == ImmKind.Shuffle)
        {
            EmitV128Const(in ins.V128);
        }
        else
        {
            EmitLdcI4(ins.Lane);
        }
    }

    private static ValKind SigKind(SigType t) => t switch
    {
        SigType.I32 => ValKind.I32,
        SigType.I64 => ValKind.I64,
        SigType.F32 => ValKind.F32,
        SigType.F64 => ValKind.F64,
        SigType.V128 => ValKind.V128,
        _ => throw new InvalidOperationException(t.ToString()),
    };
}
