namespace WasmJit.Text;

/// <summary>
/// Types (https://webassembly.github.io/spec/core/text/types.html): value, heap and reference types with every
/// shorthand, function/struct/array types, sub/final, rec groups, and type uses with implicit types
/// (https://webassembly.github.io/spec/core/text/modules.html#type-uses).
/// </summary>
internal sealed partial class WatParser
{
    /// <summary>What later passes need to know about one type definition.</summary>
    private sealed class TypeDef
    {
        public CompositeKind Kind;
        public ValType[] Params = [];
        public ValType[] Results = [];

        /// <summary>A singleton rec group holding a final function type with no supertypes: implicit type uses may reuse it.</summary>
        public bool Plain;
        public Dictionary<string, int>? FieldNames;
    }

    private readonly List<TypeDef> _typeDefs = [];
    private int _explicitTypeCount;

    private static readonly ValType[] s_noTypes = [];

    private void ParseTypeField()
    {
        _typeEntries++;
        var def = ParseTypeDef(_typeSec, inRecGroup: false);
        _typeDefs.Add(def);
    }

    private void ParseRecField()
    {
        _p += 2;
        _typeEntries++;
        int countAt = _p;
        var group = new ByteWriter();
        int n = 0;
        var defs = new List<TypeDef>();
        while (AtParenKw("type"u8))
        {
            defs.Add(ParseTypeDef(group, inRecGroup: true));
            n++;
        }
        ExpectRParen();
        _ = countAt;
        _typeSec.WriteByte(0x4E);
        _typeSec.WriteU32((uint)n);
        _typeSec.WriteBytes(group.Span);
        if (n != 1)
        {
            // (rec (type ...)) with one type is the same recursive type as a bare (type ...); larger groups never match.
            foreach (var d in defs)
            {
                d.Plain = false;
            }
        }
        _typeDefs.AddRange(defs);
    }

    /// <summary><c>(type $id? subtype)</c>, where subtype is <c>(sub final? idx* comptype)</c> or a bare comptype.</summary>
    private TypeDef ParseTypeDef(ByteWriter w, bool inRecGroup)
    {
        _p += 2;
        TryId();
        var def = new TypeDef();
        if (TryParenKw("sub"u8))
        {
            bool final = false;
            if (AtKw("final"u8))
            {
                final = true;
                _p++;
            }
            var supers = new List<uint>();
            while (AtIndex)
            {
                supers.Add(TypeIndex());
            }
            w.WriteByte(final ? (byte)0x4F : (byte)0x50);
            w.WriteU32((uint)supers.Count);
            foreach (uint s in supers)
            {
                w.WriteU32(s);
            }
            ParseCompType(w, def);
            ExpectRParen();
            def.Plain = def.Kind == CompositeKind.Func && final && supers.Count == 0;
        }
        else
        {
            ParseCompType(w, def);
            def.Plain = def.Kind == CompositeKind.Func;
        }
        _ = inRecGroup;
        ExpectRParen();
        return def;
    }

    private void ParseCompType(ByteWriter w, TypeDef def)
    {
        ExpectLParen();
        if (AtKw("func"u8))
        {
            _p++;
            def.Kind = CompositeKind.Func;
            ParseParamsResults(out def.Params, out def.Results, null, allowNames: true);
            w.WriteByte(0x60);
            WriteTypes(w, def.Params);
            WriteTypes(w, def.Results);
        }
        else if (AtKw("struct"u8))
        {
            _p++;
            def.Kind = CompositeKind.Struct;
            var fields = new ByteWriter();
            int n = 0;
            while (TryParenKw("field"u8))
            {
                if (Cur.Kind == TokenKind.Id)
                {
                    int at = _p;
                    string name = TryId()!;
                    def.FieldNames ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    if (!def.FieldNames.TryAdd(name, n))
                    {
                        FailAt(at, "duplicate field");
                    }
                    ParseFieldType(fields);
                    n++;
                }
                else
                {
                    while (Cur.Kind != TokenKind.RParen)
                    {
                        ParseFieldType(fields);
                        n++;
                    }
                }
                ExpectRParen();
            }
            w.WriteByte(0x5F);
            w.WriteU32((uint)n);
            w.WriteBytes(fields.Span);
        }
        else if (AtKw("array"u8))
        {
            _p++;
            def.Kind = CompositeKind.Array;
            w.WriteByte(0x5E);
            ParseFieldType(w);
        }
        else
        {
            Fail("unexpected token");
        }
        ExpectRParen();
    }

