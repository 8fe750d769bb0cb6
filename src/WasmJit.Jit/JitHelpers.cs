using System.Runtime.CompilerServices;

namespace WasmJit.Jit;

/// <summary>
/// Out-of-line operations that compiled code calls: trap construction, the stack-limit slow path, memory.grow and
/// the bulk memory and table instructions (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions).
/// Operands come in wasm order (addresses and lengths zero-extended to 64 bits), then immediates, then the objects.
/// Hot single-value accesses (loads, stores, table.get/set) are emitted inline and never come here.
/// </summary>
internal static class JitHelpers
{
    /// <summary>How far compiled code may go below the last verified stack point before it checks again.</summary>
    public const int StackStep = 32 * 1024;

    /// <summary>Emitted as <c>ldc kind; call Trap; throw</c> so RyuJIT sees a cold throw block.</summary>
    public static Exception Trap(int kind) => new WasmTrapException((TrapKind)kind);

    /// <summary>
    /// The stack pointer left the context's verified window: ask the runtime whether enough stack is left below it
    /// (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/> keeps about 128 KB for the runtime on 64-bit),
    /// and if so make [sp - <see cref="StackStep"/>, sp] the new window.
    /// </summary>
    public static void StackCheckSlow(nint sp, JitContext ctx)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new WasmTrapException(TrapKind.CallStackExhausted);
        }
        ctx.StackLow = sp - StackStep;
        ctx.StackSpan = StackStep;
    }

    public static long MemoryGrow(ulong delta, JitMemory mem) => mem.Grow(delta);

    public static unsafe void MemoryFill(ulong dst, int value, ulong n, JitMemory mem)
    {
        if (dst > mem.Length || n > mem.Length - dst)
        {
            throw new WasmTrapException(TrapKind.MemoryOutOfBounds);
        }
        new Span<byte>((byte*)mem.Base + dst, checked((int)n)).Fill((byte)value);
    }

    public static unsafe void MemoryCopy(ulong dst, ulong src, ulong n, JitMemory dstMem, JitMemory srcMem)
    {
        if (dst > dstMem.Length || n > dstMem.Length - dst || src > srcMem.Length || n > srcMem.Length - src)
        {
            throw new WasmTrapException(TrapKind.MemoryOutOfBounds);
        }
        Buffer.MemoryCopy((byte*)srcMem.Base + src, (byte*)dstMem.Base + dst, n, n);
    }

    public static unsafe void MemoryInit(ulong dst, ulong src, ulong n, int segment, JitMemory mem, JitContext ctx)
    {
        var data = ctx.Data[segment] ?? [];
        if (src > (ulong)data.Length || n > (ulong)data.Length - src || dst > mem.Length || n > mem.Length - dst)
        {
            throw new WasmTrapException(TrapKind.MemoryOutOfBounds);
        }
        data.AsSpan((int)src, (int)n).CopyTo(new Span<byte>((byte*)mem.Base + dst, (int)n));
    }

    public static void DataDrop(int segment, JitContext ctx) => ctx.Data[segment] = null;

    public static void ElemDrop(int segment, JitContext ctx) => ctx.Elements[segment] = null;

    public static long TableGrow(object? init, ulong delta, JitTable table) => table.Grow(delta, init);

    public static void TableFill(ulong i, object? value, ulong n, JitTable table)
    {
        var e = table.Elements;
        if (i > (ulong)e.Length || n > (ulong)e.Length - i)
        {
            throw new WasmTrapException(TrapKind.TableOutOfBounds);
        }
        e.AsSpan((int)i, (int)n).Fill(value);
    }

    public static void TableCopy(ulong dst, ulong src, ulong n, JitTable dstTable, JitTable srcTable)
    {
        var d = dstTable.Elements;
        var s = srcTable.Elements;
        if (dst > (ulong)d.Length || n > (ulong)d.Length - dst || src > (ulong)s.Length || n > (ulong)s.Length - src)
        {
            throw new WasmTrapException(TrapKind.TableOutOfBounds);
        }
        Array.Copy(s, (int)src, d, (int)dst, (int)n);
    }

    public static void TableInit(ulong dst, ulong src, ulong n, int segment, JitTable table, JitContext ctx)
    {
        var seg = ctx.Elements[segment] ?? [];
        var d = table.Elements;
        if (src > (ulong)seg.Length || n > (ulong)seg.Length - src || dst > (ulong)d.Length || n > (ulong)d.Length - dst)
        {
            throw new WasmTrapException(TrapKind.TableOutOfBounds);
        }
        Array.Copy(seg, (int)src, d, (int)dst, (int)n);
    }
}
