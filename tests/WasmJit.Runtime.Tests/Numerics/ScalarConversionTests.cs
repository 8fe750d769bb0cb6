using WasmJit.Runtime.Numerics;

namespace WasmJit.Runtime.Tests.Numerics;

/// <summary>
/// Scalar conversions against core/conversions.wast (its assertions for the exact range boundaries, NaNs and
/// rounding cases, transcribed as bit patterns; a few in-range trunc cases between 0.5 and 3 are left to the spec runner).
/// </summary>
public class ScalarConversionTests
{
    [Theory]
    [InlineData("i32.trunc_f32_s", 0x00000000u, 0L, null)]
    [InlineData("i32.trunc_f32_s", 0x80000000u, 0L, null)]
    [InlineData("i32.trunc_f32_s", 0x00000001u, 0L, null)]
    [InlineData("i32.trunc_f32_s", 0x80000001u, 0L, null)]
    [InlineData("i32.trunc_f32_s", 0x4effffffu, 2147483520L, null)]
    [InlineData("i32.trunc_f32_s", 0xcf000000u, -2147483648L, null)]
    [InlineData("i32.trunc_f32_s", 0x4f000000u, 0L, "integer overflow")]
    [InlineData("i32.trunc_f32_s", 0xcf000001u, 0L, "integer overflow")]
    [InlineData("i32.trunc_f32_s", 0x7f800000u, 0L, "integer overflow")]
    [InlineData("i32.trunc_f32_s", 0xff800000u, 0L, "integer overflow")]
    [InlineData("i32.trunc_f32_s", 0x7fc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f32_s", 0x7fa00000u, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f32_s", 0xffc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f32_s", 0xffa00000u, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f32_u", 0x00000000u, 0L, null)]
    [InlineData("i32.trunc_f32_u", 0x80000000u, 0L, null)]
    [InlineData("i32.trunc_f32_u", 0x00000001u, 0L, null)]
    [InlineData("i32.trunc_f32_u", 0x80000001u, 0L, null)]
    [InlineData("i32.trunc_f32_u", 0x4f000000u, -2147483648L, null)]
    [InlineData("i32.trunc_f32_u", 0x4f7fffffu, -256L, null)]
    [InlineData("i32.trunc_f32_u", 0x4f800000u, 0L, "integer overflow")]
    [InlineData("i32.trunc_f32_u", 0x7f800000u, 0L, "integer overflow")]
    [InlineData("i32.trunc_f32_u", 0xff800000u, 0L, "integer overflow")]
    [InlineData("i32.trunc_f32_u", 0x7fc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f32_u", 0x7fa00000u, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f32_u", 0xffc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f32_u", 0xffa00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_s", 0x00000000u, 0L, null)]
    [InlineData("i64.trunc_f32_s", 0x80000000u, 0L, null)]
    [InlineData("i64.trunc_f32_s", 0x00000001u, 0L, null)]
    [InlineData("i64.trunc_f32_s", 0x80000001u, 0L, null)]
    [InlineData("i64.trunc_f32_s", 0x4f800000u, 4294967296L, null)]
    [InlineData("i64.trunc_f32_s", 0xcf800000u, -4294967296L, null)]
    [InlineData("i64.trunc_f32_s", 0x5effffffu, 9223371487098961920L, null)]
    [InlineData("i64.trunc_f32_s", 0xdf000000u, -9223372036854775808L, null)]
    [InlineData("i64.trunc_f32_s", 0x5f000000u, 0L, "integer overflow")]
    [InlineData("i64.trunc_f32_s", 0xdf000001u, 0L, "integer overflow")]
    [InlineData("i64.trunc_f32_s", 0x7f800000u, 0L, "integer overflow")]
    [InlineData("i64.trunc_f32_s", 0xff800000u, 0L, "integer overflow")]
    [InlineData("i64.trunc_f32_s", 0x7fc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_s", 0x7fa00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_s", 0xffc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_s", 0xffa00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_u", 0x00000000u, 0L, null)]
    [InlineData("i64.trunc_f32_u", 0x80000000u, 0L, null)]
    [InlineData("i64.trunc_f32_u", 0x00000001u, 0L, null)]
    [InlineData("i64.trunc_f32_u", 0x80000001u, 0L, null)]
    [InlineData("i64.trunc_f32_u", 0x4f800000u, 4294967296L, null)]
    [InlineData("i64.trunc_f32_u", 0x5f7fffffu, -1099511627776L, null)]
    [InlineData("i64.trunc_f32_u", 0x5f800000u, 0L, "integer overflow")]
    [InlineData("i64.trunc_f32_u", 0x7f800000u, 0L, "integer overflow")]
    [InlineData("i64.trunc_f32_u", 0xff800000u, 0L, "integer overflow")]
    [InlineData("i64.trunc_f32_u", 0x7fc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_u", 0x7fa00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_u", 0xffc00000u, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f32_u", 0xffa00000u, 0L, "invalid conversion to integer")]
    public void TruncFromF32(string op, uint input, long expected, string? trap)
    {
        float x = Bits.F32(input);
        Func<long> run = op switch
        {
            "i32.trunc_f32_s" => () => ScalarOps.I32TruncF32S(x),
            "i32.trunc_f32_u" => () => ScalarOps.I32TruncF32U(x),
            "i64.trunc_f32_s" => () => ScalarOps.I64TruncF32S(x),
            "i64.trunc_f32_u" => () => ScalarOps.I64TruncF32U(x),
            _ => throw new ArgumentException(op),
        };
        AssertTrunc(run, expected, trap);
    }

    [Theory]
    [InlineData("i32.trunc_f64_s", 0x0000000000000000UL, 0L, null)]
    [InlineData("i32.trunc_f64_s", 0x8000000000000000UL, 0L, null)]
    [InlineData("i32.trunc_f64_s", 0x0000000000000001UL, 0L, null)]
    [InlineData("i32.trunc_f64_s", 0x8000000000000001UL, 0L, null)]
    [InlineData("i32.trunc_f64_s", 0x41dfffffffc00000UL, 2147483647L, null)]
    [InlineData("i32.trunc_f64_s", 0xc1e0000000000000UL, -2147483648L, null)]
    [InlineData("i32.trunc_f64_s", 0xc1e00000001ccccdUL, -2147483648L, null)]
    [InlineData("i32.trunc_f64_s", 0x41dffffffff9999aUL, 2147483647L, null)]
    [InlineData("i32.trunc_f64_s", 0x41e0000000000000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_s", 0xc1e0000000200000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_s", 0x7ff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_s", 0xfff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_s", 0x7ff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f64_s", 0x7ff4000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f64_s", 0xfff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f64_s", 0xfff4000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f64_u", 0x0000000000000000UL, 0L, null)]
    [InlineData("i32.trunc_f64_u", 0x8000000000000000UL, 0L, null)]
    [InlineData("i32.trunc_f64_u", 0x0000000000000001UL, 0L, null)]
    [InlineData("i32.trunc_f64_u", 0x8000000000000001UL, 0L, null)]
    [InlineData("i32.trunc_f64_u", 0x41e0000000000000UL, -2147483648L, null)]
    [InlineData("i32.trunc_f64_u", 0x41efffffffe00000UL, -1L, null)]
    [InlineData("i32.trunc_f64_u", 0x4197d78400000000UL, 100000000L, null)]
    [InlineData("i32.trunc_f64_u", 0x41effffffffccccdUL, -1L, null)]
    [InlineData("i32.trunc_f64_u", 0x41f0000000000000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_u", 0x4341c37937e08000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_u", 0x46293e5939a08ceaUL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_u", 0x43e0000000000000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_u", 0x7ff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_u", 0xfff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i32.trunc_f64_u", 0x7ff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f64_u", 0x7ff4000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f64_u", 0xfff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i32.trunc_f64_u", 0xfff4000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_s", 0x0000000000000000UL, 0L, null)]
    [InlineData("i64.trunc_f64_s", 0x8000000000000000UL, 0L, null)]
    [InlineData("i64.trunc_f64_s", 0x0000000000000001UL, 0L, null)]
    [InlineData("i64.trunc_f64_s", 0x8000000000000001UL, 0L, null)]
    [InlineData("i64.trunc_f64_s", 0x41f0000000000000UL, 4294967296L, null)]
    [InlineData("i64.trunc_f64_s", 0xc1f0000000000000UL, -4294967296L, null)]
    [InlineData("i64.trunc_f64_s", 0x43dfffffffffffffUL, 9223372036854774784L, null)]
    [InlineData("i64.trunc_f64_s", 0xc3e0000000000000UL, -9223372036854775808L, null)]
    [InlineData("i64.trunc_f64_s", 0x43e0000000000000UL, 0L, "integer overflow")]
    [InlineData("i64.trunc_f64_s", 0xc3e0000000000001UL, 0L, "integer overflow")]
    [InlineData("i64.trunc_f64_s", 0x7ff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i64.trunc_f64_s", 0xfff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i64.trunc_f64_s", 0x7ff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_s", 0x7ff4000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_s", 0xfff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_s", 0xfff4000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_u", 0x0000000000000000UL, 0L, null)]
    [InlineData("i64.trunc_f64_u", 0x8000000000000000UL, 0L, null)]
    [InlineData("i64.trunc_f64_u", 0x0000000000000001UL, 0L, null)]
    [InlineData("i64.trunc_f64_u", 0x8000000000000001UL, 0L, null)]
    [InlineData("i64.trunc_f64_u", 0x41efffffffe00000UL, 4294967295L, null)]
    [InlineData("i64.trunc_f64_u", 0x41f0000000000000UL, 4294967296L, null)]
    [InlineData("i64.trunc_f64_u", 0x43efffffffffffffUL, -2048L, null)]
    [InlineData("i64.trunc_f64_u", 0x4197d78400000000UL, 100000000L, null)]
    [InlineData("i64.trunc_f64_u", 0x4341c37937e08000UL, 10000000000000000L, null)]
    [InlineData("i64.trunc_f64_u", 0x43e0000000000000UL, -9223372036854775808L, null)]
    [InlineData("i64.trunc_f64_u", 0x43f0000000000000UL, 0L, "integer overflow")]
    [InlineData("i64.trunc_f64_u", 0x7ff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i64.trunc_f64_u", 0xfff0000000000000UL, 0L, "integer overflow")]
    [InlineData("i64.trunc_f64_u", 0x7ff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_u", 0x7ff4000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_u", 0xfff8000000000000UL, 0L, "invalid conversion to integer")]
    [InlineData("i64.trunc_f64_u", 0xfff4000000000000UL, 0L, "invalid conversion to integer")]
    public void TruncFromF64(string op, ulong input, long expected, string? trap)
    {
        double x = Bits.F64(input);
        Func<long> run = op switch
        {
            "i32.trunc_f64_s" => () => ScalarOps.I32TruncF64S(x),
            "i32.trunc_f64_u" => () => ScalarOps.I32TruncF64U(x),
            "i64.trunc_f64_s" => () => ScalarOps.I64TruncF64S(x),
            "i64.trunc_f64_u" => () => ScalarOps.I64TruncF64U(x),
            _ => throw new ArgumentException(op),
        };
        AssertTrunc(run, expected, trap);
    }

    [Theory]
    [InlineData("i32.trunc_sat_f32_s", 0x00000000u, 0L)]
    [InlineData("i32.trunc_sat_f32_s", 0x80000000u, 0L)]
    [InlineData("i32.trunc_sat_f32_s", 0x00000001u, 0L)]
    [InlineData("i32.trunc_sat_f32_s", 0x80000001u, 0L)]
    [InlineData("i32.trunc_sat_f32_s", 0x4effffffu, 2147483520L)]
    [InlineData("i32.trunc_sat_f32_s", 0xcf000000u, -2147483648L)]
    [InlineData("i32.trunc_sat_f32_s", 0x4f000000u, 2147483647L)]
    [InlineData("i32.trunc_sat_f32_s", 0xcf000001u, -2147483648L)]
    [InlineData("i32.trunc_sat_f32_s", 0x7f800000u, 2147483647L)]
    [InlineData("i32.trunc_sat_f32_s", 0xff800000u, -2147483648L)]
    [InlineData("i32.trunc_sat_f32_s", 0x7fc00000u, 0L)]
    [InlineData("i32.trunc_sat_f32_s", 0x7fa00000u, 0L)]
    [InlineData("i32.trunc_sat_f32_s", 0xffc00000u, 0L)]
    [InlineData("i32.trunc_sat_f32_s", 0xffa00000u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0x00000000u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0x80000000u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0x00000001u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0x80000001u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0x4f000000u, -2147483648L)]
    [InlineData("i32.trunc_sat_f32_u", 0x4f7fffffu, -256L)]
    [InlineData("i32.trunc_sat_f32_u", 0x4f800000u, -1L)]
    [InlineData("i32.trunc_sat_f32_u", 0x7f800000u, -1L)]
    [InlineData("i32.trunc_sat_f32_u", 0xff800000u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0x7fc00000u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0x7fa00000u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0xffc00000u, 0L)]
    [InlineData("i32.trunc_sat_f32_u", 0xffa00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0x00000000u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0x80000000u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0x00000001u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0x80000001u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0x4f800000u, 4294967296L)]
    [InlineData("i64.trunc_sat_f32_s", 0xcf800000u, -4294967296L)]
    [InlineData("i64.trunc_sat_f32_s", 0x5effffffu, 9223371487098961920L)]
    [InlineData("i64.trunc_sat_f32_s", 0xdf000000u, -9223372036854775808L)]
    [InlineData("i64.trunc_sat_f32_s", 0x5f000000u, 9223372036854775807L)]
    [InlineData("i64.trunc_sat_f32_s", 0xdf000001u, -9223372036854775808L)]
    [InlineData("i64.trunc_sat_f32_s", 0x7f800000u, 9223372036854775807L)]
    [InlineData("i64.trunc_sat_f32_s", 0xff800000u, -9223372036854775808L)]
    [InlineData("i64.trunc_sat_f32_s", 0x7fc00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0x7fa00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0xffc00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_s", 0xffa00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0x00000000u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0x80000000u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0x00000001u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0x80000001u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0x4f800000u, 4294967296L)]
    [InlineData("i64.trunc_sat_f32_u", 0x5f7fffffu, -1099511627776L)]
    [InlineData("i64.trunc_sat_f32_u", 0x5f800000u, -1L)]
    [InlineData("i64.trunc_sat_f32_u", 0x7f800000u, -1L)]
    [InlineData("i64.trunc_sat_f32_u", 0xff800000u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0x7fc00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0x7fa00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0xffc00000u, 0L)]
    [InlineData("i64.trunc_sat_f32_u", 0xffa00000u, 0L)]
    public void TruncSatFromF32(string op, uint input, long expected)
    {
        float x = Bits.F32(input);
        long actual = op switch
        {
            "i32.trunc_sat_f32_s" => ScalarOps.I32TruncSatF32S(x),
            "i32.trunc_sat_f32_u" => ScalarOps.I32TruncSatF32U(x),
            "i64.trunc_sat_f32_s" => ScalarOps.I64TruncSatF32S(x),
            "i64.trunc_sat_f32_u" => ScalarOps.I64TruncSatF32U(x),
            _ => throw new ArgumentException(op),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("i32.trunc_sat_f64_s", 0x0000000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_s", 0x8000000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_s", 0x0000000000000001UL, 0L)]
    [InlineData("i32.trunc_sat_f64_s", 0x8000000000000001UL, 0L)]
    [InlineData("i32.trunc_sat_f64_s", 0x41dfffffffc00000UL, 2147483647L)]
    [InlineData("i32.trunc_sat_f64_s", 0xc1e0000000000000UL, -2147483648L)]
    [InlineData("i32.trunc_sat_f64_s", 0x41e0000000000000UL, 2147483647L)]
    [InlineData("i32.trunc_sat_f64_s", 0xc1e0000000200000UL, -2147483648L)]
    [InlineData("i32.trunc_sat_f64_s", 0x7ff0000000000000UL, 2147483647L)]
    [InlineData("i32.trunc_sat_f64_s", 0xfff0000000000000UL, -2147483648L)]
    [InlineData("i32.trunc_sat_f64_s", 0x7ff8000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_s", 0x7ff4000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_s", 0xfff8000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_s", 0xfff4000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0x0000000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0x8000000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0x0000000000000001UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0x8000000000000001UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0x41e0000000000000UL, -2147483648L)]
    [InlineData("i32.trunc_sat_f64_u", 0x41efffffffe00000UL, -1L)]
    [InlineData("i32.trunc_sat_f64_u", 0x4197d78400000000UL, 100000000L)]
    [InlineData("i32.trunc_sat_f64_u", 0x41f0000000000000UL, -1L)]
    [InlineData("i32.trunc_sat_f64_u", 0x4341c37937e08000UL, -1L)]
    [InlineData("i32.trunc_sat_f64_u", 0x46293e5939a08ceaUL, -1L)]
    [InlineData("i32.trunc_sat_f64_u", 0x43e0000000000000UL, -1L)]
    [InlineData("i32.trunc_sat_f64_u", 0x7ff0000000000000UL, -1L)]
    [InlineData("i32.trunc_sat_f64_u", 0xfff0000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0x7ff8000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0x7ff4000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0xfff8000000000000UL, 0L)]
    [InlineData("i32.trunc_sat_f64_u", 0xfff4000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0x0000000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0x8000000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0x0000000000000001UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0x8000000000000001UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0x41f0000000000000UL, 4294967296L)]
    [InlineData("i64.trunc_sat_f64_s", 0xc1f0000000000000UL, -4294967296L)]
    [InlineData("i64.trunc_sat_f64_s", 0x43dfffffffffffffUL, 9223372036854774784L)]
    [InlineData("i64.trunc_sat_f64_s", 0xc3e0000000000000UL, -9223372036854775808L)]
    [InlineData("i64.trunc_sat_f64_s", 0x43e0000000000000UL, 9223372036854775807L)]
    [InlineData("i64.trunc_sat_f64_s", 0xc3e0000000000001UL, -9223372036854775808L)]
    [InlineData("i64.trunc_sat_f64_s", 0x7ff0000000000000UL, 9223372036854775807L)]
    [InlineData("i64.trunc_sat_f64_s", 0xfff0000000000000UL, -9223372036854775808L)]
    [InlineData("i64.trunc_sat_f64_s", 0x7ff8000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0x7ff4000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0xfff8000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_s", 0xfff4000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0x0000000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0x8000000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0x0000000000000001UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0x8000000000000001UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0x41efffffffe00000UL, 4294967295L)]
    [InlineData("i64.trunc_sat_f64_u", 0x41f0000000000000UL, 4294967296L)]
    [InlineData("i64.trunc_sat_f64_u", 0x43efffffffffffffUL, -2048L)]
    [InlineData("i64.trunc_sat_f64_u", 0x4197d78400000000UL, 100000000L)]
    [InlineData("i64.trunc_sat_f64_u", 0x4341c37937e08000UL, 10000000000000000L)]
    [InlineData("i64.trunc_sat_f64_u", 0x43e0000000000000UL, -9223372036854775808L)]
    [InlineData("i64.trunc_sat_f64_u", 0x43f0000000000000UL, -1L)]
    [InlineData("i64.trunc_sat_f64_u", 0x7ff0000000000000UL, -1L)]
    [InlineData("i64.trunc_sat_f64_u", 0xfff0000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0x7ff8000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0x7ff4000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0xfff8000000000000UL, 0L)]
    [InlineData("i64.trunc_sat_f64_u", 0xfff4000000000000UL, 0L)]
    public void TruncSatFromF64(string op, ulong input, long expected)
    {
        double x = Bits.F64(input);
        long actual = op switch
        {
            "i32.trunc_sat_f64_s" => ScalarOps.I32TruncSatF64S(x),
            "i32.trunc_sat_f64_u" => ScalarOps.I32TruncSatF64U(x),
            "i64.trunc_sat_f64_s" => ScalarOps.I64TruncSatF64S(x),
            "i64.trunc_sat_f64_u" => ScalarOps.I64TruncSatF64U(x),
            _ => throw new ArgumentException(op),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("f32.convert_i32_s", 1L, 0x3f800000u)]
    [InlineData("f32.convert_i32_s", -1L, 0xbf800000u)]
    [InlineData("f32.convert_i32_s", 0L, 0x00000000u)]
    [InlineData("f32.convert_i32_s", 2147483647L, 0x4f000000u)]
    [InlineData("f32.convert_i32_s", -2147483648L, 0xcf000000u)]
    [InlineData("f32.convert_i32_s", 1234567890L, 0x4e932c06u)]
    [InlineData("f32.convert_i32_s", 16777217L, 0x4b800000u)]
    [InlineData("f32.convert_i32_s", -16777217L, 0xcb800000u)]
    [InlineData("f32.convert_i32_s", 16777219L, 0x4b800002u)]
    [InlineData("f32.convert_i32_s", -16777219L, 0xcb800002u)]
    [InlineData("f32.convert_i64_s", 1L, 0x3f800000u)]
    [InlineData("f32.convert_i64_s", -1L, 0xbf800000u)]
    [InlineData("f32.convert_i64_s", 0L, 0x00000000u)]
    [InlineData("f32.convert_i64_s", 9223372036854775807L, 0x5f000000u)]
    [InlineData("f32.convert_i64_s", -9223372036854775808L, 0xdf000000u)]
    [InlineData("f32.convert_i64_s", 314159265358979L, 0x578edcf4u)]
    [InlineData("f32.convert_i64_s", 16777217L, 0x4b800000u)]
    [InlineData("f32.convert_i64_s", -16777217L, 0xcb800000u)]
    [InlineData("f32.convert_i64_s", 16777219L, 0x4b800002u)]
    [InlineData("f32.convert_i64_s", -16777219L, 0xcb800002u)]
    [InlineData("f32.convert_i64_s", 9223371212221054977L, 0x5effffffu)]
    [InlineData("f32.convert_i64_s", -9223371761976868863L, 0xdeffffffu)]
    [InlineData("f32.convert_i64_s", 9007199791611905L, 0x5a000001u)]
    [InlineData("f32.convert_i64_s", -9007199791611905L, 0xda000001u)]
    [InlineData("f32.convert_i32_u", 1L, 0x3f800000u)]
    [InlineData("f32.convert_i32_u", 0L, 0x00000000u)]
    [InlineData("f32.convert_i32_u", 2147483647L, 0x4f000000u)]
    [InlineData("f32.convert_i32_u", -2147483648L, 0x4f000000u)]
    [InlineData("f32.convert_i32_u", 305419896L, 0x4d91a2b4u)]
    [InlineData("f32.convert_i32_u", -1L, 0x4f800000u)]
    [InlineData("f32.convert_i32_u", -2147483520L, 0x4f000000u)]
    [InlineData("f32.convert_i32_u", -2147483519L, 0x4f000001u)]
    [InlineData("f32.convert_i32_u", -2147483518L, 0x4f000001u)]
    [InlineData("f32.convert_i32_u", -384L, 0x4f7ffffeu)]
    [InlineData("f32.convert_i32_u", -383L, 0x4f7fffffu)]
    [InlineData("f32.convert_i32_u", -382L, 0x4f7fffffu)]
    [InlineData("f32.convert_i32_u", 16777217L, 0x4b800000u)]
    [InlineData("f32.convert_i32_u", 16777219L, 0x4b800002u)]
    [InlineData("f32.convert_i64_u", 1L, 0x3f800000u)]
    [InlineData("f32.convert_i64_u", 0L, 0x00000000u)]
    [InlineData("f32.convert_i64_u", 9223372036854775807L, 0x5f000000u)]
    [InlineData("f32.convert_i64_u", -9223372036854775808L, 0x5f000000u)]
    [InlineData("f32.convert_i64_u", -1L, 0x5f800000u)]
    [InlineData("f32.convert_i64_u", 16777217L, 0x4b800000u)]
    [InlineData("f32.convert_i64_u", 16777219L, 0x4b800002u)]
    [InlineData("f32.convert_i64_u", 9007199791611905L, 0x5a000001u)]
    [InlineData("f32.convert_i64_u", 9223371761976868863L, 0x5effffffu)]
    [InlineData("f32.convert_i64_u", -9223371487098961919L, 0x5f000001u)]
    [InlineData("f32.convert_i64_u", -1649267441663L, 0x5f7fffffu)]
    public void ConvertToF32(string op, long input, uint expected)
    {
        float actual = op switch
        {
            "f32.convert_i32_s" => ScalarOps.F32ConvertI32S((int)input),
            "f32.convert_i32_u" => ScalarOps.F32ConvertI32U((int)input),
            "f32.convert_i64_s" => ScalarOps.F32ConvertI64S(input),
            "f32.convert_i64_u" => ScalarOps.F32ConvertI64U(input),
            _ => throw new ArgumentException(op),
        };
        Bits.AssertF32(expected, null, actual);
    }

    [Theory]
    [InlineData("f64.convert_i32_s", 1L, 0x3ff0000000000000UL)]
    [InlineData("f64.convert_i32_s", -1L, 0xbff0000000000000UL)]
    [InlineData("f64.convert_i32_s", 0L, 0x0000000000000000UL)]
    [InlineData("f64.convert_i32_s", 2147483647L, 0x41dfffffffc00000UL)]
    [InlineData("f64.convert_i32_s", -2147483648L, 0xc1e0000000000000UL)]
    [InlineData("f64.convert_i32_s", 987654321L, 0x41cd6f3458800000UL)]
    [InlineData("f64.convert_i64_s", 1L, 0x3ff0000000000000UL)]
    [InlineData("f64.convert_i64_s", -1L, 0xbff0000000000000UL)]
    [InlineData("f64.convert_i64_s", 0L, 0x0000000000000000UL)]
    [InlineData("f64.convert_i64_s", 9223372036854775807L, 0x43e0000000000000UL)]
    [InlineData("f64.convert_i64_s", -9223372036854775808L, 0xc3e0000000000000UL)]
    [InlineData("f64.convert_i64_s", 4669201609102990L, 0x4330969d374b968eUL)]
    [InlineData("f64.convert_i64_s", 9007199254740993L, 0x4340000000000000UL)]
    [InlineData("f64.convert_i64_s", -9007199254740993L, 0xc340000000000000UL)]
    [InlineData("f64.convert_i64_s", 9007199254740995L, 0x4340000000000002UL)]
    [InlineData("f64.convert_i64_s", -9007199254740995L, 0xc340000000000002UL)]
    [InlineData("f64.convert_i32_u", 1L, 0x3ff0000000000000UL)]
    [InlineData("f64.convert_i32_u", 0L, 0x0000000000000000UL)]
    [InlineData("f64.convert_i32_u", 2147483647L, 0x41dfffffffc00000UL)]
    [InlineData("f64.convert_i32_u", -2147483648L, 0x41e0000000000000UL)]
    [InlineData("f64.convert_i32_u", -1L, 0x41efffffffe00000UL)]
    [InlineData("f64.convert_i64_u", 1L, 0x3ff0000000000000UL)]
    [InlineData("f64.convert_i64_u", 0L, 0x0000000000000000UL)]
    [InlineData("f64.convert_i64_u", 9223372036854775807L, 0x43e0000000000000UL)]
    [InlineData("f64.convert_i64_u", -9223372036854775808L, 0x43e0000000000000UL)]
    [InlineData("f64.convert_i64_u", -1L, 0x43f0000000000000UL)]
    [InlineData("f64.convert_i64_u", -9223372036854774784L, 0x43e0000000000000UL)]
    [InlineData("f64.convert_i64_u", -9223372036854774783L, 0x43e0000000000001UL)]
    [InlineData("f64.convert_i64_u", -9223372036854774782L, 0x43e0000000000001UL)]
    [InlineData("f64.convert_i64_u", -3072L, 0x43effffffffffffeUL)]
    [InlineData("f64.convert_i64_u", -3071L, 0x43efffffffffffffUL)]
    [InlineData("f64.convert_i64_u", -3070L, 0x43efffffffffffffUL)]
    [InlineData("f64.convert_i64_u", 9007199254740993L, 0x4340000000000000UL)]
    [InlineData("f64.convert_i64_u", 9007199254740995L, 0x4340000000000002UL)]
    public void ConvertToF64(string op, long input, ulong expected)
    {
        double actual = op switch
        {
            "f64.convert_i32_s" => ScalarOps.F64ConvertI32S((int)input),
            "f64.convert_i32_u" => ScalarOps.F64ConvertI32U((int)input),
            "f64.convert_i64_s" => ScalarOps.F64ConvertI64S(input),
            "f64.convert_i64_u" => ScalarOps.F64ConvertI64U(input),
            _ => throw new ArgumentException(op),
        };
        Bits.AssertF64(expected, null, actual);
    }

    [Theory]
    [InlineData(0x0000000000000000UL, 0x00000000u, null)]
    [InlineData(0x8000000000000000UL, 0x80000000u, null)]
    [InlineData(0x0000000000000001UL, 0x00000000u, null)]
    [InlineData(0x8000000000000001UL, 0x80000000u, null)]
    [InlineData(0x3ff0000000000000UL, 0x3f800000u, null)]
    [InlineData(0xbff0000000000000UL, 0xbf800000u, null)]
    [InlineData(0x380fffffe0000000UL, 0x00800000u, null)]
    [InlineData(0xb80fffffe0000000UL, 0x80800000u, null)]
    [InlineData(0x380fffffdfffffffUL, 0x007fffffu, null)]
    [InlineData(0xb80fffffdfffffffUL, 0x807fffffu, null)]
    [InlineData(0x36a0000000000000UL, 0x00000001u, null)]
    [InlineData(0xb6a0000000000000UL, 0x80000001u, null)]
    [InlineData(0x47efffffd0000000UL, 0x7f7ffffeu, null)]
    [InlineData(0xc7efffffd0000000UL, 0xff7ffffeu, null)]
    [InlineData(0x47efffffd0000001UL, 0x7f7fffffu, null)]
    [InlineData(0xc7efffffd0000001UL, 0xff7fffffu, null)]
    [InlineData(0x47efffffe0000000UL, 0x7f7fffffu, null)]
    [InlineData(0xc7efffffe0000000UL, 0xff7fffffu, null)]
    [InlineData(0x47efffffefffffffUL, 0x7f7fffffu, null)]
    [InlineData(0xc7efffffefffffffUL, 0xff7fffffu, null)]
    [InlineData(0x47effffff0000000UL, 0x7f800000u, null)]
    [InlineData(0xc7effffff0000000UL, 0xff800000u, null)]
    [InlineData(0x3880000000000000UL, 0x04000000u, null)]
    [InlineData(0x47c8f867e0000000UL, 0x7e47c33fu, null)]
    [InlineData(0x7ff0000000000000UL, 0x7f800000u, null)]
    [InlineData(0xfff0000000000000UL, 0xff800000u, null)]
    [InlineData(0x3ff0000000000001UL, 0x3f800000u, null)]
    [InlineData(0x3fefffffffffffffUL, 0x3f800000u, null)]
    [InlineData(0x3ff0000010000000UL, 0x3f800000u, null)]
    [InlineData(0x3ff0000010000001UL, 0x3f800001u, null)]
    [InlineData(0x3ff000002fffffffUL, 0x3f800001u, null)]
    [InlineData(0x3ff0000030000000UL, 0x3f800002u, null)]
    [InlineData(0x3ff0000050000000UL, 0x3f800002u, null)]
    [InlineData(0x4170000010000000UL, 0x4b800000u, null)]
    [InlineData(0x4170000010000001UL, 0x4b800001u, null)]
    [InlineData(0x417000002fffffffUL, 0x4b800001u, null)]
    [InlineData(0x4170000030000000UL, 0x4b800002u, null)]
    [InlineData(0x46b4eae4f7024c70UL, 0x75a75728u, null)]
    [InlineData(0x38ea12e71e358685UL, 0x07509739u, null)]
    [InlineData(0x380cb98354d521ffUL, 0x0072e60du, null)]
    [InlineData(0xc006972b30cfb562UL, 0xc034b95au, null)]
    [InlineData(0xc6fbedbe4819d4c4UL, 0xf7df6df2u, null)]
    [InlineData(0x7ff8000000000000UL, 0u, "nan:canonical")]
    [InlineData(0x7ff4000000000000UL, 0u, "nan:arithmetic")]
    [InlineData(0xfff8000000000000UL, 0u, "nan:canonical")]
    [InlineData(0xfff4000000000000UL, 0u, "nan:arithmetic")]
    [InlineData(0x0010000000000000UL, 0x00000000u, null)]
    [InlineData(0x8010000000000000UL, 0x80000000u, null)]
    [InlineData(0x3690000000000000UL, 0x00000000u, null)]
    [InlineData(0xb690000000000000UL, 0x80000000u, null)]
    [InlineData(0x3690000000000001UL, 0x00000001u, null)]
    [InlineData(0xb690000000000001UL, 0x80000001u, null)]
    public void F32DemoteF64(ulong input, uint expected, string? nanClass) =>
        Bits.AssertF32(expected, nanClass, ScalarOps.F32DemoteF64(Bits.F64(input)));

    [Theory]
    [InlineData(0x00000000u, 0x0000000000000000UL, null)]
    [InlineData(0x80000000u, 0x8000000000000000UL, null)]
    [InlineData(0x00000001u, 0x36a0000000000000UL, null)]
    [InlineData(0x80000001u, 0xb6a0000000000000UL, null)]
    [InlineData(0x3f800000u, 0x3ff0000000000000UL, null)]
    [InlineData(0xbf800000u, 0xbff0000000000000UL, null)]
    [InlineData(0xff7fffffu, 0xc7efffffe0000000UL, null)]
    [InlineData(0x7f7fffffu, 0x47efffffe0000000UL, null)]
    [InlineData(0x04000000u, 0x3880000000000000UL, null)]
    [InlineData(0x7e47c33fu, 0x47c8f867e0000000UL, null)]
    [InlineData(0x7f800000u, 0x7ff0000000000000UL, null)]
    [InlineData(0xff800000u, 0xfff0000000000000UL, null)]
    [InlineData(0x7fc00000u, 0UL, "nan:canonical")]
    [InlineData(0x7fa00000u, 0UL, "nan:arithmetic")]
    [InlineData(0xffc00000u, 0UL, "nan:canonical")]
    [InlineData(0xffa00000u, 0UL, "nan:arithmetic")]
    public void F64PromoteF32(uint input, ulong expected, string? nanClass) =>
        Bits.AssertF64(expected, nanClass, ScalarOps.F64PromoteF32(Bits.F32(input)));

    private static void AssertTrunc(Func<long> run, long expected, string? trap)
    {
        if (trap is null)
        {
            Assert.Equal(expected, run());
            return;
        }

        var e = Assert.Throws<WasmTrapException>(() => run());
        Assert.Equal(trap == "integer overflow" ? TrapKind.IntegerOverflow : TrapKind.InvalidConversionToInteger, e.Kind);
        Assert.Equal(trap, e.Message);
    }
}
