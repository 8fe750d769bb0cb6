using System.Buffers.Binary;
using System.Collections.Frozen;

namespace WasmJit.Text;

/// <summary>
/// Instructions (https://webassembly.github.io/spec/core/text/instructions.html), flat and folded, encoded as
/// they are parsed. A folded plain instruction's opcode and immediates are parsed first but must be emitted after
/// its operands, so they wait on <see cref="_pending"/>, a byte stack. Names, immediate kinds and encodings come
/// from <see cref="OpcodeTable"/>; only the structured instructions (block, if, try...) are handled by name here.
/// </summary>
internal sealed partial class WatParser
{
    private static readonly FrozenDictionary<string, Opcode>.AlternateLookup<ReadOnlySpan<char>> s_opByName =
        OpcodeTable.ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Opcode OpBlock = OpcodeTable.ByName["block"];
    private static readonly Opcode OpLoop = OpcodeTable.ByName["loop"];
    private static readonly Opcode OpIf = OpcodeTable.ByName["if"];
    private static readonly Opcode OpElse = OpcodeTable.ByName["else"];
    private static readonly Opcode OpEnd = OpcodeTable.ByName["end"];
    private static readonly Opcode OpTry = OpcodeTable.ByName["try"];
    private static readonly Opcode OpCatch = OpcodeTable.ByName["catch"];
    private static readonly Opcode OpCatchAll = OpcodeTable.ByName["catch_all"];
    private static readonly Opcode OpDelegate = OpcodeTable.ByName["delegate"];
    private static readonly Opcode OpTryTable = OpcodeTable.ByName["try_table"];
    private static readonly Opcode OpSelect = OpcodeTable.ByName["select"];
    private static readonly Opcode OpSelectT = OpcodeTable.ByName["select_t"];
    private static readonly Opcode OpRefTest = OpcodeTable.ByName["ref.test"];
    private static readonly Opcode OpRefTestNull = OpcodeTable.ByName["ref.test_null"];
    private static readonly Opcode OpRefCast = OpcodeTable.ByName["ref.cast"];
    private static readonly Opcode OpRefCastNull = OpcodeTable.ByName["ref.cast_null"];

