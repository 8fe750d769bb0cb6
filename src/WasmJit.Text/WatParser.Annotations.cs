using System.Runtime.CompilerServices;
using System.Text;

namespace WasmJit.Text;

/// <summary>
/// The annotations that encode to custom sections, with the placement rules and messages of the reference
/// interpreter (spec <c>interpreter/custom/handler_*.ml</c>, tests <c>custom/*.wast</c>):
/// <list type="bullet">
/// <item><c>(@custom "name" (before|after section)? "bytes"*)</c>: a custom section at that place (default: after the
/// last section); only between module fields (https://github.com/WebAssembly/annotations/blob/main/proposals/annotations/Overview.md).</item>
/// <item><c>(@name "text")</c>: the module's name before its first field, a function's or tag's name right after
/// <c>func</c>/<c>tag</c> (before its type use); it wins over the <c>$id</c> in the name section.</item>
/// <item><c>(@metadata.code.branch_hint "\00"|"\01")</c>: a hint on the next instruction, which must be <c>if</c> or
/// <c>br_if</c>, in the <c>metadata.code.branch_hint</c> section (https://webassembly.github.io/branch-hinting/metadata/code/binary.html),
/// offsets counted from the function's locals vector.</item>
/// </list>
/// Anything malformed throws as usual; a hint on another instruction is an invalid module
/// (<c>assert_invalid_custom</c>), reported once the whole module parsed.
/// </summary>
internal sealed partial class WatParser
{
    private static readonly Opcode OpBrIf = OpcodeTable.ByName["br_if"];

    /// <summary>Rank of each section kind in the reference's placement order; placement key = 2 * rank (+1 for "after").</summary>
    private const int RankType = 1, RankImport = 2, RankFunc = 3, RankTable = 4, RankMemory = 5, RankTag = 6, RankGlobal = 7,
        RankExport = 8, RankStart = 9, RankElem = 10, RankDataCount = 11, RankCode = 12, RankData = 13;

    private readonly List<(int Key, byte[] Name, byte[] Content)> _customs = [];
    private readonly List<Annotation> _nameAnnots = [];
    private readonly List<Annotation> _hintAnnots = [];
    private string? _moduleNameAnnot;
    private readonly Dictionary<int, string> _funcNameAnnots = [];
    private readonly Dictionary<int, string> _tagNameAnnots = [];

    // Branch hints of the function being parsed: _hintAnnots[_hintNext.._hintEnd) are inside it and not yet attached.
    private int _hintNext;
    private int _hintEnd;
    private readonly List<(int Offset, byte Value)> _funcHints = [];
    private readonly ByteWriter _hintSec = new();
    private int _hintFuncs;
    private WasmInvalidException? _deferredInvalid;

    /// <summary>
    /// Sorts the module's annotations (those between tokens <paramref name="start"/> and <paramref name="end"/>):
    /// custom sections and the module name are taken now; names and hints inside fields wait for their field.
    /// </summary>
    private void BeginAnnotations(int start, int end, List<int> fields)
    {
        foreach (var a in _src.Annotations)
        {
            if (a.TokenIndex < start || a.TokenIndex > end)
            {
                continue;
            }
            bool inField = IsInField(fields, a.TokenIndex);
            switch (a.Id)
            {
                case Annotation.Custom:
                    if (inField)
                    {
                        FailAnnotation(a.Start, "misplaced @custom annotation");
                    }
                    ParseCustomAnnotation(a);
                    break;
                case Annotation.Name when !inField:
                    if (fields.Count > 0 && a.TokenIndex > fields[0])
                    {
                        FailAnnotation(a.Start, "misplaced @name annotation");
                    }
                    string name = ParseNameAnnotation(a);
                    if (_moduleNameAnnot is not null)
                    {
                        FailAnnotation(a.Start, "@name annotation: multiple module names");
                    }
                    _moduleNameAnnot = name;
                    a.Used = true;
                    break;
                case Annotation.Name:
                    _nameAnnots.Add(a);
                    break;
                case Annotation.BranchHint:
                    _hintAnnots.Add(a);
                    break;
            }
        }
    }

    /// <summary>After the last field: names and hints no field took are misplaced; then the deferred validity error.</summary>
    private void EndAnnotations()
    {
        foreach (var a in _nameAnnots)
        {
            if (!a.Used)
            {
                FailAnnotation(a.Start, "misplaced @name annotation");
            }
        }
        foreach (var a in _hintAnnots)
        {
            if (!a.Used)
            {
                ParseHintValue(a);
                FailAnnotation(a.Start, "@metadata.code.branch_hint annotation: not in a function");
            }
        }
    }

    /// <summary>Throws the first "invalid" annotation error, once the module is known to be well-formed.</summary>
    private void ThrowDeferredInvalid()
    {
        if (_deferredInvalid is not null)
        {
            throw _deferredInvalid;
        }
    }

