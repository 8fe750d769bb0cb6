using System.Text;

namespace WasmJit.Core.Tests.Binary;

/// <summary>Appends binary-format values (LEB128, names, size-prefixed blocks) to a byte buffer. Tests only.</summary>
internal sealed class ByteWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public ByteWriter Byte(byte b)
    {
        _bytes.Add(b);
        return this;
    }

    public ByteWriter Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public ByteWriter U32(uint v) => U64(v);

    public ByteWriter U64(ulong v)
    {
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            _bytes.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return this;
    }

    public ByteWriter S32(int v) => S64(v);

    public ByteWriter S64(long v)
    {
        while (true)
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            _bytes.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return this;
            }
        }
    }

    public ByteWriter Name(string s)
    {
        var utf8 = Encoding.UTF8.GetBytes(s);
        U32((uint)utf8.Length);
        return Bytes(utf8);
    }

    /// <summary>A vector: the count, then <paramref name="item"/> for each index.</summary>
    public ByteWriter Vec(int count, Action<ByteWriter, int> item)
    {
        U32((uint)count);
        for (int i = 0; i < count; i++)
        {
            item(this, i);
        }
        return this;
    }

    /// <summary>The size in bytes (u32) of what <paramref name="content"/> writes, then those bytes.</summary>
    public ByteWriter Sized(Action<ByteWriter> content)
    {
        var inner = new ByteWriter();
        content(inner);
        U32((uint)inner.Length);
        return Bytes(inner.ToArray());
    }

    /// <summary>A function body: locals as (count, type) groups, then the code (which must include the final end).</summary>
    public ByteWriter Body(byte[] code, params (uint Count, byte Type)[] locals) => Sized(w =>
    {
        w.Vec(locals.Length, (w2, i) => w2.U32(locals[i].Count).Byte(locals[i].Type));
        w.Bytes(code);
    });

    public ByteWriter FuncType(byte[] parameters, byte[] results)
    {
        Byte(0x60);
        U32((uint)parameters.Length).Bytes(parameters);
        return U32((uint)results.Length).Bytes(results);
    }

    /// <summary><c>i32.const v end</c>.</summary>
    public ByteWriter I32Const(int v) => Byte(0x41).S32(v).Byte(0x0b);

    public byte[] ToArray() => [.. _bytes];
}

/// <summary>
/// Assembles a binary module section by section, for decoder tests. Sections are emitted in the order they are
/// added (so tests can also build out-of-order or duplicate sections); <see cref="Raw"/> appends arbitrary bytes.
/// </summary>
internal sealed class ModuleBuilder
{
    public const byte I32 = 0x7f;
    public const byte I64 = 0x7e;
    public const byte F32 = 0x7d;
    public const byte F64 = 0x7c;
    public const byte V128 = 0x7b;
    public const byte FuncRef = 0x70;
    public const byte ExternRef = 0x6f;

    private readonly ByteWriter _w = new();

    public ModuleBuilder(bool header = true)
    {
        if (header)
        {
            _w.Bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        }
    }

    public static byte[] Empty => new ModuleBuilder().Build();

    public ModuleBuilder Section(byte id, Action<ByteWriter> content)
    {
        _w.Byte(id).Sized(content);
        return this;
    }

    public ModuleBuilder Section(byte id, params byte[] content) => Section(id, w => w.Bytes(content));

    public ModuleBuilder Custom(string name, params byte[] payload) => Section(0, w => w.Name(name).Bytes(payload));

    public ModuleBuilder Raw(params byte[] bytes)
    {
        _w.Bytes(bytes);
        return this;
    }

    /// <summary>A type section of plain function types.</summary>
    public ModuleBuilder Types(params (byte[] Params, byte[] Results)[] types) =>
        Section(1, w => w.Vec(types.Length, (w2, i) => w2.FuncType(types[i].Params, types[i].Results)));

    /// <summary>A function section naming each function's type index.</summary>
    public ModuleBuilder Functions(params uint[] typeIndices) =>
        Section(3, w => w.Vec(typeIndices.Length, (w2, i) => w2.U32(typeIndices[i])));

    /// <summary>A code section of bodies without locals.</summary>
    public ModuleBuilder Code(params byte[][] bodies) =>
        Section(10, w => w.Vec(bodies.Length, (w2, i) => w2.Body(bodies[i])));

    public byte[] Build() => _w.ToArray();
}
