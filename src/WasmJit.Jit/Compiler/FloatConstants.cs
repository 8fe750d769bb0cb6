using System.Reflection;
using System.Runtime.CompilerServices;

namespace WasmJit.Jit;

/// <summary>
/// Float constants compiled code must hide from RyuJIT's folding (see <c>FunctionCompiler.EmitF32Const</c>). The
/// fields are mutable on purpose: RyuJIT treats static readonly fields as constants.
/// </summary>
internal static class FloatConstants
{
#pragma warning disable CA2211 // Read by emitted IL; never written.
    public static float F32PosZero = 0f;
    public static float F32NegZero = -0f;
    public static float F32PosOne = 1f;
    public static float F32NegOne = -1f;
    public static double F64PosZero = 0d;
    public static double F64NegZero = -0d;
    public static double F64PosOne = 1d;
    public static double F64NegOne = -1d;
#pragma warning restore CA2211

    /// <summary>Not inlined, so a signaling NaN's bits reach compiled code unchanged.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32FromBits(int bits) => BitConverter.Int32BitsToSingle(bits);

    public static FieldInfo Field(float v, bool negative) =>
        JitMembers.F(typeof(FloatConstants), v == 0f ? (negative ? nameof(F32NegZero) : nameof(F32PosZero)) : v > 0 ? nameof(F32PosOne) : nameof(F32NegOne));

    public static FieldInfo Field(double v, bool negative) =>
        JitMembers.F(typeof(FloatConstants), v == 0d ? (negative ? nameof(F64NegZero) : nameof(F64PosZero)) : v > 0 ? nameof(F64PosOne) : nameof(F64NegOne));
}
