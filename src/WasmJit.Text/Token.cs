namespace WasmJit.Text;

/// <summary>Token classes of https://webassembly.github.io/spec/core/text/lexical.html#tokens.</summary>
internal enum TokenKind : byte
{
    LParen,
    RParen,

    /// <summary>Starts with a lowercase letter: instruction names, <c>func</c>, <c>offset=4</c>, <c>nan:canonical</c>.</summary>
    Keyword,

    /// <summary>An integer or float literal, possibly signed, including <c>inf</c>, <c>nan</c> and <c>nan:0x..</c>.</summary>
    Number,

    /// <summary><c>$name</c> or <c>$"quoted name"</c>.</summary>
    Id,
    String,
    Eof,
}

/// <summary>
/// One token: a byte range of the UTF-8 source. Strings and quoted ids keep their raw bytes (quotes and escapes
/// included) and are decoded only when the parser needs their value. Line and column are computed from
/// <see cref="Start"/> on demand (see <see cref="SourceText.Position"/>), which keeps tokens small.
/// </summary>
internal readonly struct Token(TokenKind kind, int start, int length)
{
    public readonly int Start = start;
    public readonly int Length = length;
    public readonly TokenKind Kind = kind;

    public int End => Start + Length;
}
