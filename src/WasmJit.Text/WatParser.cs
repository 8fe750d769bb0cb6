using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace WasmJit.Text;

/// <summary>
/// Parses the WebAssembly text format (https://webassembly.github.io/spec/core/text/index.html) of one module
/// and encodes it straight to the binary format: Wasm 3.0 plus threads and legacy exceptions. There is no AST:
/// a first pass binds the <c>$id</c>s of every index space, a second parses type definitions, a third
/// everything else in textual order (so implicit types from type uses are appended in the spec's order).
/// Everything per-instruction (names, immediate kinds, encodings) comes from <see cref="OpcodeTable"/>.
/// This file holds the entry points and token helpers; the other parts are split by concern.
/// </summary>
internal sealed partial class WatParser
{
    private readonly SourceText _src;
    private readonly byte[] _b;
    private readonly Token[] _t;
    private readonly int[] _match;
    private int _p;

    internal WatParser(SourceText src, Token[] tokens, int[] match, int position = 0)
    {
        _src = src;
        _b = src.Bytes;
        _t = tokens;
        _match = match;
        _p = position;
    }

    /// <summary>Token index after the last one this parser consumed.</summary>
    internal int Position => _p;

    /// <summary>Moves to a token; the script parser uses a parser as a cursor for constants.</summary>
    internal void Seek(int position) => _p = position;

    /// <summary>A heap type outside any module (script constants): abstract, or a numeric type index.</summary>
    internal HeapType ParseHeapTypeForScript() => ParseHeapType();

    /// <summary>
    /// Parses a text module, either <c>(module $name? field*)</c> or a bare sequence of fields, to binary.
    /// Throws <see cref="WasmMalformedException"/> with "line:column: message" for anything malformed.
    /// </summary>
    public static byte[] ParseModule(string text) => ParseModule(Encoding.UTF8.GetBytes(text));

    /// <inheritdoc cref="ParseModule(string)"/>
    public static byte[] ParseModule(byte[] utf8)
    {
        var src = new SourceText(utf8);
        var (tokens, match) = Lexer.Tokenize(src);
        var p = new WatParser(src, tokens, match);
        byte[] bytes;
        if (p.AtParenKw("module"u8))
        {
            bytes = p.ParseModuleForm(out _, out bool isBinary, out _);
            _ = isBinary;
        }
        else
        {
            bytes = p.ParseFields(tokens.Length - 1, null);
        }
        if (p.Cur.Kind != TokenKind.Eof)
        {
            p.Fail("unexpected token");
        }
        return bytes;
    }

    /// <summary>
    /// At <c>(module</c>: parses <c>(module $id? field*)</c>, <c>(module $id? binary "..."*)</c> and, when allowed by the
    /// caller, the definition form. Quote modules are handled by the script parser.
    /// </summary>
    internal byte[] ParseModuleForm(out string? id, out bool isBinary, out bool isDefinition)
    {
        int open = _p;
        int close = _match[open];
        _p += 2;
        isDefinition = false;
        if (AtKw("definition"u8))
        {
            isDefinition = true;
            _p++;
        }
        id = TryId();
        isBinary = false;
        byte[] bytes;
        if (AtKw("binary"u8))
        {
            _p++;
            isBinary = true;
            var w = new ByteWriter();
            while (Cur.Kind == TokenKind.String)
            {
                StringDecoder.DecodeInto(Text(Cur), w);
                _p++;
            }
            bytes = w.ToArray();
        }
        else
        {
            bytes = ParseFields(close, id);
        }
        ExpectRParen();
        return bytes;
    }

    // ---- token helpers ----

