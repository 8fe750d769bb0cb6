using System.Runtime.CompilerServices;

namespace WasmJit.Runtime.Numerics;

// The numeric instructions that are a single C# operator. They are here too so that every numeric opcode has exactly
// one method of its name (a tier can call ScalarOps.{Opcode} without asking which ones are "trivial"); float
// comparisons are IEEE (false with a NaN, ne true), integers wrap.
internal static partial class ScalarOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Add(int a, int b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Sub(int a, int b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Mul(int a, int b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32And(int a, int b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Or(int a, int b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Xor(int a, int b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Eq(int a, int b) => a == b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32Ne(int a, int b) => a != b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32LtS(int a, int b) => a < b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32GtS(int a, int b) => a > b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32LeS(int a, int b) => a <= b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32GeS(int a, int b) => a >= b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Add(long a, long b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Sub(long a, long b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Mul(long a, long b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64And(long a, long b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Or(long a, long b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64Xor(long a, long b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64Eq(long a, long b) => a == b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64Ne(long a, long b) => a != b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64LtS(long a, long b) => a < b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64GtS(long a, long b) => a > b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64LeS(long a, long b) => a <= b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I64GeS(long a, long b) => a >= b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Eq(float a, float b) => a == b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Ne(float a, float b) => a != b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Lt(float a, float b) => a < b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Gt(float a, float b) => a > b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Le(float a, float b) => a <= b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F32Ge(float a, float b) => a >= b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Eq(double a, double b) => a == b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Ne(double a, double b) => a != b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Lt(double a, double b) => a < b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Gt(double a, double b) => a > b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Le(double a, double b) => a <= b ? 1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int F64Ge(double a, double b) => a >= b ? 1 : 0;
}
