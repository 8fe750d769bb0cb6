namespace WasmJit.Text;

/// <summary>
/// Module fields other than types (https://webassembly.github.io/spec/core/text/modules.html): imports, functions,
/// tables, memories, globals, tags, exports, start, element and data segments, with their inline abbreviations
/// (inline exports and imports, inline elem/data in tables and memories).
/// </summary>
internal sealed partial class WatParser
{
    private void WriteImportHead(byte[] module, byte[] name, ExternKind kind)
    {
        _importSec.WriteVec(module);
        _importSec.WriteVec(name);
        _importSec.WriteByte((byte)kind);
        _importCount++;
    }

    /// <summary><c>(import "m" "n" (kind $id? desc))</c>.</summary>
    private void ParseImport()
    {
        _p += 2;
        var module = ParseName();
        var name = ParseName();
        ExpectLParen();
        if (Cur.Kind != TokenKind.Keyword)
        {
            Fail("unexpected token");
        }
        var kw = Text(Cur);
        _p++;
        string? id = TryId();
        if (kw.SequenceEqual("func"u8))
        {
            WriteImportHead(module, name, ExternKind.Func);
            int func = _nextFunc++;
            var names = new List<string?>();
            _importSec.WriteU32(ParseTypeUse(out _, out _, names, allowNames: true));
            RecordParamNames(func, names);
        }
        else if (kw.SequenceEqual("table"u8))
        {
            WriteImportHead(module, name, ExternKind.Table);
            _nextTable++;
            ParseTableType(_importSec);
        }
        else if (kw.SequenceEqual("memory"u8))
        {
            WriteImportHead(module, name, ExternKind.Memory);
            _nextMem++;
            ParseMemoryType(_importSec);
        }
        else if (kw.SequenceEqual("global"u8))
        {
            WriteImportHead(module, name, ExternKind.Global);
            _nextGlobal++;
            ParseGlobalType(_importSec);
        }
        else if (kw.SequenceEqual("tag"u8))
        {
            WriteImportHead(module, name, ExternKind.Tag);
            _nextTag++;
            _importSec.WriteByte(0);
            _importSec.WriteU32(ParseTypeUse(out _, out _, null, allowNames: true));
        }
        else
        {
            FailAt(_p - (id is null ? 1 : 2), "unexpected token");
        }
        ExpectRParen();
        ExpectRParen();
    }

    /// <summary>Inline <c>(export "n")*</c> of a definition with index <paramref name="index"/>.</summary>
    private void ParseInlineExports(ExternKind kind, int index)
    {
        while (AtParenKw("export"u8))
        {
            _p += 2;
            _exportSec.WriteVec(ParseName());
            _exportSec.WriteByte((byte)kind);
            _exportSec.WriteU32((uint)index);
            _exportCount++;
            ExpectRParen();
        }
    }

    /// <summary>Inline <c>(import "m" "n")</c>: true and the import head written if present.</summary>
    private bool ParseInlineImport(ExternKind kind)
    {
        if (!TryParenKw("import"u8))
        {
            return false;
        }
        var module = ParseName();
        var name = ParseName();
        ExpectRParen();
        WriteImportHead(module, name, kind);
        return true;
    }

    private void ParseExport()
    {
        _p += 2;
        var name = ParseName();
        ExpectLParen();
        ExternKind kind;
        NameSpace space;
        if (AtKw("func"u8))
        {
            (kind, space) = (ExternKind.Func, _funcs);
        }
        else if (AtKw("table"u8))
        {
            (kind, space) = (ExternKind.Table, _tables);
        }
        else if (AtKw("memory"u8))
        {
            (kind, space) = (ExternKind.Memory, _mems);
        }
        else if (AtKw("global"u8))
        {
            (kind, space) = (ExternKind.Global, _globals);
        }
        else if (AtKw("tag"u8))
        {
            (kind, space) = (ExternKind.Tag, _tags);
        }
        else
        {
            Fail("unexpected token");
            return;
        }
        _p++;
        uint index = ResolveIndex(space);
        ExpectRParen();
        ExpectRParen();
        _exportSec.WriteVec(name);
        _exportSec.WriteByte((byte)kind);
        _exportSec.WriteU32(index);
        _exportCount++;
    }

