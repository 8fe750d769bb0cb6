namespace WasmJit.Runtime;

/// <summary>
/// Linear-memory bytes counted against a cap: one scope per store (all its memories) and one per instance (the
/// memories it defines), the instance's chained to its store's. A memory reserves its initial size when created and
/// every growth before it happens; releasing a memory gives its bytes back. Counters are updated with interlocked
/// operations because a shared memory may grow from several threads.
/// </summary>
internal sealed class ResourceScope(string owner, long maxMemoryBytes, ResourceScope? parent = null)
{
    private readonly ResourceScope? _parent = parent;
    private long _memoryBytes;

    /// <summary>"the store", "instance of X": used in messages.</summary>
    public string Owner { get; } = owner;

    public long MaxMemoryBytes { get; } = maxMemoryBytes;

    public long MemoryBytes => Volatile.Read(ref _memoryBytes);

    /// <summary>Counts <paramref name="bytes"/> more here and in the parents, or nothing and returns the scope whose cap it would pass.</summary>
    public ResourceScope? TryReserve(long bytes)
    {
        for (var s = this; s is not null; s = s._parent)
        {
            long after = Interlocked.Add(ref s._memoryBytes, bytes);
            if (after > s.MaxMemoryBytes)
            {
                for (var u = this; ; u = u._parent!)
                {
                    Interlocked.Add(ref u._memoryBytes, -bytes);
                    if (u == s)
                    {
                        break;
                    }
                }
                return s;
            }
        }
        return null;
    }

    public void Release(long bytes)
    {
        for (var s = this; s is not null; s = s._parent)
        {
            Interlocked.Add(ref s._memoryBytes, -bytes);
        }
    }

    public WasmResourceLimitException LimitError(long requested) => new("memory",
        $"linear memory of {Owner} would reach {MemoryBytes + requested} bytes, over its limit of {MaxMemoryBytes} bytes");
}
