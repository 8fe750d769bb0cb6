using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Threading;

/// <summary>
/// The atomic memory instructions of the threads proposal
/// (https://webassembly.github.io/threads/core/exec/instructions.html#atomic-memory-instructions), one static method
/// per instruction, named like its <see cref="Opcode"/> member, shared by the interpreter and the JIT.
/// <para>
/// Every method takes a raw pointer <c>p</c> to the effective address that the caller has ALREADY bounds-checked
/// against the memory's length (bounds traps come first in the spec); these methods check the natural alignment
/// and trap "unaligned atomic". The alignment is checked on the pointer, which equals the check on the wasm
/// address because a memory's base is page-aligned (any base aligned to 8 bytes would do).
/// </para>
/// <para>
/// Memory order: all wasm atomics are sequentially consistent. Loads are <see cref="Volatile.Read(ref int)"/>
/// (a plain <c>mov</c> on x64, <c>ldar</c> on arm64); every store and read-modify-write is an
/// <see cref="Interlocked"/> operation (<c>xchg</c>/<c>lock</c>-prefixed on x64, full-barrier sequences on arm64),
/// which is how C++ compilers lower <c>seq_cst</c> stores too. Volatile.Write + a fence would cost the same on
/// x64 (an <c>mfence</c>) and give no advantage, so stores use <see cref="Interlocked.Exchange(ref int, int)"/>.
/// </para>
/// <para>
/// Narrow widths: .NET 9+ has <see cref="Interlocked.Exchange(ref byte, byte)"/> and
/// <see cref="Interlocked.CompareExchange(ref ushort, ushort, ushort)"/> on bytes and shorts, so 8- and 16-bit
/// stores, xchg and cmpxchg are single native instructions on the access itself; add/sub/and/or/xor on 8/16 bits
/// (and xor at every width, which Interlocked lacks) are compare-exchange loops on the accessed location only,
/// so neighbouring bytes are never written. Results of narrow operations are zero-extended (the <c>_u</c>
/// instructions); narrow cmpxchg compares against the expected value wrapped to the access width, as the spec says.
/// </para>
/// </summary>
internal static unsafe partial class AtomicOps
{
    // ---- alignment and sharing checks (also used by the engines for their own inlined fast paths) ----

    /// <summary>Traps "unaligned atomic" unless <paramref name="p"/> is a multiple of <c>1 &lt;&lt; log2</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckAlignment(byte* p, int log2)
    {
        if (((nuint)p & (((nuint)1 << log2) - 1)) != 0)
        {
            ThrowUnaligned();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check2(byte* p)
    {
        if (((nuint)p & 1) != 0)
        {
            ThrowUnaligned();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check4(byte* p)
    {
        if (((nuint)p & 3) != 0)
        {
            ThrowUnaligned();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check8(byte* p)
    {
        if (((nuint)p & 7) != 0)
        {
            ThrowUnaligned();
        }
    }

    /// <summary>memory.atomic.wait32/64 on an unshared memory traps "expected shared memory" (after bounds and alignment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireShared(bool shared)
    {
        if (!shared)
        {
            ThrowExpectedShared();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowUnaligned() => throw new WasmTrapException(TrapKind.UnalignedAtomic);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowExpectedShared() => throw new WasmTrapException(TrapKind.ExpectedSharedMemory);

    // ---- atomic.fence ----

    /// <summary>atomic.fence: a full sequentially consistent fence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AtomicFence() => Interlocked.MemoryBarrier();

    // ---- loads ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicLoad(byte* p)
    {
        Check4(p);
        return Volatile.Read(ref *(int*)p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicLoad(byte* p)
    {
        Check8(p);
        return Volatile.Read(ref *(long*)p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicLoad8U(byte* p) => Volatile.Read(ref *p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicLoad16U(byte* p)
    {
        Check2(p);
        return Volatile.Read(ref *(ushort*)p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicLoad8U(byte* p) => Volatile.Read(ref *p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicLoad16U(byte* p)
    {
        Check2(p);
        return Volatile.Read(ref *(ushort*)p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicLoad32U(byte* p)
    {
        Check4(p);
        return Volatile.Read(ref *(uint*)p);
    }

    // ---- stores (Interlocked.Exchange: a sequentially consistent store) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void I32AtomicStore(byte* p, int value)
    {
        Check4(p);
        Interlocked.Exchange(ref *(int*)p, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void I64AtomicStore(byte* p, long value)
    {
        Check8(p);
        Interlocked.Exchange(ref *(long*)p, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void I32AtomicStore8(byte* p, int value) => Interlocked.Exchange(ref *p, (byte)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void I32AtomicStore16(byte* p, int value)
    {
        Check2(p);
        Interlocked.Exchange(ref *(ushort*)p, (ushort)value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void I64AtomicStore8(byte* p, long value) => Interlocked.Exchange(ref *p, (byte)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void I64AtomicStore16(byte* p, long value)
    {
        Check2(p);
        Interlocked.Exchange(ref *(ushort*)p, (ushort)value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void I64AtomicStore32(byte* p, long value)
    {
        Check4(p);
        Interlocked.Exchange(ref *(int*)p, (int)value);
    }
}
