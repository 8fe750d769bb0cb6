namespace WasmJit.Validation;

/// <summary>
/// Process-wide canonicalisation of recursion groups: two rec groups that are syntactically equal after their
/// references to earlier groups are replaced by canonical ids get the same canonical ids, which makes
/// iso-recursive type equivalence an integer compare, within a module and across modules (imports, call_indirect,
/// casts). https://webassembly.github.io/spec/core/valid/conventions.html#rolling-and-unrolling and
/// https://webassembly.github.io/spec/core/valid/matching.html#type-equivalence
/// </summary>
/// <remarks>
/// A group key encodes each sub type of the group as integers; a reference to a type inside the group is
/// encoded as its position in the group, a reference to an earlier type as its canonical id, so the key is
/// independent of the module the group comes from. Groups are never removed: the number of distinct groups a
/// process meets is small compared with the modules that use them.
/// </remarks>
internal sealed class TypeRegistry
{
    private readonly Dictionary<GroupKey, int> _groups = [];
    private int _next;

    /// <summary>The registry all modules share, so canonical ids compare across modules.</summary>
    public static TypeRegistry Shared { get; } = new();

    /// <summary>Returns the canonical id of the first type of the group described by <paramref name="key"/>; the
    /// group's types have consecutive ids.</summary>
    public int Intern(int[] key, int groupSize)
    {
        var k = new GroupKey(key);
        lock (_groups)
        {
            if (_groups.TryGetValue(k, out int id))
            {
                return id;
            }
            id = _next;
            _next += groupSize;
            _groups.Add(k, id);
            return id;
        }
    }

    private readonly struct GroupKey : IEquatable<GroupKey>
    {
        private readonly int[] _data;
        private readonly int _hash;

        public GroupKey(int[] data)
        {
            _data = data;
            var h = new HashCode();
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
            _hash = h.ToHashCode();
        }

        public bool Equals(GroupKey other) => _hash == other._hash && _data.AsSpan().SequenceEqual(other._data);

        public override bool Equals(object? obj) => obj is GroupKey k && Equals(k);

        public override int GetHashCode() => _hash;
    }
}
