using System.Runtime.InteropServices;

namespace WasmJit.Jit;

/// <summary>
/// A linear memory as compiled code sees it (https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances):
/// native bytes reserved once at their maximum so <see cref="Base"/> never moves, and the current length in bytes,
/// which compiled code caches in a local and re-reads after calls and <c>memory.grow</c>. Stand-in for the runtime's
/// MemoryInstance.
/// </summary>
internal sealed unsafe class JitMemory : IDisposable
{
    public JitMemory(MemoryType type, ulong reserveBytes)
    {
        Type = type;
        PageSize = 1UL << type.PageSizeLog2;
        ulong min = type.Limits.Min * PageSize;
        Reserved = Math.Max(reserveBytes, min);
        Base = (nint)NativeMemory.AllocZeroed((nuint)Math.Max(Reserved, 1));
        Length = min;
    }

    /// <summary>Address of byte 0. Never changes.</summary>
    public readonly nint Base;

    /// <summary>Current size in bytes. Only grows.</summary>
    public ulong Length;

    public readonly ulong Reserved;
    public readonly ulong PageSize;
    public MemoryType Type { get; }

    public Span<byte> Span => new((void*)Base, checked((int)Length));

    /// <summary>memory.grow: the old size in pages, or -1.</summary>
    public long Grow(ulong deltaPages)
    {
        ulong oldPages = Length / PageSize;
        ulong max = Type.Limits.Max ?? (Type.Is64 ? ulong.MaxValue / PageSize : (1UL << 32) / PageSize);
        if (deltaPages > max - oldPages)
        {
            return -1;
        }
        ulong newBytes = (oldPages + deltaPages) * PageSize;
        if (newBytes > Reserved)
        {
            return -1;
        }
        Length = newBytes;
        return (long)oldPages;
    }

    public void Dispose() => NativeMemory.Free((void*)Base);
}
