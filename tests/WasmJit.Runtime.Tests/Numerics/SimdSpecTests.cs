using System.Runtime.Intrinsics;

namespace WasmJit.Runtime.Tests.Numerics;

/// <summary>
/// <see cref="WasmJit.Runtime.Numerics.SimdOps"/> against the spec's SIMD assertions. The partial files hold values
/// transcribed once from core/simd_*.wast (not parsed at test time; the spec runner executes the full files later).
/// Under <c>DOTNET_EnableHWIntrinsic=0</c> the same assertions exercise the scalar fallbacks.
/// </summary>
public partial class SimdSpecTests
{
    private const string Canonical = "nan:canonical";
    private const string Arithmetic = "nan:arithmetic";

    private static void Check(Vector128<byte> actual, Vector128<byte> expected) => Bits.AssertV128(expected, actual);

    /// <summary>Per-lane f32 expectations: exact bits (uint) or a NaN class (string).</summary>
    private static void CheckF32x4(Vector128<byte> actual, params object[] lanes)
    {
        Assert.Equal(4, lanes.Length);
        for (int i = 0; i < 4; i++)
        {
            float lane = actual.AsSingle().GetElement(i);
            if (lanes[i] is string nanClass)
            {
                Bits.AssertF32(0, nanClass, lane);
            }
            else
            {
                Bits.AssertF32((uint)lanes[i], null, lane);
            }
        }
    }

    /// <summary>Per-lane f64 expectations: exact bits (ulong) or a NaN class (string).</summary>
    private static void CheckF64x2(Vector128<byte> actual, params object[] lanes)
    {
        Assert.Equal(2, lanes.Length);
        for (int i = 0; i < 2; i++)
        {
            double lane = actual.AsDouble().GetElement(i);
            if (lanes[i] is string nanClass)
            {
                Bits.AssertF64(0, nanClass, lane);
            }
            else
            {
                Bits.AssertF64((ulong)lanes[i], null, lane);
            }
        }
    }
}
