using WasmJit.Binary;
using WasmJit.Runtime;

namespace WasmJit.Interpreter.Tests;

/// <summary>
/// Builds a <see cref="WasmModule"/> model directly (bodies, constant expressions and data in one byte buffer),
/// so engine tests do not depend on the decoder.
/// </summary>
internal sealed class TestModule
{
    private readonly List<byte> _bytes = [0, 0, 0, 0];
    private readonly List<Action<WasmModule>> _steps = [];
    private readonly List<(int Type, ValType[] Locals, byte[] Code)> _funcs = [];
    private readonly Dictionary<int, string> _names = [];
    private int _importedFuncs;
    private int _types;

    public int Type(ValType[] ps, ValType[] rs)
    {
        var ft = new FuncType(ps, rs);
        _steps.Add(m => m.Types.Add(SubType.OfFunc(ft)));
        return _types++;
    }

    public int ImportFunc(string module, string name, int type)
    {
        if (_funcs.Count > 0)
        {
            throw new InvalidOperationException("imports first");
        }
        _steps.Add(m =>
        {
            m.Imports.Add(new Import { Module = module, Name = name, Kind = ExternKind.Func, TypeIndex = type });
            m.FunctionTypeIndices.Add(type);
            m.ImportedFunctionCount++;
        });
        return _importedFuncs++;
    }

    public void ImportMemory(string module, string name, MemoryType type) => _steps.Add(m =>
    {
        m.Imports.Add(new Import { Module = module, Name = name, Kind = ExternKind.Memory, Memory = type });
        m.Memories.Add(type);
        m.ImportedMemoryCount++;
    });

    public void ImportGlobal(string module, string name, GlobalType type) => _steps.Add(m =>
    {
        m.Imports.Add(new Import { Module = module, Name = name, Kind = ExternKind.Global, Global = type });
        m.Globals.Add(new GlobalDef { Type = type });
        m.ImportedGlobalCount++;
    });

    public void ImportTable(string module, string name, TableType type) => _steps.Add(m =>
    {
        m.Imports.Add(new Import { Module = module, Name = name, Kind = ExternKind.Table, Table = type });
        m.Tables.Add(new TableDef { Type = type });
        m.ImportedTableCount++;
    });

    public int Func(int type, Asm code, params ValType[] locals) => Func(type, code, null, locals);

    public int Func(int type, Asm code, string? name, params ValType[] locals)
    {
        int index = _importedFuncs + _funcs.Count;
        _funcs.Add((type, locals, code.ToArray()));
        if (name is not null)
        {
            _names[index] = name;
        }
        return index;
    }

    public void Export(string name, ExternKind kind, int index) => _steps.Add(m => m.Exports.Add(new Export(name, kind, index)));

    public void Memory(MemoryType type) => _steps.Add(m => m.Memories.Add(type));

    public void Table(TableType type) => _steps.Add(m => m.Tables.Add(new TableDef { Type = type }));

    public void Global(GlobalType type, Asm init)
    {
        var e = ConstExpr(init);
        _steps.Add(m => m.Globals.Add(new GlobalDef { Type = type, Init = e }));
    }

    public void ActiveElements(int table, Asm offset, params int[] functions)
    {
        var e = ConstExpr(offset);
        _steps.Add(m => m.Elements.Add(new ElementSegment
        {
            Mode = SegmentMode.Active,
            TableIndex = table,
            Offset = e,
            ElementType = ValType.FuncRef,
            FunctionIndices = functions,
        }));
    }

    public void PassiveElements(params int[] functions) => _steps.Add(m => m.Elements.Add(new ElementSegment
    {
        Mode = SegmentMode.Passive,
        ElementType = ValType.FuncRef,
        FunctionIndices = functions,
    }));

    public void ActiveData(int memory, Asm offset, byte[] data)
    {
        var e = ConstExpr(offset);
        int at = Append(data);
        _steps.Add(m => m.Data.Add(new DataSegment { Mode = SegmentMode.Active, MemoryIndex = memory, Offset = e, DataOffset = at, DataLength = data.Length }));
    }

    public void PassiveData(byte[] data)
    {
        int at = Append(data);
        _steps.Add(m => m.Data.Add(new DataSegment { Mode = SegmentMode.Passive, DataOffset = at, DataLength = data.Length }));
    }

    public void Start(int function) => _steps.Add(m => m.StartFunction = function);

    private ConstExpr ConstExpr(Asm code)
    {
        var bytes = code.End().ToArray();
        return new ConstExpr(Append(bytes), bytes.Length);
    }

    private int Append(byte[] bytes)
    {
        int at = _bytes.Count;
        _bytes.AddRange(bytes);
        return at;
    }

    public WasmModule Build()
    {
        var bodies = new List<FunctionBody>();
        foreach (var (_, locals, code) in _funcs)
        {
            var prefix = new Asm().U32((uint)locals.Length);
            foreach (var l in locals)
            {
                prefix.U32(1).ValType(l);
            }
            int offset = Append(prefix.ToArray());
            int codeOffset = Append(code);
            bodies.Add(new FunctionBody(offset, _bytes.Count - offset, codeOffset, locals.Length));
        }
        var module = new WasmModule(_bytes.ToArray());
        foreach (var step in _steps)
        {
            step(module);
        }
        foreach (var (type, _, _) in _funcs)
        {
            module.FunctionTypeIndices.Add(type);
        }
        module.Bodies.AddRange(bodies);
        if (_names.Count > 0)
        {
            module.Names = new NameSection();
            foreach (var (k, v) in _names)
            {
                module.Names.FunctionNames[k] = v;
            }
        }
        return module;
    }

    public ModuleInstance Instantiate(Store store, Func<Import, ExternValue?>? imports = null, string? name = null) =>
        store.Instantiate(Build(), imports ?? (_ => null), name);

    public static Store NewStore(int maxCallDepth = StoreOptions.DefaultMaxCallDepth) =>
        new(new StoreOptions { Engine = EngineKind.Interpreter, MaxCallDepth = maxCallDepth });
}
