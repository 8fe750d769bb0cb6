using System.Runtime.CompilerServices;

namespace WasmJit.Text;

/// <summary>
/// Splits UTF-8 source text into tokens (https://webassembly.github.io/spec/core/text/lexical.html).
/// Works on bytes, not .NET strings, because the suite checks UTF-8 well-formedness of the source itself
/// ("malformed UTF-8 encoding") and strings denote arbitrary bytes. Comments and annotations (<c>(@id ...)</c>)
/// are skipped here, so the parser never sees them as tokens; the annotations that have a meaning (see
/// <see cref="Annotation"/>) are recorded in <see cref="SourceText.Annotations"/>. A run of characters that is not exactly one keyword,
/// number, id or string (for example <c>0$l</c> or <c>data"a"</c>) is a "reserved" token, which the reference
/// interpreter rejects with "unknown operator"; so do we.
/// </summary>
internal sealed class Lexer
{
    private readonly SourceText _src;
    private readonly byte[] _b;
    private readonly List<Token> _tokens;
    private readonly List<int> _match;
    private int _pos;

    private Lexer(SourceText src)
    {
        _src = src;
        _b = src.Bytes;
        _tokens = new List<Token>(_b.Length / 8 + 16);
        _match = new List<int>(_b.Length / 8 + 16);
    }

    /// <summary>The tokens, ending with one <see cref="TokenKind.Eof"/>, and for each '(' the index of its ')'.</summary>
    public static (Token[] Tokens, int[] Match) Tokenize(SourceText src)
    {
        var lx = new Lexer(src);
        src.Annotations.Clear();
        lx.Run();
        return ([.. lx._tokens], [.. lx._match]);
    }

