namespace WasmJit;

/// <summary>How an <see cref="Engine"/> runs WebAssembly code.</summary>
public enum ExecutionStrategy
{
    /// <summary>The interpreter only: no code generation, fastest start-up.</summary>
    Interpreter,

    /// <summary>Every function compiled to IL (DynamicMethod) before its first call.</summary>
    Jit,

    /// <summary>Interpreter first; functions that get hot are compiled (see <see cref="EngineConfig.TierUpCallThreshold"/>).</summary>
    Tiered,
}
