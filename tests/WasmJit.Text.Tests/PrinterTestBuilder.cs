using System.Text;

namespace WasmJit.Text.Tests;

/// <summary>
/// A tiny binary module writer for the printer's tests: each section is a list of raw entries that the test
/// spells out in bytes, so a test states exactly which encoding it prints.
/// </summary>
internal sealed class PrinterTestBuilder
{
    public const byte I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b, FuncRef = 0x70, ExternRef = 0x6f;
    public const byte End = 0x0b;

    /// <summary>Binary section order (the tag section sits between memory and global; datacount before code).</summary>
    private static readonly byte[] s_order = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

    private readonly Dictionary<byte, List<byte[]>> _sections = [];
    private readonly List<(string Name, byte[] Payload, byte After)> _customs = [];
    private uint? _start;
    private uint? _dataCount;

    private List<byte[]> Sec(byte id)
    {
        if (!_sections.TryGetValue(id, out var l))
        {
            l = [];
            _sections[id] = l;
        }
        return l;
    }

    /// <summary>Adds a type section entry from raw bytes (a rec group, a sub type, ...); returns its entry index.</summary>
    public int RawType(params byte[] entry)
    {
        Sec(1).Add(entry);
        return Sec(1).Count - 1;
    }

    /// <summary>Adds a function type; returns its type index (assuming one entry per type).</summary>
    public int FuncType(byte[] parameters, byte[] results) =>
        RawType(Cat([0x60], Vec(parameters), Vec(results)));

    public void Import(string module, string name, params byte[] desc) => Sec(2).Add(Cat(Name(module), Name(name), desc));

    /// <summary>A defined function: type index, local declarations (raw vector) and code (ending with <c>end</c>).</summary>
    public void Func(uint type, byte[] locals, params byte[] code)
    {
        Sec(3).Add(U32(type));
        byte[] body = Cat(locals, code);
        Sec(10).Add(Cat(U32((uint)body.Length), body));
    }

    /// <summary>A function without locals.</summary>
    public void Func(uint type, params byte[] code) => Func(type, [0x00], code);

    public void Table(params byte[] entry) => Sec(4).Add(entry);

    public void Memory(params byte[] entry) => Sec(5).Add(entry);

    public void Tag(params byte[] entry) => Sec(13).Add(entry);

    public void Global(params byte[] entry) => Sec(6).Add(entry);

    public void Export(string name, byte kind, uint index) => Sec(7).Add(Cat(Name(name), [kind], U32(index)));

    public void Start(uint func) => _start = func;

    public void Elem(params byte[] entry) => Sec(9).Add(entry);

    public void DataCount(uint n) => _dataCount = n;

    public void Data(params byte[] entry) => Sec(11).Add(entry);

    /// <summary>A custom section placed after the section with id <paramref name="after"/> (0: before all).</summary>
    public void Custom(string name, byte[] payload, byte after) => _customs.Add((name, payload, after));

    public byte[] Build()
    {
        var o = new List<byte> { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
        EmitCustoms(o, 0);
        foreach (byte id in s_order)
        {
            byte[]? content = null;
            if (id == 8 && _start is { } s)
            {
                content = U32(s);
            }
            else if (id == 12 && _dataCount is { } dc)
            {
                content = U32(dc);
            }
            else if (_sections.TryGetValue(id, out var entries))
            {
                content = Cat(U32((uint)entries.Count), Cat([.. entries]));
            }
            if (content is null)
            {
                continue;
            }
            o.Add(id);
            o.AddRange(U32((uint)content.Length));
            o.AddRange(content);
            EmitCustoms(o, id);
        }
        return [.. o];
    }

    private void EmitCustoms(List<byte> o, byte after)
    {
        foreach (var (name, payload, at) in _customs)
        {
            if (at == after)
            {
                byte[] content = Cat(Name(name), payload);
                o.Add(0);
                o.AddRange(U32((uint)content.Length));
                o.AddRange(content);
            }
        }
    }

    /// <summary>Payload of a <c>name</c> section with function names and local names.</summary>
    public static byte[] NameSection(Dictionary<uint, string> functions, Dictionary<uint, Dictionary<uint, string>>? locals = null)
    {
        var parts = new List<byte[]>();
        byte[] funcMap = NameMap(functions);
        parts.Add(Cat([1], U32((uint)funcMap.Length), funcMap));
        if (locals is not null)
        {
            var inner = new List<byte[]> { U32((uint)locals.Count) };
            foreach (var (f, map) in locals.OrderBy(p => p.Key))
            {
                inner.Add(Cat(U32(f), NameMap(map)));
            }
            byte[] localMap = Cat([.. inner]);
            parts.Add(Cat([2], U32((uint)localMap.Length), localMap));
        }
        return Cat([.. parts]);
    }

    private static byte[] NameMap(Dictionary<uint, string> map)
    {
        var parts = new List<byte[]> { U32((uint)map.Count) };
        foreach (var (i, n) in map.OrderBy(p => p.Key))
        {
            parts.Add(Cat(U32(i), Name(n)));
        }
        return Cat([.. parts]);
    }

    public static byte[] U32(uint v) => U64(v);

    public static byte[] U64(ulong v)
    {
        var o = new List<byte>();
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            o.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return [.. o];
    }

    public static byte[] S64(long v)
    {
        var o = new List<byte>();
        while (true)
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            o.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return [.. o];
            }
        }
    }

    public static byte[] Name(string s)
    {
        byte[] b = Encoding.UTF8.GetBytes(s);
        return Cat(U32((uint)b.Length), b);
    }

    /// <summary>A vector of single-byte items (value types).</summary>
    public static byte[] Vec(byte[] items) => Cat(U32((uint)items.Length), items);

    public static byte[] Cat(params byte[][] parts)
    {
        var o = new List<byte>();
        foreach (var p in parts)
        {
            o.AddRange(p);
        }
        return [.. o];
    }

    public static byte[] F32Bytes(float f) => BitConverter.GetBytes(f);

    public static byte[] F64Bytes(double d) => BitConverter.GetBytes(d);
}
