using WasmJit.Runtime;

namespace WasmJit;

/// <summary>
/// An instantiated module (https://webassembly.github.io/spec/core/exec/runtime.html#module-instances): reach its
/// exports by name. Created by <see cref="Linker.Instantiate"/>; lives until it or its <see cref="Store"/> is
/// disposed.
/// </summary>
public sealed partial class Instance : IDisposable
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

    /// <summary>Has <see cref="Dispose"/> run?</summary>
    public bool IsDisposed => Inner.Disposed;

    /// <summary>
    /// Releases the instance: its linear memories are unmapped unless another instance imported them (then they go
    /// with the last one), and it no longer counts against <see cref="StoreLimits.MaxInstances"/>. The store and its
    /// other instances keep working. Its functions must not be called any more: a call that still reaches one (a
    /// kept delegate, a table entry) traps "out of bounds memory access" on its first memory access, it never
    /// touches freed memory.
    /// </summary>
    /// <exception cref="InvalidOperationException">WebAssembly code of the store is running (e.g. this is a host function).</exception>
    public void Dispose()
    {
        if (Inner.Disposed)
        {
            return;
        }
        if (Store.IsRunning)
        {
            throw new InvalidOperationException("cannot dispose an instance while WebAssembly code of its store is running");
        }
        Store.Inner.DisposeInstance(Inner);
    }

    public override string ToString() => $"instance of {Module}";
}
