namespace WasmJit;

/// <summary>A constant expression: a byte range of the module (instructions through the final <c>end</c>).</summary>
internal readonly record struct ConstExpr(int Offset, int Length)
{
    public ReadOnlySpan<byte> Span(WasmModule module) => module.Bytes.Span.Slice(Offset, Length);
}

internal sealed class Import
{
    public required string Module { get; init; }
    public required string Name { get; init; }
    public required ExternKind Kind { get; init; }

    /// <summary>Function or tag: the type index.</summary>
    public int TypeIndex { get; init; }
    public TableType Table { get; init; }
    public MemoryType Memory { get; init; }
    public GlobalType Global { get; init; }
}

internal sealed record Export(string Name, ExternKind Kind, int Index);

internal sealed class TableDef
{
    public required TableType Type { get; init; }

    /// <summary>Initial element value; null means ref.null of the element type. Always null for imports.</summary>
    public ConstExpr? Init { get; init; }
}

internal sealed class GlobalDef
{
    public required GlobalType Type { get; init; }

    /// <summary>Null for imported globals.</summary>
    public ConstExpr? Init { get; init; }
}

internal enum SegmentMode : byte
{
    Active,
    Passive,
    Declarative,
}

/// <summary>An element segment in any of the eight binary forms.</summary>
internal sealed class ElementSegment
{
    public required SegmentMode Mode { get; init; }
    public int TableIndex { get; init; }
    public ConstExpr Offset { get; init; }
    public required ValType ElementType { get; init; }

    /// <summary>Forms 0-3: function indices. Otherwise null.</summary>
    public int[]? FunctionIndices { get; init; }

    /// <summary>Forms 4-7: one constant expression per element. Otherwise null.</summary>
    public ConstExpr[]? Expressions { get; init; }

    public int Count => FunctionIndices?.Length ?? Expressions!.Length;
}

internal sealed class DataSegment
{
    public required SegmentMode Mode { get; init; }
    public int MemoryIndex { get; init; }
    public ConstExpr Offset { get; init; }

    /// <summary>Offset of the segment's bytes in the module.</summary>
    public int DataOffset { get; init; }
    public int DataLength { get; init; }

    public ReadOnlySpan<byte> Span(WasmModule module) => module.Bytes.Span.Slice(DataOffset, DataLength);
}

/// <summary>
/// A function body: where its local declarations and its code are in the module. Locals are parsed (and their
/// total checked) by the decoder; engines re-read them with <see cref="Binary.LocalsReader"/>.
/// </summary>
internal readonly record struct FunctionBody(int Offset, int Length, int CodeOffset, int LocalCount)
{
    public int CodeLength => Offset + Length - CodeOffset;
}

internal sealed class CustomSection
{
    public required string Name { get; init; }
    public required int Offset { get; init; }
    public required int Length { get; init; }

    /// <summary>Id of the last non-custom section before it (0 when first).</summary>
    public byte After { get; init; }
}

/// <summary>
/// One entry of the type section as written: <c>rec</c> with <paramref name="Size"/> types starting at type index
/// <paramref name="Start"/> (<paramref name="Explicit"/>; the size may be 0 or 1), or a plain sub type (size 1).
/// Types are the same either way; the printer uses this to write the text that encodes back to the same bytes.
/// </summary>
internal readonly record struct RecGroupEntry(int Start, int Size, bool Explicit);

/// <summary>Where each section is, for <c>wasmjit inspect</c>.</summary>
internal readonly record struct SectionInfo(byte Id, string Name, int Offset, int Size, int Count);

/// <summary>The <c>name</c> custom section: https://webassembly.github.io/spec/core/appendix/custom.html#name-section</summary>
internal sealed class NameSection
{
    public string? ModuleName { get; set; }
    public Dictionary<int, string> FunctionNames { get; } = [];
    public Dictionary<int, Dictionary<int, string>> LocalNames { get; } = [];
}

/// <summary>
/// A decoded (not necessarily validated) module. Index spaces include imports first, as the spec orders them.
/// Function bodies stay in <see cref="Bytes"/>; the module keeps only their ranges, so decoding a large module
/// allocates little.
/// </summary>
internal sealed class WasmModule
{
    public WasmModule(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    public ReadOnlyMemory<byte> Bytes { get; }

    public List<SubType> Types { get; } = [];

    /// <summary>The type section's entries in order (empty when the module was not decoded from a binary).</summary>
    public List<RecGroupEntry> RecGroups { get; } = [];
    public List<Import> Imports { get; } = [];

    /// <summary>Type index of every function, imported ones first.</summary>
    public List<int> FunctionTypeIndices { get; } = [];
    public List<TableDef> Tables { get; } = [];
    public List<MemoryType> Memories { get; } = [];
    public List<GlobalDef> Globals { get; } = [];

    /// <summary>Type index of every tag, imported ones first.</summary>
    public List<int> Tags { get; } = [];
    public List<Export> Exports { get; } = [];
    public int? StartFunction { get; set; }
    public List<ElementSegment> Elements { get; } = [];
    public uint? DataCount { get; set; }

    /// <summary>Bodies of the defined functions: body i is function ImportedFunctionCount + i.</summary>
    public List<FunctionBody> Bodies { get; } = [];
    public List<DataSegment> Data { get; } = [];
    public NameSection? Names { get; set; }
    public List<CustomSection> CustomSections { get; } = [];
    public List<SectionInfo> Sections { get; } = [];

    public int ImportedFunctionCount { get; set; }
    public int ImportedTableCount { get; set; }
    public int ImportedMemoryCount { get; set; }
    public int ImportedGlobalCount { get; set; }
    public int ImportedTagCount { get; set; }

    /// <summary>Features the decoder saw in use (for inspect).</summary>
    public WasmFeatures FeaturesUsed { get; set; }

    /// <summary>The validation context, set once the module has been validated (engines accept only validated modules).</summary>
    public Validation.ModuleContext? Context { get; internal set; }

    public FuncType FuncTypeOf(int functionIndex) => Types[FunctionTypeIndices[functionIndex]].Func!;

    public FuncType FuncTypeAt(int typeIndex) => Types[typeIndex].Func!;

    public string? FunctionName(int functionIndex) =>
        Names is not null && Names.FunctionNames.TryGetValue(functionIndex, out var n) ? n : null;
}
