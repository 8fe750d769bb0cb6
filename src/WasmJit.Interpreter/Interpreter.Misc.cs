using System.Runtime.CompilerServices;
using WasmJit.Runtime;
using WasmJit.Runtime.Numerics;

namespace WasmJit.Interpreter;

/// <summary>
/// Less frequent instructions, kept out of the main loop so it stays small enough for RyuJIT to optimise fully:
/// float rounding, min/max, conversions, tables and bulk memory. None of them changes control flow.
/// </summary>
internal static unsafe partial class Interpreter
{
    private const uint SignBit32 = 0x8000_0000;
    private const ulong SignBit64 = 0x8000_0000_0000_0000;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ExecMisc(Inst* ip, ulong* fp, int fpIdx, WasmStack stack, ModuleInstance inst)
    {
        ref ulong d = ref fp[ip->D];
        ulong a = fp[ip->A];
        ulong b = fp[ip->B];
        switch ((Opcode)ip->Op)
        {
            case Opcode.F32Abs: d = a & ~(ulong)SignBit32 & 0xffff_ffff; break;
            case Opcode.F32Neg: d = (a ^ SignBit32) & 0xffff_ffff; break;
            case Opcode.F32Copysign: d = (a & ~(ulong)SignBit32 | b & SignBit32) & 0xffff_ffff; break;
            case Opcode.F32Ceil: d = Bits(ScalarOps.F32Ceil(F32(a))); break;
            case Opcode.F32Floor: d = Bits(ScalarOps.F32Floor(F32(a))); break;
            case Opcode.F32Trunc: d = Bits(ScalarOps.F32Trunc(F32(a))); break;
            case Opcode.F32Nearest: d = Bits(ScalarOps.F32Nearest(F32(a))); break;
            case Opcode.F32Sqrt: d = Bits(ScalarOps.F32Sqrt(F32(a))); break;
            case Opcode.F32Min: d = Bits(ScalarOps.F32Min(F32(a), F32(b))); break;
            case Opcode.F32Max: d = Bits(ScalarOps.F32Max(F32(a), F32(b))); break;
            case Opcode.F64Abs: d = a & ~SignBit64; break;
            case Opcode.F64Neg: d = a ^ SignBit64; break;
            case Opcode.F64Copysign: d = a & ~SignBit64 | b & SignBit64; break;
            case Opcode.F64Ceil: d = Bits(ScalarOps.F64Ceil(F64(a))); break;
            case Opcode.F64Floor: d = Bits(ScalarOps.F64Floor(F64(a))); break;
            case Opcode.F64Trunc: d = Bits(ScalarOps.F64Trunc(F64(a))); break;
            case Opcode.F64Nearest: d = Bits(ScalarOps.F64Nearest(F64(a))); break;
            case Opcode.F64Sqrt: d = Bits(ScalarOps.F64Sqrt(F64(a))); break;
            case Opcode.F64Min: d = Bits(ScalarOps.F64Min(F64(a), F64(b))); break;
            case Opcode.F64Max: d = Bits(ScalarOps.F64Max(F64(a), F64(b))); break;

            case Opcode.I32TruncF32S: d = (uint)ScalarOps.I32TruncF32S(F32(a)); break;
            case Opcode.I32TruncF32U: d = (uint)ScalarOps.I32TruncF32U(F32(a)); break;
            case Opcode.I32TruncF64S: d = (uint)ScalarOps.I32TruncF64S(F64(a)); break;
            case Opcode.I32TruncF64U: d = (uint)ScalarOps.I32TruncF64U(F64(a)); break;
            case Opcode.I64TruncF32S: d = (ulong)ScalarOps.I64TruncF32S(F32(a)); break;
            case Opcode.I64TruncF32U: d = (ulong)ScalarOps.I64TruncF32U(F32(a)); break;
            case Opcode.I64TruncF64S: d = (ulong)ScalarOps.I64TruncF64S(F64(a)); break;
            case Opcode.I64TruncF64U: d = (ulong)ScalarOps.I64TruncF64U(F64(a)); break;
            case Opcode.I32TruncSatF32S: d = (uint)ScalarOps.I32TruncSatF32S(F32(a)); break;
            case Opcode.I32TruncSatF32U: d = (uint)ScalarOps.I32TruncSatF32U(F32(a)); break;
            case Opcode.I32TruncSatF64S: d = (uint)ScalarOps.I32TruncSatF64S(F64(a)); break;
            case Opcode.I32TruncSatF64U: d = (uint)ScalarOps.I32TruncSatF64U(F64(a)); break;
            case Opcode.I64TruncSatF32S: d = (ulong)ScalarOps.I64TruncSatF32S(F32(a)); break;
            case Opcode.I64TruncSatF32U: d = (ulong)ScalarOps.I64TruncSatF32U(F32(a)); break;
            case Opcode.I64TruncSatF64S: d = (ulong)ScalarOps.I64TruncSatF64S(F64(a)); break;
            case Opcode.I64TruncSatF64U: d = (ulong)ScalarOps.I64TruncSatF64U(F64(a)); break;
            case Opcode.F32ConvertI32S: d = Bits((float)(int)a); break;
            case Opcode.F32ConvertI32U: d = Bits((float)(long)(uint)a); break;
            case Opcode.F32ConvertI64S: d = Bits((float)(long)a); break;
            case Opcode.F32ConvertI64U: d = Bits(ScalarOps.F32ConvertI64U((long)a)); break;
            case Opcode.F64ConvertI32S: d = Bits((double)(int)a); break;
            case Opcode.F64ConvertI32U: d = Bits((double)(uint)a); break;
            case Opcode.F64ConvertI64S: d = Bits((double)(long)a); break;
            case Opcode.F64ConvertI64U: d = Bits(ScalarOps.F64ConvertI64U((long)a)); break;
            case Opcode.F32DemoteF64: d = Bits(ScalarOps.F32DemoteF64(F64(a))); break;
            case Opcode.F64PromoteF32: d = Bits(ScalarOps.F64PromoteF32(F32(a))); break;

            case Opcode.TableGet:
                stack.Refs[fpIdx + ip->D] = inst.Tables[ip->E].Get(a);
                break;
            case Opcode.TableSet:
                inst.Tables[ip->E].Set(a, stack.Refs[fpIdx + ip->B]);
                break;
            case Opcode.TableSize:
                d = inst.Tables[ip->E].Size;
                break;
            case Opcode.TableGrow:
                {
                    var t = inst.Tables[ip->E];
                    long r = t.Grow(b, stack.Refs[fpIdx + ip->A]);
                    d = t.DeclaredType.Is64 ? (ulong)r : (uint)(int)r;
                    break;
                }
            case Opcode.TableFill:
                inst.Tables[ip->E].Fill(a, stack.Refs[fpIdx + ip->B], fp[ip->C]);
                break;
            case Opcode.TableCopy:
                TableInstance.Copy(inst.Tables[ip->E], a, inst.Tables[(int)ip->X], b, fp[ip->C]);
                break;
            case Opcode.TableInit:
                inst.Tables[ip->E].Init(a, inst.ElementSegments[(int)ip->X], (uint)b, (uint)fp[ip->C]);
                break;
            case Opcode.ElemDrop:
                inst.ElementSegments[ip->E] = [];
                break;

            case Opcode.MemoryInit:
                {
                    var data = inst.DataSegments[(int)ip->X].Span;
                    var m = inst.Memories[ip->E];
                    ulong s = (uint)b, n = (uint)fp[ip->C];
                    if (s + n > (ulong)data.Length || !m.InBounds(a, n))
                    {
                        Trap(TrapKind.MemoryOutOfBounds);
                    }
                    data.Slice((int)s, (int)n).CopyTo(new Span<byte>(m.Base + a, (int)n));
                    break;
                }
            case Opcode.DataDrop:
                inst.DataSegments[ip->E] = ReadOnlyMemory<byte>.Empty;
                break;
            case Opcode.MemoryCopy:
                {
                    var dst = inst.Memories[ip->E];
                    var src = inst.Memories[(int)ip->X];
                    ulong n = fp[ip->C];
                    if (!dst.InBounds(a, n) || !src.InBounds(b, n))
                    {
                        Trap(TrapKind.MemoryOutOfBounds);
                    }
                    Buffer.MemoryCopy(src.Base + b, dst.Base + a, n, n);
                    break;
                }
            case Opcode.MemoryFill:
                {
                    var m = inst.Memories[ip->E];
                    ulong n = fp[ip->C];
                    if (!m.InBounds(a, n))
                    {
                        Trap(TrapKind.MemoryOutOfBounds);
                    }
                    Fill(m.Base + a, (byte)b, n);
                    break;
                }

            case (Opcode)(int)IOp.MemAccess:
                MemAccess(ip, fp, inst);
                break;

            default:
                if (IsAtomic(ip->Op))
                {
                    ExecAtomic(ip, fp, inst);
                    break;
                }
                throw new InvalidOperationException($"interpreter: unexpected instruction {ip->ToString()}");
        }
    }

