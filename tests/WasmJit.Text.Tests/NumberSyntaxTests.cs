using System.Text;

namespace WasmJit.Text.Tests;

public sealed class NumberSyntaxTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Theory]
    [InlineData("0", 32, 0UL)]
    [InlineData("4294967295", 32, 0xFFFFFFFFUL)]
    [InlineData("0xffff_ffff", 32, 0xFFFFFFFFUL)]
    [InlineData("-1", 32, 0xFFFFFFFFUL)]
    [InlineData("-0x80000000", 32, 0x80000000UL)]
    [InlineData("+0x7fffffff", 32, 0x7FFFFFFFUL)]
    [InlineData("1_000_000", 32, 1000000UL)]
    [InlineData("18446744073709551615", 64, ulong.MaxValue)]
    [InlineData("-9223372036854775808", 64, 0x8000000000000000UL)]
    [InlineData("255", 8, 255UL)]
    [InlineData("-128", 8, 0x80UL)]
    public void ParsesIntegersInRange(string text, int bits, ulong expected)
    {
        Assert.True(NumberSyntax.TryParseIntN(B(text), bits, out ulong v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("4294967296", 32)]
    [InlineData("-0x80000001", 32)]
    [InlineData("+0x80000000", 32)]
    [InlineData("18446744073709551616", 64)]
    [InlineData("0x1_0000_0000_0000_0000", 64)]
    [InlineData("256", 8)]
    [InlineData("1.5", 32)]
    public void RejectsIntegersOutOfRange(string text, int bits) => Assert.False(NumberSyntax.TryParseIntN(B(text), bits, out _));

    [Theory]
    [InlineData("0", 0x00000000U)]
    [InlineData("-0", 0x80000000U)]
    [InlineData("1", 0x3F800000U)]
    [InlineData("0x1p-149", 0x00000001U)]
    [InlineData("0x1p-150", 0x00000000U)]
    [InlineData("0x1.8p-149", 0x00000002U)]
    [InlineData("0x1.fffffep127", 0x7F7FFFFFU)]
    [InlineData("0x1.fffffefffffffffp127", 0x7F7FFFFFU)]
    [InlineData("0x1.00000100000000000000001p0", 0x3F800001U)]
    [InlineData("0x1.000001p0", 0x3F800000U)]
    [InlineData("0x1.000003p0", 0x3F800002U)]
    [InlineData("0x1P+2", 0x40800000U)]
    [InlineData("1e-45", 0x00000001U)]
    [InlineData("3.4028234e38", 0x7F7FFFFFU)]
    [InlineData("1_0.0_1e0_1", 0x42C83333U)]
    [InlineData("inf", 0x7F800000U)]
    [InlineData("-inf", 0xFF800000U)]
    [InlineData("nan", 0x7FC00000U)]
    [InlineData("-nan", 0xFFC00000U)]
    [InlineData("nan:0x200000", 0x7FA00000U)]
    [InlineData("-nan:0x7fffff", 0xFFFFFFFFU)]
    [InlineData("0x1.fffffe7p127", 0x7F7FFFFFU)]
    public void ParsesF32Exactly(string text, uint bits)
    {
        Assert.True(NumberSyntax.TryParseF32(B(text), out uint v), text);
        Assert.Equal(bits, v);
    }

    [Theory]
    [InlineData("0x1.ffffffp127")]
    [InlineData("1e39")]
    [InlineData("0x1p128")]
    [InlineData("nan:0x0")]
    [InlineData("nan:0x800000")]
    public void RejectsF32OutOfRange(string text) => Assert.False(NumberSyntax.TryParseF32(B(text), out _));

    [Theory]
    [InlineData("0x1p-1074", 0x0000000000000001UL)]
    [InlineData("0x1p-1075", 0x0000000000000000UL)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEFFFFFFFFFFFFFUL)]
    [InlineData("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFUL)]
    [InlineData("0x1.0000000000000fffffffffffp0", 0x3FF0000000000001UL)]
    [InlineData("2.2250738585072014e-308", 0x0010000000000000UL)]
    [InlineData("nan:0xfffffffffffff", 0x7FFFFFFFFFFFFFFFUL)]
    [InlineData("-0x0.0p0", 0x8000000000000000UL)]
    public void ParsesF64Exactly(string text, ulong bits)
    {
        Assert.True(NumberSyntax.TryParseF64(B(text), out ulong v), text);
        Assert.Equal(bits, v);
    }

    [Theory]
    [InlineData("0x1.fffffffffffff8p1023")]
    [InlineData("1e309")]
    [InlineData("nan:0x10000000000000")]
    public void RejectsF64OutOfRange(string text) => Assert.False(NumberSyntax.TryParseF64(B(text), out _));

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.", true)]
    [InlineData("1.e5", true)]
    [InlineData("0x1p-3", true)]
    [InlineData("0xA.Bp+1", true)]
    [InlineData("1e", false)]
    [InlineData(".5", false)]
    [InlineData("1__0", false)]
    [InlineData("_1", false)]
    [InlineData("0x", false)]
    [InlineData("0x1e+5", false)]
    [InlineData("nan:0x", false)]
    [InlineData("nan:1", false)]
    public void RecognisesNumberSyntax(string text, bool isNumber) => Assert.Equal(isNumber, NumberSyntax.IsNumber(B(text)));
}
