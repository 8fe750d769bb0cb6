using WasmJit.Embedding;
using WasmJit.Runtime;

namespace WasmJit;

/// <summary>
/// A table of references (https://webassembly.github.io/spec/core/exec/runtime.html#table-instances). Elements of a
/// function table are <see cref="Function"/>s (or null); elements of an externref table are any host object.
/// </summary>
public sealed class Table
{
    /// <summary>
    /// Creates a table in <paramref name="store"/>. <paramref name="elementType"/> is an abstract reference type such
    /// as <see cref="ValType.FuncRef"/> or <see cref="ValType.ExternRef"/>.
    /// </summary>
    public Table(Store store, ValType elementType, long initialSize, long? maximumSize = null, object? initialValue = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(initialSize);
        if (!elementType.IsRef || elementType.Heap.IsConcrete)
        {
            throw new ArgumentException($"a host table's element type must be an abstract reference type, not {elementType}", nameof(elementType));
        }
        if (maximumSize is long max && max < initialSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumSize), "maximum is below the initial size");
        }
        Store = store;
        var init = Values.ToWasm(initialValue, elementType, store, "initial value").Ref;
        Inner = store.Inner.CreateTable(new TableType(elementType, new Limits((ulong)initialSize, (ulong?)maximumSize), false), init);
    }

    internal Table(Store store, TableInstance inner)
    {
        Store = store;
        Inner = inner;
    }

    public Store Store { get; }

    /// <summary>The current type (the limits' minimum is the current size).</summary>
    public TableType Type => Inner.Type;

    public long Size => (long)Inner.Size;

    internal TableInstance Inner { get; }

    public object? GetElement(long index)
    {
        CheckIndex(index);
        return Values.FromRef(Inner.Elements[index], Store);
    }

    public void SetElement(long index, object? value)
    {
        CheckIndex(index);
        Inner.Elements[index] = Values.ToWasm(value, Inner.ElementType, Store, "element").Ref;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initialValue"/>: the old size, or -1.</summary>
    public long Grow(long delta, object? initialValue = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        return Inner.Grow((ulong)delta, Values.ToWasm(initialValue, Inner.ElementType, Store, "initial value").Ref);
    }

    private void CheckIndex(long index)
    {
        if ((ulong)index >= Inner.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside the table of {Inner.Size} elements");
        }
    }
}
