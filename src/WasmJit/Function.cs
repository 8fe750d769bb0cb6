using WasmJit.Embedding;
using WasmJit.Runtime;

namespace WasmJit;

/// <summary>
/// A WebAssembly function (exported by an instance, or a host function): call it untyped with <see cref="Invoke"/>
/// (tools), or get a typed delegate with <c>AsFunc&lt;...&gt;</c>/<c>AsAction&lt;...&gt;</c> (no boxing per call).
/// As a <c>funcref</c> value, a function is passed and returned as a <see cref="Function"/>.
/// </summary>
public sealed partial class Function : IEquatable<Function>
{
    private FuncType? _type;

    private Function(Store store, FunctionInstance inner)
    {
        Store = store;
        Inner = inner;
    }

    public Store Store { get; }

    /// <summary>The signature (a copy).</summary>
    public FuncType Type => _type ??= ExternTypes.Copy(Inner.Type);

    /// <summary>The name from the name section (or "module.name" for a host function), or null.</summary>
    public string? Name => Inner.Name;

    internal FunctionInstance Inner { get; }

    internal static Function? Wrap(Store store, FunctionInstance? f) => f is null ? null : new(store, f);

    /// <summary>
    /// Calls the function with boxed arguments: <c>int</c> (or <c>uint</c>) for i32, <c>long</c> for i64, <c>float</c>,
    /// <c>double</c>, <c>Vector128&lt;byte&gt;</c>, a <see cref="Function"/> or null for function references, any
    /// object for externref. Returns null when the function has no results, the value when it has one, and an
    /// <c>object?[]</c> when it has several.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong number or types of arguments.</exception>
    /// <exception cref="WasmTrapException">The function trapped; the store stays usable.</exception>
    public object? Invoke(params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var type = Inner.Type;
        if (args.Length != type.Params.Length)
        {
            throw new ArgumentException($"{Describe()} takes {type.Params.Length} arguments, got {args.Length}", nameof(args));
        }
        var values = new WasmValue[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            values[i] = Values.ToWasm(args[i], type.Params[i], Store, $"argument {i}");
        }
        WasmValue[] results;
        Store.Enter();
        try
        {
            results = Inner.Invoke(values);
        }
        finally
        {
            Store.Exit();
        }
        return results.Length switch
        {
            0 => null,
            1 => Values.FromWasm(results[0], Store),
            _ => results.Select(r => Values.FromWasm(r, Store)).ToArray(),
        };
    }

    private string Describe() => $"function {Name ?? "(unnamed)"} ({ClrTypes.Describe(Inner.Type)})";

    public bool Equals(Function? other) => other is not null && ReferenceEquals(Inner, other.Inner);

    public override bool Equals(object? obj) => Equals(obj as Function);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Inner);

    public override string ToString() => Describe();
}
