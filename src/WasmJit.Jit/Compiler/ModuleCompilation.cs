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

    /// <summary>The callee's method when it is compiled in this batch (a direct IL <c>call</c>), else null.</summary>
    public DynamicMethod? DirectTarget(int functionIndex) =>
        functionIndex < methods.Length ? methods[functionIndex] : null;
}