    /// <summary>A scalar load or store on a memory other than a 32-bit memory 0 (see <see cref="IOp.MemAccess"/>).</summary>
    private static void MemAccess(Inst* ip, ulong* fp, ModuleInstance inst)
    {
        var m = inst.Memories[ip->E];
        ulong a = m.Is64 ? fp[ip->A] : (uint)fp[ip->A];
        long o = ip->X;
        ref ulong d = ref fp[ip->D];
        ulong v = fp[ip->B];
        switch ((Opcode)ip->C)
        {
            case Opcode.I32Load: d = Unsafe.ReadUnaligned<uint>(Ea(m, a, o, 4)); break;
            case Opcode.I64Load: d = Unsafe.ReadUnaligned<ulong>(Ea(m, a, o, 8)); break;
            case Opcode.F32Load: d = Unsafe.ReadUnaligned<uint>(Ea(m, a, o, 4)); break;
            case Opcode.F64Load: d = Unsafe.ReadUnaligned<ulong>(Ea(m, a, o, 8)); break;
            case Opcode.I32Load8S: d = (uint)(int)*(sbyte*)Ea(m, a, o, 1); break;
            case Opcode.I32Load8U: d = *Ea(m, a, o, 1); break;
            case Opcode.I32Load16S: d = (uint)(int)Unsafe.ReadUnaligned<short>(Ea(m, a, o, 2)); break;
            case Opcode.I32Load16U: d = Unsafe.ReadUnaligned<ushort>(Ea(m, a, o, 2)); break;
            case Opcode.I64Load8S: d = (ulong)(long)*(sbyte*)Ea(m, a, o, 1); break;
            case Opcode.I64Load8U: d = *Ea(m, a, o, 1); break;
            case Opcode.I64Load16S: d = (ulong)(long)Unsafe.ReadUnaligned<short>(Ea(m, a, o, 2)); break;
            case Opcode.I64Load16U: d = Unsafe.ReadUnaligned<ushort>(Ea(m, a, o, 2)); break;
            case Opcode.I64Load32S: d = (ulong)(long)Unsafe.ReadUnaligned<int>(Ea(m, a, o, 4)); break;
            case Opcode.I64Load32U: d = Unsafe.ReadUnaligned<uint>(Ea(m, a, o, 4)); break;
            case Opcode.I32Store: Unsafe.WriteUnaligned(Ea(m, a, o, 4), (uint)v); break;
            case Opcode.I64Store: Unsafe.WriteUnaligned(Ea(m, a, o, 8), v); break;
            case Opcode.F32Store: Unsafe.WriteUnaligned(Ea(m, a, o, 4), (uint)v); break;
            case Opcode.F64Store: Unsafe.WriteUnaligned(Ea(m, a, o, 8), v); break;
            case Opcode.I32Store8: *Ea(m, a, o, 1) = (byte)v; break;
            case Opcode.I32Store16: Unsafe.WriteUnaligned(Ea(m, a, o, 2), (ushort)v); break;
            case Opcode.I64Store8: *Ea(m, a, o, 1) = (byte)v; break;
            case Opcode.I64Store16: Unsafe.WriteUnaligned(Ea(m, a, o, 2), (ushort)v); break;
            case Opcode.I64Store32: Unsafe.WriteUnaligned(Ea(m, a, o, 4), (uint)v); break;
            default:
                throw new InvalidOperationException($"interpreter: unexpected memory access {ip->ToString()}");
        }
    }

    private static void Fill(byte* p, byte value, ulong n)
    {
        while (n > 0)
        {
            int chunk = (int)Math.Min(n, int.MaxValue);
            new Span<byte>(p, chunk).Fill(value);
            p += chunk;
            n -= (ulong)chunk;
        }
    }
}
