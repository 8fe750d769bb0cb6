using System.Text;

namespace WasmJit.Text.Tests;

public sealed class LexerTests
{
    private static List<(TokenKind Kind, string Text)> Lex(string text)
    {
        var src = new SourceText(Encoding.UTF8.GetBytes(text));
        var (tokens, _) = Lexer.Tokenize(src);
        return tokens.Select(t => (t.Kind, Encoding.UTF8.GetString(src.Bytes, t.Start, t.Length))).ToList();
    }

    private static string LexError(string text) =>
        Assert.Throws<WasmMalformedException>(() => Lexer.Tokenize(new SourceText(Encoding.UTF8.GetBytes(text)))).Message;

    [Fact]
    public void ClassifiesEveryTokenKind()
    {
        var toks = Lex("(module $m $\"q d\" \"s\\n\" 12 -0x1.8p3 +inf nan:0x1f i32.add offset=4 nan:canonical)");
        Assert.Equal(
            [
                (TokenKind.LParen, "("), (TokenKind.Keyword, "module"), (TokenKind.Id, "$m"), (TokenKind.Id, "$\"q d\""),
                (TokenKind.String, "\"s\\n\""), (TokenKind.Number, "12"), (TokenKind.Number, "-0x1.8p3"), (TokenKind.Number, "+inf"),
                (TokenKind.Number, "nan:0x1f"), (TokenKind.Keyword, "i32.add"), (TokenKind.Keyword, "offset=4"),
                (TokenKind.Keyword, "nan:canonical"), (TokenKind.RParen, ")"), (TokenKind.Eof, ""),
            ],
            toks);
    }

    [Fact]
    public void SkipsCommentsAndAnnotations()
    {
        var toks = Lex("(;a (; nested ;) b;) x ;; line\n (@custom \"n\" (after func) x-y$z\"q\" (@)) y");
        Assert.Equal([(TokenKind.Keyword, "x"), (TokenKind.Keyword, "y"), (TokenKind.Eof, "")], toks);
    }

    [Fact]
    public void MatchesParentheses()
    {
        var (_, match) = Lexer.Tokenize(new SourceText(Encoding.UTF8.GetBytes("(a (b) c)")));
        Assert.Equal(6, match[0]);
        Assert.Equal(4, match[2]);
    }

    [Theory]
    [InlineData("(func $)", "empty identifier")]
    [InlineData("(func $\"\")", "empty identifier")]
    [InlineData("(func $\"\\ef\")", "malformed UTF-8 encoding")]
    [InlineData("(br_table 0$l)", "unknown operator")]
    [InlineData("(data\"a\")", "unknown operator")]
    [InlineData("(i32.const 0x)", "unknown operator")]
    [InlineData("(i32.const 1_)", "unknown operator")]
    [InlineData("\"abc", "unclosed string")]
    [InlineData("(@x (y)", "unclosed annotation")]
    [InlineData("(@ x)", "empty annotation id")]
    [InlineData("(; open", "unclosed comment")]
    [InlineData("(a \u0001)", "illegal character")]
    [InlineData("(a Straße)", "illegal character")]
    [InlineData("\"\\q\"", "malformed escape")]
    public void RejectsMalformedTokens(string text, string message) => Assert.Contains(message, LexError(text));

    [Fact]
    public void RejectsMalformedUtf8InComments()
    {
        var bytes = new byte[] { (byte)';', (byte)';', 0xC0, 0x80 };
        var e = Assert.Throws<WasmMalformedException>(() => Lexer.Tokenize(new SourceText(bytes)));
        Assert.Contains("malformed UTF-8 encoding", e.Message);
    }

    [Fact]
    public void ErrorsCarryLineAndColumn()
    {
        Assert.StartsWith("3:6: unclosed string", LexError("(module\n  (func)\n  (a \"x"));
        Assert.StartsWith("1:4: illegal character", LexError("(a ä)"));
    }

    [Fact]
    public void DecodesStringEscapesToBytes()
    {
        var bytes = StringDecoder.Decode(Encoding.UTF8.GetBytes("\"a\\t\\n\\r\\\"\\'\\\\\\00\\ff\\u{41}\\u{10FFFF}é\""));
        Assert.Equal(new byte[] { 0x61, 9, 10, 13, 0x22, 0x27, 0x5c, 0x00, 0xff, 0x41, 0xF4, 0x8F, 0xBF, 0xBF, 0xC3, 0xA9 }, bytes);
    }

    [Fact]
    public void QuotedAndPlainIdsAreTheSame()
    {
        var module = WatParser.ParseModule("(func $\"f\\41\") (func (call $fA))");
        Assert.Equal(WatParser.ParseModule("(func $fA) (func (call 0))"), module);
    }
}
