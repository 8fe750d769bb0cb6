using System.Globalization;
using System.Text;

namespace WasmJit.Text.Printer;

/// <summary>
/// Writes the literal tokens of the text format exactly: integers, floats (hexadecimal form so that every bit
/// survives, <c>nan:0x..</c> payloads, <c>inf</c>, <c>-0</c>), strings with escapes and identifiers
/// (https://webassembly.github.io/spec/core/text/values.html). Everything goes straight to a
/// <see cref="TextWriter"/> through stack buffers: no string per token.
/// </summary>
internal static class WatLiterals
{
    private const string Hex = "0123456789abcdef";

    public static void WriteU64(TextWriter w, ulong v)
    {
        Span<char> buf = stackalloc char[24];
        v.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        w.Write(buf[..n]);
    }

    public static void WriteI64(TextWriter w, long v)
    {
        Span<char> buf = stackalloc char[24];
        v.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        w.Write(buf[..n]);
    }

    /// <summary>Writes <c>0x</c> and exactly <paramref name="digits"/> lowercase hex digits.</summary>
    public static void WriteHex(TextWriter w, ulong v, int digits)
    {
        Span<char> buf = stackalloc char[18];
        buf[0] = '0';
        buf[1] = 'x';
        for (int i = digits - 1; i >= 0; i--)
        {
            buf[2 + i] = Hex[(int)(v & 0xf)];
            v >>= 4;
        }
        w.Write(buf[..(2 + digits)]);
    }

    /// <summary>Writes <c>0x</c> and the minimal lowercase hex digits of <paramref name="v"/>.</summary>
    public static void WriteHexMinimal(TextWriter w, ulong v)
    {
        int digits = 1;
        while (digits < 16 && (v >> (4 * digits)) != 0)
        {
            digits++;
        }
        WriteHex(w, v, digits);
    }

    /// <summary>An <c>f32</c> literal that parses back to exactly <paramref name="bits"/>.</summary>
    public static void WriteF32(TextWriter w, uint bits) =>
        WriteFloat(w, bits >> 31 != 0, (bits >> 23) & 0xff, bits & 0x7f_ffff, 23, 127, 24);

    /// <summary>An <c>f64</c> literal that parses back to exactly <paramref name="bits"/>.</summary>
    public static void WriteF64(TextWriter w, ulong bits) =>
        WriteFloat(w, bits >> 63 != 0, (uint)((bits >> 52) & 0x7ff), bits & 0xf_ffff_ffff_ffffUL, 52, 1023, 53);

    /// <summary>
    /// Shared by both widths: <paramref name="mantBits"/> explicit fraction bits, exponent <paramref name="bias"/>,
    /// and integers up to 2^<paramref name="exactBits"/> are "trivial" and written in decimal.
    /// </summary>
    private static void WriteFloat(TextWriter w, bool negative, uint exp, ulong mant, int mantBits, int bias, int exactBits)
    {
        uint maxExp = (1u << (mantBits == 23 ? 8 : 11)) - 1;
        if (negative)
        {
            w.Write('-');
        }
        if (exp == maxExp)
        {
            if (mant == 0)
            {
                w.Write("inf");
                return;
            }
            w.Write("nan");
            if (mant != 1UL << (mantBits - 1))
            {
                // Not the canonical NaN: keep the payload.
                w.Write(':');
                WriteHexMinimal(w, mant);
            }
            return;
        }
        if (exp == 0 && mant == 0)
        {
            w.Write('0');
            return;
        }
        int e = (int)exp - bias;
        if (exp != 0 && e >= 0 && e <= exactBits && (mant & ((1UL << (mantBits - Math.Min(e, mantBits))) - 1)) == 0)
        {
            // An integer that a decimal literal denotes exactly: 1, 2, 1000, ...
            ulong full = (1UL << mantBits) | mant;
            ulong value = e >= mantBits ? full << (e - mantBits) : full >> (mantBits - e);
            WriteU64(w, value);
            return;
        }

        // 0x1.<fraction>p<exp> for normal numbers, 0x0.<fraction>p<min exp> for subnormals: always exact, since
        // the fraction is written with all its bits (padded to whole hex digits, trailing zeros dropped).
        int fracDigits = (mantBits + 3) / 4;
        ulong frac = mant << (fracDigits * 4 - mantBits);
        w.Write(exp == 0 ? "0x0" : "0x1");
        if (frac != 0)
        {
            Span<char> buf = stackalloc char[16];
            int n = fracDigits;
            while ((frac & 0xf) == 0)
            {
                frac >>= 4;
                n--;
            }
            for (int i = n - 1; i >= 0; i--)
            {
                buf[i] = Hex[(int)(frac & 0xf)];
                frac >>= 4;
            }
            w.Write('.');
            w.Write(buf[..n]);
        }
        w.Write('p');
        int p = exp == 0 ? 1 - bias : e;
        if (p >= 0)
        {
            w.Write('+');
        }
        WriteI64(w, p);
    }

    /// <summary>A string literal of arbitrary bytes: printable ASCII as is, everything else as <c>\hh</c>.</summary>
    public static void WriteString(TextWriter w, ReadOnlySpan<byte> bytes)
    {
        w.Write('"');
        WriteStringBody(w, bytes);
        w.Write('"');
    }

    /// <summary>A name (valid Unicode) as a string literal; non-ASCII goes out as escaped UTF-8 bytes.</summary>
    public static void WriteName(TextWriter w, string name)
    {
        int max = Encoding.UTF8.GetMaxByteCount(name.Length);
        byte[]? rented = null;
        Span<byte> buf = max <= 512 ? stackalloc byte[512] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        int n = Encoding.UTF8.GetBytes(name, buf);
        WriteString(w, buf[..n]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void WriteStringBody(TextWriter w, ReadOnlySpan<byte> bytes)
    {
        Span<char> buf = stackalloc char[256];
        int n = 0;
        foreach (byte b in bytes)
        {
            if (n > buf.Length - 3)
            {
                w.Write(buf[..n]);
                n = 0;
            }
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\')
            {
                buf[n++] = (char)b;
            }
            else
            {
                buf[n++] = '\\';
                buf[n++] = Hex[b >> 4];
                buf[n++] = Hex[b & 0xf];
            }
        }
        w.Write(buf[..n]);
    }

    /// <summary>
    /// The identifier for <paramref name="name"/>: <c>$name</c> when every character is an <c>idchar</c>, else the
    /// quoted form <c>$"..."</c> (https://webassembly.github.io/spec/core/text/values.html#text-id).
    /// </summary>
    public static string Identifier(string name)
    {
        bool plain = name.Length > 0;
        foreach (char c in name)
        {
            if (!IsIdChar(c))
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            return "$" + name;
        }
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        sw.Write('$');
        WriteName(sw, name);
        return sw.ToString();
    }

    public static bool IsIdChar(char c) =>
        c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/' or ':' or '<' or '='
            or '>' or '?' or '@' or '\\' or '^' or '_' or '`' or '|' or '~';
}
