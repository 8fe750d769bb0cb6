using static WasmJit.Core.Tests.Validation.ValidatorTestModules;

namespace WasmJit.Core.Tests.Validation;

public class ModuleValidatorTests
{
    private static readonly ValType I32 = ValType.I32;

    private static Code C() => new();

    private static MemoryType Mem(ulong min, ulong? max, bool shared = false, bool is64 = false) => new(new Limits(min, max), shared, is64);

    [Fact]
    public void MemoryLimits()
    {
        var a = new ValidatorTestModules();
        a.Memory(Mem(2, 1));
        a.Invalid("size minimum must not be greater than maximum");

        var b = new ValidatorTestModules();
        b.Memory(Mem(65537, null));
        b.Invalid("memory size must be at most 65536 pages (4GiB)");

        var c = new ValidatorTestModules();
        c.Memory(Mem(0, 0x1_0000_0000));
        c.Invalid("memory size");

        var d = new ValidatorTestModules();
        d.Memory(Mem(0, (1UL << 48) + 1, is64: true));
        d.Invalid("memory size");

        var ok = new ValidatorTestModules();
        ok.Memory(Mem(0, 1UL << 48, is64: true));
        ok.Memory(Mem(65536, 65536));
        ok.Validate();
    }

    [Fact]
    public void SharedMemoryNeedsMaximum()
    {
        var a = new ValidatorTestModules();
        a.Memory(Mem(1, null, shared: true));
        a.Invalid("shared memory must have maximum");
    }

    [Fact]
    public void MultipleMemoriesNeedMultiMemory()
    {
        var a = new ValidatorTestModules();
        a.Memory();
        a.Memory();
        a.Invalid("multiple memories", WasmFeatures.Wasm2);
        a.Validate(WasmFeatures.Wasm3);
    }

    [Fact]
    public void TableLimitsAndInitialiser()
    {
        var a = new ValidatorTestModules();
        a.Table(new TableType(ValType.FuncRef, new Limits(2, 1), false));
        a.Invalid("size minimum must not be greater than maximum");

        var b = new ValidatorTestModules();
        b.Table(new TableType(ValType.FuncRef, new Limits(0x1_0000_0000, null), false));
        b.Invalid("table size");

        // Tables come before globals: a table initialiser may read imported globals only.
        var g = new ValidatorTestModules();
        g.Global(new GlobalType(ValType.FuncRef, false), C().I("ref.null").Heap(HeapType.Func).End());
        g.Table(new TableType(ValType.FuncRef, new Limits(1, null), false), C().I("global.get").U32(0).End());
        g.Invalid("unknown global 0");
        var gi = new ValidatorTestModules();
        gi.ImportGlobal(new GlobalType(ValType.FuncRef, false));
        gi.Table(new TableType(ValType.FuncRef, new Limits(1, null), false), C().I("global.get").U32(0).End());
        gi.Validate();

        var c = new ValidatorTestModules();
        c.Table(new TableType(ValType.Ref(HeapType.Func, false), new Limits(0, null), false));
        c.Invalid("type mismatch");

        var d = new ValidatorTestModules();
        d.Table(new TableType(ValType.Ref(HeapType.Func, false), new Limits(1, null), false), C().I("ref.null").Heap(HeapType.Func).End());
        d.Invalid("type mismatch");

        var ok = new ValidatorTestModules();
        int f = ok.Function(ok.Type(), [], C().End());
        ok.Table(new TableType(ValType.Ref(HeapType.Func, false), new Limits(1, null), false), C().I("ref.func").U32((uint)f).End());
        ok.Validate();
    }

    [Fact]
    public void DuplicateExportName()
    {
        var a = new ValidatorTestModules();
        int f = a.Function(a.Type(), [], C().End());
        a.Export("x", ExternKind.Func, f);
        a.Export("x", ExternKind.Func, f);
        a.Invalid("duplicate export name");
    }

    [Fact]
    public void ExportIndicesMustExist()
    {
        foreach (var (kind, msg) in new[] { (ExternKind.Func, "unknown function 0"), (ExternKind.Table, "unknown table 0"), (ExternKind.Memory, "unknown memory 0"), (ExternKind.Global, "unknown global 0"), (ExternKind.Tag, "unknown tag 0") })
        {
            var a = new ValidatorTestModules();
            a.Export("x", kind, 0);
            a.Invalid(msg);
        }
    }

    [Fact]
    public void StartFunction()
    {
        var a = new ValidatorTestModules();
        a.Start(0);
        a.Invalid("unknown function");

        var b = new ValidatorTestModules();
        int f = b.Function([], [I32], [], C().I32(0).End());
        b.Start(f);
        b.Invalid("start function");

        var ok = new ValidatorTestModules();
        ok.Start(ok.Function(ok.Type(), [], C().End()));
        ok.Validate();
    }

    [Fact]
    public void FunctionTypeIndexMustBeAFunctionType()
    {
        var a = new ValidatorTestModules();
        a.Function(3, [], C().End());
        a.Invalid("unknown type");

        var b = new ValidatorTestModules();
        b.ImportFunction(1);
        b.Invalid("unknown type");
    }