    private void Run()
    {
        var open = new Stack<int>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _b.Length)
            {
                break;
            }
            byte c = _b[_pos];
            if (c == (byte)'(')
            {
                if (_pos + 1 < _b.Length && _b[_pos + 1] == (byte)'@')
                {
                    SkipAnnotation();
                    continue;
                }
                open.Push(_tokens.Count);
                Add(new Token(TokenKind.LParen, _pos, 1), -1);
                _pos++;
            }
            else if (c == (byte)')')
            {
                if (open.Count > 0)
                {
                    _match[open.Pop()] = _tokens.Count;
                }
                Add(new Token(TokenKind.RParen, _pos, 1), -1);
                _pos++;
            }
            else
            {
                Add(ReadAtom(), -1);
            }
        }
        // Unbalanced '(' point past the end; the parser reports them as "unexpected end".
        while (open.Count > 0)
        {
            _match[open.Pop()] = _tokens.Count;
        }
        Add(new Token(TokenKind.Eof, _b.Length, 0), -1);
    }

    private void Add(Token t, int match)
    {
        _tokens.Add(t);
        _match.Add(match);
    }

    /// <summary>Whitespace, line comments and (nested) block comments.</summary>
    private void SkipTrivia()
    {
        while (_pos < _b.Length)
        {
            byte c = _b[_pos];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _pos++;
            }
            else if (c == (byte)';' && Peek(1) == (byte)';')
            {
                _pos += 2;
                // A line comment ends at any newline: LF, CR or CR LF (spec 6.2.4, `newline`).
                while (_pos < _b.Length && _b[_pos] != (byte)'\n' && _b[_pos] != (byte)'\r')
                {
                    SkipCommentChar();
                }
            }
            else if (c == (byte)'(' && Peek(1) == (byte)';')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        int start = _pos;
        _pos += 2;
        int depth = 1;
        while (true)
        {
            if (_pos >= _b.Length)
            {
                _src.Fail(start, "unclosed comment");
            }
            byte c = _b[_pos];
            if (c == (byte)';' && Peek(1) == (byte)')')
            {
                _pos += 2;
                if (--depth == 0)
                {
                    return;
                }
            }
            else if (c == (byte)'(' && Peek(1) == (byte)';')
            {
                _pos += 2;
                depth++;
            }
            else
            {
                SkipCommentChar();
            }
        }
    }

    /// <summary>Comments may hold any character, but the source must still be well-formed UTF-8.</summary>
    private void SkipCommentChar()
    {
        if (_b[_pos] < 0x80)
        {
            _pos++;
        }
        else
        {
            _pos += Utf8Length(_pos);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Peek(int ahead) => _pos + ahead < _b.Length ? _b[_pos + ahead] : (byte)0;

    /// <summary>Length of the well-formed UTF-8 sequence at <paramref name="at"/>, or a "malformed UTF-8 encoding" error.</summary>
    private int Utf8Length(int at)
    {
        int n = Utf8Util.SequenceLength(_b, at);
        if (n <= 0)
        {
            _src.Fail(at, "malformed UTF-8 encoding");
        }
        return n;
    }

    internal static bool IsIdChar(byte c) =>
        c < 0x80 && s_idChar[c];

    private static readonly bool[] s_idChar = BuildIdChars();

    private static bool[] BuildIdChars()
    {
        var t = new bool[128];
        for (int c = '0'; c <= '9'; c++)
        {
            t[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++)
        {
            t[c] = true;
            t[c - 32] = true;
        }
        foreach (char c in "!#$%&'*+-./:<=>?@\\^_`|~")
        {
            t[c] = true;
        }
        return t;
    }

    /// <summary>
    /// A maximal run of id characters, strings and the other reserved characters. Exactly one keyword, number,
    /// id or string is a token; anything else is reserved.
    /// </summary>
    private Token ReadAtom()
    {
        int start = _pos;
        byte c = _b[_pos];
        if (c == (byte)'"')
        {
            ScanString(start, out bool ok);
            if (!ok)
            {
                _src.Fail(start, "unclosed string");
            }
            if (!AtTokenEnd())
            {
                ReservedRest(start);
            }
            return new Token(TokenKind.String, start, _pos - start);
        }
        if (c == (byte)'$')
        {
            _pos++;
            if (_pos < _b.Length && _b[_pos] == (byte)'"')
            {
                ScanString(_pos, out bool ok);
                if (!ok)
                {
                    _src.Fail(start, "empty identifier");
                }
                var tok = new Token(TokenKind.Id, start, _pos - start);
                if (!AtTokenEnd())
                {
                    ReservedRest(start);
                }
                var name = StringDecoder.Decode(_b.AsSpan(start + 1, tok.Length - 1));
                if (name.Length == 0)
                {
                    _src.Fail(start, "empty identifier");
                }
                if (!Utf8Util.IsValid(name))
                {
                    _src.Fail(start, "malformed UTF-8 encoding");
                }
                return tok;
            }
            while (_pos < _b.Length && IsIdChar(_b[_pos]))
            {
                _pos++;
            }
            if (_pos == start + 1)
            {
                if (AtTokenEnd())
                {
                    _src.Fail(start, "empty identifier");
                }
                ReservedRest(start);
            }
            if (!AtTokenEnd())
            {
                ReservedRest(start);
            }
            return new Token(TokenKind.Id, start, _pos - start);
        }
        if (c >= 0x80)
        {
            Utf8Length(_pos);
            _src.Fail(_pos, "illegal character");
        }
        if (!IsIdChar(c) && !IsReservedChar(c))
        {
            _src.Fail(_pos, "illegal character");
        }
        while (_pos < _b.Length && IsIdChar(_b[_pos]))
        {
            _pos++;
        }
        if (_pos == start || !AtTokenEnd())
        {
            ReservedRest(start);
        }
        var span = _b.AsSpan(start, _pos - start);
        bool number = NumberSyntax.IsNumber(span);
        if (c is >= (byte)'a' and <= (byte)'z' && !number)
        {
            return new Token(TokenKind.Keyword, start, _pos - start);
        }
        if (number)
        {
            return new Token(TokenKind.Number, start, _pos - start);
        }
        _src.Fail(start, "unknown operator");
        return default;
    }

    private static bool IsReservedChar(byte c) => c is (byte)',' or (byte)';' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}';

    /// <summary>After a token: end of input, whitespace, a parenthesis or a comment.</summary>
    private bool AtTokenEnd()
    {
        if (_pos >= _b.Length)
        {
            return true;
        }
        byte c = _b[_pos];
        return c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'(' or (byte)')'
            || (c == (byte)';' && Peek(1) == (byte)';');
    }

    /// <summary>Consumes the rest of a reserved token (checking its characters) and rejects it.</summary>
    private void ReservedRest(int start)
    {
        SkipReserved();
        _src.Fail(start, "unknown operator");
    }

    /// <summary>Skips id characters, strings and reserved characters, as annotations allow.</summary>
    private void SkipReserved()
    {
        while (_pos < _b.Length)
        {
            byte c = _b[_pos];
            if (c == (byte)'"')
            {
                int s = _pos;
                ScanString(s, out bool ok);
                if (!ok)
                {
                    _src.Fail(s, "unclosed string");
                }
            }
            else if (IsIdChar(c) || (IsReservedChar(c) && !(c == (byte)';' && Peek(1) == (byte)';')))
            {
                _pos++;
            }
            else if (c >= 0x80)
            {
                Utf8Length(_pos);
                _src.Fail(_pos, "illegal character");
            }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'(' or (byte)')' or (byte)';')
            {
                return;
            }
            else
            {
                _src.Fail(_pos, "illegal character");
            }
        }
    }

    /// <summary>
    /// Scans a string literal starting at the quote. Sets <paramref name="ok"/> to false if it is unclosed or
    /// holds a control character (which the caller reports in its own words); malformed UTF-8 and bad escapes
    /// are reported here.
    /// </summary>
    private void ScanString(int quote, out bool ok)
    {
        _pos = quote + 1;
        while (_pos < _b.Length)
        {
            byte c = _b[_pos];
            if (c == (byte)'"')
            {
                _pos++;
                ok = true;
                return;
            }
            if (c == (byte)'\\')
            {
                ScanEscape();
            }
            else if (c < 0x20 || c == 0x7f)
            {
                ok = false;
                return;
            }
            else if (c >= 0x80)
            {
                _pos += Utf8Length(_pos);
            }
            else
            {
                _pos++;
            }
        }
        ok = false;
    }

    private void ScanEscape()
    {
        int at = _pos;
        _pos++;
        if (_pos >= _b.Length)
        {
            return;
        }
        byte c = _b[_pos];
        switch (c)
        {
            case (byte)'t' or (byte)'n' or (byte)'r' or (byte)'"' or (byte)'\'' or (byte)'\\':
                _pos++;
                return;
            case (byte)'u':
                if (Peek(1) != (byte)'{')
                {
                    _src.Fail(at, "malformed escape");
                }
                _pos += 2;
                uint v = 0;
                int digits = 0;
                while (_pos < _b.Length && HexValue(_b[_pos]) is int d and >= 0)
                {
                    v = v > 0x10FFFF ? v : (v << 4) | (uint)d;
                    digits++;
                    _pos++;
                    if (_pos < _b.Length && _b[_pos] == (byte)'_' && _pos + 1 < _b.Length && HexValue(_b[_pos + 1]) >= 0)
                    {
                        _pos++;
                    }
                }
                if (digits == 0 || _pos >= _b.Length || _b[_pos] != (byte)'}')
                {
                    _src.Fail(at, "malformed escape");
                }
                _pos++;
                if (v >= 0x110000 || (v >= 0xD800 && v < 0xE000))
                {
                    _src.Fail(at, "malformed UTF-8 encoding");
                }
                return;
            default:
                if (HexValue(c) >= 0 && HexValue(Peek(1)) >= 0)
                {
                    _pos += 2;
                    return;
                }
                _src.Fail(at, "malformed escape");
                return;
        }
    }

    internal static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// Skips <c>(@id ...)</c>: the id is one or more id characters or a non-empty, well-formed string; the body is
    /// any balanced sequence of tokens, reserved ones included.
    /// </summary>
    private void SkipAnnotation()
    {
        int start = _pos;
        _pos += 2;
        ReadOnlySpan<byte> id;
        if (_pos < _b.Length && _b[_pos] == (byte)'"')
        {
            int s = _pos;
            ScanString(s, out bool ok);
            if (!ok)
            {
                _src.Fail(start, "empty annotation id");
            }
            var name = StringDecoder.Decode(_b.AsSpan(s, _pos - s));
            if (name.Length == 0)
            {
                _src.Fail(start, "empty annotation id");
            }
            if (!Utf8Util.IsValid(name))
            {
                _src.Fail(start, "malformed UTF-8 encoding");
            }
            id = name;
        }
        else
        {
            int idStart = _pos;
            while (_pos < _b.Length && IsIdChar(_b[_pos]))
            {
                _pos++;
            }
            if (_pos == idStart)
            {
                _src.Fail(start, "empty annotation id");
            }
            id = _b.AsSpan(idStart, _pos - idStart);
        }
        List<Token>? items = Annotation.IsKnown(id) ? [] : null;
        int depth = 1;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _b.Length)
            {
                _src.Fail(start, "unclosed annotation");
            }
            byte c = _b[_pos];
            if (c == (byte)'(')
            {
                // Inside an annotation, "(@" is just a parenthesis and a reserved token.
                items?.Add(new Token(TokenKind.LParen, _pos, 1));
                depth++;
                _pos++;
            }
            else if (c == (byte)')')
            {
                if (--depth == 0)
                {
                    _pos++;
                    break;
                }
                items?.Add(new Token(TokenKind.RParen, _pos, 1));
                _pos++;
            }
            else
            {
                int before = _pos;
                SkipReserved();
                if (_pos == before)
                {
                    _src.Fail(_pos, "illegal character");
                }
                // A lone string is a string; anything else (ids, numbers, keywords, reserved runs) is an atom.
                bool isString = c == (byte)'"' && _b[_pos - 1] == (byte)'"' && IsWholeString(before, _pos);
                items?.Add(new Token(isString ? TokenKind.String : TokenKind.Keyword, before, _pos - before));
            }
        }
        if (items is not null)
        {
            _src.Annotations.Add(new Annotation
            {
                Id = System.Text.Encoding.UTF8.GetString(id),
                Start = start,
                TokenIndex = _tokens.Count,
                Items = [.. items],
            });
        }
    }

    /// <summary>Is <c>[from, to)</c> exactly one string literal (not a string glued to other characters)?</summary>
    private bool IsWholeString(int from, int to)
    {
        int saved = _pos;
        ScanString(from, out bool ok);
        bool whole = ok && _pos == to;
        _pos = saved;
        return whole;
    }
}
