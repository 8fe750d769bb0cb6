using System.Runtime.Intrinsics;
using System.Text;

namespace WasmJit.Text;

/// <summary>
/// Parses .wast scripts (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts) plus the threads
/// proposal's <c>thread</c>/<c>wait</c>. Text modules are encoded here; quote modules are kept as text for the
/// runner, since many exist only to fail (a parse error inside <c>assert_malformed</c> must not stop the script).
/// </summary>
internal sealed class WastParser
{
    private readonly SourceText _src;
    private readonly Token[] _t;
    private readonly int[] _match;
    private readonly WatParser _cursor;
    private int _p;

    private WastParser(SourceText src, Token[] tokens, int[] match)
    {
        _src = src;
        _t = tokens;
        _match = match;
        _cursor = new WatParser(src, tokens, match);
    }

    public static WastScript ParseFile(string path) => Parse(File.ReadAllBytes(path), path);

    public static WastScript Parse(string text, string? fileName = null) => Parse(Encoding.UTF8.GetBytes(text), fileName);

    public static WastScript Parse(byte[] utf8, string? fileName = null)
    {
        var src = new SourceText(utf8);
        var (tokens, match) = Lexer.Tokenize(src);
        var p = new WastParser(src, tokens, match);
        var commands = new List<WastCommand>();
        if (p.AtModuleField())
        {
            // A script may be a bare module: its fields without (module ...).
            var bytes = new WatParser(src, tokens, match).ParseFields(tokens.Length - 1, null);
            commands.Add(new ModuleCommand(1, new WastModule { Kind = WastModuleKind.Text, Line = 1, Bytes = bytes }));
            return new WastScript(fileName, commands);
        }
        while (p.Cur.Kind != TokenKind.Eof)
        {
            commands.Add(p.ParseCommand());
        }
        return new WastScript(fileName, commands);
    }

    private ref readonly Token Cur => ref _t[_p];

    private bool AtModuleField()
    {
        if (Cur.Kind != TokenKind.LParen || _t[_p + 1].Kind != TokenKind.Keyword)
        {
            return false;
        }
        var kw = Text(_t[_p + 1]);
        return kw.SequenceEqual("type"u8) || kw.SequenceEqual("rec"u8) || kw.SequenceEqual("func"u8)
            || kw.SequenceEqual("import"u8) || kw.SequenceEqual("export"u8) || kw.SequenceEqual("table"u8)
            || kw.SequenceEqual("memory"u8) || kw.SequenceEqual("global"u8) || kw.SequenceEqual("tag"u8)
            || kw.SequenceEqual("elem"u8) || kw.SequenceEqual("data"u8) || kw.SequenceEqual("start"u8);
    }

    private ReadOnlySpan<byte> Text(in Token t) => _src.Bytes.AsSpan(t.Start, t.Length);

    private bool IsKw(int i, ReadOnlySpan<byte> kw) => _t[i].Kind == TokenKind.Keyword && Text(_t[i]).SequenceEqual(kw);

    private bool AtParenKw(ReadOnlySpan<byte> kw) => Cur.Kind == TokenKind.LParen && IsKw(_p + 1, kw);

    private int Line => _src.Line(Cur.Start);

    private void Fail(string message) => _src.Fail(Cur.Start, message);

    private void ExpectLParen()
    {
        if (Cur.Kind != TokenKind.LParen)
        {
            Fail("unexpected token");
        }
        _p++;
    }

    private void ExpectRParen()
    {
        if (Cur.Kind != TokenKind.RParen)
        {
            Fail(Cur.Kind == TokenKind.Eof ? "unexpected end of input" : "unexpected token");
        }
        _p++;
    }

    private string? TryId()
    {
        if (Cur.Kind != TokenKind.Id)
        {
            return null;
        }
        return _cursor.IdName(_t[_p++]);
    }

    private string ParseString()
    {
        if (Cur.Kind != TokenKind.String)
        {
            Fail("unexpected token");
        }
        return Encoding.UTF8.GetString(StringDecoder.Decode(Text(_t[_p++])));
    }

