using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Threading;

// The read-modify-write instructions (i32/i64.atomic.rmw{,8,16,32}.{add,sub,and,or,xor,xchg,cmpxchg}{,_u}).
// Each returns the value read before the write, zero-extended for the narrow forms.
// Interlocked.Add returns the NEW value, hence the "- v" / "+ v" to recover the old one (wrapping arithmetic).
internal static unsafe partial class AtomicOps
{
    // ---- add ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmwAdd(byte* p, int v) => Interlocked.Add(ref *A4(p), v) - v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmwAdd(byte* p, long v) => Interlocked.Add(ref *A8(p), v) - v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw8AddU(byte* p, int v) => Rmw8<AddOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw16AddU(byte* p, int v) => Rmw16<AddOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw8AddU(byte* p, long v) => Rmw8<AddOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw16AddU(byte* p, long v) => Rmw16<AddOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw32AddU(byte* p, long v) => (uint)(Interlocked.Add(ref *A4(p), (int)v) - (int)v);

    // ---- sub ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmwSub(byte* p, int v) => Interlocked.Add(ref *A4(p), -v) + v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmwSub(byte* p, long v) => Interlocked.Add(ref *A8(p), -v) + v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw8SubU(byte* p, int v) => Rmw8<SubOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw16SubU(byte* p, int v) => Rmw16<SubOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw8SubU(byte* p, long v) => Rmw8<SubOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw16SubU(byte* p, long v) => Rmw16<SubOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw32SubU(byte* p, long v) => (uint)(Interlocked.Add(ref *A4(p), -(int)v) + (int)v);

    // ---- and ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmwAnd(byte* p, int v) => Interlocked.And(ref *A4(p), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmwAnd(byte* p, long v) => Interlocked.And(ref *A8(p), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw8AndU(byte* p, int v) => Rmw8<AndOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw16AndU(byte* p, int v) => Rmw16<AndOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw8AndU(byte* p, long v) => Rmw8<AndOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw16AndU(byte* p, long v) => Rmw16<AndOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw32AndU(byte* p, long v) => (uint)Interlocked.And(ref *A4(p), (int)v);

    // ---- or ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmwOr(byte* p, int v) => Interlocked.Or(ref *A4(p), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmwOr(byte* p, long v) => Interlocked.Or(ref *A8(p), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw8OrU(byte* p, int v) => Rmw8<OrOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw16OrU(byte* p, int v) => Rmw16<OrOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw8OrU(byte* p, long v) => Rmw8<OrOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw16OrU(byte* p, long v) => Rmw16<OrOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw32OrU(byte* p, long v) => (uint)Interlocked.Or(ref *A4(p), (int)v);

    // ---- xor ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmwXor(byte* p, int v) => (int)Rmw32<XorOp>(A4(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmwXor(byte* p, long v) => (long)Rmw64<XorOp>(A8(p), (ulong)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw8XorU(byte* p, int v) => Rmw8<XorOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw16XorU(byte* p, int v) => Rmw16<XorOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw8XorU(byte* p, long v) => Rmw8<XorOp>(p, (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw16XorU(byte* p, long v) => Rmw16<XorOp>(A2(p), (uint)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw32XorU(byte* p, long v) => Rmw32<XorOp>(A4(p), (uint)v);

    // ---- xchg ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmwXchg(byte* p, int v) => Interlocked.Exchange(ref *A4(p), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmwXchg(byte* p, long v) => Interlocked.Exchange(ref *A8(p), v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw8XchgU(byte* p, int v) => Interlocked.Exchange(ref *p, (byte)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw16XchgU(byte* p, int v) => Interlocked.Exchange(ref *A2(p), (ushort)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw8XchgU(byte* p, long v) => Interlocked.Exchange(ref *p, (byte)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw16XchgU(byte* p, long v) => Interlocked.Exchange(ref *A2(p), (ushort)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw32XchgU(byte* p, long v) => (uint)Interlocked.Exchange(ref *A4(p), (int)v);

