using System.Runtime.Intrinsics;
using WasmJit.Runtime;

namespace WasmJit.Embedding;

/// <summary>
/// Conversions between boxed CLR values (the untyped API: <see cref="Function.Invoke"/>, globals, tables) and
/// <see cref="WasmValue"/>, and the reference checks every path shares: a null only where the type is nullable, a
/// function only from the same store and of a matching type.
/// </summary>
internal static class Values
{
    public static WasmValue ToWasm(object? value, ValType type, Store store, string what)
    {
        switch (type.Kind)
        {
            case ValKind.I32:
                return value switch
                {
                    int i => WasmValue.FromI32(i),
                    uint u => WasmValue.FromI32((int)u),
                    _ => throw Mismatch(value, type, what),
                };
            case ValKind.I64:
                return value switch
                {
                    long l => WasmValue.FromI64(l),
                    ulong u => WasmValue.FromI64((long)u),
                    int i => WasmValue.FromI64(i),
                    uint u => WasmValue.FromI64(u),
                    _ => throw Mismatch(value, type, what),
                };
            case ValKind.F32:
                return value is float f32 ? WasmValue.FromF32(f32) : throw Mismatch(value, type, what);
            case ValKind.F64:
                return value switch
                {
                    double d => WasmValue.FromF64(d),
                    float f => WasmValue.FromF64(f),
                    _ => throw Mismatch(value, type, what),
                };
            case ValKind.V128:
                return value is Vector128<byte> v ? WasmValue.FromV128(v) : throw Mismatch(value, type, what);
            case ValKind.Ref:
                {
                    object? raw = ClrTypes.IsFunctionRef(type)
                        ? value is null or Function ? (value as Function)?.Inner : throw Mismatch(value, type, what)
                        : value;
                    CheckRef(raw, type, store, what, isArgument: true);
                    return WasmValue.FromRef(type, raw);
                }
            default:
                throw new NotSupportedException($"{what}: values of type {type} cannot cross the boundary");
        }
    }

    public static object? FromWasm(in WasmValue v, Store store) => v.Type.Kind switch
    {
        ValKind.I32 => v.I32,
        ValKind.I64 => v.I64,
        ValKind.F32 => v.F32,
        ValKind.F64 => v.F64,
        ValKind.V128 => v.V128,
        _ => FromRef(v.Ref, store),
    };

    /// <summary>A reference as the host sees it: functions wrapped as <see cref="Function"/>, anything else as is.</summary>
    public static object? FromRef(object? r, Store store) => r is FunctionInstance f ? Function.Wrap(store, f) : r;

    /// <summary>
    /// Checks a raw reference against a canonical reference type. Arguments fail with <see cref="ArgumentException"/>,
    /// results of host functions with <see cref="InvalidOperationException"/>.
    /// </summary>
    public static void CheckRef(object? raw, ValType type, Store store, string what, bool isArgument)
    {
        string? problem = null;
        if (raw is null)
        {
            if (!type.Nullable)
            {
                problem = $"null is not a value of the non-nullable type {type}";
            }
        }
        else if (raw is FunctionInstance f)
        {
            var owner = StoreOf(f);
            if (owner is not null && !ReferenceEquals(owner, store.Inner))
            {
                problem = "the function belongs to a different store";
            }
            else if (type.Heap.IsConcrete && !f.CanonicalType.IsSubtypeOf(TypeRegistry.Get(type.Heap.Code)))
            {
                problem = $"function of type {ClrTypes.Describe(f.Type)} is not a {type}";
            }
        }
        if (problem is not null)
        {
            throw isArgument ? new ArgumentException($"{what}: {problem}") : new InvalidOperationException($"{what}: {problem}");
        }
    }

    private static Runtime.Store? StoreOf(FunctionInstance f) => f switch
    {
        WasmFunction w => w.Instance.Store,
        BoundHostFunction h => h.Context.Store.Inner,
        _ => null,
    };

    private static ArgumentException Mismatch(object? value, ValType type, string what) =>
        new($"{what}: expected a value of type {type}, got {(value is null ? "null" : ClrTypes.Name(value.GetType()))}");
}