    private bool IsInField(List<int> fields, int tokenIndex)
    {
        // Fields are in source order: the last one opening before the annotation is the only candidate.
        int lo = 0, hi = fields.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (fields[mid] < tokenIndex)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found >= 0 && tokenIndex <= _match[fields[found]];
    }

    private void FailAnnotation(int byteOffset, string message) => _src.Fail(byteOffset, message);

    private bool IsAtom(in Token t, ReadOnlySpan<byte> text) => t.Kind == TokenKind.Keyword && Text(t).SequenceEqual(text);

    private void ParseCustomAnnotation(Annotation a)
    {
        var items = a.Items;
        if (items.Length == 0 || items[0].Kind != TokenKind.String)
        {
            FailAnnotation(items.Length == 0 ? a.Start : items[0].Start, "@custom annotation: missing section name");
        }
        byte[] name = StringDecoder.Decode(Text(items[0]));
        if (!Utf8Util.IsValid(name))
        {
            FailAnnotation(items[0].Start, "@custom annotation: malformed UTF-8 encoding");
        }
        int i = 1;
        int key = 2 * RankData + 1;
        if (i < items.Length && items[i].Kind == TokenKind.LParen)
        {
            int paren = items[i].Start;
            i++;
            bool after;
            if (IsAtom(items[i], "before"u8))
            {
                after = false;
            }
            else if (IsAtom(items[i], "after"u8))
            {
                after = true;
            }
            else
            {
                FailAnnotation(paren, "@custom annotation: malformed placement");
                return;
            }
            i++;
            int rank = items[i].Kind == TokenKind.Keyword ? SectionRank(Text(items[i])) : -1;
            if (rank < 0)
            {
                FailAnnotation(paren, "@custom annotation: malformed section kind");
            }
            i++;
            if (items[i].Kind != TokenKind.RParen)
            {
                FailAnnotation(items[i].Start, "@custom annotation: unexpected token");
            }
            i++;
            key = 2 * rank + (after ? 1 : 0);
        }
        var content = new ByteWriter();
        while (i < items.Length && items[i].Kind == TokenKind.String)
        {
            StringDecoder.DecodeInto(Text(items[i]), content);
            i++;
        }
        if (i < items.Length)
        {
            FailAnnotation(items[i].Start, "@custom annotation: unexpected token");
        }
        a.Used = true;
        _customs.Add((key, name, content.ToArray()));
    }

    private static int SectionRank(ReadOnlySpan<byte> kw) => kw switch
    {
        _ when kw.SequenceEqual("type"u8) || kw.SequenceEqual("first"u8) => RankType,
        _ when kw.SequenceEqual("import"u8) => RankImport,
        _ when kw.SequenceEqual("func"u8) => RankFunc,
        _ when kw.SequenceEqual("table"u8) => RankTable,
        _ when kw.SequenceEqual("memory"u8) => RankMemory,
        _ when kw.SequenceEqual("tag"u8) => RankTag,
        _ when kw.SequenceEqual("global"u8) => RankGlobal,
        _ when kw.SequenceEqual("export"u8) => RankExport,
        _ when kw.SequenceEqual("start"u8) => RankStart,
        _ when kw.SequenceEqual("elem"u8) => RankElem,
        _ when kw.SequenceEqual("datacount"u8) => RankDataCount,
        _ when kw.SequenceEqual("code"u8) => RankCode,
        _ when kw.SequenceEqual("data"u8) || kw.SequenceEqual("last"u8) => RankData,
        _ => -1,
    };

    private string ParseNameAnnotation(Annotation a)
    {
        var items = a.Items;
        if (items.Length == 0 || items[0].Kind != TokenKind.String)
        {
            FailAnnotation(items.Length == 0 ? a.Start : items[0].Start, "@name annotation: string expected");
        }
        byte[] name = StringDecoder.Decode(Text(items[0]));
        if (!Utf8Util.IsValid(name))
        {
            FailAnnotation(items[0].Start, "malformed UTF-8 encoding");
        }
        if (items.Length > 1)
        {
            FailAnnotation(items[1].Start, "@name annotation: unexpected token");
        }
        return Encoding.UTF8.GetString(name);
    }

    /// <summary>
    /// A function's or tag's <c>(@name ...)</c>: one placed between tokens <paramref name="from"/> and <paramref name="to"/>
    /// (right after the keyword, up to the type use) names entry <paramref name="index"/>.
    /// </summary>
    private void TakeNameAnnotation(int from, int to, Dictionary<int, string> names, int index)
    {
        foreach (var a in _nameAnnots)
        {
            if (a.Used || a.TokenIndex < from || a.TokenIndex > to)
            {
                continue;
            }
            string name = ParseNameAnnotation(a);
            if (!names.TryAdd(index, name))
            {
                FailAnnotation(a.Start, "@name annotation: multiple function names");
            }
            a.Used = true;
        }
    }

    // ---- branch hints ----