    /// <summary>Keywords of the text format that are not instructions: misplaced, they are "unexpected", not "unknown".</summary>
    private static readonly FrozenSet<string> s_syntaxKeywords = FrozenSet.ToFrozenSet(
    [
        "module", "func", "param", "result", "local", "type", "import", "export", "table", "memory", "global",
        "elem", "data", "start", "offset", "item", "then", "do", "mut", "ref", "null", "field", "struct", "array",
        "sub", "final", "rec", "declare", "tag", "shared", "i32", "i64", "f32", "f64", "v128", "i8", "i16",
        "funcref", "externref", "anyref", "eqref", "i31ref", "structref", "arrayref", "exnref", "nullref",
        "nullfuncref", "nullexternref", "nullexnref", "binary", "quote", "definition", "instance",
        "extern", "any", "eq", "i31", "exn", "none", "nofunc", "noextern", "noexn", "unshared", "pagesize",
        "catch_ref", "catch_all_ref", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2",
        "nan:canonical", "nan:arithmetic", "assert_return", "assert_trap", "assert_exhaustion", "assert_exception",
        "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable", "assert_malformed_custom",
        "assert_invalid_custom", "invoke", "get", "register", "either", "thread", "wait", "ref.extern", "ref.host",
        "script", "input", "output",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_syntaxLookup =
        s_syntaxKeywords.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly ByteWriter _pending = new();
    private readonly List<string?> _labels = [];
    private readonly List<uint> _scratchLabels = [];
    private Dictionary<string, int>? _localIndex;

    private static bool TryLookupOp(ReadOnlySpan<byte> kw, out Opcode op)
    {
        if (kw.Length > 64)
        {
            op = default;
            return false;
        }
        Span<char> buf = stackalloc char[kw.Length];
        for (int i = 0; i < kw.Length; i++)
        {
            buf[i] = (char)kw[i];
        }
        if (!s_opByName.TryGetValue(buf, out op))
        {
            return false;
        }
        // Internal spellings for encodings the text format writes the same way.
        return op != OpSelectT && op != OpRefTestNull && op != OpRefCastNull;
    }

    /// <summary>
    /// Is this a keyword of the text format at all? The reference lexer rejects any other keyword as an
    /// "unknown operator", wherever it appears; a known keyword in the wrong place is an "unexpected token".
    /// </summary>
    internal static bool IsKnownKeyword(ReadOnlySpan<byte> kw) =>
        IsSyntaxKeyword(kw) || TryLookupOp(kw, out _) || kw.StartsWith("offset="u8) || kw.StartsWith("align="u8);

    private static bool IsSyntaxKeyword(ReadOnlySpan<byte> kw)
    {
        if (kw.Length > 64)
        {
            return false;
        }
        Span<char> buf = stackalloc char[kw.Length];
        for (int i = 0; i < kw.Length; i++)
        {
            buf[i] = (char)kw[i];
        }
        return s_syntaxLookup.Contains(buf);
    }

    private static void EmitOp(ByteWriter w, Opcode op)
    {
        ref readonly var info = ref OpcodeTable.Info(op);
        if (info.Prefix != 0)
        {
            w.WriteByte(info.Prefix);
            w.WriteU32(info.Code);
        }
        else
        {
            w.WriteByte((byte)info.Code);
        }
    }

    /// <summary>The current keyword as an instruction, or a malformed error.</summary>
    private Opcode ExpectOp()
    {
        if (Cur.Kind != TokenKind.Keyword)
        {
            Fail(Cur.Kind == TokenKind.Eof ? "unexpected end of input" : "unexpected token");
        }
        var kw = Text(Cur);
        if (!TryLookupOp(kw, out var op))
        {
            Fail("unexpected token");
        }
        return op;
    }

    /// <summary>Instructions up to a ')' or a keyword that ends a block (end, else, catch, catch_all, delegate).</summary>
    private void ParseInstrList(ByteWriter w)
    {
        while (true)
        {
            var kind = Cur.Kind;
            if (kind == TokenKind.LParen)
            {
                ParseFolded(w);
            }
            else if (kind == TokenKind.Keyword)
            {
                var op = ExpectOp();
                if (op == OpEnd || op == OpElse || op == OpCatch || op == OpCatchAll || op == OpDelegate)
                {
                    return;
                }
                RecordHint(HintAt(_p), op, w.Length);
                if (op == OpBlock || op == OpLoop || op == OpIf || op == OpTry || op == OpTryTable)
                {
                    ParseFlatBlock(w, op);
                }
                else
                {
                    ParsePlain(w, op);
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>A constant expression or other expression ending in ')': instructions then <c>end</c>.</summary>
    private void ParseExpr(ByteWriter w)
    {
        var savedLocals = _localIndex;
        _localIndex = null;
        _labels.Clear();
        ParseInstrList(w);
        if (Cur.Kind != TokenKind.RParen)
        {
            Fail("unexpected token");
        }
        w.WriteByte(0x0B);
        _localIndex = savedLocals;
    }

    private void ParseFolded(ByteWriter w)
    {
        int hint = HintAt(_p);
        _p++;
        var op = ExpectOp();
        if (op == OpBlock || op == OpLoop)
        {
            RecordHint(hint, op, w.Length);
            _p++;
            string? label = TryId();
            EmitOp(w, op);
            ParseBlockType(w);
            _labels.Add(label);
            ParseInstrList(w);
            _labels.RemoveAt(_labels.Count - 1);
            EmitOp(w, OpEnd);
        }
        else if (op == OpIf)
        {
            _p++;
            string? label = TryId();
            int mark = _pending.Length;
            EmitOp(_pending, OpIf);
            ParseBlockType(_pending);
            while (Cur.Kind == TokenKind.LParen && !AtParenKw("then"u8))
            {
                ParseFolded(w);
            }
            RecordHint(hint, op, w.Length);
            w.WriteBytes(_pending.Slice(mark));
            _pending.Truncate(mark);
            _labels.Add(label);
            if (!TryParenKw("then"u8))
            {
                Fail("unexpected token");
            }
            ParseInstrList(w);
            ExpectRParen();
            if (TryParenKw("else"u8))
            {
                EmitOp(w, OpElse);
                ParseInstrList(w);
                ExpectRParen();
            }
            _labels.RemoveAt(_labels.Count - 1);
            EmitOp(w, OpEnd);
        }
        else if (op == OpTryTable)
        {
            RecordHint(hint, op, w.Length);
            _p++;
            string? label = TryId();
            EmitOp(w, op);
            ParseBlockType(w);
            ParseCatchClauses(w);
            _labels.Add(label);
            ParseInstrList(w);
            _labels.RemoveAt(_labels.Count - 1);
            EmitOp(w, OpEnd);
        }
        else if (op == OpTry)
        {
            RecordHint(hint, op, w.Length);
            ParseFoldedLegacyTry(w);
        }
        else if (op == OpEnd || op == OpElse || op == OpCatch || op == OpCatchAll || op == OpDelegate)
        {
            Fail("unexpected token");
        }
        else
        {
            int mark = _pending.Length;
            ParsePlain(_pending, op);
            while (Cur.Kind == TokenKind.LParen)
            {
                ParseFolded(w);
            }
            RecordHint(hint, op, w.Length);
            w.WriteBytes(_pending.Slice(mark));
            _pending.Truncate(mark);
        }
        ExpectRParen();
    }

    /// <summary><c>(try $l? bt (do instr*) (catch x instr*)* (catch_all instr*)?)</c> or with <c>(delegate l)</c>.</summary>
    private void ParseFoldedLegacyTry(ByteWriter w)
    {
        _p++;
        string? label = TryId();
        EmitOp(w, OpTry);
        ParseBlockType(w);
        _labels.Add(label);
        if (!TryParenKw("do"u8))
        {
            Fail("unexpected token");
        }
        ParseInstrList(w);
        ExpectRParen();
        if (TryParenKw("delegate"u8))
        {
            _labels.RemoveAt(_labels.Count - 1);
            EmitOp(w, OpDelegate);
            w.WriteU32(ParseLabel());
            ExpectRParen();
            return;
        }
        while (AtParenKw("catch"u8))
        {
            _p += 2;
            EmitOp(w, OpCatch);
            w.WriteU32(ResolveIndex(_tags));
            ParseInstrList(w);
            ExpectRParen();
        }
        if (TryParenKw("catch_all"u8))
        {
            EmitOp(w, OpCatchAll);
            ParseInstrList(w);
            ExpectRParen();
        }
        _labels.RemoveAt(_labels.Count - 1);
        EmitOp(w, OpEnd);
    }

    /// <summary>try_table's <c>(catch x l)</c>, <c>(catch_ref x l)</c>, <c>(catch_all l)</c>, <c>(catch_all_ref l)</c>.</summary>
    private void ParseCatchClauses(ByteWriter w)
    {
        int count = 0;
        int mark = _pending.Length;
        while (Cur.Kind == TokenKind.LParen)
        {
            byte kind;
            if (AtParenKw("catch"u8))
            {
                kind = 0;
            }
            else if (AtParenKw("catch_ref"u8))
            {
                kind = 1;
            }
            else if (AtParenKw("catch_all"u8))
            {
                kind = 2;
            }
            else if (AtParenKw("catch_all_ref"u8))
            {
                kind = 3;
            }
            else
            {
                break;
            }
            _p += 2;
            _pending.WriteByte(kind);
            if (kind < 2)
            {
                _pending.WriteU32(ResolveIndex(_tags));
            }
            _pending.WriteU32(ParseLabel());
            ExpectRParen();
            count++;
        }
        w.WriteU32((uint)count);
        w.WriteBytes(_pending.Slice(mark));
        _pending.Truncate(mark);
    }

    /// <summary>Flat structured instructions: <c>block ... end</c>, <c>if ... else ... end</c>, try_table, legacy try.</summary>
    private void ParseFlatBlock(ByteWriter w, Opcode op)
    {
        _p++;
        string? label = TryId();
        EmitOp(w, op);
        ParseBlockType(w);
        if (op == OpTryTable)
        {
            ParseCatchClauses(w);
        }
        _labels.Add(label);
        ParseInstrList(w);
        if (op == OpIf && AtKw("else"u8))
        {
            _p++;
            CheckEndLabel(label);
            EmitOp(w, OpElse);
            ParseInstrList(w);
        }
        if (op == OpTry)
        {
            while (AtKw("catch"u8))
            {
                _p++;
                EmitOp(w, OpCatch);
                w.WriteU32(ResolveIndex(_tags));
                ParseInstrList(w);
            }
            if (AtKw("catch_all"u8))
            {
                _p++;
                EmitOp(w, OpCatchAll);
                ParseInstrList(w);
            }
            if (AtKw("delegate"u8))
            {
                _p++;
                _labels.RemoveAt(_labels.Count - 1);
                EmitOp(w, OpDelegate);
                w.WriteU32(ParseLabel());
                return;
            }
        }
        if (!AtKw("end"u8))
        {
            Fail(Cur.Kind == TokenKind.Eof ? "unexpected end of input" : "unexpected token");
        }
        _p++;
        CheckEndLabel(label);
        _labels.RemoveAt(_labels.Count - 1);
        EmitOp(w, OpEnd);
    }

    /// <summary>The optional id after <c>end</c> or <c>else</c> must repeat the block's label.</summary>
    private void CheckEndLabel(string? label)
    {
        if (Cur.Kind != TokenKind.Id)
        {
            return;
        }
        string name = IdName(Cur);
        if (label is null || name != label)
        {
            Fail("mismatching label");
        }
        _p++;
    }

    private uint ParseLabel()
    {
        if (Cur.Kind == TokenKind.Id)
        {
            string name = IdName(Cur);
            for (int i = _labels.Count - 1; i >= 0; i--)
            {
                if (_labels[i] == name)
                {
                    _p++;
                    return (uint)(_labels.Count - 1 - i);
                }
            }
            Fail("unknown label");
        }
        return (uint)ParseU32();
    }

    private uint ResolveIndex(NameSpace space)
    {
        if (Cur.Kind == TokenKind.Id)
        {
            if (!space.TryGet(IdName(Cur), out int i))
            {
                Fail("unknown " + space.Kind);
            }
            _p++;
            return (uint)i;
        }
        return (uint)ParseU32();
    }

    private uint ResolveLocal()
    {
        if (Cur.Kind == TokenKind.Id)
        {
            if (_localIndex is null || !_localIndex.TryGetValue(IdName(Cur), out int i))
            {
                throw Error("unknown local");
            }
            _p++;
            return (uint)i;
        }
        return (uint)ParseU32();
    }

    private bool NextIsIndex => _t[_p + 1].Kind == TokenKind.Id
        || (_t[_p + 1].Kind == TokenKind.Number && NumberSyntax.IsInteger(Text(_t[_p + 1])));

    /// <summary>A plain instruction at its keyword: opcode and immediates.</summary>
    private void ParsePlain(ByteWriter w, Opcode op)
    {
        _p++;
        ref readonly var info = ref OpcodeTable.Info(op);
        switch (info.Imm)
        {
            case ImmKind.None:
                if (op == OpSelect && AtParenKw("result"u8))
                {
                    var types = new List<ValType>();
                    while (TryParenKw("result"u8))
                    {
                        while (Cur.Kind != TokenKind.RParen)
                        {
                            types.Add(ParseValType());
                        }
                        ExpectRParen();
                    }
                    EmitOp(w, OpSelectT);
                    WriteTypes(w, [.. types]);
                    return;
                }
                EmitOp(w, op);
                return;
            case ImmKind.Heaptype:
                if (op == OpRefTest || op == OpRefCast)
                {
                    var rt = ParseRefType();
                    EmitOp(w, rt.Nullable ? (op == OpRefTest ? OpRefTestNull : OpRefCastNull) : op);
                    WriteHeapType(w, rt.Heap);
                    return;
                }
                EmitOp(w, op);
                WriteHeapType(w, ParseHeapType());
                return;
            case ImmKind.Callindirect:
                {
                    EmitOp(w, op);
                    uint table = AtIndex ? ResolveIndex(_tables) : 0;
                    uint type = ParseTypeUse(out _, out _, null, allowNames: false);
                    w.WriteU32(type);
                    w.WriteU32(table);
                    return;
                }
            case ImmKind.Broncast:
                {
                    EmitOp(w, op);
                    uint label = ParseLabel();
                    var t1 = ParseRefType();
                    var t2 = ParseRefType();
                    w.WriteByte((byte)((t1.Nullable ? 1 : 0) | (t2.Nullable ? 2 : 0)));
                    w.WriteU32(label);
                    WriteHeapType(w, t1.Heap);
                    WriteHeapType(w, t2.Heap);
                    return;
                }
        }
        EmitOp(w, op);
        switch (info.Imm)
        {
            case ImmKind.Label:
                w.WriteU32(ParseLabel());
                break;
            case ImmKind.Brtable:
                {
                    var list = _scratchLabels;
                    list.Clear();
                    while (AtIndex)
                    {
                        list.Add(ParseLabel());
                    }
                    if (list.Count == 0)
                    {
                        Fail("unexpected token");
                    }
                    w.WriteU32((uint)(list.Count - 1));
                    foreach (uint l in list)
                    {
                        w.WriteU32(l);
                    }
                    break;
                }
            case ImmKind.Func:
                w.WriteU32(ResolveIndex(_funcs));
                break;
            case ImmKind.Type:
                w.WriteU32(TypeIndex());
                break;
            case ImmKind.Local:
                w.WriteU32(ResolveLocal());
                break;
            case ImmKind.Global:
                w.WriteU32(ResolveIndex(_globals));
                break;
            case ImmKind.Table:
                w.WriteU32(AtIndex ? ResolveIndex(_tables) : 0);
                break;
            case ImmKind.Mem:
                w.WriteU32(AtIndex ? ResolveIndex(_mems) : 0);
                break;
            case ImmKind.Elem:
                w.WriteU32(ResolveIndex(_elems));
                break;
            case ImmKind.Data:
                _needDataCount = true;
                w.WriteU32(ResolveIndex(_datas));
                break;
            case ImmKind.Tag:
                w.WriteU32(ResolveIndex(_tags));
                break;
            case ImmKind.Memarg:
                ParseMemarg(w, info.NaturalAlignLog2, laneFollows: false);
                break;
            case ImmKind.Memarglane:
                ParseMemarg(w, info.NaturalAlignLog2, laneFollows: true);
                w.WriteByte(ParseLaneIndex());
                break;
            case ImmKind.Lane:
                w.WriteByte(ParseLaneIndex());
                break;
            case ImmKind.I32:
                w.WriteS32((int)(uint)ParseInt(32));
                break;
            case ImmKind.I64:
                w.WriteS64((long)ParseInt(64));
                break;
            case ImmKind.F32:
                w.WriteF32Bits(ParseF32());
                break;
            case ImmKind.F64:
                w.WriteF64Bits(ParseF64());
                break;
            case ImmKind.V128:
                {
                    Span<byte> v = stackalloc byte[16];
                    ParseV128(v);
                    w.WriteBytes(v);
                    break;
                }
            case ImmKind.Shuffle:
                for (int i = 0; i < 16; i++)
                {
                    if (Cur.Kind != TokenKind.Number)
                    {
                        Fail("invalid lane length");
                    }
                    if (!NumberSyntax.TryParseUnsigned(Text(Cur), out ulong lane) || lane > 255)
                    {
                        Fail("i8 constant out of range");
                    }
                    _p++;
                    w.WriteByte((byte)lane);
                }
                if (Cur.Kind == TokenKind.Number)
                {
                    Fail("invalid lane length");
                }
                break;
            case ImmKind.Tabletable:
                if (AtIndex)
                {
                    w.WriteU32(ResolveIndex(_tables));
                    w.WriteU32(ResolveIndex(_tables));
                }
                else
                {
                    w.WriteU32(0);
                    w.WriteU32(0);
                }
                break;
            case ImmKind.Memmem:
                if (AtIndex)
                {
                    w.WriteU32(ResolveIndex(_mems));
                    w.WriteU32(ResolveIndex(_mems));
                }
                else
                {
                    w.WriteU32(0);
                    w.WriteU32(0);
                }
                break;
            case ImmKind.Elemtable:
                {
                    uint table = 0;
                    if (NextIsIndex)
                    {
                        table = ResolveIndex(_tables);
                    }
                    w.WriteU32(ResolveIndex(_elems));
                    w.WriteU32(table);
                    break;
                }
            case ImmKind.Datamem:
                {
                    _needDataCount = true;
                    uint mem = 0;
                    if (NextIsIndex)
                    {
                        mem = ResolveIndex(_mems);
                    }
                    w.WriteU32(ResolveIndex(_datas));
                    w.WriteU32(mem);
                    break;
                }
            case ImmKind.Typefield:
                {
                    uint type = TypeIndex();
                    w.WriteU32(type);
                    if (Cur.Kind == TokenKind.Id)
                    {
                        var names = type < _typeDefs.Count ? _typeDefs[(int)type].FieldNames : null;
                        if (names is null || !names.TryGetValue(IdName(Cur), out int field))
                        {
                            throw Error("unknown field");
                        }
                        _p++;
                        w.WriteU32((uint)field);
                    }
                    else
                    {
                        w.WriteU32((uint)ParseU32());
                    }
                    break;
                }
            case ImmKind.Typecount:
                w.WriteU32(TypeIndex());
                w.WriteU32((uint)ParseU32());
                break;
            case ImmKind.Typedata:
                _needDataCount = true;
                w.WriteU32(TypeIndex());
                w.WriteU32(ResolveIndex(_datas));
                break;
            case ImmKind.Typeelem:
                w.WriteU32(TypeIndex());
                w.WriteU32(ResolveIndex(_elems));
                break;
            case ImmKind.Typetype:
                w.WriteU32(TypeIndex());
                w.WriteU32(TypeIndex());
                break;
            case ImmKind.Fence:
                w.WriteByte(0);
                break;
            default:
                Fail("unexpected token");
                break;
        }
    }

    /// <summary><c>memidx? offset=n? align=n?</c>. A number before a lane index is the memory only if another number follows.</summary>
    private void ParseMemarg(ByteWriter w, int naturalAlign, bool laneFollows)
    {
        uint mem = 0;
        if (Cur.Kind == TokenKind.Id)
        {
            mem = ResolveIndex(_mems);
        }
        else if (Cur.Kind == TokenKind.Number && NumberSyntax.IsInteger(Text(Cur))
            && (!laneFollows || _t[_p + 1].Kind == TokenKind.Number || IsMemargKeyword(_p + 1)))
        {
            mem = ResolveIndex(_mems);
        }
        ulong offset = 0;
        int align = naturalAlign < 0 ? 0 : naturalAlign;
        if (Cur.Kind == TokenKind.Keyword && Text(Cur).StartsWith("offset="u8))
        {
            if (!NumberSyntax.TryParseUnsigned(Text(Cur)[7..], out offset))
            {
                Fail(IsUnsignedInteger(Text(Cur)[7..]) ? "i64 constant out of range" : "unknown operator");
            }
            _p++;
        }
        if (Cur.Kind == TokenKind.Keyword && Text(Cur).StartsWith("align="u8))
        {
            if (!NumberSyntax.TryParseUnsigned(Text(Cur)[6..], out ulong a))
            {
                Fail(IsUnsignedInteger(Text(Cur)[6..]) ? "i64 constant out of range" : "unknown operator");
            }
            if (a == 0 || (a & (a - 1)) != 0)
            {
                Fail("alignment must be a power of two");
            }
            align = System.Numerics.BitOperations.Log2(a);
            _p++;
        }
        if (mem != 0)
        {
            w.WriteU32((uint)align | 0x40);
            w.WriteU32(mem);
        }
        else
        {
            w.WriteU32((uint)align);
        }
        w.WriteU64(offset);
    }

    private static bool IsUnsignedInteger(ReadOnlySpan<byte> s) =>
        s.Length > 0 && s[0] is not ((byte)'+' or (byte)'-') && NumberSyntax.IsNumber(s) && NumberSyntax.IsInteger(s);

    private bool IsMemargKeyword(int i) =>
        _t[i].Kind == TokenKind.Keyword && (Text(_t[i]).StartsWith("offset="u8) || Text(_t[i]).StartsWith("align="u8));

    private byte ParseLaneIndex()
    {
        if (Cur.Kind != TokenKind.Number || !NumberSyntax.IsInteger(Text(Cur)) || Text(Cur)[0] is (byte)'-' or (byte)'+')
        {
            Fail("unexpected token");
        }
        if (!NumberSyntax.TryParseUnsigned(Text(Cur), out ulong v) || v > 255)
        {
            Fail("i8 constant out of range");
        }
        _p++;
        return (byte)v;
    }

    /// <summary>An N-bit integer literal (signed or unsigned interpretation), as bits.</summary>
    internal ulong ParseInt(int bits)
    {
        if (Cur.Kind != TokenKind.Number || !NumberSyntax.IsInteger(Text(Cur)))
        {
            Fail("unexpected token");
        }
        if (!NumberSyntax.TryParseIntN(Text(Cur), bits, out ulong v))
        {
            Fail($"i{bits} constant out of range");
        }
        _p++;
        return v;
    }

    internal uint ParseF32()
    {
        if (Cur.Kind != TokenKind.Number)
        {
            Fail("unexpected token");
        }
        if (!NumberSyntax.TryParseF32(Text(Cur), out uint bits))
        {
            Fail("constant out of range");
        }
        _p++;
        return bits;
    }

    internal ulong ParseF64()
    {
        if (Cur.Kind != TokenKind.Number)
        {
            Fail("unexpected token");
        }
        if (!NumberSyntax.TryParseF64(Text(Cur), out ulong bits))
        {
            Fail("constant out of range");
        }
        _p++;
        return bits;
    }

    /// <summary>Lane shape keyword of <c>v128.const</c>: lane count and lane width in bytes; false if not a shape.</summary>
    internal static bool TryShape(ReadOnlySpan<byte> kw, out int lanes, out int width, out bool isFloat)
    {
        (lanes, width, isFloat) = kw switch
        {
            _ when kw.SequenceEqual("i8x16"u8) => (16, 1, false),
            _ when kw.SequenceEqual("i16x8"u8) => (8, 2, false),
            _ when kw.SequenceEqual("i32x4"u8) => (4, 4, false),
            _ when kw.SequenceEqual("i64x2"u8) => (2, 8, false),
            _ when kw.SequenceEqual("f32x4"u8) => (4, 4, true),
            _ when kw.SequenceEqual("f64x2"u8) => (2, 8, true),
            _ => (0, 0, false),
        };
        return lanes != 0;
    }

    /// <summary><c>shape lane*</c> of v128.const, into 16 little-endian bytes.</summary>
    internal void ParseV128(Span<byte> v)
    {
        if (Cur.Kind != TokenKind.Keyword || !TryShape(Text(Cur), out int lanes, out int width, out bool isFloat))
        {
            throw Error("unexpected token");
        }
        _p++;
        // The count is checked before the values, as the reference interpreter does.
        int n = 0;
        while (_t[_p + n].Kind is TokenKind.Number or TokenKind.Keyword)
        {
            n++;
        }
        if (n != lanes && (n < lanes || _t[_p + lanes].Kind == TokenKind.Number))
        {
            FailAt(_p + Math.Min(n, lanes), "wrong number of lane literals");
        }
        for (int i = 0; i < lanes; i++)
        {
            ParseLane(v.Slice(i * width, width), width, isFloat);
        }
    }

    internal void ParseLane(Span<byte> dest, int width, bool isFloat)
    {
        if (isFloat)
        {
            if (width == 4)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(dest, ParseF32());
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(dest, ParseF64());
            }
            return;
        }
        if (Cur.Kind != TokenKind.Number || !NumberSyntax.IsInteger(Text(Cur)))
        {
            Fail("unexpected token");
        }
        if (!NumberSyntax.TryParseIntN(Text(Cur), width * 8, out ulong bits))
        {
            Fail("constant out of range");
        }
        _p++;
        switch (width)
        {
            case 1: dest[0] = (byte)bits; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(dest, (ushort)bits); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(dest, (uint)bits); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(dest, bits); break;
        }
    }
}