    private WastCommand ParseCommand()
    {
        if (Cur.Kind != TokenKind.LParen || _t[_p + 1].Kind != TokenKind.Keyword)
        {
            Fail("unexpected token");
        }
        int line = Line;
        var kw = Text(_t[_p + 1]);
        if (kw.SequenceEqual("module"u8))
        {
            if (IsKw(_p + 2, "instance"u8))
            {
                _p += 3;
                string? instance = TryId();
                string? definition = TryId();
                ExpectRParen();
                return new ModuleInstanceCommand(line, instance, definition);
            }
            return new ModuleCommand(line, ParseModule(inAssertion: false));
        }
        if (kw.SequenceEqual("register"u8))
        {
            _p += 2;
            string name = ParseString();
            string? id = TryId();
            ExpectRParen();
            return new RegisterCommand(line, name, id);
        }
        if (kw.SequenceEqual("invoke"u8) || kw.SequenceEqual("get"u8))
        {
            return new ActionCommand(line, ParseAction());
        }
        if (kw.SequenceEqual("assert_return"u8))
        {
            _p += 2;
            var action = ParseAction();
            var results = new List<WastResult>();
            while (Cur.Kind == TokenKind.LParen)
            {
                results.Add(ParseResult());
            }
            ExpectRParen();
            return new AssertReturnCommand(line, action, results);
        }
        if (kw.SequenceEqual("assert_trap"u8))
        {
            _p += 2;
            WastCommand cmd;
            if (AtParenKw("module"u8))
            {
                var module = ParseModule(inAssertion: true);
                cmd = new AssertTrapCommand(line, null, module, ParseString());
            }
            else
            {
                var action = ParseAction();
                cmd = new AssertTrapCommand(line, action, null, ParseString());
            }
            ExpectRParen();
            return cmd;
        }
        if (kw.SequenceEqual("assert_exhaustion"u8))
        {
            _p += 2;
            var action = ParseAction();
            var cmd = new AssertExhaustionCommand(line, action, ParseString());
            ExpectRParen();
            return cmd;
        }
        if (kw.SequenceEqual("assert_exception"u8))
        {
            _p += 2;
            var action = ParseAction();
            ExpectRParen();
            return new AssertExceptionCommand(line, action);
        }
        AssertModuleKind? kind =
            kw.SequenceEqual("assert_malformed"u8) ? AssertModuleKind.Malformed
            : kw.SequenceEqual("assert_invalid"u8) ? AssertModuleKind.Invalid
            : kw.SequenceEqual("assert_unlinkable"u8) ? AssertModuleKind.Unlinkable
            : kw.SequenceEqual("assert_uninstantiable"u8) ? AssertModuleKind.Uninstantiable
            : kw.SequenceEqual("assert_malformed_custom"u8) ? AssertModuleKind.MalformedCustom
            : kw.SequenceEqual("assert_invalid_custom"u8) ? AssertModuleKind.InvalidCustom
            : null;
        if (kind is AssertModuleKind k)
        {
            _p += 2;
            var module = ParseModule(inAssertion: true);
            var cmd = new AssertModuleCommand(line, k, module, ParseString());
            ExpectRParen();
            return cmd;
        }
        if (kw.SequenceEqual("thread"u8))
        {
            return ParseThread(line);
        }
        if (kw.SequenceEqual("wait"u8))
        {
            _p += 2;
            string name = TryId() ?? throw new InvalidOperationException();
            ExpectRParen();
            return new WaitCommand(line, name);
        }
        _p++;
        Fail("unexpected token");
        return null!;
    }

    /// <summary><c>(thread $name (shared (module $m))* command*)</c>.</summary>
    private ThreadCommand ParseThread(int line)
    {
        _p += 2;
        string? name = TryId();
        if (name is null)
        {
            Fail("unexpected token");
        }
        var shared = new List<string>();
        while (AtParenKw("shared"u8))
        {
            _p += 2;
            ExpectLParen();
            if (!IsKw(_p, "module"u8))
            {
                Fail("unexpected token");
            }
            _p++;
            string? id = TryId();
            if (id is null)
            {
                Fail("unexpected token");
            }
            shared.Add(id!);
            ExpectRParen();
            ExpectRParen();
        }
        var commands = new List<WastCommand>();
        while (Cur.Kind == TokenKind.LParen)
        {
            commands.Add(ParseCommand());
        }
        ExpectRParen();
        return new ThreadCommand(line, name!, shared, commands);
    }