    /// <summary><c>storagetype</c> or <c>(mut storagetype)</c>.</summary>
    private void ParseFieldType(ByteWriter w)
    {
        bool mutable = TryParenKw("mut"u8);
        var t = ParseStorageType();
        WriteValType(w, t);
        w.WriteByte(mutable ? (byte)1 : (byte)0);
        if (mutable)
        {
            ExpectRParen();
        }
    }

    private ValType ParseStorageType()
    {
        if (AtKw("i8"u8))
        {
            _p++;
            return ValType.I8;
        }
        if (AtKw("i16"u8))
        {
            _p++;
            return ValType.I16;
        }
        return ParseValType();
    }

    /// <summary>Is the current token the start of a value type?</summary>
    private bool AtValType()
    {
        if (AtParenKw("ref"u8))
        {
            return true;
        }
        return Cur.Kind == TokenKind.Keyword && TryValTypeKeyword(Text(Cur), out _);
    }

    private static bool TryValTypeKeyword(ReadOnlySpan<byte> kw, out ValType t)
    {
        switch (kw.Length)
        {
            case 3:
                if (kw.SequenceEqual("i32"u8)) { t = ValType.I32; return true; }
                if (kw.SequenceEqual("i64"u8)) { t = ValType.I64; return true; }
                if (kw.SequenceEqual("f32"u8)) { t = ValType.F32; return true; }
                if (kw.SequenceEqual("f64"u8)) { t = ValType.F64; return true; }
                break;
            case 4:
                if (kw.SequenceEqual("v128"u8)) { t = ValType.V128; return true; }
                break;
        }
        if (kw.EndsWith("ref"u8) && TryAbstractHeap(kw[..^3], out var heap))
        {
            // funcref, externref, anyref, eqref, i31ref, structref, arrayref, exnref.
            t = ValType.Ref(heap, true);
            return heap.Code is not (HeapType.NoneCode or HeapType.NoFuncCode or HeapType.NoExternCode or HeapType.NoExnCode);
        }
        if (kw.StartsWith("null"u8) && kw.EndsWith("ref"u8) && kw.Length > 7)
        {
            // nullref, nullfuncref, nullexternref, nullexnref.
            var mid = kw[4..^3];
            HeapType h = mid.Length == 0 ? HeapType.None
                : mid.SequenceEqual("func"u8) ? HeapType.NoFunc
                : mid.SequenceEqual("extern"u8) ? HeapType.NoExtern
                : mid.SequenceEqual("exn"u8) ? HeapType.NoExn
                : default;
            if (h.Code < 0)
            {
                t = ValType.Ref(h, true);
                return true;
            }
        }
        if (kw.SequenceEqual("nullref"u8))
        {
            t = ValType.Ref(HeapType.None, true);
            return true;
        }
        t = default;
        return false;
    }

    private static bool TryAbstractHeap(ReadOnlySpan<byte> kw, out HeapType h)
    {
        h = kw switch
        {
            _ when kw.SequenceEqual("func"u8) => HeapType.Func,
            _ when kw.SequenceEqual("extern"u8) => HeapType.Extern,
            _ when kw.SequenceEqual("any"u8) => HeapType.Any,
            _ when kw.SequenceEqual("eq"u8) => HeapType.Eq,
            _ when kw.SequenceEqual("i31"u8) => HeapType.I31,
            _ when kw.SequenceEqual("struct"u8) => HeapType.Struct,
            _ when kw.SequenceEqual("array"u8) => HeapType.Array,
            _ when kw.SequenceEqual("exn"u8) => HeapType.Exn,
            _ when kw.SequenceEqual("none"u8) => HeapType.None,
            _ when kw.SequenceEqual("nofunc"u8) => HeapType.NoFunc,
            _ when kw.SequenceEqual("noextern"u8) => HeapType.NoExtern,
            _ when kw.SequenceEqual("noexn"u8) => HeapType.NoExn,
            _ => new HeapType(1),
        };
        return h.Code < 0;
    }

