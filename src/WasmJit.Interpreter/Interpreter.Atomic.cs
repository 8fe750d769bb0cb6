using System.Runtime.CompilerServices;
using WasmJit.Runtime;
using WasmJit.Runtime.Threading;

namespace WasmJit.Interpreter;

/// <summary>
/// The threads proposal's atomic memory instructions
/// (https://webassembly.github.io/threads/core/exec/instructions.html#atomic-memory-instructions). The translator
/// emits them like plain loads and stores (A address, B/C operands, E memory, X offset, D result); here the
/// bounds check is the one plain accesses use (<see cref="Ea"/>, first in the spec's trap order) and everything
/// after it, alignment, sharing and the memory order, is <see cref="AtomicOps"/>, the code the JIT calls too.
/// Kept out of the main loop: atomics cost an interlocked instruction anyway, and the loop must stay small.
/// On an unshared memory they run the same way (single-threaded, the locked instructions are just slower);
/// waits trap "expected shared memory" and notify wakes nobody.
/// </summary>
internal static unsafe partial class Interpreter
{
    /// <summary>Is <paramref name="op"/> one of the 0xfe instructions (they are the last rows of opcodes.tbl)?</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAtomic(int op) => op >= (int)Opcode.MemoryAtomicNotify && op <= (int)Opcode.I64AtomicRmw32CmpxchgU;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ExecAtomic(Inst* ip, ulong* fp, ModuleInstance inst)
    {
        var op = (Opcode)ip->Op;
        if (op == Opcode.AtomicFence)
        {
            AtomicOps.AtomicFence();
            return;
        }
        var m = inst.Memories[ip->E];
        byte* p = Ea(m, fp[ip->A], ip->X, 1u << OpcodeTable.Info(op).NaturalAlignLog2);
        // Operands are read before the result is written: D may be a local that A, B or C also name.
        ulong b = fp[ip->B];
        ulong c = fp[ip->C];
        ulong r;
        switch (op)
        {
            case Opcode.MemoryAtomicNotify:
                r = (uint)AtomicOps.MemoryAtomicNotify(m.WaitQueues, p, (ulong)(p - m.Base), (int)b);
                break;
            case Opcode.MemoryAtomicWait32:
                r = (uint)inst.Store.Limiter.Wait32(m.WaitQueues, p, (ulong)(p - m.Base), (int)b, (long)c);
                break;
            case Opcode.MemoryAtomicWait64:
                r = (uint)inst.Store.Limiter.Wait64(m.WaitQueues, p, (ulong)(p - m.Base), (long)b, (long)c);
                break;

            case Opcode.I32AtomicLoad: r = (uint)AtomicOps.I32AtomicLoad(p); break;
            case Opcode.I64AtomicLoad: r = (ulong)AtomicOps.I64AtomicLoad(p); break;
            case Opcode.I32AtomicLoad8U: r = (uint)AtomicOps.I32AtomicLoad8U(p); break;
            case Opcode.I32AtomicLoad16U: r = (uint)AtomicOps.I32AtomicLoad16U(p); break;
            case Opcode.I64AtomicLoad8U: r = (ulong)AtomicOps.I64AtomicLoad8U(p); break;
            case Opcode.I64AtomicLoad16U: r = (ulong)AtomicOps.I64AtomicLoad16U(p); break;
            case Opcode.I64AtomicLoad32U: r = (ulong)AtomicOps.I64AtomicLoad32U(p); break;

            // Stores have no result: D is not theirs to write.
            case Opcode.I32AtomicStore: AtomicOps.I32AtomicStore(p, (int)b); return;
            case Opcode.I64AtomicStore: AtomicOps.I64AtomicStore(p, (long)b); return;
            case Opcode.I32AtomicStore8: AtomicOps.I32AtomicStore8(p, (int)b); return;
            case Opcode.I32AtomicStore16: AtomicOps.I32AtomicStore16(p, (int)b); return;
            case Opcode.I64AtomicStore8: AtomicOps.I64AtomicStore8(p, (long)b); return;
            case Opcode.I64AtomicStore16: AtomicOps.I64AtomicStore16(p, (long)b); return;
            case Opcode.I64AtomicStore32: AtomicOps.I64AtomicStore32(p, (long)b); return;

            case Opcode.I32AtomicRmwAdd: r = (uint)AtomicOps.I32AtomicRmwAdd(p, (int)b); break;
            case Opcode.I64AtomicRmwAdd: r = (ulong)AtomicOps.I64AtomicRmwAdd(p, (long)b); break;
            case Opcode.I32AtomicRmw8AddU: r = (uint)AtomicOps.I32AtomicRmw8AddU(p, (int)b); break;
            case Opcode.I32AtomicRmw16AddU: r = (uint)AtomicOps.I32AtomicRmw16AddU(p, (int)b); break;
            case Opcode.I64AtomicRmw8AddU: r = (ulong)AtomicOps.I64AtomicRmw8AddU(p, (long)b); break;
            case Opcode.I64AtomicRmw16AddU: r = (ulong)AtomicOps.I64AtomicRmw16AddU(p, (long)b); break;
            case Opcode.I64AtomicRmw32AddU: r = (ulong)AtomicOps.I64AtomicRmw32AddU(p, (long)b); break;

            case Opcode.I32AtomicRmwSub: r = (uint)AtomicOps.I32AtomicRmwSub(p, (int)b); break;
            case Opcode.I64AtomicRmwSub: r = (ulong)AtomicOps.I64AtomicRmwSub(p, (long)b); break;
            case Opcode.I32AtomicRmw8SubU: r = (uint)AtomicOps.I32AtomicRmw8SubU(p, (int)b); break;
            case Opcode.I32AtomicRmw16SubU: r = (uint)AtomicOps.I32AtomicRmw16SubU(p, (int)b); break;
            case Opcode.I64AtomicRmw8SubU: r = (ulong)AtomicOps.I64AtomicRmw8SubU(p, (long)b); break;
            case Opcode.I64AtomicRmw16SubU: r = (ulong)AtomicOps.I64AtomicRmw16SubU(p, (long)b); break;
            case Opcode.I64AtomicRmw32SubU: r = (ulong)AtomicOps.I64AtomicRmw32SubU(p, (long)b); break;

            case Opcode.I32AtomicRmwAnd: r = (uint)AtomicOps.I32AtomicRmwAnd(p, (int)b); break;
            case Opcode.I64AtomicRmwAnd: r = (ulong)AtomicOps.I64AtomicRmwAnd(p, (long)b); break;
            case Opcode.I32AtomicRmw8AndU: r = (uint)AtomicOps.I32AtomicRmw8AndU(p, (int)b); break;
            case Opcode.I32AtomicRmw16AndU: r = (uint)AtomicOps.I32AtomicRmw16AndU(p, (int)b); break;
            case Opcode.I64AtomicRmw8AndU: r = (ulong)AtomicOps.I64AtomicRmw8AndU(p, (long)b); break;
            case Opcode.I64AtomicRmw16AndU: r = (ulong)AtomicOps.I64AtomicRmw16AndU(p, (long)b); break;
            case Opcode.I64AtomicRmw32AndU: r = (ulong)AtomicOps.I64AtomicRmw32AndU(p, (long)b); break;

            case Opcode.I32AtomicRmwOr: r = (uint)AtomicOps.I32AtomicRmwOr(p, (int)b); break;
            case Opcode.I64AtomicRmwOr: r = (ulong)AtomicOps.I64AtomicRmwOr(p, (long)b); break;
            case Opcode.I32AtomicRmw8OrU: r = (uint)AtomicOps.I32AtomicRmw8OrU(p, (int)b); break;
            case Opcode.I32AtomicRmw16OrU: r = (uint)AtomicOps.I32AtomicRmw16OrU(p, (int)b); break;
            case Opcode.I64AtomicRmw8OrU: r = (ulong)AtomicOps.I64AtomicRmw8OrU(p, (long)b); break;
            case Opcode.I64AtomicRmw16OrU: r = (ulong)AtomicOps.I64AtomicRmw16OrU(p, (long)b); break;
            case Opcode.I64AtomicRmw32OrU: r = (ulong)AtomicOps.I64AtomicRmw32OrU(p, (long)b); break;

            case Opcode.I32AtomicRmwXor: r = (uint)AtomicOps.I32AtomicRmwXor(p, (int)b); break;
            case Opcode.I64AtomicRmwXor: r = (ulong)AtomicOps.I64AtomicRmwXor(p, (long)b); break;
            case Opcode.I32AtomicRmw8XorU: r = (uint)AtomicOps.I32AtomicRmw8XorU(p, (int)b); break;
            case Opcode.I32AtomicRmw16XorU: r = (uint)AtomicOps.I32AtomicRmw16XorU(p, (int)b); break;
            case Opcode.I64AtomicRmw8XorU: r = (ulong)AtomicOps.I64AtomicRmw8XorU(p, (long)b); break;
            case Opcode.I64AtomicRmw16XorU: r = (ulong)AtomicOps.I64AtomicRmw16XorU(p, (long)b); break;
            case Opcode.I64AtomicRmw32XorU: r = (ulong)AtomicOps.I64AtomicRmw32XorU(p, (long)b); break;

            case Opcode.I32AtomicRmwXchg: r = (uint)AtomicOps.I32AtomicRmwXchg(p, (int)b); break;
            case Opcode.I64AtomicRmwXchg: r = (ulong)AtomicOps.I64AtomicRmwXchg(p, (long)b); break;
            case Opcode.I32AtomicRmw8XchgU: r = (uint)AtomicOps.I32AtomicRmw8XchgU(p, (int)b); break;
            case Opcode.I32AtomicRmw16XchgU: r = (uint)AtomicOps.I32AtomicRmw16XchgU(p, (int)b); break;
            case Opcode.I64AtomicRmw8XchgU: r = (ulong)AtomicOps.I64AtomicRmw8XchgU(p, (long)b); break;
            case Opcode.I64AtomicRmw16XchgU: r = (ulong)AtomicOps.I64AtomicRmw16XchgU(p, (long)b); break;
            case Opcode.I64AtomicRmw32XchgU: r = (ulong)AtomicOps.I64AtomicRmw32XchgU(p, (long)b); break;

            case Opcode.I32AtomicRmwCmpxchg: r = (uint)AtomicOps.I32AtomicRmwCmpxchg(p, (int)b, (int)c); break;
            case Opcode.I64AtomicRmwCmpxchg: r = (ulong)AtomicOps.I64AtomicRmwCmpxchg(p, (long)b, (long)c); break;
            case Opcode.I32AtomicRmw8CmpxchgU: r = (uint)AtomicOps.I32AtomicRmw8CmpxchgU(p, (int)b, (int)c); break;
            case Opcode.I32AtomicRmw16CmpxchgU: r = (uint)AtomicOps.I32AtomicRmw16CmpxchgU(p, (int)b, (int)c); break;
            case Opcode.I64AtomicRmw8CmpxchgU: r = (ulong)AtomicOps.I64AtomicRmw8CmpxchgU(p, (long)b, (long)c); break;
            case Opcode.I64AtomicRmw16CmpxchgU: r = (ulong)AtomicOps.I64AtomicRmw16CmpxchgU(p, (long)b, (long)c); break;
            case Opcode.I64AtomicRmw32CmpxchgU: r = (ulong)AtomicOps.I64AtomicRmw32CmpxchgU(p, (long)b, (long)c); break;

            default:
                throw new InvalidOperationException($"interpreter: unexpected instruction {ip->ToString()}");
        }
        fp[ip->D] = r;
    }
}
