using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace WasmJit.Text;

/// <summary>
/// A growable byte buffer with the LEB128 encodings of https://webassembly.github.io/spec/core/binary/values.html.
/// Also used as a stack (see <see cref="Truncate"/>) for the pending opcodes of folded instructions.
/// </summary>
internal sealed class ByteWriter(int capacity = 256)
{
    private byte[] _buf = new byte[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buf.AsSpan(0, Length);

    public ReadOnlySpan<byte> Slice(int start) => _buf.AsSpan(start, Length - start);

    public void Truncate(int length) => Length = length;

    public void Clear() => Length = 0;

    public byte[] ToArray() => _buf.AsSpan(0, Length).ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte b)
    {
        if (Length == _buf.Length)
        {
            Grow(1);
        }
        _buf[Length++] = b;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _buf.Length)
        {
            Grow(bytes.Length);
        }
        bytes.CopyTo(_buf.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteU32(uint v) => WriteU64(v);

    public void WriteU64(ulong v)
    {
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            if (v != 0)
            {
                b |= 0x80;
            }
            WriteByte(b);
        }
        while (v != 0);
    }

    public void WriteS32(int v) => WriteS64(v);

    public void WriteS64(long v)
    {
        while (true)
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            if (done)
            {
                WriteByte(b);
                return;
            }
            WriteByte((byte)(b | 0x80));
        }
    }

    public void WriteF32Bits(uint bits)
    {
        Span<byte> t = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(t, bits);
        WriteBytes(t);
    }

    public void WriteF64Bits(ulong bits)
    {
        Span<byte> t = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(t, bits);
        WriteBytes(t);
    }

    /// <summary>A length-prefixed byte vector (names, data, custom sections).</summary>
    public void WriteVec(ReadOnlySpan<byte> bytes)
    {
        WriteU32((uint)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteName(string s)
    {
        int n = System.Text.Encoding.UTF8.GetByteCount(s);
        WriteU32((uint)n);
        if (Length + n > _buf.Length)
        {
            Grow(n);
        }
        System.Text.Encoding.UTF8.GetBytes(s, _buf.AsSpan(Length));
        Length += n;
    }

    private void Grow(int extra)
    {
        int size = Math.Max(_buf.Length * 2, Length + extra);
        Array.Resize(ref _buf, size);
    }
}
