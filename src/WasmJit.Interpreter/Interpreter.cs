using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using WasmJit.Runtime;

namespace WasmJit.Interpreter;

/// <summary>
/// Runs <see cref="InterpretedCode"/>. Wasm-to-wasm calls between interpreted functions push a record on an
/// explicit frame stack and continue in the same loop: the C# stack does not grow per wasm call, so deep
/// recursion ends in a "call stack exhausted" trap (<see cref="StoreOptions.MaxCallDepth"/> or the value stack's
/// capacity), never in a process-killing StackOverflow. Calls into other tiers or the host go through
/// <see cref="FunctionInstance.Call"/>; re-entry from the host is guarded by
/// <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>.
/// </summary>
internal static unsafe partial class Interpreter
{
    /// <summary>Per-thread frame records, kept on the <see cref="WasmStack"/>.</summary>
    private sealed class ThreadFrames
    {
        public Frame[] Frames = new Frame[64];
        public int Count;

        /// <summary>Native tail calls into other tiers live on this thread (see <see cref="MaxNativeTailCalls"/>).</summary>
        public int NativeTailCalls;
    }

    private struct Frame
    {
        public WasmFunction Func;
        public InterpretedCode Code;

        /// <summary>Where to resume in <see cref="Code"/> (saved when this frame calls).</summary>
        public int Pc;

        /// <summary>Frame pointer as a slot index into the stack.</summary>
        public int Fp;
    }

    /// <summary>
    /// Tests only (0 in production): 1 runs only the cold copy of the dispatch loop (<c>RunCold</c>), never handing
    /// over; 2 makes the cold copy save its place and return at every call and loop back-edge and resumes it each
    /// time, which exercises the hand-over path at every point where it can happen.
    /// </summary>
    internal static int ColdMode;

    /// <summary>In the cold copy: return to <see cref="Execute"/> now (at a call or back-edge)?</summary>
    private static bool ColdHandOver => ColdMode == 2 || (ColdMode == 0 && !StartupWarmup.InProgress);

