namespace WasmJit.Text;

/// <summary>
/// Module structure (https://webassembly.github.io/spec/core/text/modules.html#modules): binding ids in a first
/// pass, then the passes over the fields, then the sections in binary order.
/// </summary>
internal sealed partial class WatParser
{
    private readonly NameSpace _types = new("type");
    private readonly NameSpace _funcs = new("func") { Names = [] };
    private readonly NameSpace _tables = new("table");
    private readonly NameSpace _mems = new("memory");
    private readonly NameSpace _globals = new("global");
    private readonly NameSpace _tags = new("tag");
    private readonly NameSpace _elems = new("elem");
    private readonly NameSpace _datas = new("data");

    private readonly ByteWriter _typeSec = new();
    private readonly ByteWriter _importSec = new();
    private readonly ByteWriter _funcSec = new();
    private readonly ByteWriter _tableSec = new();
    private readonly ByteWriter _memSec = new();
    private readonly ByteWriter _tagSec = new();
    private readonly ByteWriter _globalSec = new();
    private readonly ByteWriter _exportSec = new();
    private readonly ByteWriter _elemSec = new();
    private readonly ByteWriter _codeSec = new();
    private readonly ByteWriter _dataSec = new();

    private int _typeEntries;
    private int _importCount;
    private int _funcDefs;
    private int _tableDefs;
    private int _memDefs;
    private int _tagDefs;
    private int _globalDefs;
    private int _exportCount;
    private int _elemCount;
    private int _dataCount;
    private bool _hasStart;
    private uint _start;
    private bool _needDataCount;

    // Running indices of the third pass, in the same order as the first pass assigned them.
    private int _nextFunc;
    private int _nextTable;
    private int _nextMem;
    private int _nextGlobal;
    private int _nextTag;
    private int _nextElem;
    private int _nextData;

    /// <summary>Memory index types from the first pass (true = i64), needed before memories are parsed.</summary>
    private readonly List<bool> _mem64 = [];
    private readonly List<bool> _table64 = [];

    private readonly List<(int Func, List<(int Index, string Name)> Locals)> _localNames = [];
    private string? _moduleName;

    /// <summary>Parses module fields from the current token up to <paramref name="end"/> (a ')' or the end of input).</summary>
    internal byte[] ParseFields(int end, string? moduleName)
    {
        _moduleName = moduleName;
        int start = _p;
        var fields = new List<int>();
        Bind(end, fields);
        if (_src.Annotations.Count > 0)
        {
            BeginAnnotations(start, end, fields);
        }

        // Types first: function headers and bodies need every type's parameters and field names.
        foreach (int f in fields)
        {
            _p = f;
            if (IsKw(f + 1, "type"u8))
            {
                ParseTypeField();
            }
            else if (IsKw(f + 1, "rec"u8))
            {
                ParseRecField();
            }
        }
        _explicitTypeCount = _typeDefs.Count;
        foreach (int f in fields)
        {
            _p = f;
            ParseField();
        }
        _p = end;
        EndAnnotations();
        var bytes = Assemble();
        ThrowDeferredInvalid();
        return bytes;
    }

