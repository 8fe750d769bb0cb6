using WasmJit.Embedding;
using WasmJit.Runtime;

namespace WasmJit;

/// <summary>
/// A global variable (https://webassembly.github.io/spec/core/exec/runtime.html#global-instances). Values are boxed
/// as in <see cref="Function.Invoke"/>: int, long, float, double, Vector128&lt;byte&gt;, Function, or any object for externref.
/// </summary>
public sealed class Global
{
    /// <summary>Creates a global in <paramref name="store"/> (to define in a <see cref="Linker"/>).</summary>
    public Global(Store store, ValType type, object? value, bool mutable = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (type.IsRef && type.Heap.IsConcrete)
        {
            throw new ArgumentException($"a host global's type must not be a concrete reference type ({type})", nameof(type));
        }
        Store = store;
        Inner = new GlobalInstance(new GlobalType(type, mutable), Values.ToWasm(value, type, store, "value"));
    }

    internal Global(Store store, GlobalInstance inner)
    {
        Store = store;
        Inner = inner;
    }

    public Store Store { get; }

    public GlobalType Type => Inner.Type;

    internal GlobalInstance Inner { get; }

    public object? GetValue() => Values.FromWasm(Inner.Value, Store);

    /// <exception cref="InvalidOperationException">The global is immutable.</exception>
    public void SetValue(object? value)
    {
        if (!Inner.Type.Mutable)
        {
            throw new InvalidOperationException("the global is immutable");
        }
        Inner.Value = Values.ToWasm(value, Inner.Type.Type, Store, "value");
    }
}
