namespace WasmJit.Runtime;

/// <summary>
/// A module instance (https://webassembly.github.io/spec/core/exec/runtime.html#module-instances): the module's
/// index spaces resolved to runtime objects, imports first. Engines index the arrays directly.
/// </summary>
internal sealed class ModuleInstance
{
    private readonly Dictionary<string, ExternValue> _exportMap = new(StringComparer.Ordinal);
    private readonly List<(string Name, ExternValue Value)> _exports = [];

    internal ModuleInstance(Store store, WasmModule module, string? name)
    {
        Store = store;
        Module = module;
        Name = name;
        Types = TypeRegistry.Canonicalize(module);
        Functions = new FunctionInstance[module.FunctionTypeIndices.Count];
        Tables = new TableInstance[module.Tables.Count];
        Memories = new MemoryInstance[module.Memories.Count];
        Globals = new GlobalInstance[module.Globals.Count];
        Tags = new TagInstance[module.Tags.Count];
        ElementSegments = new object?[module.Elements.Count][];
        DataSegments = new ReadOnlyMemory<byte>[module.Data.Count];
    }

    public Store Store { get; }

    public WasmModule Module { get; }

    /// <summary>The name given at instantiation (for backtraces), or null.</summary>
    public string? Name { get; }

    /// <summary>Canonical type of each type index.</summary>
    public readonly DefinedType[] Types;

    public readonly FunctionInstance[] Functions;
    public readonly TableInstance[] Tables;
    public readonly MemoryInstance[] Memories;
    public readonly GlobalInstance[] Globals;
    public readonly TagInstance[] Tags;

    /// <summary>Element segments' values; an empty array once dropped (elem.drop, or after active/declarative init).</summary>
    public readonly object?[][] ElementSegments;

    /// <summary>Data segments' bytes; empty once dropped.</summary>
    public readonly ReadOnlyMemory<byte>[] DataSegments;

    /// <summary>Linear memory this instance defines, against <see cref="StoreOptions.MaxInstanceMemoryBytes"/> (and the store's cap).</summary>
    public ResourceScope? Scope;

    /// <summary>Has instantiation counted this instance as a holder of its imported memories (so disposal must release them)?</summary>
    public bool HoldsImportedMemories;

    /// <summary>Set by <see cref="Store.DisposeInstance"/>.</summary>
    public bool Disposed;

    /// <summary>Engine-private per-instance state (e.g. resolved call targets), created by the engine on demand.</summary>
    public object? EngineData;

    public IReadOnlyList<(string Name, ExternValue Value)> Exports => _exports;

    public ExternValue? GetExport(string name) => _exportMap.GetValueOrDefault(name);

    internal void AddExport(string name, ExternValue value)
    {
        _exports.Add((name, value));
        _exportMap[name] = value;
    }

    /// <summary>Maps a module-relative value type to its canonical form (concrete heap types become registry ids).</summary>
    public ValType Canonical(ValType t) =>
        t.IsRef && t.Heap.IsConcrete ? ValType.Ref(HeapType.Index(Types[t.Heap.TypeIndex].Id), t.Nullable) : t;

    public override string ToString() => Name ?? Module.Names?.ModuleName ?? "(module)";
}
