using WasmJit.Validation;

namespace WasmJit.Core.Tests.Validation;

/// <summary>Writes instruction bytes by mnemonic (looked up in the opcode table) plus LEB128 immediates.</summary>
internal sealed class Code
{
    private readonly List<byte> _b = [];

    public Code I(string mnemonic)
    {
        var info = OpcodeTable.Info(OpcodeTable.ByName[mnemonic]);
        if (info.Prefix != 0)
        {
            _b.Add(info.Prefix);
            U32(info.Code);
        }
        else
        {
            _b.Add((byte)info.Code);
        }
        return this;
    }

    public Code Byte(byte b)
    {
        _b.Add(b);
        return this;
    }

    public Code Bytes(params byte[] bs)
    {
        _b.AddRange(bs);
        return this;
    }

    public Code U32(uint v)
    {
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            _b.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return this;
    }

    public Code S64(long v)
    {
        while (true)
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            _b.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return this;
            }
        }
    }

    public Code S32(int v) => S64(v);

    public Code Heap(HeapType h) => S64(h.Code);

    public Code Val(ValType t)
    {
        switch (t.Kind)
        {
            case ValKind.I32: return Byte(0x7f);
            case ValKind.I64: return Byte(0x7e);
            case ValKind.F32: return Byte(0x7d);
            case ValKind.F64: return Byte(0x7c);
            case ValKind.V128: return Byte(0x7b);
        }
        return Byte(t.Nullable ? (byte)0x63 : (byte)0x64).Heap(t.Heap);
    }

    /// <summary>Block type: empty (null), a value type.</summary>
    public Code Block(string mnemonic, ValType? result = null)
    {
        I(mnemonic);
        return result is ValType t ? Val(t) : Byte(0x40);
    }

    /// <summary>Block type given by a type index.</summary>
    public Code BlockIndex(string mnemonic, int typeIndex) => I(mnemonic).S64(typeIndex);

    public Code MemArg(uint alignLog2, ulong offset = 0, uint? memory = null)
    {
        if (memory is uint m)
        {
            U32(alignLog2 | 0x40).U32(m);
        }
        else
        {
            U32(alignLog2);
        }
        while (true)
        {
            byte b = (byte)(offset & 0x7f);
            offset >>= 7;
            _b.Add(offset != 0 ? (byte)(b | 0x80) : b);
            if (offset == 0)
            {
                return this;
            }
        }
    }

    public Code I32(int v) => I("i32.const").S32(v);

    public Code I64(long v) => I("i64.const").S64(v);

    public Code End() => I("end");

    public byte[] ToArray() => [.. _b];

    public static implicit operator byte[](Code c) => c.ToArray();
}

/// <summary>
/// Builds <see cref="WasmModule"/> objects directly (no decoder involved): function bodies and constant
/// expressions are laid out in one byte buffer that becomes the module's <see cref="WasmModule.Bytes"/>.
/// </summary>
internal sealed class ValidatorTestModules
{
    private readonly List<byte> _bytes = [0, 0, 0, 0];
    private readonly List<Action<WasmModule>> _steps = [];
    private readonly List<SubType> _types = [];
    private int _funcs;
    private int _globals;
    private int _memories;
    private int _tables;
    private int _tags;
    private bool _definedFunc;

    public static ValType Ref(int typeIndex, bool nullable = false) => ValType.Ref(HeapType.Index(typeIndex), nullable);

    public static ValType Ref(HeapType h, bool nullable = false) => ValType.Ref(h, nullable);

    public int Type(ValType[] parameters, ValType[] results) => AddType(SubType.OfFunc(new FuncType(parameters, results)));

    public int Type() => Type([], []);

    public int AddType(SubType st)
    {
        st.RecGroupStart = _types.Count;
        st.RecGroupSize = 1;
        _types.Add(st);
        return _types.Count - 1;
    }

    /// <summary>Adds a recursion group; returns the index of its first type.</summary>
    public int Rec(params SubType[] group)
    {
        int start = _types.Count;
        foreach (var st in group)
        {
            st.RecGroupStart = start;
            st.RecGroupSize = group.Length;
            _types.Add(st);
        }
        return start;
    }

    public static SubType Struct(bool final, int[] supers, params FieldType[] fields) =>
        new(CompositeKind.Struct, null, new StructType(fields), null, final, supers);

    public static SubType Struct(params FieldType[] fields) => Struct(true, [], fields);

    public static SubType Array(FieldType element, bool final = true, params int[] supers) =>
        new(CompositeKind.Array, null, null, new ArrayType(element), final, supers);

    public static SubType Func(ValType[] p, ValType[] r, bool final = true, params int[] supers) =>
        new(CompositeKind.Func, new FuncType(p, r), null, null, final, supers);

