using WasmJit.Runtime;

namespace WasmJit;

/// <summary>
/// An instantiated module (https://webassembly.github.io/spec/core/exec/runtime.html#module-instances): reach its
/// exports by name. Created by <see cref="Linker.Instantiate"/>; lives as long as its <see cref="Store"/>.
/// </summary>
public sealed partial class Instance
{
    internal Instance(Store store, Module module, ModuleInstance inner)
    {
        Store = store;
        Module = module;
        Inner = inner;
    }

    public Store Store { get; }

    public Module Module { get; }

    public IReadOnlyList<ModuleExport> Exports => Module.Exports;

    internal ModuleInstance Inner { get; }

    /// <summary>The exported function, or null when there is no function export of that name.</summary>
    public Function? GetFunction(string name) => Function.Wrap(Store, Inner.GetExport(name) as FunctionInstance);

    public Memory? GetMemory(string name) => Inner.GetExport(name) is MemoryInstance m ? new Memory(Store, m) : null;

    public Table? GetTable(string name) => Inner.GetExport(name) is TableInstance t ? new Table(Store, t) : null;

    public Global? GetGlobal(string name) => Inner.GetExport(name) is GlobalInstance g ? new Global(Store, g) : null;

    /// <exception cref="KeyNotFoundException">No function export of that name.</exception>
    private Function RequireFunction(string name) =>
        GetFunction(name) ?? throw new KeyNotFoundException(
            Inner.GetExport(name) is { } other
                ? $"export \"{name}\" of {Module} is a {other.Kind.ToString().ToLowerInvariant()}, not a function"
                : $"{Module} has no export \"{name}\"");

    public override string ToString() => $"instance of {Module}";
}