    private ValType ParseValType()
    {
        if (TryParenKw("ref"u8))
        {
            bool nullable = false;
            if (AtKw("null"u8))
            {
                nullable = true;
                _p++;
            }
            var heap = ParseHeapType();
            ExpectRParen();
            return ValType.Ref(heap, nullable);
        }
        if (Cur.Kind == TokenKind.Keyword && TryValTypeKeyword(Text(Cur), out var t))
        {
            _p++;
            return t;
        }
        Fail("unexpected token");
        return default;
    }

    /// <summary>A reference type: the shorthands or <c>(ref null? heaptype)</c>.</summary>
    private ValType ParseRefType()
    {
        var t = ParseValType();
        if (!t.IsRef)
        {
            FailAt(_p - 1, "unexpected token");
        }
        return t;
    }

    private HeapType ParseHeapType()
    {
        if (Cur.Kind == TokenKind.Keyword && TryAbstractHeap(Text(Cur), out var h))
        {
            _p++;
            return h;
        }
        if (AtIndex)
        {
            return HeapType.Index((int)TypeIndex());
        }
        Fail("unexpected token");
        return default;
    }

    private static void WriteTypes(ByteWriter w, ValType[] types)
    {
        w.WriteU32((uint)types.Length);
        foreach (var t in types)
        {
            WriteValType(w, t);
        }
    }

    internal static void WriteValType(ByteWriter w, ValType t)
    {
        switch (t.Kind)
        {
            case ValKind.I32: w.WriteByte(0x7F); return;
            case ValKind.I64: w.WriteByte(0x7E); return;
            case ValKind.F32: w.WriteByte(0x7D); return;
            case ValKind.F64: w.WriteByte(0x7C); return;
            case ValKind.V128: w.WriteByte(0x7B); return;
            case ValKind.I8: w.WriteByte(0x78); return;
            case ValKind.I16: w.WriteByte(0x77); return;
        }
        if (t.Nullable && t.Heap.IsAbstract)
        {
            w.WriteByte((byte)(t.Heap.Code & 0x7F));
            return;
        }
        w.WriteByte(t.Nullable ? (byte)0x63 : (byte)0x64);
        WriteHeapType(w, t.Heap);
    }

    internal static void WriteHeapType(ByteWriter w, HeapType h)
    {
        if (h.IsAbstract)
        {
            w.WriteByte((byte)(h.Code & 0x7F));
        }
        else
        {
            w.WriteS64(h.Code);
        }
    }

    /// <summary>
    /// <c>(param ...)* (result ...)*</c>. Params may be named (<c>(param $x i32)</c>) only where
    /// <paramref name="allowNames"/>; names go to <paramref name="names"/> if given.
    /// </summary>
    private void ParseParamsResults(out ValType[] parameters, out ValType[] results, List<string?>? names, bool allowNames)
    {
        List<ValType>? ps = null;
        while (AtParenKw("param"u8))
        {
            _p += 2;
            ps ??= [];
            if (Cur.Kind == TokenKind.Id)
            {
                if (!allowNames)
                {
                    Fail("unexpected token");
                }
                string? name = TryId();
                names?.Add(name);
                ps.Add(ParseValType());
            }
            else
            {
                while (Cur.Kind != TokenKind.RParen)
                {
                    ps.Add(ParseValType());
                    names?.Add(null);
                }
            }
            ExpectRParen();
        }
        List<ValType>? rs = null;
        while (AtParenKw("result"u8))
        {
            _p += 2;
            rs ??= [];
            while (Cur.Kind != TokenKind.RParen)
            {
                rs.Add(ParseValType());
            }
            ExpectRParen();
        }
        if (AtParenKw("param"u8))
        {
            Fail("unexpected token");
        }
        parameters = ps is null ? s_noTypes : [.. ps];
        results = rs is null ? s_noTypes : [.. rs];
    }

