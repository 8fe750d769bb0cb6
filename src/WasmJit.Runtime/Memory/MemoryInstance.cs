using System.Runtime.CompilerServices;
using WasmJit.Runtime.Threading;

namespace WasmJit.Runtime;

/// <summary>
/// A linear memory (https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances).
/// <para>
/// The address space for the memory's whole possible size is reserved once, at creation, and committed as it
/// grows, so <see cref="Base"/> never moves: engines may keep the pointer across calls and only re-read
/// <see cref="ByteLength"/>. What is reserved: the declared maximum, capped at 4 GiB for 32-bit memories (all
/// they can address) and at <see cref="StoreOptions.MaxMemory64Bytes"/> for 64-bit ones; memory.grow past the
/// reservation returns -1 like any other limit. Accesses are bounds-checked explicitly by the engines against
/// <see cref="ByteLength"/> (no signal handlers), with unsigned 64-bit arithmetic, so memories above 2 GiB and
/// 64-bit offsets work. Growing takes a lock so a shared memory can grow under concurrent readers; the length
/// only ever increases.
/// </para>
/// <para>
/// Shared memories (threads proposal, https://webassembly.github.io/threads/core/exec/runtime.html#memory-instances)
/// must declare a maximum (the validator checks it), so their whole possible size is reserved here up front and the
/// base never moves while other threads run: a thread never needs to re-read <see cref="Base"/>, only the volatile
/// <see cref="ByteLength"/>. One instance is imported by the instances of every thread (in one store or several);
/// it owns the <see cref="WaitQueues"/> of memory.atomic.wait/notify.
/// </para>
/// </summary>
internal sealed unsafe class MemoryInstance : ExternValue, IDisposable
{
    /// <summary>Largest page count of a 32-bit memory with 64 KiB pages (4 GiB).</summary>
    public const ulong MaxPages32 = 65536;

    /// <summary>Largest page count of a 64-bit memory with 64 KiB pages (2^48 bytes... 2^64 bytes of address space).</summary>
    public const ulong MaxPages64 = 1UL << 48;

    private readonly object _growLock = new();
    private byte* _base;
    private ulong _length;
    private ulong _committed;
    private readonly ulong _reserved;
    private readonly ulong _maxPages;

    private int _holders = 1;

    public MemoryInstance(MemoryType type, StoreOptions? options = null)
    {
        options ??= new StoreOptions();
        DeclaredType = type;
        PageSizeLog2 = type.PageSizeLog2;
        ulong pageSize = 1UL << PageSizeLog2;
        ulong indexLimitPages = type.Is64 ? ulong.MaxValue >> PageSizeLog2 : (1UL << 32) >> PageSizeLog2;
        if (type.Is64 && PageSizeLog2 == 16)
        {
            indexLimitPages = MaxPages64;
        }
        _maxPages = Math.Min(type.Limits.Max ?? indexLimitPages, indexLimitPages);
        ulong cap = type.Is64 ? options.MaxMemory64Bytes : 1UL << 32;
        ulong wantBytes = _maxPages > (cap >> PageSizeLog2) ? cap : _maxPages << PageSizeLog2;
        _reserved = VirtualMemory.RoundUp(Math.Max(wantBytes, pageSize));
        if (type.Limits.Min > _maxPages || type.Limits.Min > _reserved >> PageSizeLog2)
        {
            throw new WasmLinkException($"memory of {type.Limits.Min} pages exceeds the engine's limit");
        }
        _base = VirtualMemory.Reserve(_reserved);
        if (_base is null)
        {
            // Reservations of dead memories are only returned by their finalizers: collect and retry once.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            _base = VirtualMemory.Reserve(_reserved);
            if (_base is null)
            {
                throw new OutOfMemoryException($"cannot reserve {_reserved} bytes of address space for a linear memory");
            }
        }
        WaitQueues = type.Shared ? new WaitQueues() : null;
        if (!SetLength(type.Limits.Min << PageSizeLog2))
        {
            VirtualMemory.Release(_base, _reserved);
            _base = null;
            throw new OutOfMemoryException("cannot commit the initial pages of a linear memory");
        }
    }

    ~MemoryInstance() => ReleaseLocked();

    public override ExternKind Kind => ExternKind.Memory;

    /// <summary>The type the memory was created with.</summary>
    public MemoryType DeclaredType { get; }

    /// <summary>The memory's current type: the limits' minimum is the current size (as import matching sees it).</summary>
    public MemoryType Type => DeclaredType with { Limits = new Limits(SizeInPages, DeclaredType.Limits.Max) };

