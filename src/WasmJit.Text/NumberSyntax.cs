using System.Globalization;
using System.Numerics;

namespace WasmJit.Text;

/// <summary>
/// Integer and floating-point literals (https://webassembly.github.io/spec/core/text/values.html#integers and
/// #floating-point): decimal and hexadecimal, '_' between digits, <c>inf</c>, <c>nan</c>, <c>nan:0x...</c>.
/// Floats are rounded to nearest-even exactly, hexadecimal ones by hand (no double rounding for f32).
/// </summary>
internal static class NumberSyntax
{
    /// <summary>Is the whole span one number token?</summary>
    public static bool IsNumber(ReadOnlySpan<byte> s)
    {
        int p = 0;
        if (p < s.Length && s[p] is (byte)'+' or (byte)'-')
        {
            p++;
        }
        var rest = s[p..];
        if (rest.SequenceEqual("inf"u8) || rest.SequenceEqual("nan"u8))
        {
            return true;
        }
        if (rest.StartsWith("nan:0x"u8))
        {
            int q = 6;
            return Digits(rest, ref q, hex: true) && q == rest.Length;
        }
        bool hex = rest.StartsWith("0x"u8);
        if (hex)
        {
            p += 2;
        }
        if (!Digits(s, ref p, hex))
        {
            return false;
        }
        if (p < s.Length && s[p] == (byte)'.')
        {
            p++;
            if (p < s.Length && IsDigit(s[p], hex) && !Digits(s, ref p, hex))
            {
                return false;
            }
        }
        if (p < s.Length && (hex ? s[p] is (byte)'p' or (byte)'P' : s[p] is (byte)'e' or (byte)'E'))
        {
            p++;
            if (p < s.Length && s[p] is (byte)'+' or (byte)'-')
            {
                p++;
            }
            if (!Digits(s, ref p, hex: false))
            {
                return false;
            }
        }
        return p == s.Length;
    }

    private static bool IsDigit(byte c, bool hex) => hex ? Lexer.HexValue(c) >= 0 : c is >= (byte)'0' and <= (byte)'9';

    /// <summary>digit ('_'? digit)*</summary>
    private static bool Digits(ReadOnlySpan<byte> s, ref int p, bool hex)
    {
        if (p >= s.Length || !IsDigit(s[p], hex))
        {
            return false;
        }
        p++;
        while (p < s.Length)
        {
            if (IsDigit(s[p], hex))
            {
                p++;
            }
            else if (s[p] == (byte)'_' && p + 1 < s.Length && IsDigit(s[p + 1], hex))
            {
                p += 2;
            }
            else
            {
                break;
            }
        }
        return true;
    }

