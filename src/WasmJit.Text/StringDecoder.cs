using System.Text;

namespace WasmJit.Text;

/// <summary>UTF-8 well-formedness (https://webassembly.github.io/spec/core/binary/values.html#names).</summary>
internal static class Utf8Util
{
    /// <summary>Length of the well-formed sequence starting at <paramref name="at"/>, or 0 if it is malformed.</summary>
    public static int SequenceLength(ReadOnlySpan<byte> b, int at)
    {
        byte c = b[at];
        if (c < 0x80)
        {
            return 1;
        }
        int n;
        uint min;
        uint v;
        if ((c & 0xE0) == 0xC0)
        {
            n = 2;
            min = 0x80;
            v = c & 0x1Fu;
        }
        else if ((c & 0xF0) == 0xE0)
        {
            n = 3;
            min = 0x800;
            v = c & 0x0Fu;
        }
        else if ((c & 0xF8) == 0xF0)
        {
            n = 4;
            min = 0x10000;
            v = c & 0x07u;
        }
        else
        {
            return 0;
        }
        if (at + n > b.Length)
        {
            return 0;
        }
        for (int i = 1; i < n; i++)
        {
            byte d = b[at + i];
            if ((d & 0xC0) != 0x80)
            {
                return 0;
            }
            v = (v << 6) | (d & 0x3Fu);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
        {
            return 0;
        }
        return n;
    }

    public static bool IsValid(ReadOnlySpan<byte> b)
    {
        for (int i = 0; i < b.Length;)
        {
            int n = SequenceLength(b, i);
            if (n == 0)
            {
                return false;
            }
            i += n;
        }
        return true;
    }
}

/// <summary>
/// Decodes string literals (https://webassembly.github.io/spec/core/text/values.html#strings) to the bytes they
/// denote. The lexer has already checked the escapes, so this does not re-validate them.
/// </summary>
internal static class StringDecoder
{
    /// <summary>Decodes a literal given with its surrounding quotes.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> quoted)
    {
        var inner = quoted[1..^1];
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return inner.ToArray();
        }
        var w = new ByteWriter(inner.Length);
        DecodeInto(quoted, w);
        return w.ToArray();
    }

    public static void DecodeInto(ReadOnlySpan<byte> quoted, ByteWriter w)
    {
        var s = quoted[1..^1];
        for (int i = 0; i < s.Length; i++)
        {
            byte c = s[i];
            if (c != (byte)'\\')
            {
                w.WriteByte(c);
                continue;
            }
            c = s[++i];
            switch (c)
            {
                case (byte)'t': w.WriteByte(9); break;
                case (byte)'n': w.WriteByte(10); break;
                case (byte)'r': w.WriteByte(13); break;
                case (byte)'"' or (byte)'\'' or (byte)'\\': w.WriteByte(c); break;
                case (byte)'u':
                    {
                        i += 2;
                        uint v = 0;
                        while (s[i] != (byte)'}')
                        {
                            if (s[i] != (byte)'_')
                            {
                                v = (v << 4) | (uint)Lexer.HexValue(s[i]);
                            }
                            i++;
                        }
                        Span<byte> buf = stackalloc byte[4];
                        new Rune((int)v).EncodeToUtf8(buf);
                        w.WriteBytes(buf[..new Rune((int)v).Utf8SequenceLength]);
                        break;
                    }
                default:
                    w.WriteByte((byte)((Lexer.HexValue(c) << 4) | Lexer.HexValue(s[i + 1])));
                    i++;
                    break;
            }
        }
    }

    /// <summary>The name a string denotes, which must be well-formed UTF-8.</summary>
    public static bool TryDecodeName(ReadOnlySpan<byte> quoted, out string name)
    {
        var bytes = Decode(quoted);
        if (!Utf8Util.IsValid(bytes))
        {
            name = "";
            return false;
        }
        name = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
