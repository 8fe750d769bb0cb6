namespace WasmJit;

/// <summary>
/// WebAssembly features (finished proposals) that a module may use. Each opcode's gate comes from opcodes.tbl.
/// See https://webassembly.github.io/spec/core/appendix/changes.html for what each release added.
/// </summary>
[Flags]
public enum WasmFeatures : uint
{
    None = 0,
    MutableGlobals = 1u << 0,
    SignExtension = 1u << 1,
    NonTrappingFloatToInt = 1u << 2,
    MultiValue = 1u << 3,
    BulkMemory = 1u << 4,
    ReferenceTypes = 1u << 5,
    Simd = 1u << 6,
    RelaxedSimd = 1u << 7,
    TailCall = 1u << 8,
    ExceptionHandling = 1u << 9,
    LegacyExceptions = 1u << 10,
    Memory64 = 1u << 11,
    MultiMemory = 1u << 12,
    ExtendedConst = 1u << 13,
    FunctionReferences = 1u << 14,
    Gc = 1u << 15,
    Threads = 1u << 16,

    /// <summary>WebAssembly 1.0 (the MVP).</summary>
    Wasm1 = None,

    /// <summary>WebAssembly 2.0.</summary>
    Wasm2 = MutableGlobals | SignExtension | NonTrappingFloatToInt | MultiValue | BulkMemory | ReferenceTypes | Simd,

    /// <summary>WebAssembly 3.0.</summary>
    Wasm3 = Wasm2 | RelaxedSimd | TailCall | ExceptionHandling | Memory64 | MultiMemory | ExtendedConst | FunctionReferences | Gc,

    /// <summary>What an engine accepts unless told otherwise.</summary>
    Default = Wasm3 | Threads,

    All = Default | LegacyExceptions,
}
