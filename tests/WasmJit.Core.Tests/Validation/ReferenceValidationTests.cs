using WasmJit.Validation;
using static WasmJit.Core.Tests.Validation.ValidatorTestModules;

namespace WasmJit.Core.Tests.Validation;

public class ReferenceValidationTests
{
    private static readonly ValType I32 = ValType.I32;

    private static Code C() => new();

    private static FieldType Mut(ValType t) => new(t, true);

    private static FieldType Imm(ValType t) => new(t, false);

    [Fact]
    public void AbstractHeapTypeHierarchy()
    {
        var types = new ModuleTypes([]);
        Assert.True(types.IsHeapSubtype(HeapType.None, HeapType.Any));
        Assert.True(types.IsHeapSubtype(HeapType.I31, HeapType.Eq));
        Assert.True(types.IsHeapSubtype(HeapType.Struct, HeapType.Any));
        Assert.True(types.IsHeapSubtype(HeapType.Array, HeapType.Eq));
        Assert.True(types.IsHeapSubtype(HeapType.NoFunc, HeapType.Func));
        Assert.True(types.IsHeapSubtype(HeapType.NoExtern, HeapType.Extern));
        Assert.True(types.IsHeapSubtype(HeapType.NoExn, HeapType.Exn));
        Assert.False(types.IsHeapSubtype(HeapType.Func, HeapType.Any));
        Assert.False(types.IsHeapSubtype(HeapType.Extern, HeapType.Any));
        Assert.False(types.IsHeapSubtype(HeapType.Eq, HeapType.I31));
        Assert.False(types.IsHeapSubtype(HeapType.None, HeapType.Func));
        Assert.True(types.IsSubtype(ValType.Ref(HeapType.Func, false), ValType.FuncRef));
        Assert.False(types.IsSubtype(ValType.FuncRef, ValType.Ref(HeapType.Func, false)));
    }

    [Fact]
    public void ConcreteTypesFollowDeclaredSupertypes()
    {
        var b = new ValidatorTestModules();
        int a = b.AddType(Struct(false, [], Imm(I32)));
        int s = b.AddType(Struct(false, [a], Imm(I32), Imm(ValType.I64)));
        int f = b.AddType(Func([], [], final: false));
        b.Function(b.Type([], []), [], C().End());
        var ctx = b.Validate();
        var t = ctx.Types;
        Assert.True(t.IsHeapSubtype(HeapType.Index(s), HeapType.Index(a)));
        Assert.False(t.IsHeapSubtype(HeapType.Index(a), HeapType.Index(s)));
        Assert.True(t.IsHeapSubtype(HeapType.Index(s), HeapType.Struct));
        Assert.True(t.IsHeapSubtype(HeapType.None, HeapType.Index(s)));
        Assert.True(t.IsHeapSubtype(HeapType.NoFunc, HeapType.Index(f)));
        Assert.False(t.IsHeapSubtype(HeapType.Index(f), HeapType.Any));
        Assert.True(t.IsHeapSubtype(HeapType.Index(f), HeapType.Func));
    }

    [Fact]
    public void SubtypeDeclarationRules()
    {
        // Supertype is final.
        var b = new ValidatorTestModules();
        int t = b.AddType(Func([], []));
        b.AddType(Func([], [], final: false, t));
        b.Invalid("sub type");

        // Different composite kind.
        var c = new ValidatorTestModules();
        int a = c.AddType(Array(Imm(I32), final: false));
        c.AddType(Struct(false, [a]));
        c.Invalid("sub type");

        // Mutable field is invariant.
        var d = new ValidatorTestModules();
        int sa = d.AddType(Struct(false, [], Mut(ValType.AnyRef)));
        d.AddType(Struct(false, [sa], Mut(ValType.Ref(HeapType.None, true))));
        d.Invalid("sub type");

        // Immutable field is covariant; width subtyping for structs.
        var ok = new ValidatorTestModules();
        int sb = ok.AddType(Struct(false, [], Imm(ValType.AnyRef)));
        ok.AddType(Struct(false, [sb], Imm(ValType.Ref(HeapType.I31, false)), Mut(I32)));
        ok.Validate();

        // Function: contravariant params, covariant results.
        var fn = new ValidatorTestModules();
        int f0 = fn.AddType(Func([ValType.Ref(HeapType.Eq, false)], [ValType.AnyRef], final: false));
        fn.AddType(Func([ValType.AnyRef], [ValType.Ref(HeapType.I31, false)], false, f0));
        fn.Validate();
        var fnBad = new ValidatorTestModules();
        int f1 = fnBad.AddType(Func([ValType.AnyRef], [], final: false));
        fnBad.AddType(Func([ValType.Ref(HeapType.Eq, false)], [], false, f1));
        fnBad.Invalid("sub type");
    }

