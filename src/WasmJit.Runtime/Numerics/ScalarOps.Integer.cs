using System.Numerics;
using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Numerics;

/// <summary>
/// The scalar numeric instructions whose semantics is not a single plain C# operator, shared by the interpreter
/// (which calls them) and the JIT (which emits a <c>call</c> that RyuJIT inlines), so both tiers agree bit for bit,
/// traps included. Each method is named like its <c>Opcode</c> member; wasm <c>i32</c>/<c>i64</c>/<c>f32</c>/<c>f64</c>
/// map to C# <c>int</c>/<c>long</c>/<c>float</c>/<c>double</c> and unsigned operations reinterpret internally.
/// Spec: https://webassembly.github.io/spec/core/exec/numerics.html (integer operations).
/// </summary>
internal static partial class ScalarOps
{
    // ---- i32 ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Clz(int x) => BitOperations.LeadingZeroCount((uint)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Ctz(int x) => BitOperations.TrailingZeroCount((uint)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Popcnt(int x) => BitOperations.PopCount((uint)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivS(int a, int b)
    {
        if (b == 0)
        {
            return WasmTrapException.Throw<int>(TrapKind.IntegerDivideByZero);
        }

        // INT_MIN / -1 overflows (and would raise OverflowException in .NET, which is not a wasm trap).
        if (b == -1)
        {
            return a == int.MinValue ? WasmTrapException.Throw<int>(TrapKind.IntegerOverflow) : -a;
        }

        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32DivU(int a, int b) =>
        b == 0 ? WasmTrapException.Throw<int>(TrapKind.IntegerDivideByZero) : (int)((uint)a / (uint)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemS(int a, int b)
    {
        if (b == 0)
        {
            return WasmTrapException.Throw<int>(TrapKind.IntegerDivideByZero);
        }

        // INT_MIN % -1 is 0 in wasm; the x86 idiv would fault, so -1 never reaches the % operator.
        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32RemU(int a, int b) =>
        b == 0 ? WasmTrapException.Throw<int>(TrapKind.IntegerDivideByZero) : (int)((uint)a % (uint)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Shl(int a, int b) => a << (b & 31);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32ShrS(int a, int b) => a >> (b & 31);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32ShrU(int a, int b) => (int)((uint)a >> (b & 31));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Rotl(int a, int b) => (int)BitOperations.RotateLeft((uint)a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Rotr(int a, int b) => (int)BitOperations.RotateRight((uint)a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Eqz(int a) => a == 0 ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32LtU(int a, int b) => (uint)a < (uint)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32GtU(int a, int b) => (uint)a > (uint)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32LeU(int a, int b) => (uint)a <= (uint)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32GeU(int a, int b) => (uint)a >= (uint)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Extend8S(int a) => (sbyte)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Extend16S(int a) => (short)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32WrapI64(long a) => (int)a;

    // ---- i64 ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Clz(long x) => BitOperations.LeadingZeroCount((ulong)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Ctz(long x) => BitOperations.TrailingZeroCount((ulong)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Popcnt(long x) => BitOperations.PopCount((ulong)x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivS(long a, long b)
    {
        if (b == 0)
        {
            return WasmTrapException.Throw<long>(TrapKind.IntegerDivideByZero);
        }

        if (b == -1)
        {
            return a == long.MinValue ? WasmTrapException.Throw<long>(TrapKind.IntegerOverflow) : -a;
        }

        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64DivU(long a, long b) =>
        b == 0 ? WasmTrapException.Throw<long>(TrapKind.IntegerDivideByZero) : (long)((ulong)a / (ulong)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemS(long a, long b)
    {
        if (b == 0)
        {
            return WasmTrapException.Throw<long>(TrapKind.IntegerDivideByZero);
        }

        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64RemU(long a, long b) =>
        b == 0 ? WasmTrapException.Throw<long>(TrapKind.IntegerDivideByZero) : (long)((ulong)a % (ulong)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Shl(long a, long b) => a << (int)(b & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64ShrS(long a, long b) => a >> (int)(b & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64ShrU(long a, long b) => (long)((ulong)a >> (int)(b & 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Rotl(long a, long b) => (long)BitOperations.RotateLeft((ulong)a, (int)(b & 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Rotr(long a, long b) => (long)BitOperations.RotateRight((ulong)a, (int)(b & 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64Eqz(long a) => a == 0 ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64LtU(long a, long b) => (ulong)a < (ulong)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64GtU(long a, long b) => (ulong)a > (ulong)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64LeU(long a, long b) => (ulong)a <= (ulong)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64GeU(long a, long b) => (ulong)a >= (ulong)b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Extend8S(long a) => (sbyte)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Extend16S(long a) => (short)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Extend32S(long a) => (int)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64ExtendI32S(int a) => a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64ExtendI32U(int a) => (uint)a;
}