    /// <summary>First pass: assigns every index and binds every id; checks duplicates and import order.</summary>
    private void Bind(int end, List<int> fields)
    {
        string? firstDefinition = null;
        while (_p < end)
        {
            if (Cur.Kind != TokenKind.LParen)
            {
                Fail(Cur.Kind == TokenKind.Eof ? "unexpected end of input" : "unexpected token");
            }
            int open = _p;
            int close = _match[open];
            if (close > end)
            {
                FailAt(open, "unexpected end of input");
            }
            if (_t[open + 1].Kind != TokenKind.Keyword)
            {
                FailAt(open + 1, "unexpected token");
            }
            fields.Add(open);
            var kw = Text(_t[open + 1]);
            int i = open + 2;
            string? id = _t[i].Kind == TokenKind.Id ? IdName(_t[i]) : null;
            int afterId = id is null ? i : i + 1;
            if (kw.SequenceEqual("type"u8))
            {
                Define(_types, id, i);
            }
            else if (kw.SequenceEqual("rec"u8))
            {
                for (int j = open + 2; _t[j].Kind == TokenKind.LParen && j < close; j = _match[j] + 1)
                {
                    if (IsKw(j + 1, "type"u8))
                    {
                        Define(_types, _t[j + 2].Kind == TokenKind.Id ? IdName(_t[j + 2]) : null, j + 2);
                    }
                }
            }
            else if (kw.SequenceEqual("import"u8))
            {
                int j = open + 2;
                while (_t[j].Kind == TokenKind.String && j < close)
                {
                    j++;
                }
                if (_t[j].Kind != TokenKind.LParen || _t[j + 1].Kind != TokenKind.Keyword)
                {
                    FailAt(j, "unexpected token");
                }
                if (firstDefinition is not null)
                {
                    FailAt(open, "import after " + firstDefinition);
                }
                var kind = Text(_t[j + 1]);
                var space = SpaceOf(kind);
                if (space is null)
                {
                    FailAt(j + 1, "unexpected token");
                }
                Define(space, _t[j + 2].Kind == TokenKind.Id ? IdName(_t[j + 2]) : null, j + 2);
                RecordIndexType(kind, _t[j + 2].Kind == TokenKind.Id ? j + 3 : j + 2);
            }
            else if (SpaceOf(kw) is { } space && !kw.SequenceEqual("type"u8))
            {
                bool isElemOrData = kw.SequenceEqual("elem"u8) || kw.SequenceEqual("data"u8);
                if (!isElemOrData)
                {
                    int j = afterId;
                    bool imported = false;
                    while (_t[j].Kind == TokenKind.LParen && j < close)
                    {
                        if (IsKw(j + 1, "export"u8))
                        {
                            j = _match[j] + 1;
                        }
                        else
                        {
                            imported = IsKw(j + 1, "import"u8);
                            if (imported)
                            {
                                j = _match[j] + 1;
                            }
                            break;
                        }
                    }
                    if (imported && firstDefinition is not null)
                    {
                        FailAt(open, "import after " + firstDefinition);
                    }
                    if (!imported)
                    {
                        firstDefinition ??= kw.SequenceEqual("func"u8) ? "function" : System.Text.Encoding.ASCII.GetString(kw);
                    }
                    RecordIndexType(kw, j);
                    if (!imported && (kw.SequenceEqual("table"u8) || kw.SequenceEqual("memory"u8)))
                    {
                        // An inline (elem ...) or (data ...) is a segment of its own.
                        bool table = kw.SequenceEqual("table"u8);
                        for (int c = j; c < close;)
                        {
                            if (_t[c].Kind != TokenKind.LParen)
                            {
                                c++;
                                continue;
                            }
                            if (IsKw(c + 1, table ? "elem"u8 : "data"u8))
                            {
                                (table ? _elems : _datas).Add(null);
                                break;
                            }
                            c = _match[c] + 1;
                        }
                    }
                }
                Define(space, id, i);
            }
            else if (!kw.SequenceEqual("export"u8) && !kw.SequenceEqual("start"u8))
            {
                FailAt(open + 1, "unknown operator");
            }
            _p = close + 1;
        }
    }

    /// <summary>Remembers whether a memory or table is 64-bit, from the tokens after its id, exports and import.</summary>
    private void RecordIndexType(ReadOnlySpan<byte> kind, int at)
    {
        if (kind.SequenceEqual("memory"u8))
        {
            _mem64.Add(IsKw(at, "i64"u8));
        }
        else if (kind.SequenceEqual("table"u8))
        {
            _table64.Add(IsKw(at, "i64"u8));
        }
    }

    private NameSpace? SpaceOf(ReadOnlySpan<byte> kw)
    {
        if (kw.SequenceEqual("func"u8))
        {
            return _funcs;
        }
        if (kw.SequenceEqual("table"u8))
        {
            return _tables;
        }
        if (kw.SequenceEqual("memory"u8))
        {
            return _mems;
        }
        if (kw.SequenceEqual("global"u8))
        {
            return _globals;
        }
        if (kw.SequenceEqual("tag"u8))
        {
            return _tags;
        }
        if (kw.SequenceEqual("elem"u8))
        {
            return _elems;
        }
        if (kw.SequenceEqual("data"u8))
        {
            return _datas;
        }
        if (kw.SequenceEqual("type"u8))
        {
            return _types;
        }
        return null;
    }

    private void Define(NameSpace space, string? id, int tokenIndex)
    {
        if (space.Add(id) < 0)
        {
            FailAt(tokenIndex, "duplicate " + space.Kind);
        }
    }

    /// <summary>Third pass: one field other than types.</summary>
    private void ParseField()
    {
        var kw = Text(_t[_p + 1]);
        if (kw.SequenceEqual("type"u8) || kw.SequenceEqual("rec"u8))
        {
            return;
        }
        if (kw.SequenceEqual("func"u8))
        {
            ParseFunc();
        }
        else if (kw.SequenceEqual("import"u8))
        {
            ParseImport();
        }
        else if (kw.SequenceEqual("export"u8))
        {
            ParseExport();
        }
        else if (kw.SequenceEqual("table"u8))
        {
            ParseTable();
        }
        else if (kw.SequenceEqual("memory"u8))
        {
            ParseMemory();
        }
        else if (kw.SequenceEqual("global"u8))
        {
            ParseGlobal();
        }
        else if (kw.SequenceEqual("tag"u8))
        {
            ParseTag();
        }
        else if (kw.SequenceEqual("elem"u8))
        {
            ParseElem();
        }
        else if (kw.SequenceEqual("data"u8))
        {
            ParseData();
        }
        else if (kw.SequenceEqual("start"u8))
        {
            ParseStart();
        }
    }

