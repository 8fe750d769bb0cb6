using WasmJit.Binary;

namespace WasmJit.Jit.Tests;

/// <summary>Builds a <see cref="WasmModule"/> by hand (no decoder needed): types, imports, bodies, memories, tables, globals.</summary>
internal sealed class TestModule
{
    private readonly List<(string Name, int Type)> _imports = [];
    private readonly List<(int Type, ValType[] Locals, byte[] Code, string? Name)> _funcs = [];

    public List<FuncType> Types { get; } = [];
    public List<MemoryType> Memories { get; } = [];
    public List<GlobalType> Globals { get; } = [];
    public List<TableType> Tables { get; } = [];

    public int TypeOf(FuncType ft)
    {
        int i = Types.FindIndex(t => t.Equals(ft));
        if (i >= 0)
        {
            return i;
        }
        Types.Add(ft);
        return Types.Count - 1;
    }

    public int Import(string name, FuncType ft)
    {
        if (_funcs.Count > 0)
        {
            throw new InvalidOperationException("imports come first");
        }
        _imports.Add((name, TypeOf(ft)));
        return _imports.Count - 1;
    }

    /// <summary>Adds a function; its body is <paramref name="code"/> followed by the final <c>end</c>.</summary>
    public int Func(FuncType ft, Code code, ValType[]? locals = null, string? name = null)
    {
        _funcs.Add((TypeOf(ft), locals ?? [], code.End().Bytes, name));
        return _imports.Count + _funcs.Count - 1;
    }

    public static FuncType Sig(ValType[] ps, params ValType[] rs) => new(ps, rs);

    public WasmModule Build()
    {
        var bytes = new List<byte>();
        var bodies = new List<FunctionBody>();
        foreach (var (_, locals, code, _) in _funcs)
        {
            int start = bytes.Count;
            var decl = new Code().U((ulong)locals.Length);
            foreach (var l in locals)
            {
                decl.U(1).Op(Encode(l));
            }
            bytes.AddRange(decl.Bytes);
            int codeStart = bytes.Count;
            bytes.AddRange(code);
            bodies.Add(new FunctionBody(start, bytes.Count - start, codeStart, locals.Length));
        }
        // Each global starts at zero: an initializer expression (t.const 0; end) after the bodies.
        var globalInits = new List<ConstExpr>();
        foreach (var g in Globals)
        {
            int at = bytes.Count;
            bytes.AddRange(g.Type.Kind switch
            {
                ValKind.I32 => [0x41, 0x00, 0x0b],
                ValKind.I64 => [0x42, 0x00, 0x0b],
                ValKind.F32 => [0x43, 0, 0, 0, 0, 0x0b],
                ValKind.F64 => [0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b],
                ValKind.V128 => [0xfd, 0x0c, .. new byte[16], 0x0b],
                _ => new byte[] { 0xd0, Encode(g.Type), 0x0b },
            });
            globalInits.Add(new ConstExpr(at, bytes.Count - at));
        }
        var m = new WasmModule(bytes.ToArray());
        foreach (var t in Types)
        {
            m.Types.Add(SubType.OfFunc(t));
        }
        m.Names = new NameSection { ModuleName = "test" };
        for (int i = 0; i < _imports.Count; i++)
        {
            m.Imports.Add(new Import { Module = "host", Name = _imports[i].Name, Kind = ExternKind.Func, TypeIndex = _imports[i].Type });
            m.FunctionTypeIndices.Add(_imports[i].Type);
            m.Names.FunctionNames[i] = _imports[i].Name;
        }
        m.ImportedFunctionCount = _imports.Count;
        for (int i = 0; i < _funcs.Count; i++)
        {
            m.FunctionTypeIndices.Add(_funcs[i].Type);
            if (_funcs[i].Name is { } n)
            {
                m.Names.FunctionNames[_imports.Count + i] = n;
            }
        }
        m.Bodies.AddRange(bodies);
        m.Memories.AddRange(Memories);
        for (int i = 0; i < Globals.Count; i++)
        {
            m.Globals.Add(new GlobalDef { Type = Globals[i], Init = globalInits[i] });
        }
        foreach (var t in Tables)
        {
            m.Tables.Add(new TableDef { Type = t });
        }
        return m;
    }

    private static byte Encode(ValType t) => t.Kind switch
    {
        ValKind.I32 => 0x7f,
        ValKind.I64 => 0x7e,
        ValKind.F32 => 0x7d,
        ValKind.F64 => 0x7c,
        ValKind.V128 => 0x7b,
        _ => t.Heap.Code == HeapType.ExternCode ? (byte)0x6f : (byte)0x70,
    };
}
