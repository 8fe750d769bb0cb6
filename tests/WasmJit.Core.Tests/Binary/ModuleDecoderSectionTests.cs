using WasmJit.Binary;
using static WasmJit.Core.Tests.Binary.ModuleBuilder;

namespace WasmJit.Core.Tests.Binary;

/// <summary>Each section kind decodes into the module model as the spec's binary format defines it.</summary>
public class ModuleDecoderSectionTests
{
    private static WasmModule Decode(byte[] bytes, WasmFeatures features = WasmFeatures.All) =>
        ModuleDecoder.Decode(bytes, features);

    private static byte[] Slice(byte[] bytes, ConstExpr e) => bytes.AsSpan(e.Offset, e.Length).ToArray();

    [Fact]
    public void EmptyModuleHasNothing()
    {
        var m = Decode(ModuleBuilder.Empty);
        Assert.Empty(m.Types);
        Assert.Empty(m.Sections);
        Assert.Empty(m.Bodies);
        Assert.Null(m.StartFunction);
        Assert.Null(m.DataCount);
        Assert.Equal(WasmFeatures.None, m.FeaturesUsed);
    }

    [Fact]
    public void FunctionTypes()
    {
        var bytes = new ModuleBuilder()
            .Types(([], []), ([I32, I64], [F32]), ([F64], [I32, V128]))
            .Build();
        var m = Decode(bytes);
        Assert.Equal(3, m.Types.Count);
        Assert.Equal(FuncType.Empty, m.FuncTypeAt(0));
        Assert.Equal(new FuncType([ValType.I32, ValType.I64], [ValType.F32]), m.FuncTypeAt(1));
        Assert.Equal(new FuncType([ValType.F64], [ValType.I32, ValType.V128]), m.FuncTypeAt(2));
        for (int i = 0; i < 3; i++)
        {
            Assert.True(m.Types[i].Final);
            Assert.Empty(m.Types[i].SuperTypes);
            Assert.Equal(i, m.Types[i].RecGroupStart);
            Assert.Equal(1, m.Types[i].RecGroupSize);
        }
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.MultiValue));
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.Simd));
        Assert.False(m.FeaturesUsed.HasFlag(WasmFeatures.Gc));
    }

    [Fact]
    public void RecGroupsSubtypesStructsAndArrays()
    {
        var bytes = new ModuleBuilder().Section(1, w => w
            .U32(3)
            // type 0: plain func
            .FuncType([], [])
            // rec group of types 1..3
            .Byte(0x4e).U32(3)
            //   1: (sub (struct (field i8) (field (mut i16)) (field (ref null 2))))  -- open, no supertypes
            .Byte(0x50).U32(0).Byte(0x5f).U32(3)
                .Byte(0x78).Byte(0)
                .Byte(0x77).Byte(1)
                .Byte(0x63).S32(2).Byte(0)
            //   2: (sub final 1 (struct ...)) with one i32 mutable field
            .Byte(0x4f).U32(1).U32(1).Byte(0x5f).U32(1).Byte(I32).Byte(1)
            //   3: (array (mut (ref 0)))
            .Byte(0x5e).Byte(0x64).S32(0).Byte(1)
            // an empty rec group: no type at all
            .Byte(0x4e).U32(0))
            .Build();
        // The third group is empty: the vector has 3 groups but only 4 types.
        var m = Decode(bytes);
        Assert.Equal(4, m.Types.Count);

        Assert.Equal(CompositeKind.Func, m.Types[0].Kind);
        Assert.Equal(0, m.Types[0].RecGroupStart);
        Assert.Equal(1, m.Types[0].RecGroupSize);

        var s1 = m.Types[1];
        Assert.Equal(CompositeKind.Struct, s1.Kind);
        Assert.False(s1.Final);
        Assert.Empty(s1.SuperTypes);
        Assert.Equal(
            [new FieldType(ValType.I8, false), new FieldType(ValType.I16, true), new FieldType(ValType.Ref(HeapType.Index(2), true), false)],
            s1.Struct!.Fields);

        var s2 = m.Types[2];
        Assert.True(s2.Final);
        Assert.Equal([1], s2.SuperTypes);
        Assert.Equal([new FieldType(ValType.I32, true)], s2.Struct!.Fields);

        var a3 = m.Types[3];
        Assert.Equal(CompositeKind.Array, a3.Kind);
        Assert.Equal(new FieldType(ValType.Ref(HeapType.Index(0), false), true), a3.Array!.Element);
        Assert.Equal(ValType.I32, new FieldType(ValType.I8, false).Unpacked);

        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(1, m.Types[i].RecGroupStart);
            Assert.Equal(3, m.Types[i].RecGroupSize);
        }
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.Gc));
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.FunctionReferences));
        Assert.Equal(1, m.Sections.Single().Id);
        Assert.Equal(3, m.Sections.Single().Count);
    }

    [Fact]
    public void ImportsOfEveryKindIncludingDuplicates()
    {
        var bytes = new ModuleBuilder()
            .Types(([I32], []))
            .Section(2, w => w.U32(7)
                .Name("env").Name("f").Byte(0x00).U32(0)
                .Name("env").Name("f").Byte(0x00).U32(0)                       // duplicate import, kept
                .Name("env").Name("t").Byte(0x01).Byte(FuncRef).Byte(0x01).U32(1).U32(10)
                .Name("env").Name("m").Byte(0x02).Byte(0x03).U32(1).U32(2)      // shared, min 1 max 2
                .Name("env").Name("m64").Byte(0x02).Byte(0x04).U64(1UL << 40)   // 64-bit, no max
                .Name("other").Name("g").Byte(0x03).Byte(I64).Byte(0x01)        // mutable i64
                .Name("other").Name("e").Byte(0x04).Byte(0x00).U32(0))          // tag of type 0
            .Build();
        var m = Decode(bytes);
        Assert.Equal(7, m.Imports.Count);
        Assert.Equal(["f", "f", "t", "m", "m64", "g", "e"], m.Imports.Select(i => i.Name));
        Assert.Equal(
            [ExternKind.Func, ExternKind.Func, ExternKind.Table, ExternKind.Memory, ExternKind.Memory, ExternKind.Global, ExternKind.Tag],
            m.Imports.Select(i => i.Kind));
        Assert.Equal("env", m.Imports[0].Module);
        Assert.Equal("other", m.Imports[6].Module);
        // Runs of one module name share one string.
        Assert.Same(m.Imports[0].Module, m.Imports[4].Module);

        Assert.Equal(2, m.ImportedFunctionCount);
        Assert.Equal([0, 0], m.FunctionTypeIndices);
        Assert.Equal(1, m.ImportedTableCount);
        Assert.Equal(new TableType(ValType.FuncRef, new Limits(1, 10), false), m.Tables[0].Type);
        Assert.Null(m.Tables[0].Init);
        Assert.Equal(2, m.ImportedMemoryCount);
        Assert.Equal(new MemoryType(new Limits(1, 2), Shared: true, Is64: false), m.Memories[0]);
        Assert.Equal(new MemoryType(new Limits(1UL << 40, null), Shared: false, Is64: true), m.Memories[1]);
        Assert.Equal(1, m.ImportedGlobalCount);
        Assert.Equal(new GlobalType(ValType.I64, true), m.Globals[0].Type);
        Assert.Null(m.Globals[0].Init);
        Assert.Equal(1, m.ImportedTagCount);
        Assert.Equal([0], m.Tags);
        Assert.Equal(0, m.Imports[6].TypeIndex);

        var used = m.FeaturesUsed;
        Assert.True(used.HasFlag(WasmFeatures.Threads));
        Assert.True(used.HasFlag(WasmFeatures.Memory64));
        Assert.True(used.HasFlag(WasmFeatures.MultiMemory));
        Assert.True(used.HasFlag(WasmFeatures.MutableGlobals));
        Assert.True(used.HasFlag(WasmFeatures.ExceptionHandling));
    }

    [Fact]
    public void FunctionsAndBodies()
    {
        byte[] code0 = [0x41, 0x2a, 0x1a, 0x0b];
        byte[] code1 = [0x0b];
        var bytes = new ModuleBuilder()
            .Types(([], []), ([I32], [I32]))
            .Functions(1, 0)
            .Section(10, w => w.U32(2)
                .Body(code0, (2, I32), (3, F64))
                .Body(code1))
            .Build();
        var m = Decode(bytes);
        Assert.Equal([1, 0], m.FunctionTypeIndices);
        Assert.Equal(0, m.ImportedFunctionCount);
        Assert.Equal(2, m.Bodies.Count);
        Assert.Equal(5, m.Bodies[0].LocalCount);
        Assert.Equal(0, m.Bodies[1].LocalCount);
        Assert.Equal(code0, bytes.AsSpan(m.Bodies[0].CodeOffset, m.Bodies[0].CodeLength).ToArray());
        Assert.Equal(code1, bytes.AsSpan(m.Bodies[1].CodeOffset, m.Bodies[1].CodeLength).ToArray());
        // The body range covers the locals and the code, and engines can re-read the locals from it.
        var body = m.Bodies[0];
        Assert.Equal(body.Offset + body.Length, body.CodeOffset + body.CodeLength);
        var r = new WasmReader(bytes.AsSpan(body.Offset, body.Length), body.Offset);
        var locals = new List<ValType>();
        Assert.Equal(5, LocalsReader.Read(ref r, WasmFeatures.All, locals));
        Assert.Equal([ValType.I32, ValType.I32, ValType.F64, ValType.F64, ValType.F64], locals);
        Assert.Equal(body.CodeOffset, body.Offset + r.Position);
        Assert.Equal(new FuncType([ValType.I32], [ValType.I32]), m.FuncTypeOf(0));
    }

    [Fact]
    public void TablesPlainWithInitializerAnd64Bit()
    {
        byte[] init = [0xd2, 0x00, 0x0b]; // ref.func 0
        var bytes = new ModuleBuilder()
            .Types(([], []))
            .Functions(0)
            .Section(4, w => w.U32(3)
                .Byte(FuncRef).Byte(0x00).U32(5)
                .Byte(0x40).Byte(0x00).Byte(0x64).Byte(0x70).Byte(0x01).U32(1).U32(1).Bytes(init)
                .Byte(ExternRef).Byte(0x05).U64(3).U64(1UL << 33))
            .Code([0x0b])
            .Build();
        var m = Decode(bytes);
        Assert.Equal(3, m.Tables.Count);
        Assert.Equal(new TableType(ValType.FuncRef, new Limits(5, null), false), m.Tables[0].Type);
        Assert.Null(m.Tables[0].Init);
        Assert.Equal(new TableType(ValType.Ref(HeapType.Func, false), new Limits(1, 1), false), m.Tables[1].Type);
        Assert.Equal(init, Slice(bytes, m.Tables[1].Init!.Value));
        Assert.Equal(new TableType(ValType.ExternRef, new Limits(3, 1UL << 33), true), m.Tables[2].Type);
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.FunctionReferences));
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.Memory64));
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.ReferenceTypes));
    }

    [Fact]
    public void Memories()
    {
        var bytes = new ModuleBuilder()
            .Section(5, w => w.U32(4)
                .Byte(0x00).U32(1)
                .Byte(0x01).U32(0).U32(65536)
                .Byte(0x03).U32(1).U32(16)
                .Byte(0x07).U64(2).U64(ulong.MaxValue))
            .Build();
        var m = Decode(bytes);
        Assert.Equal(
            [
                new MemoryType(new Limits(1, null), false, false),
                new MemoryType(new Limits(0, 65536), false, false),
                new MemoryType(new Limits(1, 16), true, false),
                new MemoryType(new Limits(2, ulong.MaxValue), true, true),
            ],
            m.Memories);
        Assert.Equal(ValType.I64, m.Memories[3].IndexType);
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.MultiMemory | WasmFeatures.Threads | WasmFeatures.Memory64));
    }

    [Fact]
    public void GlobalsKeepTheirInitializerRanges()
    {
        byte[] e0 = [0x41, 0x7f, 0x0b];                                     // i32.const -1
        byte[] e1 = [0x42, 0x80, 0x80, 0x04, 0x42, 0x01, 0x7c, 0x0b];       // i64.const; i64.const; i64.add (extended const)
        byte[] e2 = [0x23, 0x00, 0x0b];                                     // global.get 0
        byte[] e3 = [0xfd, 0x0c, .. new byte[16], 0x0b];                    // v128.const
        byte[] e4 = [0x02, 0x40, 0x0b, 0x41, 0x00, 0x0b];                   // block end i32.const 0 end: stops at the matching end
        var bytes = new ModuleBuilder()
            .Section(6, w => w.U32(5)
                .Byte(I32).Byte(0).Bytes(e0)
                .Byte(I64).Byte(1).Bytes(e1)
                .Byte(I32).Byte(0).Bytes(e2)
                .Byte(V128).Byte(0).Bytes(e3)
                .Byte(I32).Byte(1).Bytes(e4))
            .Build();
        var m = Decode(bytes);
        Assert.Equal(5, m.Globals.Count);
        Assert.Equal(new GlobalType(ValType.I32, false), m.Globals[0].Type);
        Assert.Equal(new GlobalType(ValType.I64, true), m.Globals[1].Type);
        Assert.Equal(new GlobalType(ValType.V128, false), m.Globals[3].Type);
        Assert.Equal(e0, Slice(bytes, m.Globals[0].Init!.Value));
        Assert.Equal(e1, Slice(bytes, m.Globals[1].Init!.Value));
        Assert.Equal(e2, Slice(bytes, m.Globals[2].Init!.Value));
        Assert.Equal(e3, Slice(bytes, m.Globals[3].Init!.Value));
        Assert.Equal(e4, Slice(bytes, m.Globals[4].Init!.Value));
        Assert.Equal(e1, m.Globals[1].Init!.Value.Span(m).ToArray());
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.ExtendedConst));
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.Simd));
    }

    [Fact]
    public void ExportsOfEveryKind()
    {
        var bytes = new ModuleBuilder()
            .Section(7, w => w.U32(5)
                .Name("f").Byte(0).U32(3)
                .Name("t").Byte(1).U32(0)
                .Name("m").Byte(2).U32(1)
                .Name("g").Byte(3).U32(2)
                .Name("ü-tag").Byte(4).U32(7))
            .Build();
        var m = Decode(bytes);
        Assert.Equal(
            [
                new Export("f", ExternKind.Func, 3),
                new Export("t", ExternKind.Table, 0),
                new Export("m", ExternKind.Memory, 1),
                new Export("g", ExternKind.Global, 2),
                new Export("ü-tag", ExternKind.Tag, 7),
            ],
            m.Exports);
    }

    [Fact]
    public void StartSection()
    {
        var bytes = new ModuleBuilder().Types(([], [])).Functions(0).Section(8, w => w.U32(0)).Code([0x0b]).Build();
        var m = Decode(bytes);
        Assert.Equal(0, m.StartFunction);
        Assert.Equal([1, 3, 8, 10], m.Sections.Select(s => (int)s.Id));
    }

    [Fact]
    public void ElementSegmentsInAllEightForms()
    {
        byte[] offset = [0x41, 0x02, 0x0b];
        byte[] refFunc1 = [0xd2, 0x01, 0x0b];
        byte[] refNull = [0xd0, 0x70, 0x0b];
        var bytes = new ModuleBuilder()
            .Types(([], []))
            .Functions(0, 0)
            .Section(4, w => w.U32(2).Byte(FuncRef).Byte(0).U32(10).Byte(FuncRef).Byte(0).U32(10))
            .Section(9, w => w.U32(8)
                .U32(0).Bytes(offset).Vec(2, (w2, i) => w2.U32((uint)i))                 // active table 0, funcidx
                .U32(1).Byte(0x00).Vec(1, (w2, _) => w2.U32(1))                          // passive, elemkind
                .U32(2).U32(1).Bytes(offset).Byte(0x00).Vec(1, (w2, _) => w2.U32(0))     // active table 1, elemkind
                .U32(3).Byte(0x00).Vec(2, (w2, i) => w2.U32((uint)i))                    // declarative, elemkind
                .U32(4).Bytes(offset).Vec(2, (w2, i) => w2.Bytes(i == 0 ? refFunc1 : refNull)) // active table 0, exprs
                .U32(5).Byte(FuncRef).Vec(1, (w2, _) => w2.Bytes(refNull))               // passive, reftype
                .U32(6).U32(1).Bytes(offset).Byte(0x64).Byte(0x70).Vec(1, (w2, _) => w2.Bytes(refFunc1)) // active table 1, (ref func)
                .U32(7).Byte(FuncRef).Vec(0, (_, _) => { }))                            // declarative, empty
            .Code([0x0b], [0x0b])
            .Build();
        var m = Decode(bytes);
        var e = m.Elements;
        Assert.Equal(8, e.Count);
        var nonNullFunc = ValType.Ref(HeapType.Func, false);

        Assert.Equal((SegmentMode.Active, 0, nonNullFunc), (e[0].Mode, e[0].TableIndex, e[0].ElementType));
        Assert.Equal(offset, Slice(bytes, e[0].Offset));
        Assert.Equal([0, 1], e[0].FunctionIndices!);
        Assert.Null(e[0].Expressions);

        Assert.Equal((SegmentMode.Passive, nonNullFunc), (e[1].Mode, e[1].ElementType));
        Assert.Equal([1], e[1].FunctionIndices!);

        Assert.Equal((SegmentMode.Active, 1, nonNullFunc), (e[2].Mode, e[2].TableIndex, e[2].ElementType));
        Assert.Equal(offset, Slice(bytes, e[2].Offset));
        Assert.Equal([0], e[2].FunctionIndices!);

        Assert.Equal((SegmentMode.Declarative, 2), (e[3].Mode, e[3].Count));

        Assert.Equal((SegmentMode.Active, 0, ValType.FuncRef), (e[4].Mode, e[4].TableIndex, e[4].ElementType));
        Assert.Null(e[4].FunctionIndices);
        Assert.Equal(2, e[4].Count);
        Assert.Equal(refFunc1, Slice(bytes, e[4].Expressions![0]));
        Assert.Equal(refNull, Slice(bytes, e[4].Expressions![1]));

        Assert.Equal((SegmentMode.Passive, ValType.FuncRef), (e[5].Mode, e[5].ElementType));
        Assert.Equal(refNull, Slice(bytes, e[5].Expressions![0]));

        Assert.Equal((SegmentMode.Active, 1, nonNullFunc), (e[6].Mode, e[6].TableIndex, e[6].ElementType));
        Assert.Equal(offset, Slice(bytes, e[6].Offset));

        Assert.Equal((SegmentMode.Declarative, 0), (e[7].Mode, e[7].Count));
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.BulkMemory));
    }

    [Fact]
    public void DataSegmentsInAllThreeFormsWithDataCount()
    {
        byte[] offset = [0x41, 0x10, 0x0b];
        byte[] a = [1, 2, 3], b = [], c = [0xff];
        var bytes = new ModuleBuilder()
            .Section(5, w => w.U32(2).Byte(0).U32(1).Byte(0).U32(1))
            .Section(12, w => w.U32(3))
            .Section(11, w => w.U32(3)
                .U32(0).Bytes(offset).U32(3).Bytes(a)
                .U32(1).U32(0)
                .U32(2).U32(1).Bytes(offset).U32(1).Bytes(c))
            .Build();
        var m = Decode(bytes);
        Assert.Equal(3u, m.DataCount);
        var d = m.Data;
        Assert.Equal((SegmentMode.Active, 0), (d[0].Mode, d[0].MemoryIndex));
        Assert.Equal(offset, Slice(bytes, d[0].Offset));
        Assert.Equal(a, d[0].Span(m).ToArray());
        Assert.Equal(SegmentMode.Passive, d[1].Mode);
        Assert.Equal(b, d[1].Span(m).ToArray());
        Assert.Equal((SegmentMode.Active, 1), (d[2].Mode, d[2].MemoryIndex));
        Assert.Equal(offset, Slice(bytes, d[2].Offset));
        Assert.Equal(c, d[2].Span(m).ToArray());
        Assert.Equal([5, 12, 11], m.Sections.Select(s => (int)s.Id));
        Assert.Equal(3, m.Sections[1].Count);
    }

    [Fact]
    public void TagSectionBetweenMemoryAndGlobal()
    {
        var bytes = new ModuleBuilder()
            .Types(([I32], []), ([], []))
            .Section(5, w => w.U32(1).Byte(0).U32(0))
            .Section(13, w => w.U32(2).Byte(0).U32(0).Byte(0).U32(1))
            .Section(6, w => w.U32(0))
            .Build();
        var m = Decode(bytes);
        Assert.Equal([0, 1], m.Tags);
        Assert.Equal(0, m.ImportedTagCount);
        Assert.Equal([1, 5, 13, 6], m.Sections.Select(s => (int)s.Id));
        Assert.True(m.FeaturesUsed.HasFlag(WasmFeatures.ExceptionHandling));
    }

    [Fact]
    public void CustomSectionsAreKeptWithTheirPlace()
    {
        byte[] payload = [9, 8, 7];
        var bytes = new ModuleBuilder()
            .Custom("first", payload)
            .Types(([], []))
            .Custom("second")
            .Custom("", 1)
            .Build();
        var m = Decode(bytes);
        Assert.Equal(["first", "second", ""], m.CustomSections.Select(c => c.Name));
        Assert.Equal(payload, bytes.AsSpan(m.CustomSections[0].Offset, m.CustomSections[0].Length).ToArray());
        Assert.Equal(0, m.CustomSections[1].Length);
        Assert.Equal([(byte)0, (byte)1, (byte)1], m.CustomSections.Select(c => c.After));
        Assert.Equal([0, 1, 0, 0], m.Sections.Select(s => (int)s.Id));
        Assert.Equal("first", m.Sections[0].Name);
        Assert.Equal("type", m.Sections[1].Name);
    }

    [Fact]
    public void SectionInfoRecordsContentOffsetAndSize()
    {
        var bytes = new ModuleBuilder().Types(([], []), ([I32], [])).Build();
        var s = Decode(bytes).Sections.Single();
        // Header (8), id (1), size (1): the contents start at 10 and run to the end.
        Assert.Equal(new SectionInfo(1, "type", 10, bytes.Length - 10, 2), s);
    }

    private static ModuleBuilder NameSubsections(ModuleBuilder b, bool brokenLocalNames = false) =>
        b.Section(0, w => w.Name("name")
            .Byte(0).Sized(s => s.Name("my module"))
            .Byte(1).Sized(s => s.Vec(2, (s2, i) => s2.U32((uint)i).Name(i == 0 ? "main" : "helper")))
            .Byte(2).Sized(s =>
            {
                if (brokenLocalNames)
                {
                    s.U32(1).U32(0).U32(1).U32(0).Bytes(5, 0xff, 0xfe); // bad UTF-8, truncated
                    return;
                }
                s.Vec(1, (s2, _) => s2.U32(1).Vec(2, (s3, k) => s3.U32((uint)k).Name(k == 0 ? "x" : "y")));
            })
            .Byte(7).Sized(s => s.Bytes(0xde, 0xad)));                  // a subsection we skip

    [Fact]
    public void NameSectionModuleFunctionAndLocalNames()
    {
        var bytes = NameSubsections(new ModuleBuilder().Types(([], [])).Functions(0, 0).Code([0x0b], [0x0b])).Build();
        var m = Decode(bytes);
        Assert.NotNull(m.Names);
        Assert.Equal("my module", m.Names.ModuleName);
        Assert.Equal("main", m.FunctionName(0));
        Assert.Equal("helper", m.FunctionName(1));
        Assert.Null(m.FunctionName(2));
        Assert.Equal("x", m.Names.LocalNames[1][0]);
        Assert.Equal("y", m.Names.LocalNames[1][1]);
        Assert.Single(m.CustomSections);
    }

    [Fact]
    public void MalformedNameSectionIsIgnored()
    {
        var bytes = NameSubsections(new ModuleBuilder().Types(([], [])).Functions(0).Code([0x0b]), brokenLocalNames: true).Build();
        var m = Decode(bytes);
        Assert.Equal("my module", m.Names!.ModuleName);
        Assert.Equal("main", m.FunctionName(0));
        Assert.Empty(m.Names.LocalNames[0]);
        Assert.Single(m.Bodies);

        // A name section that is garbage from its first byte.
        var garbage = new ModuleBuilder().Custom("name", 0x01, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00).Build();
        Assert.Null(Decode(garbage).Names!.ModuleName);
    }

    [Fact]
    public void WasmOneFeatureSetStillDecodesMvpModules()
    {
        var bytes = new ModuleBuilder()
            .Types(([I32], [I32]))
            .Section(2, w => w.U32(1).Name("env").Name("t").Byte(1).Byte(FuncRef).Byte(0).U32(1))
            .Functions(0)
            .Section(5, w => w.U32(1).Byte(0).U32(1))
            .Section(6, w => w.U32(1).Byte(I32).Byte(0).I32Const(7))
            .Section(7, w => w.U32(1).Name("f").Byte(0).U32(0))
            .Section(9, w => w.U32(1).U32(0).I32Const(0).Vec(1, (w2, _) => w2.U32(0)))
            .Code([0x20, 0x00, 0x0b])
            .Section(11, w => w.U32(1).U32(0).I32Const(0).U32(2).Bytes(1, 2))
            .Build();
        var m = Decode(bytes, WasmFeatures.Wasm1);
        Assert.Single(m.Bodies);
        Assert.Equal(ValType.FuncRef, m.Tables[0].Type.Element);
        Assert.Equal(WasmFeatures.None, m.FeaturesUsed);
    }
}
