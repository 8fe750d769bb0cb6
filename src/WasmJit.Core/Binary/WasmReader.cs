using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace WasmJit.Binary;

/// <summary>
/// Forward-only reader over module bytes: LEB128 exactly as the spec bounds it
/// (https://webassembly.github.io/spec/core/binary/values.html#integers), IEEE floats, names.
/// A bounds check is one unsigned compare; failures go through <see cref="Throw"/>.
/// </summary>
internal ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _base;
    private int _pos;

    public WasmReader(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        _data = data;
        _base = baseOffset;
        _pos = 0;
    }

    /// <summary>Position relative to the start of this reader's span.</summary>
    public int Position
    {
        readonly get => _pos;
        set => _pos = value;
    }

    /// <summary>Absolute byte offset in the module, for error messages.</summary>
    public readonly long Offset => _base + _pos;

    public readonly long BaseOffset => _base;

    public readonly bool End => _pos >= _data.Length;

    public readonly int Remaining => _data.Length - _pos;

    public readonly ReadOnlySpan<byte> Span => _data;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        int p = _pos;
        if ((uint)p >= (uint)_data.Length)
        {
            Throw.UnexpectedEnd(Offset);
        }
        _pos = p + 1;
        return _data[p];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly byte PeekByte()
    {
        if ((uint)_pos >= (uint)_data.Length)
        {
            Throw.UnexpectedEnd(Offset);
        }
        return _data[_pos];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadU32()
    {
        int p = _pos;
        if ((uint)p < (uint)_data.Length)
        {
            byte b = _data[p];
            if (b < 0x80)
            {
                _pos = p + 1;
                return b;
            }
        }
        return ReadU32Slow();
    }

    private uint ReadU32Slow()
    {
        uint result = 0;
        for (int shift = 0; ; shift += 7)
        {
            long at = Offset;
            byte b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    Throw.Malformed("integer representation too long", at);
                }
                if ((b & 0x70) != 0)
                {
                    Throw.Malformed("integer too large", at);
                }
            }
            result |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    public int ReadS32()
    {
        int result = 0;
        for (int shift = 0; ; shift += 7)
        {
            long at = Offset;
            byte b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    Throw.Malformed("integer representation too long", at);
                }
                // Bits 4..6 must be the sign extension of bit 3.
                int rest = b & 0x70;
                if (rest != ((b & 0x08) != 0 ? 0x70 : 0))
                {
                    Throw.Malformed("integer too large", at);
                }
            }
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                if (shift < 25 && (b & 0x40) != 0)
                {
                    result |= -1 << (shift + 7);
                }
                return result;
            }
        }
    }

    /// <summary>A signed 33-bit LEB (block types and heap types).</summary>
    public long ReadS33()
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            long at = Offset;
            byte b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    Throw.Malformed("integer representation too long", at);
                }
                int rest = b & 0x60;
                if (rest != ((b & 0x10) != 0 ? 0x60 : 0))
                {
                    Throw.Malformed("integer too large", at);
                }
            }
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                int used = shift + 7;
                if (used < 64 && (b & 0x40) != 0)
                {
                    result |= -1L << used;
                }
                // Keep 33 bits of sign.
                return (result << 31) >> 31;
            }
        }
    }

    public ulong ReadU64()
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            long at = Offset;
            byte b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0)
                {
                    Throw.Malformed("integer representation too long", at);
                }
                if ((b & 0x7e) != 0)
                {
                    Throw.Malformed("integer too large", at);
                }
            }
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    public long ReadS64()
    {
        long result = 0;
        for (int shift = 0; ; shift += 7)
        {
            long at = Offset;
            byte b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0)
                {
                    Throw.Malformed("integer representation too long", at);
                }
                if (b != 0 && b != 0x7f)
                {
                    Throw.Malformed("integer too large", at);
                }
            }
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                int used = shift + 7;
                if (used < 64 && (b & 0x40) != 0)
                {
                    result |= -1L << used;
                }
                return result;
            }
        }
    }

    public uint ReadF32Bits() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadF64Bits() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        int p = _pos;
        if ((uint)count > (uint)(_data.Length - p))
        {
            Throw.UnexpectedEnd(Offset);
        }
        _pos = p + count;
        return _data.Slice(p, count);
    }

    /// <summary>A vector length or count; too large to possibly fit in what is left is "unexpected end".</summary>
    public uint ReadCount() => ReadU32();

    public string ReadName()
    {
        uint len = ReadU32();
        if (len > (uint)Remaining)
        {
            Throw.Malformed("length out of bounds", Offset);
        }
        long at = Offset;
        var bytes = ReadBytes((int)len);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            Throw.Malformed("malformed UTF-8 encoding", at);
        }
        return Encoding.UTF8.GetString(bytes);
    }

    public void Skip(int count) => ReadBytes(count);

    /// <summary>A sub-reader over the next <paramref name="length"/> bytes; this reader moves past them.</summary>
    public WasmReader Slice(int length)
    {
        long at = Offset;
        var span = ReadBytes(length);
        return new WasmReader(span, at);
    }
}