    /// <summary>
    /// <c>(module definition? $id? ...)</c> in its text, binary or quote form. Inside an assertion a text module
    /// that fails to encode is recorded, not thrown, so the rest of the script still runs.
    /// </summary>
    private WastModule ParseModule(bool inAssertion)
    {
        if (!AtParenKw("module"u8))
        {
            Fail("unexpected token");
        }
        int open = _p;
        int close = _match[open];
        int line = Line;
        int q = open + 2;
        bool definition = IsKw(q, "definition"u8);
        if (definition)
        {
            q++;
        }
        string? id = _t[q].Kind == TokenKind.Id ? _cursor.IdName(_t[q]) : null;
        if (id is not null)
        {
            q++;
        }
        if (IsKw(q, "quote"u8))
        {
            _p = q + 1;
            var w = new ByteWriter();
            while (Cur.Kind == TokenKind.String)
            {
                StringDecoder.DecodeInto(Text(Cur), w);
                w.WriteByte((byte)' ');
                _p++;
            }
            ExpectRParen();
            return new WastModule { Kind = WastModuleKind.Quote, Line = line, Id = id, IsDefinition = definition, QuoteSource = w.ToArray() };
        }
        bool binary = IsKw(q, "binary"u8);
        var parser = new WatParser(_src, _t, _match, open);
        try
        {
            byte[] bytes = parser.ParseModuleForm(out _, out _, out _);
            _p = parser.Position;
            return new WastModule
            {
                Kind = binary ? WastModuleKind.Binary : WastModuleKind.Text,
                Line = line,
                Id = id,
                IsDefinition = definition,
                Bytes = bytes,
            };
        }
        catch (WasmException e) when (e is WasmMalformedException or WasmInvalidException && inAssertion && close < _t.Length - 1)
        {
            _p = close + 1;
            return new WastModule { Kind = WastModuleKind.Text, Line = line, Id = id, IsDefinition = definition, Error = e };
        }
    }

    /// <summary><c>(invoke $module? "name" const*)</c> or <c>(get $module? "name")</c>.</summary>
    private WastAction ParseAction()
    {
        int line = Line;
        ExpectLParen();
        WastActionKind kind;
        if (IsKw(_p, "invoke"u8))
        {
            kind = WastActionKind.Invoke;
        }
        else if (IsKw(_p, "get"u8))
        {
            kind = WastActionKind.Get;
        }
        else
        {
            Fail("unexpected token");
            return null!;
        }
        _p++;
        string? module = TryId();
        string name = ParseString();
        var args = new List<WastValue>();
        while (Cur.Kind == TokenKind.LParen)
        {
            args.Add(ParseConst());
        }
        ExpectRParen();
        return new WastAction(line, kind, module, name, args);
    }

    /// <summary>An argument: <c>(i32.const n)</c> ... <c>(v128.const shape lanes)</c>, <c>(ref.null ht)</c>, <c>(ref.extern n)</c>, <c>(ref.host n)</c>.</summary>
    private WastValue ParseConst()
    {
        ExpectLParen();
        if (Cur.Kind != TokenKind.Keyword)
        {
            Fail("unexpected token");
        }
        var kw = Text(Cur);
        _p++;
        WastValue v;
        _cursor.Seek(_p);
        if (kw.SequenceEqual("i32.const"u8))
        {
            v = new WastValue(WastValueKind.I32, _cursor.ParseInt(32));
        }
        else if (kw.SequenceEqual("i64.const"u8))
        {
            v = new WastValue(WastValueKind.I64, _cursor.ParseInt(64));
        }
        else if (kw.SequenceEqual("f32.const"u8))
        {
            v = new WastValue(WastValueKind.F32, _cursor.ParseF32());
        }
        else if (kw.SequenceEqual("f64.const"u8))
        {
            v = new WastValue(WastValueKind.F64, _cursor.ParseF64());
        }
        else if (kw.SequenceEqual("v128.const"u8))
        {
            Span<byte> bytes = stackalloc byte[16];
            _cursor.ParseV128(bytes);
            v = new WastValue(WastValueKind.V128, 0, Vector128.Create((ReadOnlySpan<byte>)bytes));
        }
        else if (kw.SequenceEqual("ref.null"u8))
        {
            v = new WastValue(WastValueKind.RefNull, 0, Heap: _cursor.ParseHeapTypeForScript());
        }
        else if (kw.SequenceEqual("ref.extern"u8))
        {
            v = new WastValue(WastValueKind.RefExtern, _cursor.ParseU64());
        }
        else if (kw.SequenceEqual("ref.host"u8))
        {
            v = new WastValue(WastValueKind.RefHost, _cursor.ParseU64());
        }
        else
        {
            _p--;
            Fail("unexpected token");
            return default;
        }
        _p = _cursor.Position;
        ExpectRParen();
        return v;
    }