    // ---- cmpxchg (narrow forms compare with the expected value wrapped to the access width) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmwCmpxchg(byte* p, int expected, int replacement) => Interlocked.CompareExchange(ref *A4(p), replacement, expected);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmwCmpxchg(byte* p, long expected, long replacement) => Interlocked.CompareExchange(ref *A8(p), replacement, expected);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw8CmpxchgU(byte* p, int expected, int replacement) => Interlocked.CompareExchange(ref *p, (byte)replacement, (byte)expected);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32AtomicRmw16CmpxchgU(byte* p, int expected, int replacement) => Interlocked.CompareExchange(ref *A2(p), (ushort)replacement, (ushort)expected);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw8CmpxchgU(byte* p, long expected, long replacement) => Interlocked.CompareExchange(ref *p, (byte)replacement, (byte)expected);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw16CmpxchgU(byte* p, long expected, long replacement) => Interlocked.CompareExchange(ref *A2(p), (ushort)replacement, (ushort)expected);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64AtomicRmw32CmpxchgU(byte* p, long expected, long replacement) => (uint)Interlocked.CompareExchange(ref *A4(p), (int)replacement, (int)expected);

    // ---- aligned views of p (trap when misaligned) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort* A2(byte* p)
    {
        Check2(p);
        return (ushort*)p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int* A4(byte* p)
    {
        Check4(p);
        return (int*)p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long* A8(byte* p)
    {
        Check8(p);
        return (long*)p;
    }

    // ---- compare-exchange loops for what Interlocked has no single primitive for ----
    // Each loop touches only the accessed location, so the neighbouring bytes of a narrow access are never written.
    // The first read is a plain volatile read: a stale value only costs one failed compare-exchange.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Rmw8<TOp>(byte* p, uint v)
        where TOp : struct, IRmwOp
    {
        byte old = Volatile.Read(ref *p);
        while (true)
        {
            byte seen = Interlocked.CompareExchange(ref *p, (byte)TOp.Apply(old, v), old);
            if (seen == old)
            {
                return old;
            }
            old = seen;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Rmw16<TOp>(ushort* p, uint v)
        where TOp : struct, IRmwOp
    {
        ushort old = Volatile.Read(ref *p);
        while (true)
        {
            ushort seen = Interlocked.CompareExchange(ref *p, (ushort)TOp.Apply(old, v), old);
            if (seen == old)
            {
                return old;
            }
            old = seen;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rmw32<TOp>(int* p, uint v)
        where TOp : struct, IRmwOp
    {
        uint old = (uint)Volatile.Read(ref *p);
        while (true)
        {
            uint seen = (uint)Interlocked.CompareExchange(ref *p, (int)TOp.Apply(old, v), (int)old);
            if (seen == old)
            {
                return old;
            }
            old = seen;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Rmw64<TOp>(long* p, ulong v)
        where TOp : struct, IRmwOp
    {
        ulong old = (ulong)Volatile.Read(ref *p);
        while (true)
        {
            ulong seen = (ulong)Interlocked.CompareExchange(ref *p, (long)TOp.Apply64(old, v), (long)old);
            if (seen == old)
            {
                return old;
            }
            old = seen;
        }
    }

    /// <summary>The binary operation of a compare-exchange loop; struct implementations get specialised code.</summary>
    private interface IRmwOp
    {
        static abstract uint Apply(uint old, uint operand);

        static abstract ulong Apply64(ulong old, ulong operand);
    }

    private readonly struct AddOp : IRmwOp
    {
        public static uint Apply(uint old, uint operand) => old + operand;

        public static ulong Apply64(ulong old, ulong operand) => old + operand;
    }

    private readonly struct SubOp : IRmwOp
    {
        public static uint Apply(uint old, uint operand) => old - operand;

        public static ulong Apply64(ulong old, ulong operand) => old - operand;
    }

    private readonly struct AndOp : IRmwOp
    {
        public static uint Apply(uint old, uint operand) => old & operand;

        public static ulong Apply64(ulong old, ulong operand) => old & operand;
    }

    private readonly struct OrOp : IRmwOp
    {
        public static uint Apply(uint old, uint operand) => old | operand;

        public static ulong Apply64(ulong old, ulong operand) => old | operand;
    }

    private readonly struct XorOp : IRmwOp
    {
        public static uint Apply(uint old, uint operand) => old ^ operand;

        public static ulong Apply64(ulong old, ulong operand) => old ^ operand;
    }
}
