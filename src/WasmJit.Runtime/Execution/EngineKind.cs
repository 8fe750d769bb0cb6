namespace WasmJit.Runtime;

/// <summary>Which execution tier runs a store's functions.</summary>
internal enum EngineKind
{
    /// <summary>The flat-IR interpreter (src/WasmJit.Interpreter).</summary>
    Interpreter,

    /// <summary>The DynamicMethod JIT (src/WasmJit.Jit).</summary>
    Jit,

    /// <summary>Interpreter first, JIT for hot functions (policy owned by src/WasmJit).</summary>
    Tiered,
}
