using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Runtime;

namespace WasmJit.Embedding;

/// <summary>
/// Moves one CLR value of type <typeparamref name="T"/> in or out of a <see cref="WasmStack"/> slot with the runtime's
/// slot convention (i32/f32 zero-extended in 8 bytes, v128 in two slots, references in <see cref="WasmStack.Refs"/>).
/// Every branch tests <c>typeof(T)</c>, which the JIT folds per instantiation: a typed call moves values with no
/// boxing and no <c>object[]</c>. Which CLR types are allowed is decided once, when a signature is built
/// (<see cref="ClrTypes"/>), so these methods do not check.
/// </summary>
internal static unsafe class ValueConv<T>
{
    /// <summary>Stack slots a value of <typeparamref name="T"/> takes.</summary>
    public static int Slots
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => typeof(T) == typeof(Vector128<byte>) ? 2 : 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read(WasmStack s, int slot, Store store)
    {
        ulong* p = s.Slots + slot;
        if (typeof(T) == typeof(int))
        {
            int v = (int)*p;
            return Unsafe.As<int, T>(ref v);
        }
        if (typeof(T) == typeof(uint))
        {
            uint v = (uint)*p;
            return Unsafe.As<uint, T>(ref v);
        }
        if (typeof(T) == typeof(long))
        {
            long v = (long)*p;
            return Unsafe.As<long, T>(ref v);
        }
        if (typeof(T) == typeof(ulong))
        {
            ulong v = *p;
            return Unsafe.As<ulong, T>(ref v);
        }
        if (typeof(T) == typeof(float))
        {
            float v = BitConverter.UInt32BitsToSingle((uint)*p);
            return Unsafe.As<float, T>(ref v);
        }
        if (typeof(T) == typeof(double))
        {
            double v = BitConverter.UInt64BitsToDouble(*p);
            return Unsafe.As<double, T>(ref v);
        }
        if (typeof(T) == typeof(Vector128<byte>))
        {
            var v = Unsafe.ReadUnaligned<Vector128<byte>>(p);
            return Unsafe.As<Vector128<byte>, T>(ref v);
        }
        object? r = s.EnsureRefs(slot + 1)[slot];
        if (typeof(T) == typeof(Function))
        {
            return (T)(object?)Function.Wrap(store, r as FunctionInstance)!;
        }
        return (T)r!;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(WasmStack s, int slot, T value)
    {
        ulong* p = s.Slots + slot;
        if (typeof(T) == typeof(int))
        {
            *p = (uint)Unsafe.As<T, int>(ref value);
        }
        else if (typeof(T) == typeof(uint))
        {
            *p = Unsafe.As<T, uint>(ref value);
        }
        else if (typeof(T) == typeof(long))
        {
            *p = (ulong)Unsafe.As<T, long>(ref value);
        }
        else if (typeof(T) == typeof(ulong))
        {
            *p = Unsafe.As<T, ulong>(ref value);
        }
        else if (typeof(T) == typeof(float))
        {
            *p = BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref value));
        }
        else if (typeof(T) == typeof(double))
        {
            *p = BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref value));
        }
        else if (typeof(T) == typeof(Vector128<byte>))
        {
            Unsafe.WriteUnaligned(p, Unsafe.As<T, Vector128<byte>>(ref value));
        }
        else if (typeof(T) == typeof(Function))
        {
            s.EnsureRefs(slot + 1)[slot] = ((Function?)(object?)value)?.Inner;
        }
        else
        {
            s.EnsureRefs(slot + 1)[slot] = value;
        }
    }
}

/// <summary>The result type of host functions and typed entries that return nothing (the <c>Action</c> forms).</summary>
internal readonly struct NoResult;

internal delegate T SlotReader<T>(WasmStack stack, int slot, Store store);

internal delegate void SlotWriter<T>(WasmStack stack, int slot, T value);

/// <summary>
/// Moves a whole result list: nothing (<see cref="NoResult"/>), one value, or a <c>ValueTuple</c> of 2..7 values
/// (multi-value). The tuple readers and writers are generic methods of <see cref="TupleConv"/> instantiated once
/// per tuple type by reflection, so a multi-value call does not box either.
/// </summary>
internal static class ResultConv<TResult>
{
    private static readonly bool s_isTuple = ClrTypes.IsTuple(typeof(TResult));
    private static readonly SlotReader<TResult>? s_reader = s_isTuple ? TupleConv.CreateReader<TResult>() : null;
    private static readonly SlotWriter<TResult>? s_writer = s_isTuple ? TupleConv.CreateWriter<TResult>() : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TResult Read(WasmStack s, int slot, Store store)
    {
        if (typeof(TResult) == typeof(NoResult))
        {
            return default!;
        }
        if (s_isTuple)
        {
            return s_reader!(s, slot, store);
        }
        return ValueConv<TResult>.Read(s, slot, store);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(WasmStack s, int slot, TResult value)
    {
        if (typeof(TResult) == typeof(NoResult))
        {
            return;
        }
        if (s_isTuple)
        {
            s_writer!(s, slot, value);
            return;
        }
        ValueConv<TResult>.Write(s, slot, value);
    }
}
