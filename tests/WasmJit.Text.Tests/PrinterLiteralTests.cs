using System.Globalization;
using System.Numerics;
using WasmJit.Text.Printer;

namespace WasmJit.Text.Tests;

public class PrinterLiteralTests
{
    private static string F32(uint bits)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        WatLiterals.WriteF32(sw, bits);
        return sw.ToString();
    }

    private static string F64(ulong bits)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        WatLiterals.WriteF64(sw, bits);
        return sw.ToString();
    }

    [Theory]
    [InlineData(0x00000000u, "0")]
    [InlineData(0x80000000u, "-0")]
    [InlineData(0x3f800000u, "1")]
    [InlineData(0xbf800000u, "-1")]
    [InlineData(0x4b800000u, "16777216")]
    [InlineData(0x4c000000u, "0x1p+25")]
    [InlineData(0x3fc00000u, "0x1.8p+0")]
    [InlineData(0x40490fdbu, "0x1.921fb6p+1")]
    [InlineData(0x00000001u, "0x0.000002p-126")]
    [InlineData(0x007fffffu, "0x0.fffffep-126")]
    [InlineData(0x00800000u, "0x1p-126")]
    [InlineData(0x7f7fffffu, "0x1.fffffep+127")]
    [InlineData(0x7f800000u, "inf")]
    [InlineData(0xff800000u, "-inf")]
    [InlineData(0x7fc00000u, "nan")]
    [InlineData(0xffc00000u, "-nan")]
    [InlineData(0x7f800001u, "nan:0x1")]
    [InlineData(0x7fa00000u, "nan:0x200000")]
    [InlineData(0xffffffffu, "-nan:0x7fffff")]
    public void F32_literals_are_exact(uint bits, string expected) => Assert.Equal(expected, F32(bits));

    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "-0")]
    [InlineData(0x4000000000000000UL, "2")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0x4350000000000000UL, "0x1p+54")]
    [InlineData(0x3fb999999999999aUL, "0x1.999999999999ap-4")]
    [InlineData(0x0000000000000001UL, "0x0.0000000000001p-1022")]
    [InlineData(0x7fefffffffffffffUL, "0x1.fffffffffffffp+1023")]
    [InlineData(0x7ff0000000000000UL, "inf")]
    [InlineData(0x7ff8000000000000UL, "nan")]
    [InlineData(0xfff8000000000000UL, "-nan")]
    [InlineData(0x7ff0000000000001UL, "nan:0x1")]
    [InlineData(0x7ff4000000000000UL, "nan:0x4000000000000")]
    public void F64_literals_are_exact(ulong bits, string expected) => Assert.Equal(expected, F64(bits));

    /// <summary>Every finite bit pattern reads back to itself through an independent reading of the literal.</summary>
    [Fact]
    public void Float_literals_round_trip_for_random_bit_patterns()
    {
        var rng = new Random(1234);
        for (int i = 0; i < 20_000; i++)
        {
            uint b32 = (uint)rng.NextInt64(0, 1L << 32);
            if (((b32 >> 23) & 0xff) != 0xff)
            {
                Assert.Equal(b32, BitConverter.SingleToUInt32Bits((float)ReadLiteral(F32(b32))));
            }
            ulong b64 = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
            if (((b64 >> 52) & 0x7ff) != 0x7ff)
            {
                Assert.Equal(b64, BitConverter.DoubleToUInt64Bits(ReadLiteral(F64(b64))));
            }
        }
    }

    /// <summary>Reads a decimal integer or a hex float with exact arithmetic (values the printer produces only).</summary>
    private static double ReadLiteral(string s)
    {
        bool neg = s.StartsWith('-');
        if (neg)
        {
            s = s[1..];
        }
        double v;
        if (!s.StartsWith("0x", StringComparison.Ordinal))
        {
            v = (double)BigInteger.Parse(s, CultureInfo.InvariantCulture);
        }
        else
        {
            int p = s.IndexOf('p');
            string mant = s[2..p];
            int exp = int.Parse(s[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            int dot = mant.IndexOf('.');
            string digits = dot < 0 ? mant : mant.Remove(dot, 1);
            int fracDigits = dot < 0 ? 0 : mant.Length - dot - 1;
            ulong m = ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            v = Math.ScaleB(m, exp - 4 * fracDigits);
        }
        return neg ? -v : v;
    }

    [Fact]
    public void Strings_escape_everything_but_printable_ascii()
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        WatLiterals.WriteString(sw, [(byte)'a', (byte)'"', (byte)'\\', 0, 0x7f, 0xff, (byte)' ', (byte)'~']);
        Assert.Equal("\"a\\22\\5c\\00\\7f\\ff ~\"", sw.ToString());
    }

    [Fact]
    public void Names_are_utf8_escaped()
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        WatLiterals.WriteName(sw, "é\n");
        Assert.Equal("\"\\c3\\a9\\0a\"", sw.ToString());
    }

    [Theory]
    [InlineData("foo", "$foo")]
    [InlineData("a.b/c:d<e>!", "$a.b/c:d<e>!")]
    [InlineData("a b", "$\"a b\"")]
    [InlineData("f(x)", "$\"f(x)\"")]
    [InlineData("q\"", "$\"q\\22\"")]
    public void Identifiers_are_plain_or_quoted(string name, string expected) =>
        Assert.Equal(expected, WatLiterals.Identifier(name));
}
