using System.Runtime.CompilerServices;
using WasmJit.Binary;

namespace WasmJit.Validation;

/// <summary>
/// The validation context C of a module (https://webassembly.github.io/spec/core/valid/conventions.html#contexts):
/// the index spaces with their types, the canonicalised type section and the set of declared function references.
/// Built by <see cref="ModuleValidator"/>; read-only afterwards, so any number of <see cref="FuncValidator"/>s
/// (one per thread) can share it. A validated module keeps it in <see cref="WasmModule.Context"/>.
/// With lazy validation its function bodies may still be pending (see ModuleContext.Bodies.cs).
/// </summary>
internal sealed partial class ModuleContext
{
    private readonly bool[] _declared;

    internal ModuleContext(WasmModule module, WasmFeatures features, ModuleTypes types)
    {
        Module = module;
        Features = features;
        Types = types;
        _declared = new bool[module.FunctionTypeIndices.Count];
    }

    public WasmModule Module { get; }

    public WasmFeatures Features { get; }

    public ModuleTypes Types { get; }

    public int FunctionCount => Module.FunctionTypeIndices.Count;

    public int TableCount => Module.Tables.Count;

    public int MemoryCount => Module.Memories.Count;

    public int GlobalCount => Module.Globals.Count;

    public int TagCount => Module.Tags.Count;

    public int ElementCount => Module.Elements.Count;

    /// <summary>Data segment count as code sees it: the data count section's value (null when it is absent).</summary>
    public uint? DataCount => Module.DataCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FuncType FunctionType(int funcIndex) => Types[Module.FunctionTypeIndices[funcIndex]].Func!;

    public FuncType TagType(int tagIndex) => Types[Module.Tags[tagIndex]].Func!;

    /// <summary>Is the function referenced outside function bodies (C.refs), so <c>ref.func</c> may name it?</summary>
    public bool IsDeclared(int funcIndex) => _declared[funcIndex];

    internal void Declare(int funcIndex) => _declared[funcIndex] = true;

    public bool Has(WasmFeatures f) => (Features & f) == f;
}