    /// <summary>Is this number token an integer (no fraction, exponent, inf or nan)?</summary>
    public static bool IsInteger(ReadOnlySpan<byte> s)
    {
        int p = s.Length > 0 && s[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        var rest = s[p..];
        if (rest.StartsWith("inf"u8) || rest.StartsWith("nan"u8))
        {
            return false;
        }
        bool hex = rest.StartsWith("0x"u8);
        foreach (byte c in rest[(hex ? 2 : 0)..])
        {
            if (c == (byte)'.' || (hex ? c is (byte)'p' or (byte)'P' : c is (byte)'e' or (byte)'E'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Parses an integer token into its magnitude and sign. False if it is not an integer or does not fit in 64 bits.
    /// </summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> s, out ulong magnitude, out bool negative, out bool signed)
    {
        magnitude = 0;
        negative = false;
        signed = false;
        int p = 0;
        if (s.Length > 0 && s[0] is (byte)'+' or (byte)'-')
        {
            signed = true;
            negative = s[0] == (byte)'-';
            p = 1;
        }
        if (!IsInteger(s))
        {
            return false;
        }
        bool hex = s[p..].StartsWith("0x"u8);
        if (hex)
        {
            p += 2;
        }
        ulong v = 0;
        for (; p < s.Length; p++)
        {
            byte c = s[p];
            if (c == (byte)'_')
            {
                continue;
            }
            ulong d = (ulong)Lexer.HexValue(c);
            if (hex)
            {
                if (v >> 60 != 0)
                {
                    return false;
                }
                v = (v << 4) | d;
            }
            else
            {
                if (v > (ulong.MaxValue - d) / 10)
                {
                    return false;
                }
                v = (v * 10) + d;
            }
        }
        magnitude = v;
        return true;
    }

    /// <summary>An N-bit integer literal in either signed or unsigned interpretation (text iN), as its bits.</summary>
    public static bool TryParseIntN(ReadOnlySpan<byte> s, int bits, out ulong value)
    {
        value = 0;
        if (!TryParseInteger(s, out ulong m, out bool neg, out bool signed))
        {
            return false;
        }
        ulong max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong half = 1UL << (bits - 1);
        if (neg)
        {
            if (m > half)
            {
                return false;
            }
            value = (0UL - m) & max;
            return true;
        }
        if (signed ? m >= half : m > max)
        {
            return false;
        }
        value = m;
        return true;
    }

    /// <summary>An unsigned literal (text uN, no sign allowed).</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<byte> s, out ulong value)
    {
        value = 0;
        if (s.Length == 0 || s[0] is (byte)'+' or (byte)'-')
        {
            return false;
        }
        return TryParseInteger(s, out value, out _, out _);
    }

    public static bool TryParseF32(ReadOnlySpan<byte> s, out uint bits)
    {
        bool ok = TryParseFloat(s, 23, 8, out ulong b);
        bits = (uint)b;
        return ok;
    }

    public static bool TryParseF64(ReadOnlySpan<byte> s, out ulong bits) => TryParseFloat(s, 52, 11, out bits);

    /// <summary>Any number token as a float of the given format; false when out of range or not a number.</summary>
    private static bool TryParseFloat(ReadOnlySpan<byte> s, int mantBits, int expBits, out ulong bits)
    {
        bits = 0;
        if (!IsNumber(s))
        {
            return false;
        }
        bool neg = s[0] == (byte)'-';
        int p = s[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        var rest = s[p..];
        ulong sign = neg ? 1UL << (mantBits + expBits) : 0;
        ulong expAll = ((1UL << expBits) - 1) << mantBits;
        if (rest.SequenceEqual("inf"u8))
        {
            bits = sign | expAll;
            return true;
        }
        if (rest.SequenceEqual("nan"u8))
        {
            bits = sign | expAll | (1UL << (mantBits - 1));
            return true;
        }
        if (rest.StartsWith("nan:0x"u8))
        {
            if (!TryParseInteger(rest[4..], out ulong payload, out _, out _) || payload == 0 || payload >= 1UL << mantBits)
            {
                return false;
            }
            bits = sign | expAll | payload;
            return true;
        }
        if (rest.StartsWith("0x"u8))
        {
            return HexFloat(rest[2..], mantBits, expBits, sign, out bits);
        }
        Span<char> buf = rest.Length <= 256 ? stackalloc char[rest.Length] : new char[rest.Length];
        int n = 0;
        foreach (byte c in rest)
        {
            if (c != (byte)'_')
            {
                buf[n++] = (char)c;
            }
        }
        if (mantBits == 23)
        {
            float f = float.Parse(buf[..n], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsInfinity(f))
            {
                return false;
            }
            bits = sign | BitConverter.SingleToUInt32Bits(f);
        }
        else
        {
            double d = double.Parse(buf[..n], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(d))
            {
                return false;
            }
            bits = sign | BitConverter.DoubleToUInt64Bits(d);
        }
        return true;
    }

    /// <summary>Hexadecimal float: mantissa digits, optional fraction, optional binary exponent; rounded to nearest-even.</summary>
    private static bool HexFloat(ReadOnlySpan<byte> s, int mantBits, int expBits, ulong sign, out ulong bits)
    {
        bits = 0;
        ulong m = 0;
        long exp2 = 0;
        bool sticky = false;
        bool frac = false;
        int p = 0;
        for (; p < s.Length; p++)
        {
            byte c = s[p];
            if (c == (byte)'_')
            {
                continue;
            }
            if (c == (byte)'.')
            {
                frac = true;
                continue;
            }
            if (c is (byte)'p' or (byte)'P')
            {
                break;
            }
            uint d = (uint)Lexer.HexValue(c);
            if (m >> 60 == 0)
            {
                m = (m << 4) | d;
                if (frac)
                {
                    exp2 -= 4;
                }
            }
            else
            {
                sticky |= d != 0;
                if (!frac)
                {
                    exp2 += 4;
                }
            }
        }
        if (p < s.Length)
        {
            p++;
            bool eneg = false;
            if (s[p] is (byte)'+' or (byte)'-')
            {
                eneg = s[p] == (byte)'-';
                p++;
            }
            long e = 0;
            for (; p < s.Length; p++)
            {
                if (s[p] != (byte)'_')
                {
                    e = Math.Min((e * 10) + (s[p] - '0'), 1_000_000);
                }
            }
            exp2 += eneg ? -e : e;
        }
        if (m == 0)
        {
            bits = sign;
            return true;
        }
        int lz = BitOperations.LeadingZeroCount(m);
        m <<= lz;
        exp2 -= lz;
        long top = exp2 + 63; // exponent of the leading bit
        int bias = (1 << (expBits - 1)) - 1;
        int minExp = 1 - bias;
        int precision = mantBits + 1;
        long shift = top >= minExp ? 64 - precision : 64 - precision + (minExp - top);
        ulong kept;
        if (shift > 64)
        {
            kept = 0;
        }
        else if (shift == 64)
        {
            kept = (m > 1UL << 63 || (m == 1UL << 63 && sticky)) ? 1UL : 0UL;
        }
        else
        {
            kept = m >> (int)shift;
            ulong rem = m & ((1UL << (int)shift) - 1);
            ulong half = 1UL << ((int)shift - 1);
            if (rem > half || (rem == half && (sticky || (kept & 1) != 0)))
            {
                kept++;
            }
        }
        if (top >= minExp)
        {
            if (kept == 1UL << precision)
            {
                kept >>= 1;
                top++;
            }
            if (top > bias)
            {
                return false;
            }
            bits = sign | ((ulong)(top + bias) << mantBits) | (kept & ((1UL << mantBits) - 1));
        }
        else
        {
            // Subnormal; rounding up into the smallest normal sets the exponent field to 1 by itself.
            bits = sign | kept;
        }
        return true;
    }
}