    /// <summary>Entry from another tier or the host: runs <paramref name="f"/> with arguments at <paramref name="baseSlot"/>.</summary>
    public static void Execute(WasmFunction f, InterpretedCode code, WasmStack stack, int baseSlot)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Trap(TrapKind.CallStackExhausted);
        }
        var ts = stack.TierState as ThreadFrames;
        if (ts is null)
        {
            ts = new ThreadFrames();
            stack.TierState = ts;
        }
        int frameBase = ts.Count;
        int nativeTailCalls = ts.NativeTailCalls;
        int depth = stack.Depth;
        int top = stack.Top;
        try
        {
            int maxDepth = f.Instance.Store.Options.MaxCallDepth;
            if (++stack.Depth > maxDepth)
            {
                Trap(TrapKind.CallStackExhausted);
            }
            var lim = f.Instance.Store.Limiter;
            if (lim.Interrupt != 0)
            {
                lim.ThrowInterrupted();
            }
            stack.CheckCapacity((long)baseSlot + code.FrameSlots);
            var refs = stack.EnsureRefs(baseSlot + code.FrameSlots);
            if (frameBase == ts.Frames.Length)
            {
                Array.Resize(ref ts.Frames, frameBase * 2);
            }
            ts.Frames[frameBase] = new Frame { Func = f, Code = code, Fp = baseSlot };
            ts.Count = frameBase + 1;
            InitFrame(code, stack.Slots + baseSlot, refs, baseSlot);
            if (++f.CallCount == f.Instance.Store.Engine.CallBudget)
            {
                HotFunction(f);
            }
            // While the start-up warm-up compiles Run, its precompiled copy runs, handing over when that is done.
            if (ColdMode == 0 && !StartupWarmup.InProgress)
            {
                Run(ts, stack, frameBase, maxDepth);
            }
            else if (ColdMode == 2)
            {
                while (RunCold(ts, stack, frameBase, maxDepth))
                {
                }
            }
            else if (RunCold(ts, stack, frameBase, maxDepth))
            {
                Run(ts, stack, frameBase, maxDepth);
            }
        }
        catch (WasmTrapException e) when (AddFrames(e, ts, frameBase))
        {
            // Never entered: the filter only records this activation's frames.
        }
        finally
        {
            // After a trap the filters (AddFrames) of this and outer activations may have dropped the frames already.
            if (ts.Count > frameBase)
            {
                Array.Clear(ts.Frames, frameBase, ts.Count - frameBase);
                ts.Count = frameBase;
            }
            ts.NativeTailCalls = nativeTailCalls;
            stack.Depth = depth;
            stack.Top = top;
        }
    }

    /// <summary>
    /// Exception filter (always false): adds this activation's frames, innermost first, to the trap's backtrace and
    /// drops them from the frame list. A filter rather than catch-and-rethrow because a rethrow starts a new dispatch
    /// on top of the stack it unwinds: one nested dispatch per tier crossing, so a trap at the bottom of a deep
    /// mixed-tier recursion overflowed the .NET stack while unwinding. Filters run in the first pass, innermost
    /// first, before any finally: inner activations' frames are still listed, hence the drop (this activation is
    /// certainly unwound once the filter declines; its finally then finds nothing left to clear, or finds that an outer
    /// activation's filter dropped even more).
    /// </summary>
    private static bool AddFrames(WasmTrapException e, ThreadFrames ts, int frameBase)
    {
        for (int i = ts.Count - 1; i >= frameBase; i--)
        {
            e.AddFrame(ts.Frames[i].Func.DisplayName);
        }
        Array.Clear(ts.Frames, frameBase, ts.Count - frameBase);
        ts.Count = frameBase;
        return false;
    }

    /// <summary>
    /// Zeroes the declared locals and copies in the constant pool. Frames are small, so plain loops: a call to
    /// memset/memmove per wasm call costs more than the few stores it saves (fib).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InitFrame(InterpretedCode code, ulong* fp, object?[] refs, int fpIdx)
    {
        int n = code.LocalSlots;
        if (n > 0)
        {
            ulong* p = fp + code.ParamSlots;
            for (int i = 0; i < n; i++)
            {
                p[i] = 0;
            }
            if (code.HasRefLocals)
            {
                Array.Clear(refs, fpIdx + code.ParamSlots, n);
            }
        }
        n = code.ConstCount;
        if (n > 0)
        {
            ulong* dst = fp + code.ConstBase;
            ulong* src = code.ConstPtr;
            for (int i = 0; i < n; i++)
            {
                dst[i] = src[i];
            }
        }
    }

    /// <summary>The code to run for a wasm function in this loop, translating on first call; null if another tier owns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static InterpretedCode? InterpretedCodeOf(WasmFunction f)
    {
        var c = f.Code;
        if (c is InterpretedCode ic)
        {
            return ic;
        }
        return c is LazyInterpretedCode ? InterpreterEngine.Compile(f) : null;
    }

    /// <summary>
    /// Not marked NoInlining on purpose: RyuJIT only learns that a callee never returns by looking at its IL, and a
    /// call it knows to be no-return is moved out of line without spilling the dispatch loop's registers around it.
    /// </summary>
    [DoesNotReturn]
    private static void Trap(TrapKind kind) => throw new WasmTrapException(kind);

    /// <summary>
    /// Address of a memory-0 load: (u32)(fp[A] + fp[B]) + X. The sum of a 32-bit address and a 32-bit offset cannot
    /// overflow 64 bits, so one compare against the current length is the whole bounds check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* LoadEa(MemoryInstance m, Inst* ip, ulong* fp, uint size)
    {
        ulong ea = (ulong)(uint)(fp[ip->A] + fp[ip->B]) + (ulong)ip->X;
        if (ea + size > m.ByteLength)
        {
            Trap(TrapKind.MemoryOutOfBounds);
        }
        return m.Base + ea;
    }

    /// <summary>Address of a memory-0 store: (u32)(fp[A] + fp[C]) + X (B is the value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* StoreEa(MemoryInstance m, Inst* ip, ulong* fp, uint size)
    {
        ulong ea = (ulong)(uint)(fp[ip->A] + fp[ip->C]) + (ulong)ip->X;
        if (ea + size > m.ByteLength)
        {
            Trap(TrapKind.MemoryOutOfBounds);
        }
        return m.Base + ea;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* Ea(MemoryInstance m, ulong addr, long offset, uint size)
    {
        ulong ea = addr + (ulong)offset;
        ulong len = m.ByteLength;
        if (ea < addr || ea > len || len - ea < size)
        {
            Trap(TrapKind.MemoryOutOfBounds);
        }
        return m.Base + ea;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F32(ulong bits) => BitConverter.UInt32BitsToSingle((uint)bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double F64(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(float v) => BitConverter.SingleToUInt32Bits(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(double v) => BitConverter.DoubleToUInt64Bits(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong B(bool v) => v ? 1UL : 0UL;
}
