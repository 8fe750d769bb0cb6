using static WasmJit.Core.Tests.Validation.ValidatorTestModules;

namespace WasmJit.Core.Tests.Validation;

public class ExceptionValidationTests
{
    private static readonly ValType I32 = ValType.I32;
    private static readonly ValType I64 = ValType.I64;

    private static Code C() => new();

    [Fact]
    public void ThrowChecksTagAndOperands()
    {
        WithFunc([], [], C().I("throw").U32(0).End()).Invalid("unknown tag 0");

        var b = new ValidatorTestModules();
        b.Tag(b.Type([I32], []));
        b.Function([], [], [], C().I("throw").U32(0).End());
        b.Invalid("type mismatch: instruction requires [i32] but stack has []");

        var c = new ValidatorTestModules();
        c.Tag(c.Type([I32], []));
        c.Function([], [], [], C().I64(5).I("throw").U32(0).End());
        c.Invalid("type mismatch: instruction requires [i32] but stack has [i64]");

        // throw is stack-polymorphic.
        var ok = new ValidatorTestModules();
        ok.Tag(ok.Type([I32], []));
        ok.Function([], [I64], [], C().I32(1).I("throw").U32(0).I("i64.add").End());
        ok.Validate();
    }

    [Fact]
    public void ThrowRefNeedsExnref()
    {
        WithFunc([], [], C().I32(0).I("throw_ref").End()).Invalid("type mismatch");
        WithFunc([ValType.ExnRef], [], C().I("local.get").U32(0).I("throw_ref").End()).Validate();
    }

    [Fact]
    public void TryTableCatchClausesMustMatchLabels()
    {
        var b = new ValidatorTestModules();
        b.Tag(b.Type([I32], []));
        // block (result i32) try_table (catch 0 0) ... end unreachable end
        b.Function([], [I32], [], C().Block("block", I32).Block("try_table").U32(1).Byte(0).U32(0).U32(0).End().I("unreachable").End().End());
        // catch_ref needs [i32 (ref exn)].
        b.Function([], [I32, ValType.Ref(HeapType.Exn, false)], [],
            C().BlockIndex("block", b.Type([], [I32, ValType.Ref(HeapType.Exn, false)])).Block("try_table").U32(1).Byte(1).U32(0).U32(0).End().I("unreachable").End().End());
        // catch_all to an empty label, catch_all_ref to an exnref label.
        b.Function([], [], [], C().Block("block").Block("try_table").U32(1).Byte(2).U32(0).End().End().End());
        b.Function([], [ValType.ExnRef], [], C().Block("block", ValType.ExnRef).Block("try_table").U32(1).Byte(3).U32(0).End().I("unreachable").End().End());
        b.Validate();

        var bad = new ValidatorTestModules();
        bad.Tag(bad.Type([I32], []));
        bad.Function([], [I64], [], C().Block("block", I64).Block("try_table").U32(1).Byte(0).U32(0).U32(0).End().I("unreachable").End().End());
        bad.Invalid("type mismatch");

        var badAll = new ValidatorTestModules();
        badAll.Function([], [I32], [], C().Block("block", I32).Block("try_table").U32(1).Byte(2).U32(0).End().I("unreachable").End().End());
        badAll.Invalid("type mismatch");

        WithFunc([], [], C().Block("try_table").U32(1).Byte(2).U32(3).End().End()).Invalid("unknown label");
    }

    [Fact]
    public void LegacyTryCatch()
    {
        var b = new ValidatorTestModules();
        b.Tag(b.Type([I64], []));
        // try (result i64) i64.const 1 catch 0 (tag param i64 is on the stack) end
        b.Function([], [I64], [], C().Block("try", I64).I64(1).I("catch").U32(0).I("catch_all").I64(2).End().End());
        b.Validate();

        var c = new ValidatorTestModules();
        c.Tag(c.Type([I64], []));
        c.Function([], [I32], [], C().Block("try", I32).I32(42).I("catch").U32(0).End().End());
        c.Invalid("type mismatch: instruction requires [i32] but stack has [i64]");

        var d = new ValidatorTestModules();
        d.Tag(d.Type());
        d.Function([], [], [], C().Block("try").I("catch").U32(0).I32(42).End().End());
        d.Invalid("type mismatch: block requires [] but stack has [i32]");

        WithFunc([], [I32], C().Block("try", I32).End().End()).Invalid("type mismatch: instruction requires [i32] but stack has []");
    }

    [Fact]
    public void RethrowNeedsACatchLabel()
    {
        WithFunc([], [], C().I("rethrow").U32(0).End()).Invalid("invalid rethrow label");
        WithFunc([], [], C().Block("block").I("rethrow").U32(0).End().End()).Invalid("invalid rethrow label");
        WithFunc([], [], C().Block("try").I("rethrow").U32(0).I("delegate").U32(0).End()).Invalid("invalid rethrow label");
        WithFunc([], [], C().Block("try").I("catch_all").Block("block").I("rethrow").U32(1).End().End().End()).Validate();
    }

    [Fact]
    public void DelegateTargetsAnOuterLabel()
    {
        WithFunc([], [], C().Block("try").I("delegate").U32(0).End()).Validate();
        WithFunc([], [], C().Block("try").I("delegate").U32(1).End()).Invalid("unknown label");
    }
}
