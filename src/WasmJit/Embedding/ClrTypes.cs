using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WasmJit.Runtime;

namespace WasmJit.Embedding;

/// <summary>
/// Which CLR types stand for which wasm value types at the API boundary:
/// <c>int</c>/<c>uint</c> = i32, <c>long</c>/<c>ulong</c> = i64, <c>float</c> = f32, <c>double</c> = f64,
/// <c>Vector128&lt;byte&gt;</c> = v128, <see cref="Function"/> = funcref (any function reference type),
/// <c>object</c> = externref (or any other non-function reference type); a <c>ValueTuple</c> of those is a
/// multi-value result list.
/// </summary>
internal static class ClrTypes
{
    public const string Supported =
        "int, uint, long, ulong, float, double, Vector128<byte>, Function (funcref) and object (externref)";

    /// <summary>The wasm type a host function with this CLR parameter/result type gets; throws for unsupported types.</summary>
    public static ValType ValTypeOf(Type t)
    {
        if (t == typeof(int) || t == typeof(uint))
        {
            return ValType.I32;
        }
        if (t == typeof(long) || t == typeof(ulong))
        {
            return ValType.I64;
        }
        if (t == typeof(float))
        {
            return ValType.F32;
        }
        if (t == typeof(double))
        {
            return ValType.F64;
        }
        if (t == typeof(Vector128<byte>))
        {
            return ValType.V128;
        }
        if (t == typeof(Function))
        {
            return ValType.FuncRef;
        }
        if (t == typeof(object))
        {
            return ValType.ExternRef;
        }
        throw new NotSupportedException($"type {Name(t)} cannot cross the WebAssembly boundary; use {Supported}");
    }

    public static bool IsTuple(Type t) =>
        t.IsGenericType && t.IsValueType && t.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
        && typeof(ITuple).IsAssignableFrom(t);

    /// <summary>The wasm result types of a CLR result type (none, one, or a tuple's elements).</summary>
    public static ValType[] ResultTypesOf(Type t)
    {
        if (t == typeof(NoResult))
        {
            return [];
        }
        if (IsTuple(t))
        {
            var args = t.GetGenericArguments();
            if (args.Length > 7)
            {
                throw new NotSupportedException("multi-value results are supported as tuples of up to 7 values");
            }
            return [.. args.Select(ValTypeOf)];
        }
        return [ValTypeOf(t)];
    }

    public static Type[] ResultClrTypes(Type t) =>
        t == typeof(NoResult) ? [] : IsTuple(t) ? t.GetGenericArguments() : [t];

    /// <summary>
    /// May a value of wasm type <paramref name="wasm"/> (canonical) travel as <paramref name="clr"/>? Numbers need the
    /// same kind; <see cref="Function"/> takes any function reference, <c>object</c> any other reference.
    /// </summary>
    public static bool Accepts(Type clr, ValType wasm)
    {
        switch (wasm.Kind)
        {
            case ValKind.I32:
                return clr == typeof(int) || clr == typeof(uint);
            case ValKind.I64:
                return clr == typeof(long) || clr == typeof(ulong);
            case ValKind.F32:
                return clr == typeof(float);
            case ValKind.F64:
                return clr == typeof(double);
            case ValKind.V128:
                return clr == typeof(Vector128<byte>);
            case ValKind.Ref:
                return IsFunctionRef(wasm) ? clr == typeof(Function) : clr == typeof(object);
            default:
                return false;
        }
    }

    /// <summary>Is a (canonical) reference type one of the function references (func, nofunc, a concrete func type)?</summary>
    public static bool IsFunctionRef(ValType t)
    {
        var h = t.Heap;
        if (h.IsConcrete)
        {
            return TypeRegistry.Get(h.Code).Kind == CompositeKind.Func;
        }
        return h.Code is HeapType.FuncCode or HeapType.NoFuncCode;
    }

    /// <summary>Throws unless the CLR signature fits the function's wasm type exactly.</summary>
    public static void CheckSignature(FunctionInstance f, string what, Type[] parameters, Type result)
    {
        var type = f.Type;
        var results = ResultClrTypes(result);
        bool ok = parameters.Length == type.Params.Length && results.Length == type.Results.Length;
        for (int i = 0; ok && i < parameters.Length; i++)
        {
            ok = Accepts(parameters[i], type.Params[i]);
        }
        for (int i = 0; ok && i < results.Length; i++)
        {
            ok = Accepts(results[i], type.Results[i]);
        }
        if (!ok)
        {
            string clr = $"({string.Join(", ", parameters.Select(Name))}) -> {(results.Length == 0 ? "void" : Name(result))}";
            throw new InvalidCastException($"{what} has type {Describe(type)}, which does not match {clr}");
        }
    }

    public static string Describe(FuncType t) =>
        $"func ({string.Join(", ", t.Params)}) -> ({string.Join(", ", t.Results)})";

    public static string Name(Type t)
    {
        if (!t.IsGenericType)
        {
            return t == typeof(int) ? "int" : t == typeof(uint) ? "uint" : t == typeof(long) ? "long"
                : t == typeof(ulong) ? "ulong" : t == typeof(float) ? "float" : t == typeof(double) ? "double"
                : t == typeof(object) ? "object" : t.Name;
        }
        string args = string.Join(", ", t.GetGenericArguments().Select(Name));
        return IsTuple(t) ? $"({args})" : $"{t.Name[..t.Name.IndexOf('`')]}<{args}>";
    }
}
