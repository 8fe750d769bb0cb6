using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WasmJit.Jit;

/// <summary>
/// Out-of-line operations that compiled code calls: trap construction, the stack-limit slow path, binding a callee's
/// typed entry, the call_indirect subtype check, memory.grow and the bulk memory and table instructions
/// (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions). Operands come in wasm order
/// (addresses and lengths zero-extended to 64 bits), then immediates, then the objects. Hot single-value accesses
/// (loads, stores, table.get/set) are emitted inline and never come here. Semantics mirror the interpreter's
/// (src/WasmJit.Interpreter/Interpreter.Misc.cs): same checks, same runtime methods.
/// </summary>
internal static class JitHelpers
{
    /// <summary>How far compiled code may go below the last verified stack point before it checks again.</summary>
    public const int StackStep = 32 * 1024;

    /// <summary>Native stack allowed per unit of <see cref="StoreOptions.MaxCallDepth"/> (compiled frames are 50-500 bytes).</summary>
    public const int BytesPerFrame = 512;

    [ThreadStatic]
    private static nint t_shallowest;

    /// <summary>Emitted as <c>ldc kind; call Trap; throw</c> so RyuJIT sees a cold throw block.</summary>
    public static Exception Trap(int kind) => new WasmTrapException((TrapKind)kind);

    /// <summary>
    /// The stack pointer left the context's verified window: ask the runtime whether enough stack is left below it
    /// (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/> keeps about 128 KB for the runtime on 64-bit),
    /// and if so make [sp - <see cref="StackStep"/>, sp] the new window.
    /// </summary>
    public static void StackCheckSlow(nint sp, JitContext ctx)
    {
        // Besides the thread's real limit, compiled code gets a budget of native stack below the shallowest point
        // wasm ran at on this thread, proportional to the store's MaxCallDepth: a runaway recursion on a thread with
        // a huge stack (the spec runner gives each script 256 MB) then traps after a bounded number of frames instead
        // of millions, which would take seconds to unwind.
        if (sp > t_shallowest)
        {
            t_shallowest = sp;
        }
        long budget = Math.Max(1L << 20, (long)ctx.Instance.Store.Options.MaxCallDepth * BytesPerFrame);
        if (t_shallowest - sp > budget || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new WasmTrapException(TrapKind.CallStackExhausted);
        }
        ctx.StackLow = sp - StackStep;
        ctx.StackSpan = StackStep;
    }

    /// <summary>The typed entry of any function (binding a slot-convention bridge to it on first use).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TypedEntry EntryOf(FunctionInstance f) => f.CompiledEntry ?? Bridges.Bind(f);

    /// <summary>call_indirect after the exact-type fast path failed: traps unless <paramref name="f"/>'s type is a subtype.</summary>
    public static void CheckSubtype(FunctionInstance f, int typeIndex, JitContext ctx)
    {
        if (!f.CanonicalType.IsSubtypeOf(ctx.Instance.Types[typeIndex]))
        {
            throw new WasmTrapException(TrapKind.IndirectCallTypeMismatch);
        }
    }

    public static long MemoryGrow(ulong delta, MemoryInstance mem) => mem.Grow(delta);

    public static unsafe void MemoryFill(ulong dst, int value, ulong n, MemoryInstance mem)
    {
        if (!mem.InBounds(dst, n))
        {
            throw new WasmTrapException(TrapKind.MemoryOutOfBounds);
        }
        byte* p = mem.Base + dst;
        while (n > int.MaxValue)
        {
            new Span<byte>(p, int.MaxValue).Fill((byte)value);
            p += int.MaxValue;
            n -= int.MaxValue;
        }
        new Span<byte>(p, (int)n).Fill((byte)value);
    }

    public static unsafe void MemoryCopy(ulong dst, ulong src, ulong n, MemoryInstance dstMem, MemoryInstance srcMem)
    {
        if (!dstMem.InBounds(dst, n) || !srcMem.InBounds(src, n))
        {
            throw new WasmTrapException(TrapKind.MemoryOutOfBounds);
        }
        Buffer.MemoryCopy(srcMem.Base + src, dstMem.Base + dst, n, n);
    }

    public static unsafe void MemoryInit(ulong dst, ulong src, ulong n, int segment, MemoryInstance mem, JitContext ctx)
    {
        var data = ctx.Instance.DataSegments[segment].Span;
        if (src + n > (ulong)data.Length || !mem.InBounds(dst, n))
        {
            throw new WasmTrapException(TrapKind.MemoryOutOfBounds);
        }
        data.Slice((int)src, (int)n).CopyTo(new Span<byte>(mem.Base + dst, (int)n));
    }

    public static void DataDrop(int segment, JitContext ctx) => ctx.Instance.DataSegments[segment] = ReadOnlyMemory<byte>.Empty;

    public static void ElemDrop(int segment, JitContext ctx) => ctx.Instance.ElementSegments[segment] = [];

    public static long TableGrow(object? init, ulong delta, TableInstance table) => table.Grow(delta, init);

    public static void TableFill(ulong i, object? value, ulong n, TableInstance table) => table.Fill(i, value, n);

    public static void TableCopy(ulong dst, ulong src, ulong n, TableInstance dstTable, TableInstance srcTable) =>
        TableInstance.Copy(dstTable, dst, srcTable, src, n);

    public static void TableInit(ulong dst, ulong src, ulong n, int segment, TableInstance table, JitContext ctx) =>
        table.Init(dst, ctx.Instance.ElementSegments[segment], src, n);

    public static Vector128<byte> GetGlobalV128(GlobalInstance g) => g.V128;

    public static void SetGlobalV128(GlobalInstance g, Vector128<byte> v)
    {
        var u = v.AsUInt64();
        g.Bits = u.GetElement(0);
        g.High = u.GetElement(1);
    }
}
