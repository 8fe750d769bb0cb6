using System.Runtime.Intrinsics;

namespace WasmJit.Runtime.Tests.Numerics;

/// <summary>Float bit patterns and v128 lane builders for the numeric tests (expected values are written as bits).</summary>
internal static class Bits
{
    public static float F32(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    public static double F64(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    public static uint Of(float x) => BitConverter.SingleToUInt32Bits(x);

    public static ulong Of(double x) => BitConverter.DoubleToUInt64Bits(x);

    /// <summary>The spec's <c>nan:canonical</c>: quiet bit only, either sign.</summary>
    public static bool IsCanonicalNaN(float x) => (Of(x) & 0x7fff_ffff) == 0x7fc0_0000;

    public static bool IsCanonicalNaN(double x) => (Of(x) & 0x7fff_ffff_ffff_ffff) == 0x7ff8_0000_0000_0000;

    /// <summary>The spec's <c>nan:arithmetic</c>: a NaN with the quiet bit set, any payload and sign.</summary>
    public static bool IsArithmeticNaN(float x) => (Of(x) & 0x7fc0_0000) == 0x7fc0_0000;

    public static bool IsArithmeticNaN(double x) => (Of(x) & 0x7ff8_0000_0000_0000) == 0x7ff8_0000_0000_0000;

    /// <summary>Checks a float result against a spec expectation: exact bits, or a NaN class.</summary>
    public static void AssertF32(uint expectedBits, string? nanClass, float actual)
    {
        switch (nanClass)
        {
            case null: Assert.Equal($"0x{expectedBits:x8}", $"0x{Of(actual):x8}"); break;
            case "nan:canonical": Assert.True(IsCanonicalNaN(actual), $"0x{Of(actual):x8} is not a canonical NaN"); break;
            default: Assert.True(IsArithmeticNaN(actual), $"0x{Of(actual):x8} is not an arithmetic NaN"); break;
        }
    }

    public static void AssertF64(ulong expectedBits, string? nanClass, double actual)
    {
        switch (nanClass)
        {
            case null: Assert.Equal($"0x{expectedBits:x16}", $"0x{Of(actual):x16}"); break;
            case "nan:canonical": Assert.True(IsCanonicalNaN(actual), $"0x{Of(actual):x16} is not a canonical NaN"); break;
            default: Assert.True(IsArithmeticNaN(actual), $"0x{Of(actual):x16} is not an arithmetic NaN"); break;
        }
    }

    // ---- v128 builders (lane 0 first, as in v128.const) ----

    public static Vector128<byte> I8(params int[] lanes) => Build<byte>(lanes.Select(x => (byte)x).ToArray());

    public static Vector128<byte> I16(params int[] lanes) => Build<short>(lanes.Select(x => (short)x).ToArray());

    public static Vector128<byte> I32(params long[] lanes) => Build<int>(lanes.Select(x => (int)x).ToArray());

    public static Vector128<byte> I64(params long[] lanes) => Build<long>(lanes);

    public static Vector128<byte> F32x4(params float[] lanes) => Build<float>(lanes);

    public static Vector128<byte> F32x4Bits(params uint[] lanes) => Build<uint>(lanes);

    public static Vector128<byte> F64x2(params double[] lanes) => Build<double>(lanes);

    public static Vector128<byte> F64x2Bits(params ulong[] lanes) => Build<ulong>(lanes);

    private static Vector128<byte> Build<T>(T[] lanes)
        where T : struct
    {
        Assert.Equal(Vector128<T>.Count, lanes.Length);
        return Vector128.Create<T>(lanes).AsByte();
    }

    /// <summary>Equality of v128 values shown as hex bytes, so a failure says which lane differs.</summary>
    public static void AssertV128(Vector128<byte> expected, Vector128<byte> actual) => Assert.Equal(Hex(expected), Hex(actual));

    public static string Hex(Vector128<byte> v)
    {
        Span<byte> b = stackalloc byte[16];
        v.CopyTo(b);
        return Convert.ToHexString(b);
    }
}
