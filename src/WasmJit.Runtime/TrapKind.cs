namespace WasmJit;

/// <summary>Why WebAssembly execution trapped. Messages follow the spec test suite's texts.</summary>
public enum TrapKind
{
    Unreachable,
    MemoryOutOfBounds,
    TableOutOfBounds,
    IndirectCallTypeMismatch,
    UninitializedElement,
    UndefinedElement,
    IntegerDivideByZero,
    IntegerOverflow,
    InvalidConversionToInteger,
    NullReference,
    NullFunctionReference,
    NullStructReference,
    NullArrayReference,
    CastFailure,
    ArrayOutOfBounds,
    UnalignedAtomic,
    ExpectedSharedMemory,
    CallStackExhausted,
    OutOfFuel,
    Interrupted,
    DataSegmentOutOfBounds,
    ElementSegmentOutOfBounds,
    HostError,

    /// <summary>A store's resource limit (memory, table or instance count) was exceeded; see WasmResourceLimitException.</summary>
    ResourceLimitExceeded,
}

internal static class TrapMessages
{
    /// <summary>The spec suite's wording for each kind (assert_trap compares by substring).</summary>
    public static string For(TrapKind kind) => kind switch
    {
        TrapKind.Unreachable => "unreachable",
        TrapKind.MemoryOutOfBounds => "out of bounds memory access",
        TrapKind.TableOutOfBounds => "out of bounds table access",
        TrapKind.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapKind.UninitializedElement => "uninitialized element",
        TrapKind.UndefinedElement => "undefined element",
        TrapKind.IntegerDivideByZero => "integer divide by zero",
        TrapKind.IntegerOverflow => "integer overflow",
        TrapKind.InvalidConversionToInteger => "invalid conversion to integer",
        TrapKind.NullReference => "null reference",
        TrapKind.NullFunctionReference => "null function reference",
        TrapKind.NullStructReference => "null structure reference",
        TrapKind.NullArrayReference => "null array reference",
        TrapKind.CastFailure => "cast failure",
        TrapKind.ArrayOutOfBounds => "out of bounds array access",
        TrapKind.UnalignedAtomic => "unaligned atomic",
        TrapKind.ExpectedSharedMemory => "expected shared memory",
        TrapKind.CallStackExhausted => "call stack exhausted",
        TrapKind.OutOfFuel => "all fuel consumed",
        TrapKind.Interrupted => "interrupted",
        TrapKind.DataSegmentOutOfBounds => "out of bounds memory access",
        TrapKind.ElementSegmentOutOfBounds => "out of bounds table access",
        TrapKind.HostError => "host function error",
        TrapKind.ResourceLimitExceeded => "resource limit exceeded",
        _ => kind.ToString(),
    };
}
