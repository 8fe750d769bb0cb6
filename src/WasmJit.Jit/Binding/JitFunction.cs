namespace WasmJit.Jit;

/// <summary>
/// A function as callers reach it (https://webassembly.github.io/spec/core/exec/runtime.html#function-instances):
/// a typed machine-code entry and the object passed as its last argument. For compiled wasm the target is the
/// owning instance's <see cref="JitContext"/>; for a host function it is the host delegate and the entry a stub that
/// invokes it; the entry is swapped (one pointer-sized write, atomic) when a function tiers up, while the target
/// never changes. Stand-in for the runtime's FunctionInstance.
/// </summary>
internal sealed class JitFunction
{
    public JitFunction(FuncType type, int typeId, object target, nint entry, string name)
    {
        Type = type;
        TypeId = typeId;
        Target = target;
        Entry = entry;
        Name = name;
    }

    /// <summary>Address of code with the signature <c>(params..., ref results[1..]..., object target) -> result[0]</c>.</summary>
    public nint Entry;

    public readonly object Target;

    /// <summary>Canonical type id (<see cref="TypeRegistry"/>): equal ids mean equal function types.</summary>
    public readonly int TypeId;

    public FuncType Type { get; }

    public string Name { get; }

    /// <summary>Keeps the dynamic methods that <see cref="Entry"/> points into alive.</summary>
    public object? Keepalive;
}
