using System.Reflection;
using System.Reflection.Emit;
using WasmJit.Binary;

namespace WasmJit.Jit;

/// <summary>SIMD memory instructions: an inline bounds-checked scalar access plus a lane helper from <see cref="SimdMemory"/>.</summary>
internal sealed partial class FunctionCompiler
{
    private static MethodInfo Simd(string name) => JitMembers.M(typeof(SimdMemory), name);

    private void EmitSimdMemory(in Instruction ins)
    {
        switch (ins.Op)
        {
            case Opcode.V128Load8x8S: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Load8x8S"); return;
            case Opcode.V128Load8x8U: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Load8x8U"); return;
            case Opcode.V128Load16x4S: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Load16x4S"); return;
            case Opcode.V128Load16x4U: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Load16x4U"); return;
            case Opcode.V128Load32x2S: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Load32x2S"); return;
            case Opcode.V128Load32x2U: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Load32x2U"); return;
            case Opcode.V128Load8Splat: SimdLoad(ins, 1, OpCodes.Ldind_U1, "Splat8"); return;
            case Opcode.V128Load16Splat: SimdLoad(ins, 2, OpCodes.Ldind_U2, "Splat16"); return;
            case Opcode.V128Load32Splat: SimdLoad(ins, 4, OpCodes.Ldind_I4, "Splat32"); return;
            case Opcode.V128Load64Splat: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Splat64"); return;
            case Opcode.V128Load32Zero: SimdLoad(ins, 4, OpCodes.Ldind_I4, "Zero32"); return;
            case Opcode.V128Load64Zero: SimdLoad(ins, 8, OpCodes.Ldind_I8, "Zero64"); return;
            case Opcode.V128Load8Lane: LoadLane(ins, 1, OpCodes.Ldind_U1, "Lane8"); return;
            case Opcode.V128Load16Lane: LoadLane(ins, 2, OpCodes.Ldind_U2, "Lane16"); return;
            case Opcode.V128Load32Lane: LoadLane(ins, 4, OpCodes.Ldind_I4, "Lane32"); return;
            case Opcode.V128Load64Lane: LoadLane(ins, 8, OpCodes.Ldind_I8, "Lane64"); return;
            case Opcode.V128Store8Lane: StoreLane(ins, 1, OpCodes.Stind_I1, "Get8"); return;
            case Opcode.V128Store16Lane: StoreLane(ins, 2, OpCodes.Stind_I2, "Get16"); return;
            case Opcode.V128Store32Lane: StoreLane(ins, 4, OpCodes.Stind_I4, "Get32"); return;
            case Opcode.V128Store64Lane: StoreLane(ins, 8, OpCodes.Stind_I8, "Get64"); return;
        }
        throw Unsupported(ins);
    }

    private void SimdLoad(in Instruction ins, int size, OpCode load, string helper)
    {
        CheckedAddress(ins, size, 0);
        _il.Emit(load);
        Call(Simd(helper));
        Push(ValKind.V128);
    }

    private void LoadLane(in Instruction ins, int size, OpCode load, string helper)
    {
        Spill();
        var vector = SlotAt(0);
        PopSpilled(1);
        CheckedAddress(ins, size, 0);
        var scalar = size == 8 ? ResultTemp(-2, ValKind.I64) : ResultTemp(-2, ValKind.I32);
        _il.Emit(load);
        _il.Emit(OpCodes.Stloc, scalar);
        _il.Emit(OpCodes.Ldloc, vector);
        _il.Emit(OpCodes.Ldloc, scalar);
        EmitLdcI4(ins.Lane);
        Call(Simd(helper));
        Push(ValKind.V128);
    }

    private void StoreLane(in Instruction ins, int size, OpCode store, string helper)
    {
        Spill();
        var vector = SlotAt(0);
        PopSpilled(1);
        CheckedAddress(ins, size, 0);
        _il.Emit(OpCodes.Ldloc, vector);
        EmitLdcI4(ins.Lane);
        Call(Simd(helper));
        _il.Emit(store);
    }
}