    private void ParseStart()
    {
        int at = _p;
        _p += 2;
        uint f = ResolveIndex(_funcs);
        ExpectRParen();
        if (_hasStart)
        {
            FailAt(at, "multiple start sections");
        }
        _hasStart = true;
        _start = f;
    }

    private void RecordParamNames(int func, List<string?> names)
    {
        List<(int, string)>? list = null;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] is { } n)
            {
                (list ??= []).Add((i, n));
            }
        }
        if (list is not null)
        {
            _localNames.Add((func, list));
        }
    }

    /// <summary><c>(func $id? (export)* (import)? typeuse (local ...)* instr*)</c>.</summary>
    private void ParseFunc()
    {
        int open = _p;
        _p += 2;
        TryId();
        int func = _nextFunc++;
        ParseInlineExports(ExternKind.Func, func);
        var names = new List<string?>();
        if (ParseInlineImport(ExternKind.Func))
        {
            if (_nameAnnots.Count > 0)
            {
                TakeNameAnnotation(open + 2, _p, _funcNameAnnots, func);
            }
            _importSec.WriteU32(ParseTypeUse(out _, out _, names, allowNames: true));
            RecordParamNames(func, names);
            ExpectRParen();
            return;
        }
        if (_nameAnnots.Count > 0)
        {
            TakeNameAnnotation(open + 2, _p, _funcNameAnnots, func);
        }
        uint type = ParseTypeUse(out var parameters, out _, names, allowNames: true);
        _funcSec.WriteU32(type);
        _funcDefs++;

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        List<(int, string)>? localNames = null;
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] is { } n)
            {
                if (!index.TryAdd(n, i))
                {
                    Fail("duplicate local");
                }
                (localNames ??= []).Add((i, n));
            }
        }
        int count = parameters.Length;
        var locals = new List<ValType>();
        while (AtParenKw("local"u8))
        {
            _p += 2;
            if (Cur.Kind == TokenKind.Id)
            {
                int at = _p;
                string n = TryId()!;
                if (!index.TryAdd(n, count))
                {
                    FailAt(at, "duplicate local");
                }
                (localNames ??= []).Add((count, n));
                locals.Add(ParseValType());
                count++;
            }
            else
            {
                while (Cur.Kind != TokenKind.RParen)
                {
                    locals.Add(ParseValType());
                    count++;
                }
            }
            ExpectRParen();
        }
        if (localNames is not null)
        {
            _localNames.Add((func, localNames));
        }

        var body = new ByteWriter(256);
        WriteLocals(body, locals);
        _localIndex = index;
        _labels.Clear();
        _labels.Add(null);
        if (_hintAnnots.Count > 0)
        {
            BeginFunctionHints(open, _match[open]);
        }
        ParseInstrList(body);
        if (Cur.Kind != TokenKind.RParen)
        {
            Fail(Cur.Kind == TokenKind.Eof ? "unexpected end of input" : "unexpected token");
        }
        _p++;
        if (_hintAnnots.Count > 0)
        {
            EndFunctionHints(func);
        }
        body.WriteByte(0x0B);
        _localIndex = null;
        _codeSec.WriteU32((uint)body.Length);
        _codeSec.WriteBytes(body.Span);
    }

    /// <summary>Locals as runs of equal types (https://webassembly.github.io/spec/core/binary/modules.html#code-section).</summary>
    private static void WriteLocals(ByteWriter w, List<ValType> locals)
    {
        int runs = 0;
        for (int i = 0; i < locals.Count; i++)
        {
            if (i == 0 || locals[i] != locals[i - 1])
            {
                runs++;
            }
        }
        w.WriteU32((uint)runs);
        for (int i = 0; i < locals.Count;)
        {
            int j = i;
            while (j < locals.Count && locals[j] == locals[i])
            {
                j++;
            }
            w.WriteU32((uint)(j - i));
            WriteValType(w, locals[i]);
            i = j;
        }
    }

    /// <summary><c>i32</c> or <c>i64</c> before limits; true for i64.</summary>
    private bool ParseAddrType()
    {
        if (AtKw("i64"u8))
        {
            _p++;
            return true;
        }
        if (AtKw("i32"u8))
        {
            _p++;
        }
        return false;
    }

    /// <summary>Limits with the flag bits of https://webassembly.github.io/spec/core/binary/types.html#limits.</summary>
    private void WriteLimits(ByteWriter w, ulong min, ulong? max, byte extraFlags)
    {
        w.WriteByte((byte)((max.HasValue ? 1 : 0) | extraFlags));
        w.WriteU64(min);
        if (max is ulong m)
        {
            w.WriteU64(m);
        }
    }

    private (ulong Min, ulong? Max) ParseLimits()
    {
        ulong min = ParseU64();
        ulong? max = Cur.Kind == TokenKind.Number ? ParseU64() : null;
        return (min, max);
    }

    /// <summary><c>addrtype? limits reftype</c></summary>
    private void ParseTableType(ByteWriter w)
    {
        bool is64 = ParseAddrType();
        var (min, max) = ParseLimits();
        var t = ParseRefType();
        WriteValType(w, t);
        WriteLimits(w, min, max, is64 ? (byte)4 : (byte)0);
    }

    /// <summary><c>addrtype? limits shared? (pagesize n)?</c></summary>
    private void ParseMemoryType(ByteWriter w)
    {
        bool is64 = ParseAddrType();
        var (min, max) = ParseLimits();
        byte flags = is64 ? (byte)4 : (byte)0;
        if (AtKw("shared"u8))
        {
            _p++;
            flags |= 2;
        }
        else if (AtKw("unshared"u8))
        {
            _p++;
        }
        int pageLog2 = -1;
        if (TryParenKw("pagesize"u8))
        {
            ulong size = ParseU64();
            if (size == 0 || (size & (size - 1)) != 0)
            {
                FailAt(_p - 1, "invalid custom page size");
            }
            pageLog2 = System.Numerics.BitOperations.Log2(size);
            ExpectRParen();
            flags |= 8;
        }
        WriteLimits(w, min, max, flags);
        if (pageLog2 >= 0)
        {
            w.WriteU32((uint)pageLog2);
        }
    }

    private void ParseGlobalType(ByteWriter w)
    {
        if (TryParenKw("mut"u8))
        {
            WriteValType(w, ParseValType());
            w.WriteByte(1);
            ExpectRParen();
        }
        else
        {
            WriteValType(w, ParseValType());
            w.WriteByte(0);
        }
    }

    /// <summary>
    /// <c>(table $id? (export)* (import)? tabletype)</c>, <c>(table ... tabletype expr)</c> (an initialiser), or
    /// <c>(table ... addrtype? reftype (elem ...))</c> (an inline active segment).
    /// </summary>
    private void ParseTable()
    {
        _p += 2;
        TryId();
        int table = _nextTable++;
        ParseInlineExports(ExternKind.Table, table);
        if (ParseInlineImport(ExternKind.Table))
        {
            ParseTableType(_importSec);
            ExpectRParen();
            return;
        }
        _tableDefs++;
        int save = _p;
        bool is64 = ParseAddrType();
        if (AtValType())
        {
            var t = ParseRefType();
            if (!TryParenKw("elem"u8))
            {
                Fail("unexpected token");
            }
            int elem = _nextElem++;
            _ = elem;
            // Items: expressions or function indices; the table is exactly as large as the segment.
            var items = new ByteWriter();
            int n = 0;
            if (Cur.Kind == TokenKind.LParen)
            {
                while (Cur.Kind == TokenKind.LParen)
                {
                    ParseElemItem(items);
                    n++;
                }
            }
            else
            {
                var refFunc = OpcodeTable.ByName["ref.func"];
                while (AtIndex)
                {
                    EmitOp(items, refFunc);
                    items.WriteU32(ResolveIndex(_funcs));
                    items.WriteByte(0x0B);
                    n++;
                }
            }
            ExpectRParen();
            WriteValType(_tableSec, t);
            WriteLimits(_tableSec, (ulong)n, (ulong)n, is64 ? (byte)4 : (byte)0);
            _elemSec.WriteByte(6);
            _elemSec.WriteU32((uint)table);
            WriteZeroOffset(_elemSec, is64);
            WriteValType(_elemSec, t);
            _elemSec.WriteU32((uint)n);
            _elemSec.WriteBytes(items.Span);
            _elemCount++;
            ExpectRParen();
            return;
        }
        _p = save;
        var type = new ByteWriter(16);
        ParseTableType(type);
        if (Cur.Kind != TokenKind.RParen)
        {
            _tableSec.WriteByte(0x40);
            _tableSec.WriteByte(0x00);
            _tableSec.WriteBytes(type.Span);
            ParseExpr(_tableSec);
        }
        else
        {
            _tableSec.WriteBytes(type.Span);
        }
        ExpectRParen();
    }

    private static void WriteZeroOffset(ByteWriter w, bool is64)
    {
        EmitOp(w, OpcodeTable.ByName[is64 ? "i64.const" : "i32.const"]);
        w.WriteByte(0);
        w.WriteByte(0x0B);
    }

    /// <summary>
    /// <c>(memory $id? (export)* (import)? memtype)</c> or <c>(memory ... addrtype? (data "..."*))</c>, whose
    /// size is the data rounded up to whole pages.
    /// </summary>
    private void ParseMemory()
    {
        _p += 2;
        TryId();
        int mem = _nextMem++;
        ParseInlineExports(ExternKind.Memory, mem);
        if (ParseInlineImport(ExternKind.Memory))
        {
            ParseMemoryType(_importSec);
            ExpectRParen();
            return;
        }
        _memDefs++;
        int save = _p;
        bool is64 = ParseAddrType();
        if (TryParenKw("data"u8))
        {
            _nextData++;
            var bytes = new ByteWriter();
            while (Cur.Kind == TokenKind.String)
            {
                StringDecoder.DecodeInto(Text(Cur), bytes);
                _p++;
            }
            ExpectRParen();
            ulong pages = ((ulong)bytes.Length + 65535) / 65536;
            WriteLimits(_memSec, pages, pages, is64 ? (byte)4 : (byte)0);
            _dataSec.WriteByte(mem == 0 ? (byte)0 : (byte)2);
            if (mem != 0)
            {
                _dataSec.WriteU32((uint)mem);
            }
            WriteZeroOffset(_dataSec, is64);
            _dataSec.WriteVec(bytes.Span);
            _dataCount++;
            ExpectRParen();
            return;
        }
        _p = save;
        ParseMemoryType(_memSec);
        ExpectRParen();
    }

    /// <summary><c>(global $id? (export)* (import)? globaltype expr)</c>.</summary>
    private void ParseGlobal()
    {
        _p += 2;
        TryId();
        int global = _nextGlobal++;
        ParseInlineExports(ExternKind.Global, global);
        if (ParseInlineImport(ExternKind.Global))
        {
            ParseGlobalType(_importSec);
            ExpectRParen();
            return;
        }
        _globalDefs++;
        ParseGlobalType(_globalSec);
        ParseExpr(_globalSec);
        ExpectRParen();
    }

    /// <summary><c>(tag $id? (export)* (import)? typeuse)</c>.</summary>
    private void ParseTag()
    {
        int open = _p;
        _p += 2;
        TryId();
        int tag = _nextTag++;
        ParseInlineExports(ExternKind.Tag, tag);
        if (_nameAnnots.Count > 0)
        {
            TakeNameAnnotation(open + 2, IsParenKw(_p, "import"u8) ? _match[_p] + 1 : _p, _tagNameAnnots, tag);
        }
        if (ParseInlineImport(ExternKind.Tag))
        {
            _importSec.WriteByte(0);
            _importSec.WriteU32(ParseTypeUse(out _, out _, null, allowNames: true));
            ExpectRParen();
            return;
        }
        _tagDefs++;
        _tagSec.WriteByte(0);
        _tagSec.WriteU32(ParseTypeUse(out _, out _, null, allowNames: true));
        ExpectRParen();
    }

    /// <summary>An element expression: <c>(item instr*)</c> or one folded instruction.</summary>
    private void ParseElemItem(ByteWriter w)
    {
        if (TryParenKw("item"u8))
        {
            ParseExpr(w);
            ExpectRParen();
            return;
        }
        _labels.Clear();
        var saved = _localIndex;
        _localIndex = null;
        ParseFolded(w);
        _localIndex = saved;
        w.WriteByte(0x0B);
    }

    /// <summary>An offset: <c>(offset instr*)</c> or one folded instruction.</summary>
    private void ParseOffset(ByteWriter w)
    {
        if (TryParenKw("offset"u8))
        {
            ParseExpr(w);
            ExpectRParen();
            return;
        }
        if (Cur.Kind != TokenKind.LParen)
        {
            Fail("unexpected token");
        }
        ParseElemItem(w);
    }

    /// <summary>
    /// Element segments (https://webassembly.github.io/spec/core/text/modules.html#element-segments): passive,
    /// declarative or active, with a list of function indices or of expressions. Encoded with the smallest of the
    /// eight binary forms that says the same.
    /// </summary>
    private void ParseElem()
    {
        _p += 2;
        TryId();
        _nextElem++;
        _elemCount++;
        bool declare = false;
        bool active = false;
        uint table = 0;
        var offset = new ByteWriter(16);
        if (AtKw("declare"u8))
        {
            declare = true;
            _p++;
        }
        else
        {
            if (TryParenKw("table"u8))
            {
                table = ResolveIndex(_tables);
                ExpectRParen();
                active = true;
            }
            else if (Cur.Kind == TokenKind.Number && _t[_p + 1].Kind == TokenKind.LParen)
            {
                table = (uint)ParseU32();
                active = true;
            }
            if (active || (Cur.Kind == TokenKind.LParen && !AtParenKw("ref"u8)))
            {
                active = true;
                ParseOffset(offset);
            }
        }

        // The element list.
        bool exprs;
        ValType type = ValType.FuncRef;
        var items = new ByteWriter();
        int n = 0;
        if (AtKw("func"u8))
        {
            _p++;
            exprs = false;
        }
        else if (AtValType())
        {
            type = ParseRefType();
            exprs = true;
        }
        else
        {
            exprs = false;
        }
        if (exprs)
        {
            while (Cur.Kind == TokenKind.LParen)
            {
                ParseElemItem(items);
                n++;
            }
        }
        else
        {
            while (AtIndex)
            {
                items.WriteU32(ResolveIndex(_funcs));
                n++;
            }
        }
        ExpectRParen();

        byte flags = (byte)((exprs ? 4 : 0) | (declare ? 3 : active ? (table != 0 || (exprs && type != ValType.FuncRef) ? 2 : 0) : 1));
        _elemSec.WriteByte(flags);
        if (active && (flags & 2) != 0)
        {
            _elemSec.WriteU32(table);
        }
        if (active)
        {
            _elemSec.WriteBytes(offset.Span);
        }
        if ((flags & 3) != 0)
        {
            if (exprs)
            {
                WriteValType(_elemSec, type);
            }
            else
            {
                _elemSec.WriteByte(0x00);
            }
        }
        _elemSec.WriteU32((uint)n);
        _elemSec.WriteBytes(items.Span);
    }

    /// <summary>Data segments: <c>(data $id? ((memory x)? offset)? "..."*)</c>.</summary>
    private void ParseData()
    {
        _p += 2;
        TryId();
        _nextData++;
        _dataCount++;
        uint mem = 0;
        bool active = false;
        if (TryParenKw("memory"u8))
        {
            mem = ResolveIndex(_mems);
            ExpectRParen();
            active = true;
        }
        else if (Cur.Kind == TokenKind.Number && _t[_p + 1].Kind == TokenKind.LParen)
        {
            mem = (uint)ParseU32();
            active = true;
        }
        var offset = new ByteWriter(16);
        if (active || Cur.Kind == TokenKind.LParen)
        {
            active = true;
            ParseOffset(offset);
        }
        var bytes = new ByteWriter();
        while (Cur.Kind == TokenKind.String)
        {
            StringDecoder.DecodeInto(Text(Cur), bytes);
            _p++;
        }
        ExpectRParen();
        if (!active)
        {
            _dataSec.WriteByte(1);
        }
        else if (mem == 0)
        {
            _dataSec.WriteByte(0);
            _dataSec.WriteBytes(offset.Span);
        }
        else
        {
            _dataSec.WriteByte(2);
            _dataSec.WriteU32(mem);
            _dataSec.WriteBytes(offset.Span);
        }
        _dataSec.WriteVec(bytes.Span);
    }
}
