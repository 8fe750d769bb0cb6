using System.Runtime.CompilerServices;
using System.Text;
using WasmJit.Runtime;

namespace WasmJit;

/// <summary>
/// A linear memory (https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances), exported by an
/// instance or created by the host to be imported. Every access is bounds-checked: an address range outside the
/// memory throws <see cref="ArgumentOutOfRangeException"/>, it never reads or writes host memory. Multi-byte
/// values are little-endian, as in wasm. The memory never moves, so a span stays valid while the store lives, but
/// it only covers the bytes asked for: ask again after the memory grows.
/// </summary>
public sealed unsafe class Memory
{
    /// <summary>Bytes in a (default-sized) page.</summary>
    public const int PageSize = 65536;

    /// <summary>Creates a memory in <paramref name="store"/> (to define in a <see cref="Linker"/>).</summary>
    public Memory(Store store, long minimumPages, long? maximumPages = null, bool is64 = false, bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumPages);
        if (maximumPages is long max && max < minimumPages)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumPages), "maximum is below minimum");
        }
        if (shared && maximumPages is null)
        {
            throw new ArgumentException("a shared memory needs a maximum", nameof(maximumPages));
        }
        Store = store;
        Inner = store.Inner.CreateMemory(new MemoryType(new Limits((ulong)minimumPages, (ulong?)maximumPages), shared, is64));
    }

    internal Memory(Store store, MemoryInstance inner)
    {
        Store = store;
        Inner = inner;
    }

    public Store Store { get; }

    /// <summary>The current type (the limits' minimum is the current size).</summary>
    public MemoryType Type => Inner.Type;

    /// <summary>Current size in pages.</summary>
    public long Size => (long)Inner.SizeInPages;

    /// <summary>Current size in bytes.</summary>
    public long Length => (long)Inner.ByteLength;

    internal MemoryInstance Inner { get; }

    /// <summary>Grows by <paramref name="deltaPages"/> pages: the old size in pages, or -1 when the memory cannot grow that much.</summary>
    public long Grow(long deltaPages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deltaPages);
        return Inner.Grow((ulong)deltaPages);
    }

    /// <summary>The bytes [address, address + length).</summary>
    public Span<byte> GetSpan(long address, int length)
    {
        Check(address, length);
        return new Span<byte>(Inner.Base + address, length);
    }

    /// <summary>A value of an unmanaged type at <paramref name="address"/> (no alignment required).</summary>
    public T Read<T>(long address)
        where T : unmanaged
    {
        Check(address, sizeof(T));
        return Unsafe.ReadUnaligned<T>(Inner.Base + address);
    }

    public void Write<T>(long address, T value)
        where T : unmanaged
    {
        Check(address, sizeof(T));
        Unsafe.WriteUnaligned(Inner.Base + address, value);
    }

    public void Read(long address, Span<byte> destination) => GetSpan(address, destination.Length).CopyTo(destination);

    public void Write(long address, ReadOnlySpan<byte> source) => source.CopyTo(GetSpan(address, source.Length));

    /// <summary>Decodes <paramref name="byteLength"/> bytes (UTF-8 unless told otherwise).</summary>
    public string ReadString(long address, int byteLength, Encoding? encoding = null) =>
        (encoding ?? Encoding.UTF8).GetString(GetSpan(address, byteLength));

    /// <summary>Decodes the bytes up to the first NUL (UTF-8), looking at most at <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No NUL before the end of the memory or <paramref name="maxBytes"/>.</exception>
    public string ReadNullTerminatedString(long address, int maxBytes = int.MaxValue)
    {
        Check(address, 0);
        long available = Length - address;
        var span = new ReadOnlySpan<byte>(Inner.Base + address, (int)Math.Min(available, maxBytes));
        int end = span.IndexOf((byte)0);
        if (end < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"no NUL-terminated string at 0x{address:x} within {span.Length} bytes");
        }
        return Encoding.UTF8.GetString(span[..end]);
    }

    /// <summary>Encodes <paramref name="value"/> at <paramref name="address"/> (UTF-8 unless told otherwise, no terminator); returns the bytes written.</summary>
    public int WriteString(long address, string value, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        encoding ??= Encoding.UTF8;
        int n = encoding.GetByteCount(value);
        encoding.GetBytes(value, GetSpan(address, n));
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(long address, int length)
    {
        if (address < 0 || length < 0 || !Inner.InBounds((ulong)address, (ulong)length))
        {
            ThrowOutside(address, length);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutside(long address, int length) =>
        throw new ArgumentOutOfRangeException(nameof(address),
            $"bytes [0x{address:x}, 0x{address:x} + {length}) are outside the memory of {Length} bytes");
}
