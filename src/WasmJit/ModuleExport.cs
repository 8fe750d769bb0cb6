namespace WasmJit;

/// <summary>One export of a <see cref="Module"/>: its name and type (exactly one type property is set, per <see cref="Kind"/>).</summary>
public sealed class ModuleExport
{
    private ModuleExport(string name, ExternKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public ExternKind Kind { get; }

    /// <summary>For functions and tags: the signature (a copy; concrete reference types use the module's type indices).</summary>
    public FuncType? FunctionType { get; private init; }

    public TableType? TableType { get; private init; }

    public MemoryType? MemoryType { get; private init; }

    public GlobalType? GlobalType { get; private init; }

    internal static ModuleExport From(WasmModule m, Export e) => new(e.Name, e.Kind)
    {
        FunctionType = e.Kind switch
        {
            ExternKind.Func => ExternTypes.Copy(m.FuncTypeOf(e.Index)),
            ExternKind.Tag => ExternTypes.Copy(m.FuncTypeAt(m.Tags[e.Index])),
            _ => null,
        },
        TableType = e.Kind == ExternKind.Table ? m.Tables[e.Index].Type : null,
        MemoryType = e.Kind == ExternKind.Memory ? m.Memories[e.Index] : null,
        GlobalType = e.Kind == ExternKind.Global ? m.Globals[e.Index].Type : null,
    };

    /// <summary>E.g. <c>add: func (i32, i32) -> (i32)</c>.</summary>
    public override string ToString() => $"{Name}: {ExternTypes.Describe(Kind, FunctionType, TableType, MemoryType, GlobalType)}";
}
