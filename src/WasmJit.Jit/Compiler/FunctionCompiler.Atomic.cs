using System.Reflection;
using System.Reflection.Emit;
using WasmJit.Binary;
using WasmJit.Runtime.Threading;

namespace WasmJit.Jit;

/// <summary>
/// The threads proposal's atomic memory instructions
/// (https://webassembly.github.io/threads/core/exec/instructions.html#atomic-memory-instructions): the same inline
/// bounds check as plain accesses, then a call of the <see cref="AtomicOps"/> method named like the opcode (RyuJIT
/// inlines the small ones down to the <c>lock</c>-prefixed instruction), which checks alignment: the interpreter runs
/// the very same methods. Waits and notify go through <see cref="AtomicWait32"/> and friends for the memory's
/// <c>WaitQueues</c> and the store's cancellation token. On a shared memory the cached length is re-read first:
/// another thread may have grown it.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly Dictionary<Opcode, MethodInfo> s_atomicMethods = [];

    private void EmitAtomic(in Instruction ins)
    {
        ref readonly var info = ref ins.Info;
        int m = (int)ins.B;
        int operands = info.PopCount - 1;
        Spill();
        var values = new LocalBuilder[operands];
        for (int i = 0; i < operands; i++)
        {
            values[i] = SlotAt(operands - 1 - i);
        }
        PopSpilled(operands);
        CheckedAddress(ins, 1 << info.NaturalAlignLog2, 0);
        foreach (var v in values)
        {
            _il.Emit(OpCodes.Ldloc, v);
        }
        bool waitOrNotify = ins.Op is Opcode.MemoryAtomicWait32 or Opcode.MemoryAtomicWait64 or Opcode.MemoryAtomicNotify;
        if (waitOrNotify)
        {
            _il.Emit(OpCodes.Ldloc, _memObj[m]!);
            _il.Emit(OpCodes.Ldarg, _ctxArg);
        }
        Call(AtomicMethod(ins.Op));
        if (info.Push != SigType.None)
        {
            Push(info.Push == SigType.I64 ? ValKind.I64 : ValKind.I32);
        }
    }

    private static MethodInfo AtomicMethod(Opcode op)
    {
        lock (s_atomicMethods)
        {
            if (!s_atomicMethods.TryGetValue(op, out var method))
            {
                string name = op.ToString();
                method = (op is Opcode.MemoryAtomicWait32 or Opcode.MemoryAtomicWait64 or Opcode.MemoryAtomicNotify
                        ? typeof(FunctionCompiler).GetMethod(name.Replace("MemoryAtomic", "Atomic"), BindingFlags.Static | BindingFlags.NonPublic)
                        : typeof(AtomicOps).GetMethod(name, BindingFlags.Static | BindingFlags.Public))
                    ?? throw new InvalidOperationException($"no atomic method for {name}");
                s_atomicMethods.Add(op, method);
            }
            return method;
        }
    }

    // Called from compiled code: p is the bounds-checked host address of the access.
    private static unsafe int AtomicWait32(byte* p, int expected, long timeoutNs, MemoryInstance memory, JitContext ctx) =>
        ctx.Limiter.Wait32(memory.WaitQueues, p, (ulong)(p - memory.Base), expected, timeoutNs);

    private static unsafe int AtomicWait64(byte* p, long expected, long timeoutNs, MemoryInstance memory, JitContext ctx) =>
        ctx.Limiter.Wait64(memory.WaitQueues, p, (ulong)(p - memory.Base), expected, timeoutNs);

    private static unsafe int AtomicNotify(byte* p, int count, MemoryInstance memory, JitContext ctx) =>
        AtomicOps.MemoryAtomicNotify(memory.WaitQueues, p, (ulong)(p - memory.Base), count);
}