    private byte[] Assemble()
    {
        int size = 64 + _typeSec.Length + _importSec.Length + _funcSec.Length + _tableSec.Length + _memSec.Length
            + _tagSec.Length + _globalSec.Length + _exportSec.Length + _elemSec.Length + _codeSec.Length + _dataSec.Length;
        var o = new ByteWriter(size);
        o.WriteBytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        bool customs = _customs.Count > 0 || _hintFuncs > 0;
        Section(o, 1, _typeEntries, _typeSec, customs ? RankType : 0);
        Section(o, 2, _importCount, _importSec, customs ? RankImport : 0);
        Section(o, 3, _funcDefs, _funcSec, customs ? RankFunc : 0);
        Section(o, 4, _tableDefs, _tableSec, customs ? RankTable : 0);
        Section(o, 5, _memDefs, _memSec, customs ? RankMemory : 0);
        Section(o, 13, _tagDefs, _tagSec, customs ? RankTag : 0);
        Section(o, 6, _globalDefs, _globalSec, customs ? RankGlobal : 0);
        Section(o, 7, _exportCount, _exportSec, customs ? RankExport : 0);
        if (customs)
        {
            WriteCustoms(o, 2 * RankStart);
        }
        if (_hasStart)
        {
            var s = new ByteWriter(8);
            s.WriteU32(_start);
            o.WriteByte(8);
            o.WriteVec(s.Span);
        }
        if (customs)
        {
            WriteCustoms(o, 2 * RankStart + 1);
        }
        Section(o, 9, _elemCount, _elemSec, customs ? RankElem : 0);
        if (customs)
        {
            WriteCustoms(o, 2 * RankDataCount);
        }
        if (_needDataCount)
        {
            var s = new ByteWriter(8);
            s.WriteU32((uint)_dataCount);
            o.WriteByte(12);
            o.WriteVec(s.Span);
        }
        if (customs)
        {
            WriteCustoms(o, 2 * RankDataCount + 1);
        }
        Section(o, 10, _funcDefs, _codeSec, customs ? RankCode : 0);
        Section(o, 11, _dataCount, _dataSec, customs ? RankData : 0);
        WriteNameSection(o);
        return o.ToArray();
    }

    /// <summary>A section (left out when empty), with the custom sections placed before and after it when <paramref name="rank"/> is not 0.</summary>
    private void Section(ByteWriter o, byte id, int count, ByteWriter content, int rank)
    {
        if (rank != 0)
        {
            WriteCustoms(o, 2 * rank);
        }
        WriteSection(o, id, count, content);
        if (rank != 0)
        {
            WriteCustoms(o, 2 * rank + 1);
        }
    }

    private static void WriteSection(ByteWriter o, byte id, int count, ByteWriter content)
    {
        if (count == 0)
        {
            return;
        }
        var head = new ByteWriter(8);
        head.WriteU32((uint)count);
        o.WriteByte(id);
        o.WriteU32((uint)(head.Length + content.Length));
        o.WriteBytes(head.Span);
        o.WriteBytes(content.Span);
    }

    /// <summary>
    /// The "name" custom section (https://webassembly.github.io/spec/core/appendix/custom.html#name-section):
    /// module name, function names, local names, from the text's ids, for backtraces and the printer.
    /// </summary>
    private void WriteNameSection(ByteWriter o)
    {
        var funcNames = _funcs.Names!;
        foreach (var (index, name) in _funcNameAnnots)
        {
            funcNames[index] = name;
        }
        string? moduleName = _moduleNameAnnot ?? _moduleName;
        bool anyFunc = funcNames.Exists(n => n is not null);
        if (moduleName is null && !anyFunc && _localNames.Count == 0 && _tagNameAnnots.Count == 0)
        {
            return;
        }
        var body = new ByteWriter();
        body.WriteName("name");
        var sub = new ByteWriter();
        if (moduleName is not null)
        {
            sub.WriteName(moduleName);
            body.WriteByte(0);
            body.WriteVec(sub.Span);
        }
        if (anyFunc)
        {
            sub.Clear();
            int n = 0;
            foreach (var name in funcNames)
            {
                n += name is null ? 0 : 1;
            }
            sub.WriteU32((uint)n);
            for (int i = 0; i < funcNames.Count; i++)
            {
                if (funcNames[i] is { } name)
                {
                    sub.WriteU32((uint)i);
                    sub.WriteName(name);
                }
            }
            body.WriteByte(1);
            body.WriteVec(sub.Span);
        }
        if (_localNames.Count > 0)
        {
            sub.Clear();
            sub.WriteU32((uint)_localNames.Count);
            foreach (var (func, locals) in _localNames)
            {
                sub.WriteU32((uint)func);
                sub.WriteU32((uint)locals.Count);
                foreach (var (index, name) in locals)
                {
                    sub.WriteU32((uint)index);
                    sub.WriteName(name);
                }
            }
            body.WriteByte(2);
            body.WriteVec(sub.Span);
        }
        if (_tagNameAnnots.Count > 0)
        {
            // Tag names (subsection 11) come only from (@name ...): ids of tags are not written, as before.
            sub.Clear();
            sub.WriteU32((uint)_tagNameAnnots.Count);
            foreach (var (index, name) in _tagNameAnnots.OrderBy(e => e.Key))
            {
                sub.WriteU32((uint)index);
                sub.WriteName(name);
            }
            body.WriteByte(11);
            body.WriteVec(sub.Span);
        }
        o.WriteByte(0);
        o.WriteVec(body.Span);
    }
}