    public int ImportFunction(int typeIndex)
    {
        Assert.False(_definedFunc, "imports come first");
        int idx = _funcs++;
        _steps.Add(m =>
        {
            m.Imports.Add(new Import { Module = "m", Name = "f" + idx, Kind = ExternKind.Func, TypeIndex = typeIndex });
            m.FunctionTypeIndices.Add(typeIndex);
            m.ImportedFunctionCount++;
        });
        return idx;
    }

    public int ImportGlobal(GlobalType type)
    {
        int idx = _globals++;
        _steps.Add(m =>
        {
            m.Imports.Add(new Import { Module = "m", Name = "g" + idx, Kind = ExternKind.Global, Global = type });
            m.Globals.Add(new GlobalDef { Type = type });
            m.ImportedGlobalCount++;
        });
        return idx;
    }

    /// <summary>A function with the given extra locals and code (the code must end with <c>end</c>).</summary>
    public int Function(int typeIndex, ValType[] locals, byte[] code)
    {
        _definedFunc = true;
        var body = new Code().U32((uint)locals.Length);
        foreach (var l in locals)
        {
            body.U32(1).Val(l);
        }
        byte[] localBytes = body.ToArray();
        int offset = _bytes.Count;
        _bytes.AddRange(localBytes);
        _bytes.AddRange(code);
        int length = localBytes.Length + code.Length;
        int codeOffset = offset + localBytes.Length;
        int idx = _funcs++;
        _steps.Add(m =>
        {
            m.FunctionTypeIndices.Add(typeIndex);
            m.Bodies.Add(new FunctionBody(offset, length, codeOffset, locals.Length));
        });
        return idx;
    }

    public int Function(int typeIndex, byte[] code) => Function(typeIndex, [], code);

    /// <summary>A function of a fresh type [params] -> [results].</summary>
    public int Function(ValType[] parameters, ValType[] results, ValType[] locals, byte[] code) =>
        Function(Type(parameters, results), locals, code);

    public ConstExpr Expr(byte[] code)
    {
        int offset = _bytes.Count;
        _bytes.AddRange(code);
        return new ConstExpr(offset, code.Length);
    }

    public int Global(GlobalType type, byte[] init)
    {
        var e = Expr(init);
        _steps.Add(m => m.Globals.Add(new GlobalDef { Type = type, Init = e }));
        return _globals++;
    }

    public int Memory(MemoryType type)
    {
        _steps.Add(m => m.Memories.Add(type));
        return _memories++;
    }

    public int Memory(ulong min = 1, ulong? max = null) => Memory(new MemoryType(new Limits(min, max), false, false));

    public int Table(TableType type, byte[]? init = null)
    {
        ConstExpr? e = init is null ? null : Expr(init);
        _steps.Add(m => m.Tables.Add(new TableDef { Type = type, Init = e }));
        return _tables++;
    }

    public int Table(ulong min = 1, ValType? element = null) => Table(new TableType(element ?? ValType.FuncRef, new Limits(min, null), false));

    public int Tag(int typeIndex)
    {
        _steps.Add(m => m.Tags.Add(typeIndex));
        return _tags++;
    }

    public void Export(string name, ExternKind kind, int index) => _steps.Add(m => m.Exports.Add(new Export(name, kind, index)));

    public void Start(int func) => _steps.Add(m => m.StartFunction = func);

    public void Elem(ElementSegment seg) => _steps.Add(m => m.Elements.Add(seg));

    /// <summary>A declarative segment that declares the functions for <c>ref.func</c>.</summary>
    public void Declare(params int[] funcs) =>
        Elem(new ElementSegment { Mode = SegmentMode.Declarative, ElementType = ValType.FuncRef, FunctionIndices = funcs });

    public void Data(SegmentMode mode, int memory = 0, byte[]? offset = null)
    {
        ConstExpr e = offset is null ? default : Expr(offset);
        _steps.Add(m => m.Data.Add(new DataSegment { Mode = mode, MemoryIndex = memory, Offset = e, DataOffset = 0, DataLength = 0 }));
    }

    public void DataCount(uint n) => _steps.Add(m => m.DataCount = n);

    public WasmModule Build()
    {
        var m = new WasmModule(_bytes.ToArray());
        m.Types.AddRange(_types);
        foreach (var s in _steps)
        {
            s(m);
        }
        m.ImportedTableCount = 0;
        m.ImportedMemoryCount = 0;
        return m;
    }

    public ModuleContext Validate(WasmFeatures features = WasmFeatures.All) => ModuleValidator.Validate(Build(), features);

    public WasmInvalidException Invalid(string expected, WasmFeatures features = WasmFeatures.All)
    {
        var m = Build();
        var e = Assert.Throws<WasmInvalidException>(() => ModuleValidator.Validate(m, features));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        return e;
    }

    /// <summary>One function of type [params] -> [results] with the given code; the rest of the module is empty.</summary>
    public static ValidatorTestModules WithFunc(ValType[] parameters, ValType[] results, byte[] code, params ValType[] locals)
    {
        var b = new ValidatorTestModules();
        b.Function(parameters, results, locals, code);
        return b;
    }
}
