using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Runtime;

namespace WasmJit.Interpreter;

/// <summary>
/// SIMD (https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions). Memory accesses, lane
/// moves, splats and bitwise logic are done here; every other operation calls SimdOps through
/// <see cref="SimdTable"/>. A v128 occupies two consecutive slots.
/// </summary>
internal static unsafe partial class Interpreter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> V(ulong* fp, int slot) => Unsafe.ReadUnaligned<Vector128<byte>>(fp + slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetV(ulong* fp, int slot, Vector128<byte> v) => Unsafe.WriteUnaligned(fp + slot, v);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ExecSimd(Inst* ip, ulong* fp, ModuleInstance inst, InterpretedCode code)
    {
        int op = ip->Op;
        switch ((Opcode)op)
        {
            case Opcode.V128Load: SetV(fp, ip->D, Unsafe.ReadUnaligned<Vector128<byte>>(SimdEa(ip, fp, inst, 16))); return;
            case Opcode.V128Store: Unsafe.WriteUnaligned(SimdEa(ip, fp, inst, 16), V(fp, ip->B)); return;
            case Opcode.V128Load8x8S: SetV(fp, ip->D, Vector128.WidenLower(Load64(ip, fp, inst).AsSByte()).AsByte()); return;
            case Opcode.V128Load8x8U: SetV(fp, ip->D, Vector128.WidenLower(Load64(ip, fp, inst).AsByte()).AsByte()); return;
            case Opcode.V128Load16x4S: SetV(fp, ip->D, Vector128.WidenLower(Load64(ip, fp, inst).AsInt16()).AsByte()); return;
            case Opcode.V128Load16x4U: SetV(fp, ip->D, Vector128.WidenLower(Load64(ip, fp, inst).AsUInt16()).AsByte()); return;
            case Opcode.V128Load32x2S: SetV(fp, ip->D, Vector128.WidenLower(Load64(ip, fp, inst).AsInt32()).AsByte()); return;
            case Opcode.V128Load32x2U: SetV(fp, ip->D, Vector128.WidenLower(Load64(ip, fp, inst).AsUInt32()).AsByte()); return;
            case Opcode.V128Load8Splat: SetV(fp, ip->D, Vector128.Create(*SimdEa(ip, fp, inst, 1))); return;
            case Opcode.V128Load16Splat: SetV(fp, ip->D, Vector128.Create(Unsafe.ReadUnaligned<ushort>(SimdEa(ip, fp, inst, 2))).AsByte()); return;
            case Opcode.V128Load32Splat: SetV(fp, ip->D, Vector128.Create(Unsafe.ReadUnaligned<uint>(SimdEa(ip, fp, inst, 4))).AsByte()); return;
            case Opcode.V128Load64Splat: SetV(fp, ip->D, Vector128.Create(Unsafe.ReadUnaligned<ulong>(SimdEa(ip, fp, inst, 8))).AsByte()); return;
            case Opcode.V128Load32Zero: SetV(fp, ip->D, Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(SimdEa(ip, fp, inst, 4))).AsByte()); return;
            case Opcode.V128Load64Zero: SetV(fp, ip->D, Load64(ip, fp, inst)); return;
            case Opcode.V128Load8Lane: SetV(fp, ip->D, V(fp, ip->B).WithElement(ip->E >> 24, *SimdEa(ip, fp, inst, 1))); return;
            case Opcode.V128Load16Lane: SetV(fp, ip->D, V(fp, ip->B).AsUInt16().WithElement(ip->E >> 24, Unsafe.ReadUnaligned<ushort>(SimdEa(ip, fp, inst, 2))).AsByte()); return;
            case Opcode.V128Load32Lane: SetV(fp, ip->D, V(fp, ip->B).AsUInt32().WithElement(ip->E >> 24, Unsafe.ReadUnaligned<uint>(SimdEa(ip, fp, inst, 4))).AsByte()); return;
            case Opcode.V128Load64Lane: SetV(fp, ip->D, V(fp, ip->B).AsUInt64().WithElement(ip->E >> 24, Unsafe.ReadUnaligned<ulong>(SimdEa(ip, fp, inst, 8))).AsByte()); return;
            case Opcode.V128Store8Lane: *SimdEa(ip, fp, inst, 1) = V(fp, ip->B).GetElement(ip->E >> 24); return;
            case Opcode.V128Store16Lane: Unsafe.WriteUnaligned(SimdEa(ip, fp, inst, 2), V(fp, ip->B).AsUInt16().GetElement(ip->E >> 24)); return;
            case Opcode.V128Store32Lane: Unsafe.WriteUnaligned(SimdEa(ip, fp, inst, 4), V(fp, ip->B).AsUInt32().GetElement(ip->E >> 24)); return;
            case Opcode.V128Store64Lane: Unsafe.WriteUnaligned(SimdEa(ip, fp, inst, 8), V(fp, ip->B).AsUInt64().GetElement(ip->E >> 24)); return;

            case Opcode.I8x16Splat: SetV(fp, ip->D, Vector128.Create((byte)fp[ip->A])); return;
            case Opcode.I16x8Splat: SetV(fp, ip->D, Vector128.Create((ushort)fp[ip->A]).AsByte()); return;
            case Opcode.I32x4Splat: SetV(fp, ip->D, Vector128.Create((uint)fp[ip->A]).AsByte()); return;
            case Opcode.I64x2Splat: SetV(fp, ip->D, Vector128.Create(fp[ip->A]).AsByte()); return;
            case Opcode.F32x4Splat: SetV(fp, ip->D, Vector128.Create((uint)fp[ip->A]).AsByte()); return;
            case Opcode.F64x2Splat: SetV(fp, ip->D, Vector128.Create(fp[ip->A]).AsByte()); return;
            case Opcode.I8x16ExtractLaneS: fp[ip->D] = (uint)(int)V(fp, ip->A).AsSByte().GetElement(ip->E); return;
            case Opcode.I8x16ExtractLaneU: fp[ip->D] = V(fp, ip->A).GetElement(ip->E); return;
            case Opcode.I16x8ExtractLaneS: fp[ip->D] = (uint)(int)V(fp, ip->A).AsInt16().GetElement(ip->E); return;
            case Opcode.I16x8ExtractLaneU: fp[ip->D] = V(fp, ip->A).AsUInt16().GetElement(ip->E); return;
            case Opcode.I32x4ExtractLane:
            case Opcode.F32x4ExtractLane: fp[ip->D] = V(fp, ip->A).AsUInt32().GetElement(ip->E); return;
            case Opcode.I64x2ExtractLane:
            case Opcode.F64x2ExtractLane: fp[ip->D] = V(fp, ip->A).AsUInt64().GetElement(ip->E); return;
            case Opcode.I8x16ReplaceLane: SetV(fp, ip->D, V(fp, ip->A).WithElement(ip->E, (byte)fp[ip->B])); return;
            case Opcode.I16x8ReplaceLane: SetV(fp, ip->D, V(fp, ip->A).AsUInt16().WithElement(ip->E, (ushort)fp[ip->B]).AsByte()); return;
            case Opcode.I32x4ReplaceLane:
            case Opcode.F32x4ReplaceLane: SetV(fp, ip->D, V(fp, ip->A).AsUInt32().WithElement(ip->E, (uint)fp[ip->B]).AsByte()); return;
            case Opcode.I64x2ReplaceLane:
            case Opcode.F64x2ReplaceLane: SetV(fp, ip->D, V(fp, ip->A).AsUInt64().WithElement(ip->E, fp[ip->B]).AsByte()); return;
            case Opcode.I8x16Shuffle:
                {
                    // Lane indices are < 32 (validated). Vector128.Shuffle gives 0 for an index past 15, so each
                    // half picks its own lanes: indices 0..15 from a, and (index - 16), wrapping below 0, from b.
                    var lanes = code.V128Pool[ip->E];
                    var fromA = Vector128.Shuffle(V(fp, ip->A), lanes);
                    var fromB = Vector128.Shuffle(V(fp, ip->B), lanes - Vector128.Create((byte)16));
                    SetV(fp, ip->D, fromA | fromB);
                    return;
                }
            case Opcode.V128Not: SetV(fp, ip->D, ~V(fp, ip->A)); return;
            case Opcode.V128And: SetV(fp, ip->D, V(fp, ip->A) & V(fp, ip->B)); return;
            case Opcode.V128Andnot: SetV(fp, ip->D, V(fp, ip->A) & ~V(fp, ip->B)); return;
            case Opcode.V128Or: SetV(fp, ip->D, V(fp, ip->A) | V(fp, ip->B)); return;
            case Opcode.V128Xor: SetV(fp, ip->D, V(fp, ip->A) ^ V(fp, ip->B)); return;
            case Opcode.V128Bitselect:
                {
                    var c = V(fp, ip->C);
                    SetV(fp, ip->D, (V(fp, ip->A) & c) | (V(fp, ip->B) & ~c));
                    return;
                }
            case Opcode.V128AnyTrue: fp[ip->D] = B(V(fp, ip->A) != Vector128<byte>.Zero); return;

            // The commonest lane-wise arithmetic inline, skipping the call through SimdTable. Each is the same
            // expression as its SimdOps method, so the tiers still agree bit for bit.
            case Opcode.I32x4Add: SetV(fp, ip->D, (V(fp, ip->A).AsUInt32() + V(fp, ip->B).AsUInt32()).AsByte()); return;
            case Opcode.I32x4Sub: SetV(fp, ip->D, (V(fp, ip->A).AsUInt32() - V(fp, ip->B).AsUInt32()).AsByte()); return;
            case Opcode.I32x4Mul: SetV(fp, ip->D, (V(fp, ip->A).AsUInt32() * V(fp, ip->B).AsUInt32()).AsByte()); return;
            case Opcode.I32x4Shl: SetV(fp, ip->D, Vector128.ShiftLeft(V(fp, ip->A).AsInt32(), (int)fp[ip->B] & 31).AsByte()); return;
            case Opcode.I32x4ShrU: SetV(fp, ip->D, Vector128.ShiftRightLogical(V(fp, ip->A).AsUInt32(), (int)fp[ip->B] & 31).AsByte()); return;
            case Opcode.F32x4Add: SetV(fp, ip->D, (V(fp, ip->A).AsSingle() + V(fp, ip->B).AsSingle()).AsByte()); return;
            case Opcode.F32x4Sub: SetV(fp, ip->D, (V(fp, ip->A).AsSingle() - V(fp, ip->B).AsSingle()).AsByte()); return;
            case Opcode.F32x4Mul: SetV(fp, ip->D, (V(fp, ip->A).AsSingle() * V(fp, ip->B).AsSingle()).AsByte()); return;
            case Opcode.F64x2Add: SetV(fp, ip->D, (V(fp, ip->A).AsDouble() + V(fp, ip->B).AsDouble()).AsByte()); return;
            case Opcode.F64x2Sub: SetV(fp, ip->D, (V(fp, ip->A).AsDouble() - V(fp, ip->B).AsDouble()).AsByte()); return;
            case Opcode.F64x2Mul: SetV(fp, ip->D, (V(fp, ip->A).AsDouble() * V(fp, ip->B).AsDouble()).AsByte()); return;
        }
        nint fn = SimdTable.Function(op);
        switch (SimdTable.ShapeOf(op))
        {
            case SimdTable.Shape.Unary:
                SetV(fp, ip->D, ((delegate*<Vector128<byte>, Vector128<byte>>)fn)(V(fp, ip->A)));
                return;
            case SimdTable.Shape.Binary:
                SetV(fp, ip->D, ((delegate*<Vector128<byte>, Vector128<byte>, Vector128<byte>>)fn)(V(fp, ip->A), V(fp, ip->B)));
                return;
            case SimdTable.Shape.Ternary:
                SetV(fp, ip->D, ((delegate*<Vector128<byte>, Vector128<byte>, Vector128<byte>, Vector128<byte>>)fn)(V(fp, ip->A), V(fp, ip->B), V(fp, ip->C)));
                return;
            case SimdTable.Shape.Test:
                fp[ip->D] = (uint)((delegate*<Vector128<byte>, int>)fn)(V(fp, ip->A));
                return;
            case SimdTable.Shape.Shift:
                SetV(fp, ip->D, ((delegate*<Vector128<byte>, int, Vector128<byte>>)fn)(V(fp, ip->A), (int)fp[ip->B]));
                return;
            default:
                throw new InvalidOperationException($"interpreter: unexpected instruction {ip->ToString()}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* SimdEa(Inst* ip, ulong* fp, ModuleInstance inst, uint size) =>
        Ea(inst.Memories[ip->E & 0xFFFFFF], fp[ip->A], ip->X, size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Load64(Inst* ip, ulong* fp, ModuleInstance inst) =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(SimdEa(ip, fp, inst, 8))).AsByte();
}
