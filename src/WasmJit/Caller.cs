using WasmJit.Embedding;

namespace WasmJit;

/// <summary>
/// Passed to a host function (as its first parameter, when it asks for one): the store and the instance that
/// imported the function, so the host can reach that instance's memory and exports. Valid during the call; do not
/// keep it. A host function may call back into wasm through the exports it finds here (re-entrancy).
/// </summary>
public readonly struct Caller
{
    private readonly CallerContext? _context;

    internal Caller(CallerContext context) => _context = context;

    internal CallerContext Context => _context ?? throw new InvalidOperationException("default(Caller) has no calling instance");

    public Store Store => Context.Store;

    /// <summary>The instance whose import is being called.</summary>
    public Instance Instance => Context.PublicInstance;

    /// <summary>The calling instance's exported memory (by default the one named "memory"), or null.</summary>
    public Memory? GetMemory(string name = "memory")
    {
        if (name == "memory")
        {
            return Context.DefaultPublicMemory;
        }
        return Instance.GetMemory(name);
    }

    public Function? GetFunction(string name) => Instance.GetFunction(name);

    public Global? GetGlobal(string name) => Instance.GetGlobal(name);

    public Table? GetTable(string name) => Instance.GetTable(name);
}
