using WasmJit.Runtime;

namespace WasmJit.Wasi;

// The runtime's store, not the public API's WasmJit.Store (which the enclosing namespace would find first).
using Store = WasmJit.Runtime.Store;

/// <summary>
/// <see cref="WasiThreads"/> over one runtime store: the module's instances (main and spawned) are all created in
/// <c>store</c> (instantiation and calls are thread-safe at the runtime level), sharing the imported memory.
/// </summary>
internal sealed class RuntimeThreads
{
    private readonly Store _store;
    private readonly WasmModule _module;
    private readonly Func<Import, ExternValue?> _imports;
    private readonly HostFunction _spawn;

    public RuntimeThreads(Store store, WasmModule module, Func<Import, ExternValue?> imports, int stackSize)
    {
        _store = store;
        _module = module;
        _imports = imports;
        Threads = new WasiThreads(CreateThread, stackSize);
        _spawn = Threads.CreateSpawnFunction();
    }

    public WasiThreads Threads { get; }

    /// <summary>Instantiates the module (the main thread's instance, or a spawned one) with thread-spawn bound.</summary>
    public ModuleInstance Instantiate(string? name = null) => _store.Instantiate(_module, Resolve, name);

    private ExternValue? Resolve(Import import) =>
        import.Module == WasiThreads.ModuleName && import.Name == WasiThreads.SpawnName && import.Kind == ExternKind.Func
            ? _spawn : _imports(import);

    private Action<int, int>? CreateThread(int tid)
    {
        var instance = Instantiate($"thread {tid}");
        if (instance.GetExport(WasiThreads.StartExport) is not FunctionInstance f
            || f.Type.Params is not [{ Kind: ValKind.I32 }, { Kind: ValKind.I32 }] || f.Type.Results.Length != 0)
        {
            return null;
        }
        return (t, a) => f.Invoke([WasmValue.FromI32(t), WasmValue.FromI32(a)]);
    }
}
