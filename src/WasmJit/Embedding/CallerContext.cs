using WasmJit.Runtime;

namespace WasmJit.Embedding;

/// <summary>
/// What a host function knows about who calls it: the store and the instance that imported it. The linker binds
/// each host definition to the importing instance when it instantiates a module (the runtime passes no caller to
/// host functions), so this is created once per instantiation and shared by all its host imports.
/// </summary>
internal sealed class CallerContext(Store store, Module module)
{
    private Instance? _public;
    private MemoryInstance? _memory;
    private Memory? _publicMemory;
    private object? _stateKey;
    private object? _state;

    public Store Store { get; } = store;

    public Module Module { get; } = module;

    /// <summary>The instance being created or created; set before any of its code (start function included) runs.</summary>
    public ModuleInstance? Instance { get; set; }

    public Instance PublicInstance => _public ??= new Instance(Store, Module,
        Instance ?? throw new InvalidOperationException("the calling instance is not created yet"));

    /// <summary>The instance's exported "memory" (what WASI and most ABIs mean by "the memory"), looked up once.</summary>
    public MemoryInstance? DefaultMemory => _memory ??= Instance?.GetExport("memory") as MemoryInstance;

    /// <summary>The public view of <see cref="DefaultMemory"/>, made once (host functions ask for it on every call).</summary>
    public Memory? DefaultPublicMemory => _publicMemory ??= DefaultMemory is { } m ? new Memory(Store, m) : null;

    /// <summary>Per-instance state of a host module (e.g. WASI's guest memory view), created on first call.</summary>
    public T GetState<T>(object key, Func<CallerContext, T> create)
        where T : class
    {
        if (ReferenceEquals(_stateKey, key))
        {
            return (T)_state!;
        }
        var value = create(this);
        _stateKey = key;
        _state = value;
        return value;
    }
}
