namespace WasmJit.Jit;

/// <summary>
/// A table (https://webassembly.github.io/spec/core/exec/runtime.html#table-instances). The array is exactly the
/// table's current size and is replaced on growth, so compiled code reads <see cref="Elements"/> at each access and
/// its bounds check is the array length. Function references are <see cref="JitFunction"/> objects; null is
/// <c>ref.null</c>. Stand-in for the runtime's TableInstance.
/// </summary>
internal sealed class JitTable(TableType type, object?[] elements)
{
    public object?[] Elements = elements;

    public TableType Type { get; } = type;

    /// <summary>table.grow: the old size, or -1.</summary>
    public long Grow(ulong delta, object? init)
    {
        ulong old = (ulong)Elements.Length;
        ulong max = Math.Min(Type.Limits.Max ?? uint.MaxValue, 10_000_000);
        if (delta > max - old)
        {
            return -1;
        }
        var grown = new object?[old + delta];
        Array.Copy(Elements, grown, Elements.Length);
        Array.Fill(grown, init, (int)old, (int)delta);
        Elements = grown;
        return (long)old;
    }
}
