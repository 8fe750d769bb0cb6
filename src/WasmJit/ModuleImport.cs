namespace WasmJit;

/// <summary>
/// One import of a <see cref="Module"/>: its two-level name and its type. Exactly one of the type properties is set,
/// as <see cref="Kind"/> says (a tag's type is a function type).
/// </summary>
public sealed class ModuleImport
{
    private ModuleImport(string module, string name, ExternKind kind)
    {
        Module = module;
        Name = name;
        Kind = kind;
    }

    public string Module { get; }

    public string Name { get; }

    public ExternKind Kind { get; }

    /// <summary>For functions and tags: the signature (a copy; concrete reference types use the module's type indices).</summary>
    public FuncType? FunctionType { get; private init; }

    public TableType? TableType { get; private init; }

    public MemoryType? MemoryType { get; private init; }

    public GlobalType? GlobalType { get; private init; }

    internal static ModuleImport From(WasmModule m, Import i) => new(i.Module, i.Name, i.Kind)
    {
        FunctionType = i.Kind is ExternKind.Func or ExternKind.Tag ? ExternTypes.Copy(m.FuncTypeAt(i.TypeIndex)) : null,
        TableType = i.Kind == ExternKind.Table ? i.Table : null,
        MemoryType = i.Kind == ExternKind.Memory ? i.Memory : null,
        GlobalType = i.Kind == ExternKind.Global ? i.Global : null,
    };

    /// <summary>E.g. <c>wasi_snapshot_preview1.fd_write: func (i32, i32, i32, i32) -> (i32)</c>.</summary>
    public override string ToString() =>
        $"{Module}.{Name}: {ExternTypes.Describe(Kind, FunctionType, TableType, MemoryType, GlobalType)}";
}