    public bool Shared => DeclaredType.Shared;

    /// <summary>The waiter queues of memory.atomic.wait32/64 and notify; null for an unshared memory (waits trap there).</summary>
    public WaitQueues? WaitQueues { get; }

    public bool Is64 => DeclaredType.Is64;

    public int PageSizeLog2 { get; }

    /// <summary>Start of the memory. Never moves for the life of the instance.</summary>
    public byte* Base => _base;

    /// <summary>Current size in bytes. Only grows.</summary>
    public ulong ByteLength
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _length);
    }

    public ulong SizeInPages => ByteLength >> PageSizeLog2;

    /// <summary>Bytes of address space reserved (the most the memory can ever grow to).</summary>
    public ulong ReservedBytes => _reserved;

    /// <summary>The store's and the owning instance's memory accounting (null: unlimited). Set once, by the store.</summary>
    internal ResourceScope? Scope { get; set; }

    /// <summary>Growth past <see cref="Scope"/>'s cap throws <see cref="WasmResourceLimitException"/> instead of returning -1.</summary>
    internal bool TrapOnLimit { get; set; }

    /// <summary>Has the memory been released (its instance or store disposed)? Then it has no pages and cannot grow.</summary>
    public bool IsReleased => _base is null;

    /// <summary>
    /// memory.grow (https://webassembly.github.io/spec/core/exec/instructions.html#exec-memory-grow): the old size in
    /// pages, or -1 when the new size would pass the maximum, the reservation or the store's limits (or throws
    /// <see cref="WasmResourceLimitException"/> past the store's limits when <see cref="TrapOnLimit"/>).
    /// </summary>
    public long Grow(ulong deltaPages)
    {
        lock (_growLock)
        {
            ulong old = SizeInPages;
            if (deltaPages == 0 || _base is null)
            {
                return _base is null ? -1 : (long)old;
            }
            ulong pages = old + deltaPages;
            if (pages < old || pages > _maxPages || pages > _reserved >> PageSizeLog2)
            {
                return -1;
            }
            long delta = (long)(deltaPages << PageSizeLog2);
            if (Scope?.TryReserve(delta) is { } over)
            {
                if (TrapOnLimit)
                {
                    throw over.LimitError(delta);
                }
                return -1;
            }
            if (!SetLength(pages << PageSizeLog2))
            {
                Scope?.Release(delta);
                return -1;
            }
            return (long)old;
        }
    }

    /// <summary>One more instance uses this memory (it imports it); pair with <see cref="ReleaseHolder"/>.</summary>
    public void AddHolder() => Interlocked.Increment(ref _holders);

    /// <summary>A user let go; when the last one does, the memory is released (unmapped). True if it was.</summary>
    public bool ReleaseHolder()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            Dispose();
            return true;
        }
        return false;
    }

    private bool SetLength(ulong bytes)
    {
        ulong needed = VirtualMemory.RoundUp(bytes);
        if (needed > _committed)
        {
            if (!VirtualMemory.Commit(_base + _committed, needed - _committed))
            {
                return false;
            }
            GC.AddMemoryPressure((long)Math.Min(needed - _committed, long.MaxValue));
            _committed = needed;
        }
        Volatile.Write(ref _length, bytes);
        return true;
    }

    /// <summary>Is [offset, offset + length) inside the memory?</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool InBounds(ulong offset, ulong length)
    {
        ulong size = ByteLength;
        return offset <= size && length <= size - offset;
    }

    /// <summary>A span over [offset, offset + length); traps "out of bounds memory access" outside the memory.</summary>
    public Span<byte> Span(ulong offset, int length)
    {
        if (length < 0 || !InBounds(offset, (ulong)length))
        {
            WasmTrapException.Throw(TrapKind.MemoryOutOfBounds);
        }
        return new Span<byte>(_base + offset, length);
    }

    public void Write(ulong offset, ReadOnlySpan<byte> data) => data.CopyTo(Span(offset, data.Length));

    public void Read(ulong offset, Span<byte> destination) => Span(offset, destination.Length).CopyTo(destination);

    public byte ReadByte(ulong offset) => Span(offset, 1)[0];

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        lock (_growLock)
        {
            ReleaseLocked();
        }
    }

    private void ReleaseLocked()
    {
        if (_base is not null)
        {
            Scope?.Release((long)_length);
            VirtualMemory.Release(_base, _reserved);
            if (_committed > 0)
            {
                GC.RemoveMemoryPressure((long)Math.Min(_committed, long.MaxValue));
            }
            _base = null;
            _length = 0;
        }
    }
}
