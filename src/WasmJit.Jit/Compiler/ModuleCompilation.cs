using System.Reflection.Emit;
using WasmJit.Binary;

namespace WasmJit.Jit;

/// <summary>State shared by the functions of one compilation batch: the module, and the batch's dynamic methods.</summary>
internal sealed class ModuleCompilation(WasmModule module, WasmFeatures features, DynamicMethod?[] methods)
{
    public WasmModule Module { get; } = module;

    public WasmFeatures Features { get; } = features;

    public InstructionBuffers Buffers { get; } = new();

    /// <summary>The callee's method when it is compiled in this batch (a direct IL <c>call</c>), else null.</summary>
    public DynamicMethod? DirectTarget(int functionIndex) =>
        functionIndex < methods.Length ? methods[functionIndex] : null;
}