    /// <summary>
    /// A type use: <c>(type x)? (param ...)* (result ...)*</c>. Returns the type index, adding an implicit type at
    /// the end of the type section when no explicit type matches the inline signature.
    /// </summary>
    private uint ParseTypeUse(out ValType[] parameters, out ValType[] results, List<string?>? names, bool allowNames)
    {
        uint? explicitIndex = null;
        int at = _p;
        if (TryParenKw("type"u8))
        {
            explicitIndex = TypeIndex();
            ExpectRParen();
        }
        bool inline = AtParenKw("param"u8) || AtParenKw("result"u8);
        ParseParamsResults(out parameters, out results, names, allowNames);
        if (explicitIndex is uint x)
        {
            if (x < (uint)_typeDefs.Count && _typeDefs[(int)x].Kind == CompositeKind.Func)
            {
                var def = _typeDefs[(int)x];
                if (inline)
                {
                    if (!parameters.AsSpan().SequenceEqual(def.Params) || !results.AsSpan().SequenceEqual(def.Results))
                    {
                        FailAt(at, "inline function type");
                    }
                }
                else
                {
                    parameters = def.Params;
                    results = def.Results;
                    if (names is not null)
                    {
                        for (int i = 0; i < parameters.Length; i++)
                        {
                            names.Add(null);
                        }
                    }
                }
            }
            else if (inline)
            {
                // A numeric index to a type that does not exist can only be checked against the inline signature here.
                FailAt(at, x < (uint)_typeDefs.Count ? "inline function type" : "unknown type");
            }
            return x;
        }
        return (uint)ImplicitType(parameters, results);
    }

    /// <summary>The first plain function type with this signature, or a new one appended to the type section.</summary>
    private int ImplicitType(ValType[] parameters, ValType[] results)
    {
        for (int i = 0; i < _typeDefs.Count; i++)
        {
            var d = _typeDefs[i];
            if (d.Plain && d.Params.AsSpan().SequenceEqual(parameters) && d.Results.AsSpan().SequenceEqual(results))
            {
                return i;
            }
        }
        _typeDefs.Add(new TypeDef { Kind = CompositeKind.Func, Params = parameters, Results = results, Plain = true });
        _typeSec.WriteByte(0x60);
        WriteTypes(_typeSec, parameters);
        WriteTypes(_typeSec, results);
        _typeEntries++;
        return _typeDefs.Count - 1;
    }

    /// <summary>
    /// A block type (https://webassembly.github.io/spec/core/text/instructions.html#control-instructions): empty,
    /// one result type, or a type use. Written as 0x40, a value type or an s33 type index.
    /// </summary>
    private void ParseBlockType(ByteWriter w)
    {
        if (!AtParenKw("type"u8) && !AtParenKw("param"u8) && !AtParenKw("result"u8))
        {
            w.WriteByte(0x40);
            return;
        }
        if (!AtParenKw("type"u8) && !AtParenKw("param"u8))
        {
            // Only results: one value type needs no type index.
            int save = _p;
            ParseParamsResults(out _, out var rs, null, allowNames: false);
            if (rs.Length == 0)
            {
                w.WriteByte(0x40);
                return;
            }
            if (rs.Length == 1)
            {
                WriteValType(w, rs[0]);
                return;
            }
            _p = save;
        }
        uint idx = ParseTypeUse(out _, out _, null, allowNames: false);
        w.WriteS64(idx);
    }

    /// <summary>Index of the inline function type check's type, for immediates such as call_ref.</summary>
    private uint TypeIndex() => ResolveIndex(_types);
}
