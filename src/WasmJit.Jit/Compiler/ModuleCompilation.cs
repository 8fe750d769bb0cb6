using System.Reflection.Emit;
using WasmJit.Binary;

namespace WasmJit.Jit;

/// <summary>
/// State shared by the functions of one compilation batch: the module, its canonical types (process-wide, so their
/// ids can be baked into the code), and the batch's dynamic methods.
/// </summary>
internal sealed class ModuleCompilation(WasmModule module, WasmFeatures features, DefinedType[] types, DynamicMethod?[] methods, bool fuel = false)
{
    /// <summary>Emit fuel charges at the charge points of <see cref="FuelSegments"/> (code for stores that meter fuel).</summary>
    public bool Fuel { get; } = fuel;

    public WasmModule Module { get; } = module;

    public WasmFeatures Features { get; } = features;

    public DefinedType[] Types { get; } = types;

    public InstructionBuffers Buffers { get; } = new();

    private readonly bool[] _referenced = new bool[methods.Length];
    private readonly List<int> _pendingReferences = [];

    /// <summary>
    /// The callee's method when it is compiled in this batch (a direct IL <c>call</c>), else null. Notes the
    /// reference, which counts (see <see cref="IsReferenced"/>) once the caller compiles (<see cref="Commit"/>).
    /// </summary>
    public DynamicMethod? DirectTarget(int functionIndex, int caller)
    {
        if (functionIndex >= methods.Length || methods[functionIndex] is not { } m)
        {
            return null;
        }
        if (functionIndex != caller)
        {
            _pendingReferences.Add(functionIndex);
        }
        return m;
    }

    /// <summary>The function just emitted compiled: the direct calls it emitted now reference their callees.</summary>
    public void Commit()
    {
        foreach (int f in _pendingReferences)
        {
            _referenced[f] = true;
        }
        _pendingReferences.Clear();
    }

    /// <summary>The function just emitted failed: its code is dropped, and so are its references.</summary>
    public void Discard() => _pendingReferences.Clear();

    /// <summary>
    /// Does the code of a compiled function call <paramref name="functionIndex"/>'s method directly? If not, a
    /// function that fails to compile can simply leave the batch: callers emitted later go through its entry.
    /// </summary>
    public bool IsReferenced(int functionIndex) => _referenced[functionIndex];

    /// <summary>Takes a function that failed to compile out of the batch (it must not be <see cref="IsReferenced"/>).</summary>
    public void Remove(int functionIndex) => methods[functionIndex] = null;
}
