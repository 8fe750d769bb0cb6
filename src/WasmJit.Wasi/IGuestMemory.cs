using System.Buffers.Binary;
using System.Text;

namespace WasmJit.Wasi;

/// <summary>
/// The calling instance's linear memory as WASI sees it: 32-bit guest pointers, bounds-checked. A pointer outside
/// memory makes the call fail with <see cref="Errno.Fault"/>, never touch host memory.
/// </summary>
internal interface IGuestMemory
{
    /// <summary>The bytes [ptr, ptr+length); throws <see cref="WasiErrnoException"/>(Fault) when out of bounds.</summary>
    Span<byte> Slice(uint ptr, uint length);
}

/// <summary>Little-endian accessors over <see cref="IGuestMemory"/>.</summary>
internal static class GuestMemoryExtensions
{
    public static ushort ReadU16(this IGuestMemory m, uint ptr) => BinaryPrimitives.ReadUInt16LittleEndian(m.Slice(ptr, 2));

    public static uint ReadU32(this IGuestMemory m, uint ptr) => BinaryPrimitives.ReadUInt32LittleEndian(m.Slice(ptr, 4));

    public static ulong ReadU64(this IGuestMemory m, uint ptr) => BinaryPrimitives.ReadUInt64LittleEndian(m.Slice(ptr, 8));

    public static void WriteU8(this IGuestMemory m, uint ptr, byte v) => m.Slice(ptr, 1)[0] = v;

    public static void WriteU16(this IGuestMemory m, uint ptr, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(m.Slice(ptr, 2), v);

    public static void WriteU32(this IGuestMemory m, uint ptr, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(m.Slice(ptr, 4), v);

    public static void WriteU64(this IGuestMemory m, uint ptr, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(m.Slice(ptr, 8), v);

    public static string ReadString(this IGuestMemory m, uint ptr, uint len)
    {
        var bytes = m.Slice(ptr, len);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new WasiErrnoException(Errno.Ilseq);
        }
        return Encoding.UTF8.GetString(bytes);
    }
}

/// <summary>A guest memory over a plain byte array (tests, and hosts that hand WASI a buffer).</summary>
internal sealed class ArrayGuestMemory(byte[] bytes) : IGuestMemory
{
    public byte[] Bytes { get; } = bytes;

    public Span<byte> Slice(uint ptr, uint length)
    {
        if ((ulong)ptr + length > (ulong)Bytes.Length)
        {
            throw new WasiErrnoException(Errno.Fault);
        }
        return Bytes.AsSpan((int)ptr, (int)length);
    }
}