    /// <summary>Starts a function spanning tokens <paramref name="open"/>..<paramref name="close"/>: its hints become pending.</summary>
    private void BeginFunctionHints(int open, int close)
    {
        _funcHints.Clear();
        int n = _hintAnnots.Count;
        int lo = 0;
        while (lo < n && _hintAnnots[lo].TokenIndex <= open)
        {
            lo++;
        }
        int hi = lo;
        while (hi < n && _hintAnnots[hi].TokenIndex <= close)
        {
            _hintAnnots[hi].Used = true;
            hi++;
        }
        _hintNext = lo;
        _hintEnd = hi;
    }

    /// <summary>
    /// The hint placed before the instruction starting at token <paramref name="token"/>, if any. One compare when there
    /// is none, so instruction parsing does not slow down.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HintAt(int token) =>
        _hintNext < _hintEnd && _hintAnnots[_hintNext].TokenIndex <= token ? TakeHint(token) : -1;

    /// <summary>Index in <see cref="_hintAnnots"/> of the hint for the instruction at <paramref name="token"/>.</summary>
    private int TakeHint(int token)
    {
        int at = _hintNext++;
        if (_hintNext < _hintEnd && _hintAnnots[_hintNext].TokenIndex <= token)
        {
            ParseHintValue(_hintAnnots[_hintNext]);
            FailAnnotation(_hintAnnots[_hintNext].Start, "@metadata.code.branch_hint annotation: duplicate annotation");
        }
        return at;
    }

    /// <summary>The hint byte: the annotation's strings together must be exactly one byte, 0 (unlikely) or 1 (likely).</summary>
    private byte ParseHintValue(Annotation a)
    {
        var bytes = new ByteWriter(4);
        foreach (var item in a.Items)
        {
            if (item.Kind != TokenKind.String)
            {
                FailAnnotation(item.Start, "@metadata.code.branch_hint annotation: unexpected token");
            }
            StringDecoder.DecodeInto(Text(item), bytes);
        }
        var v = bytes.Span;
        if (v.Length != 1 || v[0] > 1)
        {
            FailAnnotation(a.Start, "@metadata.code.branch_hint annotation: invalid hint value");
        }
        return v[0];
    }

    /// <summary>Attaches hint <paramref name="hint"/> (from <see cref="HintAt"/>) to <paramref name="op"/> at body offset <paramref name="offset"/>.</summary>
    private void RecordHint(int hint, Opcode op, int offset)
    {
        if (hint < 0)
        {
            return;
        }
        var a = _hintAnnots[hint];
        byte value = ParseHintValue(a);
        if (op != OpIf && op != OpBrIf)
        {
            if (_deferredInvalid is null)
            {
                var (line, col) = _src.Position(a.Start);
                _deferredInvalid = new WasmInvalidException($"{line}:{col}: @metadata.code.branch_hint annotation: invalid target");
            }
            return;
        }
        _funcHints.Add((offset, value));
    }

    /// <summary>Ends function <paramref name="func"/>: a hint with no instruction after it is misplaced; the rest are encoded.</summary>
    private void EndFunctionHints(int func)
    {
        if (_hintNext < _hintEnd)
        {
            var a = _hintAnnots[_hintNext];
            ParseHintValue(a);
            FailAnnotation(a.Start, "@metadata.code.branch_hint annotation: invalid placement");
        }
        _hintNext = _hintEnd = 0;
        if (_funcHints.Count == 0)
        {
            return;
        }
        // Offsets must increase; a folded if's opcode follows its condition, which may hold a hinted br_if.
        _funcHints.Sort((x, y) => x.Offset.CompareTo(y.Offset));
        _hintSec.WriteU32((uint)func);
        _hintSec.WriteU32((uint)_funcHints.Count);
        foreach (var (offset, value) in _funcHints)
        {
            _hintSec.WriteU32((uint)offset);
            _hintSec.WriteU32(1);
            _hintSec.WriteByte(value);
        }
        _hintFuncs++;
        _funcHints.Clear();
    }

    // ---- encoding ----

    /// <summary>The custom sections placed at <paramref name="key"/> (2 * rank, +1 for "after"), in source order.</summary>
    private void WriteCustoms(ByteWriter o, int key)
    {
        if (key == 2 * RankCode && _hintFuncs > 0)
        {
            var body = new ByteWriter(_hintSec.Length + 40);
            body.WriteName(Annotation.BranchHint);
            body.WriteU32((uint)_hintFuncs);
            body.WriteBytes(_hintSec.Span);
            o.WriteByte(0);
            o.WriteVec(body.Span);
        }
        foreach (var (k, name, content) in _customs)
        {
            if (k != key)
            {
                continue;
            }
            var body = new ByteWriter(name.Length + content.Length + 8);
            body.WriteVec(name);
            body.WriteBytes(content);
            o.WriteByte(0);
            o.WriteVec(body.Span);
        }
    }
}