    internal ref readonly Token Cur
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _t[_p];
    }

    internal ReadOnlySpan<byte> Text(in Token t) => _b.AsSpan(t.Start, t.Length);

    internal bool IsKw(int i, ReadOnlySpan<byte> kw) => i < _t.Length && _t[i].Kind == TokenKind.Keyword && Text(_t[i]).SequenceEqual(kw);

    internal bool AtKw(ReadOnlySpan<byte> kw) => IsKw(_p, kw);

    internal bool AtParenKw(ReadOnlySpan<byte> kw) => _t[_p].Kind == TokenKind.LParen && IsKw(_p + 1, kw);

    internal bool IsParenKw(int i, ReadOnlySpan<byte> kw) => _t[i].Kind == TokenKind.LParen && IsKw(i + 1, kw);

    internal bool AtIndex => Cur.Kind is TokenKind.Id || (Cur.Kind == TokenKind.Number && NumberSyntax.IsInteger(Text(Cur)));

    internal void ExpectLParen()
    {
        if (Cur.Kind != TokenKind.LParen)
        {
            Fail("unexpected token");
        }
        _p++;
    }

    internal void ExpectRParen()
    {
        if (Cur.Kind != TokenKind.RParen)
        {
            Fail(Cur.Kind == TokenKind.Eof ? "unexpected end of input" : "unexpected token");
        }
        _p++;
    }

    internal void ExpectKw(ReadOnlySpan<byte> kw)
    {
        if (!AtKw(kw))
        {
            Fail("unexpected token");
        }
        _p++;
    }

    /// <summary>Consumes <c>( kw</c> if present.</summary>
    internal bool TryParenKw(ReadOnlySpan<byte> kw)
    {
        if (AtParenKw(kw))
        {
            _p += 2;
            return true;
        }
        return false;
    }

    internal string? TryId()
    {
        if (Cur.Kind != TokenKind.Id)
        {
            return null;
        }
        return IdName(_t[_p++]);
    }

    /// <summary>The name an id token denotes: <c>$abc</c> and <c>$"abc"</c> are the same id.</summary>
    internal string IdName(in Token t)
    {
        if (_b[t.Start + 1] == (byte)'"')
        {
            return Encoding.UTF8.GetString(StringDecoder.Decode(_b.AsSpan(t.Start + 1, t.Length - 1)));
        }
        return Encoding.ASCII.GetString(_b, t.Start + 1, t.Length - 1);
    }

    internal byte[] ParseStringBytes()
    {
        if (Cur.Kind != TokenKind.String)
        {
            Fail("unexpected token");
        }
        return StringDecoder.Decode(Text(_t[_p++]));
    }

    /// <summary>A string that is a name: it must be well-formed UTF-8.</summary>
    internal byte[] ParseName()
    {
        int at = _p;
        var bytes = ParseStringBytes();
        if (!Utf8Util.IsValid(bytes))
        {
            FailAt(at, "malformed UTF-8 encoding");
        }
        return bytes;
    }

    internal ulong ParseU32()
    {
        if (Cur.Kind != TokenKind.Number)
        {
            Fail("unexpected token");
        }
        if (!NumberSyntax.TryParseUnsigned(Text(Cur), out ulong v) || v > uint.MaxValue)
        {
            Fail(NumberSyntax.IsInteger(Text(Cur)) ? "i32 constant out of range" : "unexpected token");
        }
        _p++;
        return v;
    }

    internal ulong ParseU64()
    {
        if (Cur.Kind != TokenKind.Number)
        {
            Fail("unexpected token");
        }
        if (!NumberSyntax.TryParseUnsigned(Text(Cur), out ulong v))
        {
            Fail(NumberSyntax.IsInteger(Text(Cur)) ? "i64 constant out of range" : "unexpected token");
        }
        _p++;
        return v;
    }

    /// <summary>The error to throw at the current token (for paths where the compiler must see the throw).</summary>
    internal WasmMalformedException Error(string message)
    {
        if (message == "unexpected token" && Cur.Kind == TokenKind.Keyword && !IsKnownKeyword(Text(Cur)))
        {
            message = "unknown operator " + Encoding.ASCII.GetString(Text(Cur));
        }
        var (line, col) = _src.Position(Cur.Start);
        return new WasmMalformedException($"{line}:{col}: {message}");
    }

    [DoesNotReturn]
    internal void Fail(string message) => FailAt(_p, message);

    /// <summary>
    /// Reports an error at a token. An "unexpected" keyword that the text format does not know at all is reported
    /// as "unknown operator kw", as the reference interpreter's lexer does.
    /// </summary>
    [DoesNotReturn]
    internal void FailAt(int tokenIndex, string message)
    {
        ref readonly var t = ref _t[tokenIndex];
        if (message == "unexpected token" && t.Kind == TokenKind.Keyword && !IsKnownKeyword(Text(t)))
        {
            message = "unknown operator " + Encoding.ASCII.GetString(Text(t));
        }
        _src.Fail(t.Start, message);
    }

    /// <summary>Skips a parenthesised form starting at the current '('.</summary>
    internal void SkipForm() => _p = _match[_p] + 1;
}