    [Fact]
    public void ConstantExpressions()
    {
        // A non-constant instruction.
        var a = new ValidatorTestModules();
        a.Global(new GlobalType(I32, false), C().I32(1).I("i32.eqz").End());
        a.Invalid("constant expression required");

        // Extended constants: i32.add allowed in Wasm 3.0, not in Wasm 2.0.
        var b = new ValidatorTestModules();
        b.Global(new GlobalType(I32, false), C().I32(1).I32(2).I("i32.add").End());
        b.Validate();
        b.Invalid("constant expression required", WasmFeatures.Wasm2);

        // Wrong type.
        var c = new ValidatorTestModules();
        c.Global(new GlobalType(I32, false), C().I64(1).End());
        c.Invalid("type mismatch");

        // global.get of a mutable global is not constant.
        var d = new ValidatorTestModules();
        d.ImportGlobal(new GlobalType(I32, true));
        d.Global(new GlobalType(I32, false), C().I("global.get").U32(0).End());
        d.Invalid("constant expression required");

        // Wasm 3.0: a preceding immutable defined global may be read, a following one may not.
        var e = new ValidatorTestModules();
        e.Global(new GlobalType(I32, false), C().I32(1).End());
        e.Global(new GlobalType(I32, false), C().I("global.get").U32(0).End());
        e.Validate();
        e.Invalid("unknown global 0", WasmFeatures.Wasm2);
        var f = new ValidatorTestModules();
        f.Global(new GlobalType(I32, false), C().I("global.get").U32(1).End());
        f.Global(new GlobalType(I32, false), C().I32(1).End());
        f.Invalid("unknown global 1");

        // GC allocation in a constant expression.
        var g = new ValidatorTestModules();
        int s = g.AddType(Struct(new FieldType(I32, false)));
        g.Global(new GlobalType(Ref(s), false), C().I32(7).I("struct.new").U32((uint)s).End());
        g.Global(new GlobalType(ValType.Ref(HeapType.I31, false), false), C().I32(7).I("ref.i31").End());
        g.Validate();
    }

    [Fact]
    public void ElementSegments()
    {
        var a = new ValidatorTestModules();
        a.Elem(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 0, Offset = a.Expr(C().I32(0).End()), ElementType = ValType.FuncRef, FunctionIndices = [] });
        a.Invalid("unknown table 0");

        var b = new ValidatorTestModules();
        b.Table(1, ValType.ExternRef);
        b.Elem(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 0, Offset = b.Expr(C().I32(0).End()), ElementType = ValType.FuncRef, FunctionIndices = [] });
        b.Invalid("type mismatch");

        var c = new ValidatorTestModules();
        c.Elem(new ElementSegment { Mode = SegmentMode.Passive, ElementType = ValType.FuncRef, FunctionIndices = [4] });
        c.Invalid("unknown function 4");

        var d = new ValidatorTestModules();
        d.Table();
        d.Elem(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 0, Offset = d.Expr(C().I64(0).End()), ElementType = ValType.FuncRef, FunctionIndices = [] });
        d.Invalid("type mismatch");

        var e = new ValidatorTestModules();
        e.Elem(new ElementSegment { Mode = SegmentMode.Passive, ElementType = ValType.FuncRef, Expressions = [e.Expr(C().I("nop").End())] });
        e.Invalid("constant expression required");
    }

    [Fact]
    public void DataSegments()
    {
        var a = new ValidatorTestModules();
        a.Data(SegmentMode.Active, 1, C().I32(0).End());
        a.Memory();
        a.Invalid("unknown memory 1");

        var b = new ValidatorTestModules();
        b.Memory(Mem(1, null, is64: true));
        b.Data(SegmentMode.Active, 0, C().I32(0).End());
        b.Invalid("type mismatch");

        var c = new ValidatorTestModules();
        c.Memory();
        c.Data(SegmentMode.Active, 0, C().I("global.get").U32(0).End());
        c.Invalid("unknown global 0");
    }

    [Fact]
    public void Tags()
    {
        var a = new ValidatorTestModules();
        a.Tag(a.Type([], [I32]));
        a.Invalid("non-empty tag result type");

        var b = new ValidatorTestModules();
        b.Tag(5);
        b.Invalid("unknown type");
    }

    [Fact]
    public void ValueTypesInLocalsAndGlobalsMustNameKnownTypes()
    {
        var a = new ValidatorTestModules();
        a.Function([], [], [Ref(9, true)], C().End());
        a.Invalid("unknown type");

        var b = new ValidatorTestModules();
        b.Global(new GlobalType(Ref(3, true), false), C().I("ref.null").Heap(HeapType.Index(3)).End());
        b.Invalid("unknown type");
    }

    [Fact]
    public void ValidatedModuleKeepsItsContext()
    {
        var b = new ValidatorTestModules();
        b.Function(b.Type(), [], C().End());
        var m = b.Build();
        Assert.Null(m.Context);
        var ctx = WasmJit.Validation.ModuleValidator.Validate(m, WasmFeatures.Default);
        Assert.Same(ctx, m.Context);
        Assert.Equal(WasmFeatures.Default, ctx.Features);
    }

    [Fact]
    public void BigModulesAreValidatedInParallelWithDeterministicErrors()
    {
        // Enough code to take the parallel path; two bad bodies: the lower index must be reported.
        var b = new ValidatorTestModules();
        int t = b.Type([], [I32]);
        var body = C();
        for (int i = 0; i < 2000; i++)
        {
            body.I32(i).I("drop");
        }
        byte[] good = body.I32(0).End();
        for (int i = 0; i < 200; i++)
        {
            byte[] code = i is 150 or 170 ? C().I64(i).End() : good;
            b.Function(t, [], code);
        }
        var m = b.Build();
        for (int k = 0; k < 3; k++)
        {
            var e = Assert.Throws<WasmInvalidException>(() => WasmJit.Validation.ModuleValidator.Validate(m, WasmFeatures.All));
            Assert.Contains("[i64]", e.Message);

            // The end of body 150 (after i64.const 150: opcode + two LEB bytes), not of body 170.
            Assert.Equal(m.Bodies[150].CodeOffset + 3, e.Offset);
        }
        var okModule = new ValidatorTestModules();
        int t2 = okModule.Type([], [I32]);
        for (int i = 0; i < 200; i++)
        {
            okModule.Function(t2, [], good);
        }
        okModule.Validate();
    }
}