    [Fact]
    public void TypeReferencesMustExistAndStayInGroup()
    {
        var b = new ValidatorTestModules();
        b.AddType(Func([ValType.Ref(HeapType.Index(1), false)], []));
        b.AddType(Func([], []));
        b.Invalid("unknown type");

        // Within one rec group a forward reference is fine.
        var ok = new ValidatorTestModules();
        ok.Rec(Func([ValType.Ref(HeapType.Index(1), false)], []), Func([], []));
        ok.Validate();
    }

    [Fact]
    public void EquivalentRecGroupsAreTheSameType()
    {
        var b = new ValidatorTestModules();
        int g1 = b.Rec(Func([], []), Struct(Imm(ValType.Ref(HeapType.Index(0), false))));
        int g2 = b.Rec(Func([], []), Struct(Imm(ValType.Ref(HeapType.Index(2), false))));
        int lone = b.AddType(Func([], []));
        // A function of the second group's type flows into a global of the first group's type.
        int f = b.Function(g2, [], C().End());
        b.Global(new GlobalType(Ref(g1), false), C().I("ref.func").U32((uint)f).End());
        var ctx = b.Validate();
        Assert.Equal(ctx.Types.CanonicalId(g1), ctx.Types.CanonicalId(g2));
        Assert.Equal(ctx.Types.CanonicalId(g1 + 1), ctx.Types.CanonicalId(g2 + 1));
        Assert.NotEqual(ctx.Types.CanonicalId(g1), ctx.Types.CanonicalId(lone));

        // A lone (func) is not the first type of a two-type group.
        var bad = new ValidatorTestModules();
        int r = bad.Rec(Func([], []), Func([], []));
        int single = bad.AddType(Func([], []));
        int fb = bad.Function(single, [], C().End());
        bad.Global(new GlobalType(Ref(r), false), C().I("ref.func").U32((uint)fb).End());
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void CanonicalIdsAgreeAcrossModules()
    {
        var a = new ValidatorTestModules();
        int ta = a.Rec(Struct(Mut(I32)), Array(Imm(ValType.Ref(HeapType.Index(0), true))));
        var b = new ValidatorTestModules();
        b.AddType(Func([], []));
        int tb = b.Rec(Struct(Mut(I32)), Array(Imm(ValType.Ref(HeapType.Index(1), true))));
        var ca = a.Validate();
        var cb = b.Validate();
        Assert.Equal(ca.Types.CanonicalId(ta + 1), cb.Types.CanonicalId(tb + 1));
    }

    [Fact]
    public void RefFuncMustBeDeclared()
    {
        var b = new ValidatorTestModules();
        int f = b.Function(b.Type(), [], C().End());
        b.Function([], [], [], C().I("ref.func").U32((uint)f).I("drop").End());
        b.Invalid("undeclared function reference");

        // Declared by an export, a declarative segment or a global initialiser.
        foreach (int how in new[] { 0, 1, 2 })
        {
            var ok = new ValidatorTestModules();
            int g = ok.Function(ok.Type(), [], C().End());
            switch (how)
            {
                case 0: ok.Export("g", ExternKind.Func, g); break;
                case 1: ok.Declare(g); break;
                default: ok.Global(new GlobalType(ValType.FuncRef, false), C().I("ref.func").U32((uint)g).End()); break;
            }
            ok.Function([], [], [], C().I("ref.func").U32((uint)g).I("drop").End());
            ok.Validate();
        }
    }

    [Fact]
    public void CallRefAndNullChecks()
    {
        var b = new ValidatorTestModules();
        int t = b.Type([I32], [I32]);
        b.Function([Ref(t, true), I32], [I32], [], C().I("local.get").U32(1).I("local.get").U32(0).I("call_ref").U32((uint)t).End());
        b.Function([Ref(t, true)], [], [], C().I("local.get").U32(0).I("ref.as_non_null").I("drop").End());
        b.Validate();

        var bad = new ValidatorTestModules();
        int t2 = bad.Type([I32], [I32]);
        bad.Function([ValType.FuncRef, I32], [I32], [], C().I("local.get").U32(1).I("local.get").U32(0).I("call_ref").U32((uint)t2).End());
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void BrOnNullAndNonNull()
    {
        var b = new ValidatorTestModules();
        int t = b.Type();
        // br_on_null: falls through with (ref t).
        b.Function([Ref(t, true)], [Ref(t)], [], C().Block("block").I("local.get").U32(0).I("br_on_null").U32(0).I("return").End().I("unreachable").End());
        // br_on_non_null: label takes (ref t).
        b.Function([Ref(t, true)], [Ref(t)], [], C().Block("block", Ref(t)).I("local.get").U32(0).I("br_on_non_null").U32(0).I("unreachable").End().End());
        b.Validate();

        var bad = new ValidatorTestModules();
        bad.Function([ValType.FuncRef], [], [], C().I("local.get").U32(0).I("br_on_non_null").U32(0).End());
        bad.Invalid("type mismatch");
    }

    [Fact]
    public void StructInstructions()
    {
        var b = new ValidatorTestModules();
        int s = b.AddType(Struct(Imm(I32), Mut(ValType.I8)));
        b.Function([], [I32], [], C().I32(1).I32(2).I("struct.new").U32((uint)s).I("struct.get").U32((uint)s).U32(0).End());
        b.Function([Ref(s)], [I32], [], C().I("local.get").U32(0).I("struct.get_u").U32((uint)s).U32(1).End());
        b.Function([Ref(s)], [], [], C().I("local.get").U32(0).I32(3).I("struct.set").U32((uint)s).U32(1).End());
        b.Validate();

        var imm = new ValidatorTestModules();
        int s2 = imm.AddType(Struct(Imm(ValType.I64)));
        imm.Function([Ref(s2)], [], [], C().I("local.get").U32(0).I64(1).I("struct.set").U32((uint)s2).U32(0).End());
        imm.Invalid("immutable field");

        var packed = new ValidatorTestModules();
        int s3 = packed.AddType(Struct(Mut(ValType.I8)));
        packed.Function([Ref(s3)], [I32], [], C().I("local.get").U32(0).I("struct.get").U32((uint)s3).U32(0).End());
        packed.Invalid("type mismatch");

        var def = new ValidatorTestModules();
        int s4 = def.AddType(Struct(Imm(ValType.Ref(HeapType.Any, false))));
        def.Function([], [], [], C().I("struct.new_default").U32((uint)s4).I("drop").End());
        def.Invalid("type mismatch");
    }

    [Fact]
    public void ArrayInstructions()
    {
        var b = new ValidatorTestModules();
        int a = b.AddType(Array(Mut(ValType.I8)));
        int fr = b.AddType(Array(Mut(ValType.FuncRef)));
        b.DataCount(1);
        b.Data(SegmentMode.Passive);
        b.Function([], [I32], [], C().I32(1).I32(2).I32(3).I("array.new_fixed").U32((uint)a).U32(3).I("array.len").End());
        b.Function([Ref(a)], [], [], C().I("local.get").U32(0).I32(0).I32(0).I32(1).I("array.init_data").U32((uint)a).U32(0).End());
        b.Function([Ref(a), Ref(a)], [], [], C().I("local.get").U32(0).I32(0).I("local.get").U32(1).I32(0).I32(1).I("array.copy").U32((uint)a).U32((uint)a).End());
        b.Function([Ref(fr)], [], [], C().I("local.get").U32(0).I32(0).I("ref.null").Heap(HeapType.Func).I32(1).I("array.fill").U32((uint)fr).End());
        b.Validate();

        var imm = new ValidatorTestModules();
        int ia = imm.AddType(Array(Imm(ValType.I64)));
        imm.Function([Ref(ia)], [], [], C().I("local.get").U32(0).I32(0).I64(1).I("array.set").U32((uint)ia).End());
        imm.Invalid("immutable array");

        var copy = new ValidatorTestModules();
        int c8 = copy.AddType(Array(Mut(ValType.I8)));
        int c16 = copy.AddType(Array(Imm(ValType.I16)));
        copy.Function([Ref(c8), Ref(c16)], [], [], C().I("local.get").U32(0).I32(0).I("local.get").U32(1).I32(0).I32(0).I("array.copy").U32((uint)c8).U32((uint)c16).End());
        copy.Invalid("array types do not match");

        var data = new ValidatorTestModules();
        int refs = data.AddType(Array(Mut(ValType.FuncRef)));
        data.DataCount(1);
        data.Data(SegmentMode.Passive);
        data.Function([Ref(refs)], [], [], C().I("local.get").U32(0).I32(0).I32(0).I32(0).I("array.init_data").U32((uint)refs).U32(0).End());
        data.Invalid("array type is not numeric or vector");
    }

    [Fact]
    public void CastsAndI31()
    {
        var b = new ValidatorTestModules();
        int s = b.AddType(Struct(false, [], Imm(I32)));
        b.Function([ValType.AnyRef], [I32], [], C().I("local.get").U32(0).I("ref.test").Heap(HeapType.Index(s)).End());
        b.Function([ValType.AnyRef], [Ref(s)], [], C().I("local.get").U32(0).I("ref.cast").Heap(HeapType.Index(s)).End());
        b.Function([], [I32], [], C().I32(5).I("ref.i31").I("i31.get_s").End());
        b.Function([ValType.ExternRef], [ValType.AnyRef], [], C().I("local.get").U32(0).I("any.convert_extern").End());
        b.Validate();

        // Casting across hierarchies is a type mismatch.
        var bad = new ValidatorTestModules();
        bad.Function([ValType.FuncRef], [I32], [], C().I("local.get").U32(0).I("ref.test").Heap(HeapType.Struct).End());
        bad.Invalid("type mismatch");

        // extern.convert_any keeps non-nullability.
        var nn = new ValidatorTestModules();
        nn.Function([], [Ref(HeapType.Extern)], [], C().I32(1).I("ref.i31").I("extern.convert_any").End());
        nn.Validate();
    }

    [Fact]
    public void BrOnCastRules()
    {
        var b = new ValidatorTestModules();
        int s = b.AddType(Struct(false, []));
        // block (result (ref null s)) ; local.get anyref ; br_on_cast 0 anyref (ref null s) ; falls through with anyref \ (ref null s) = (ref any)
        b.Function([ValType.AnyRef], [Ref(s, true)], [],
            C().Block("block", Ref(s, true)).I("local.get").U32(0).I("br_on_cast").Byte(3).U32(0).Heap(HeapType.Any).Heap(HeapType.Index(s))
               .I("ref.as_non_null").I("drop").I("ref.null").Heap(HeapType.None).End().End());
        b.Validate();

        // Target type must be a subtype of the source type.
        var bad = new ValidatorTestModules();
        int s2 = bad.AddType(Struct(false, []));
        bad.Function([Ref(s2, true)], [ValType.AnyRef], [],
            C().Block("block", ValType.AnyRef).I("local.get").U32(0).I("br_on_cast").Byte(3).U32(0).Heap(HeapType.Index(s2)).Heap(HeapType.Any).End().End());
        bad.Invalid("type mismatch");

        // br_on_cast_fail: the label receives the failure type.
        var fail = new ValidatorTestModules();
        int s3 = fail.AddType(Struct(false, []));
        fail.Function([ValType.AnyRef], [ValType.AnyRef], [],
            C().Block("block", ValType.AnyRef).I("local.get").U32(0).I("br_on_cast_fail").Byte(1).U32(0).Heap(HeapType.Any).Heap(HeapType.Index(s3)).End().End());
        fail.Validate();
    }
}
