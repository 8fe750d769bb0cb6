namespace WasmJit.Runtime;

/// <summary>
/// A table of references (https://webassembly.github.io/spec/core/exec/runtime.html#table-instances). Elements are
/// .NET objects (a <see cref="FunctionInstance"/> for funcref, host objects for externref, GC objects later); null
/// is the null reference. Engines read <see cref="Elements"/> and <see cref="Count"/> directly.
/// </summary>
internal sealed class TableInstance : ExternValue
{
    private readonly ulong _maxElements;
    private readonly ulong _engineLimit;
    private readonly bool _trapOnLimit;

    /// <summary>Backing store; its length is the capacity, <see cref="Count"/> the size. Replaced on growth.</summary>
    public object?[] Elements;

    /// <summary>Current size.</summary>
    public int Count;

    /// <param name="type">Element type with canonical heap types.</param>
    /// <param name="init">Initial value of every element.</param>
    /// <param name="maxElements">Engine limit on the size (grow past it returns -1).</param>
    public TableInstance(TableType type, object? init, ulong maxElements = 10_000_000)
        : this(type, init, maxElements, trapOnLimit: false)
    {
    }

    /// <param name="trapOnLimit">Growth past <paramref name="maxElements"/> (but within the declared maximum) throws <see cref="WasmResourceLimitException"/>.</param>
    public TableInstance(TableType type, object? init, ulong maxElements, bool trapOnLimit)
    {
        _trapOnLimit = trapOnLimit;
        _engineLimit = maxElements;
        DeclaredType = type;
        _maxElements = Math.Min(Math.Min(type.Limits.Max ?? ulong.MaxValue, maxElements), (ulong)Array.MaxLength);
        if (type.Limits.Min > _maxElements)
        {
            throw new WasmLinkException($"table of {type.Limits.Min} elements exceeds the engine's limit");
        }
        Count = (int)type.Limits.Min;
        Elements = new object?[Count];
        if (init is not null)
        {
            Array.Fill(Elements, init);
        }
    }

    public override ExternKind Kind => ExternKind.Table;

    public TableType DeclaredType { get; }

    /// <summary>The current type: the limits' minimum is the current size.</summary>
    public TableType Type => DeclaredType with { Limits = new Limits((ulong)Count, DeclaredType.Limits.Max) };

    public ValType ElementType => DeclaredType.Element;

    public ulong Size => (ulong)Count;

    public object? Get(ulong i)
    {
        if (i >= (ulong)Count)
        {
            WasmTrapException.Throw(TrapKind.TableOutOfBounds);
        }
        return Elements[i];
    }

    public void Set(ulong i, object? v)
    {
        if (i >= (ulong)Count)
        {
            WasmTrapException.Throw(TrapKind.TableOutOfBounds);
        }
        Elements[i] = v;
    }

    /// <summary>table.grow: the old size, or -1 past the maximum or the engine limit.</summary>
    public long Grow(ulong delta, object? init)
    {
        ulong old = (ulong)Count;
        ulong size = old + delta;
        if (size < old || size > _maxElements)
        {
            if (_trapOnLimit && size >= old && size > _engineLimit && size <= (DeclaredType.Limits.Max ?? ulong.MaxValue))
            {
                throw new WasmResourceLimitException("table",
                    $"table would grow to {size} elements, over the store's limit of {_engineLimit}");
            }
            return -1;
        }
        if (size > (ulong)Elements.Length)
        {
            var bigger = new object?[Math.Min(Math.Max(size, old * 2), _maxElements)];
            Array.Copy(Elements, bigger, Count);
            Elements = bigger;
        }
        Array.Fill(Elements, init, Count, (int)delta);
        Count = (int)size;
        return (long)old;
    }

    /// <summary>table.fill: traps when [i, i + n) is out of bounds.</summary>
    public void Fill(ulong i, object? v, ulong n)
    {
        if (i > (ulong)Count || n > (ulong)Count - i)
        {
            WasmTrapException.Throw(TrapKind.TableOutOfBounds);
        }
        Array.Fill(Elements, v, (int)i, (int)n);
    }

    /// <summary>table.copy (overlap-safe); traps when either range is out of bounds.</summary>
    public static void Copy(TableInstance dst, ulong d, TableInstance src, ulong s, ulong n)
    {
        if (d > (ulong)dst.Count || n > (ulong)dst.Count - d || s > (ulong)src.Count || n > (ulong)src.Count - s)
        {
            WasmTrapException.Throw(TrapKind.TableOutOfBounds);
        }
        Array.Copy(src.Elements, (int)s, dst.Elements, (int)d, (int)n);
    }

    /// <summary>table.init from an element segment's values; traps when either range is out of bounds.</summary>
    public void Init(ulong d, object?[] segment, ulong s, ulong n)
    {
        if (d > (ulong)Count || n > (ulong)Count - d || s > (ulong)segment.Length || n > (ulong)segment.Length - s)
        {
            WasmTrapException.Throw(TrapKind.TableOutOfBounds);
        }
        Array.Copy(segment, (int)s, Elements, (int)d, (int)n);
    }
}