    /// <summary>An expected result: a constant, a NaN pattern, a v128 with per-lane patterns, a reference pattern, or <c>(either ...)</c>.</summary>
    private WastResult ParseResult()
    {
        ExpectLParen();
        if (Cur.Kind != TokenKind.Keyword)
        {
            Fail("unexpected token");
        }
        var kw = Text(Cur);
        _p++;
        WastResult r;
        _cursor.Seek(_p);
        if (kw.SequenceEqual("either"u8))
        {
            var alts = new List<WastResult>();
            while (Cur.Kind == TokenKind.LParen)
            {
                alts.Add(ParseResult());
            }
            ExpectRParen();
            return new WastResult { Kind = WastResultKind.Either, Alternatives = alts };
        }
        if (kw.SequenceEqual("i32.const"u8))
        {
            r = new WastResult { Kind = WastResultKind.Number, Type = ValKind.I32, Bits = _cursor.ParseInt(32) };
        }
        else if (kw.SequenceEqual("i64.const"u8))
        {
            r = new WastResult { Kind = WastResultKind.Number, Type = ValKind.I64, Bits = _cursor.ParseInt(64) };
        }
        else if (kw.SequenceEqual("f32.const"u8))
        {
            r = ParseFloatPattern(4);
        }
        else if (kw.SequenceEqual("f64.const"u8))
        {
            r = ParseFloatPattern(8);
        }
        else if (kw.SequenceEqual("v128.const"u8))
        {
            if (Cur.Kind != TokenKind.Keyword || !WatParser.TryShape(Text(Cur), out int lanes, out int width, out bool isFloat))
            {
                Fail("unexpected token");
                return null!;
            }
            _p++;
            var list = new List<WastResult>(lanes);
            Span<byte> lane = stackalloc byte[8];
            for (int i = 0; i < lanes; i++)
            {
                if (isFloat)
                {
                    _cursor.Seek(_p);
                    list.Add(ParseFloatPattern(width));
                }
                else
                {
                    _cursor.Seek(_p);
                    lane.Clear();
                    _cursor.ParseLane(lane[..width], width, isFloat: false);
                    _p = _cursor.Position;
                    list.Add(new WastResult
                    {
                        Kind = WastResultKind.Number,
                        Type = width == 8 ? ValKind.I64 : ValKind.I32,
                        Bits = BitConverter.ToUInt64(lane),
                    });
                }
            }
            _cursor.Seek(_p);
            r = new WastResult { Kind = WastResultKind.V128, Type = ValKind.V128, LaneCount = lanes, Lanes = list };
        }
        else if (kw.SequenceEqual("ref.null"u8))
        {
            HeapType? heap = Cur.Kind == TokenKind.RParen ? null : _cursor.ParseHeapTypeForScript();
            r = new WastResult { Kind = WastResultKind.RefNull, Heap = heap };
        }
        else if (kw.SequenceEqual("ref.extern"u8) || kw.SequenceEqual("ref.host"u8))
        {
            bool extern_ = kw.SequenceEqual("ref.extern"u8);
            bool has = Cur.Kind == TokenKind.Number;
            r = new WastResult
            {
                Kind = extern_ ? WastResultKind.RefExtern : WastResultKind.RefHost,
                HasPayload = has,
                Bits = has ? _cursor.ParseU64() : 0,
                Heap = extern_ ? HeapType.Extern : HeapType.Any,
            };
        }
        else if (kw.StartsWith("ref."u8) && RefKind(kw[4..]) is HeapType h)
        {
            r = new WastResult { Kind = WastResultKind.RefKind, Heap = h };
        }
        else
        {
            _p--;
            Fail("unexpected token");
            return null!;
        }
        _p = _cursor.Position;
        ExpectRParen();
        return r;
    }

    private static HeapType? RefKind(ReadOnlySpan<byte> kind) => kind switch
    {
        _ when kind.SequenceEqual("func"u8) => HeapType.Func,
        _ when kind.SequenceEqual("struct"u8) => HeapType.Struct,
        _ when kind.SequenceEqual("array"u8) => HeapType.Array,
        _ when kind.SequenceEqual("eq"u8) => HeapType.Eq,
        _ when kind.SequenceEqual("i31"u8) => HeapType.I31,
        _ when kind.SequenceEqual("any"u8) => HeapType.Any,
        _ when kind.SequenceEqual("exn"u8) => HeapType.Exn,
        _ => null,
    };

    /// <summary>A float or <c>nan:canonical</c> / <c>nan:arithmetic</c> at the cursor.</summary>
    private WastResult ParseFloatPattern(int width)
    {
        var type = width == 4 ? ValKind.F32 : ValKind.F64;
        if (_t[_cursor.Position].Kind == TokenKind.Keyword)
        {
            var kw = Text(_t[_cursor.Position]);
            WastResultKind? k = kw.SequenceEqual("nan:canonical"u8) ? WastResultKind.CanonicalNan
                : kw.SequenceEqual("nan:arithmetic"u8) ? WastResultKind.ArithmeticNan : null;
            if (k is WastResultKind kind)
            {
                _p = _cursor.Position + 1;
                _cursor.Seek(_p);
                return new WastResult { Kind = kind, Type = type };
            }
        }
        ulong bits = width == 4 ? _cursor.ParseF32() : _cursor.ParseF64();
        _p = _cursor.Position;
        return new WastResult { Kind = WastResultKind.Number, Type = type, Bits = bits };
    }
}
