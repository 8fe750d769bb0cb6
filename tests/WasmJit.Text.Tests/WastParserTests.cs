using System.Runtime.Intrinsics;

namespace WasmJit.Text.Tests;

public sealed class WastParserTests
{
    private const string Script = """
        (module $M (func (export "f") (param i32) (result i32) local.get 0))
        (register "m" $M)
        (assert_return (invoke $M "f" (i32.const -1)) (i32.const 0xffffffff))
        (assert_return (invoke "g" (f32.const nan:0x1) (ref.extern 7) (ref.null func) (ref.host 3))
          (f32.const nan:canonical) (f64.const nan:arithmetic) (ref.null) (ref.null extern) (ref.extern) (ref.extern 7)
          (ref.func) (ref.struct) (ref.i31) (either (i32.const 1) (i64.const -2)))
        (assert_return (invoke "v" (v128.const i32x4 1 2 3 -1))
          (v128.const f32x4 nan:arithmetic 1 -0 inf) (v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 255))
        (assert_trap (invoke "t") "unreachable")
        (assert_malformed (module quote "(func (i32.addd))") "unknown operator")
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_exhaustion (invoke "r") "call stack exhausted")
        (assert_exception (invoke "x"))
        (assert_unlinkable (module (import "a" "b" (func))) "unknown import")
        (assert_trap (module (start 0) (func unreachable)) "unreachable")
        (get $M "glob")
        (module definition $D (func))
        (module instance $I $D)
        (thread $T (shared (module $M))
          (register "mm" $M)
          (invoke "f" (i32.const 1)))
        (wait $T)
        (module binary "\00asm" "\01\00\00\00")
        (assert_malformed (module binary "\00asm") "unexpected end")
        (assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
        """;

    [Fact]
    public void ParsesEveryCommandWithItsLine()
    {
        var script = WastParser.Parse(Script, "test.wast");
        var c = script.Commands;
        Assert.Equal(20, c.Count);
        Assert.Equal([1, 2, 3, 4, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 24, 25], c.Take(20).Select(x => x.Line).ToArray());

        var m = Assert.IsType<ModuleCommand>(c[0]).Module;
        Assert.Equal(WastModuleKind.Text, m.Kind);
        Assert.Equal("M", m.Id);
        Assert.Equal(WatParser.ParseModule("(module $M (func (export \"f\") (param i32) (result i32) local.get 0))"), m.Bytes);

        var reg = Assert.IsType<RegisterCommand>(c[1]);
        Assert.Equal(("m", "M"), (reg.Name, reg.ModuleId));

        var r1 = Assert.IsType<AssertReturnCommand>(c[2]);
        Assert.Equal(("M", "f", WastActionKind.Invoke), (r1.Action.ModuleId, r1.Action.Name, r1.Action.Kind));
        Assert.Equal(new WastValue(WastValueKind.I32, 0xFFFFFFFF), r1.Action.Args[0]);
        Assert.Equal(WastResultKind.Number, r1.Expected[0].Kind);
        Assert.Equal(ValKind.I32, r1.Expected[0].Type);
        Assert.Equal(0xFFFFFFFFUL, r1.Expected[0].Bits);
    }

    [Fact]
    public void ParsesArgumentAndResultForms()
    {
        var c = WastParser.Parse(Script).Commands;
        var r = Assert.IsType<AssertReturnCommand>(c[3]);
        Assert.Equal(
            [
                new WastValue(WastValueKind.F32, 0x7F800001),
                new WastValue(WastValueKind.RefExtern, 7),
                new WastValue(WastValueKind.RefNull, 0, Heap: HeapType.Func),
                new WastValue(WastValueKind.RefHost, 3),
            ],
            r.Action.Args);
        var e = r.Expected;
        Assert.Equal((WastResultKind.CanonicalNan, ValKind.F32), (e[0].Kind, e[0].Type));
        Assert.Equal((WastResultKind.ArithmeticNan, ValKind.F64), (e[1].Kind, e[1].Type));
        Assert.Equal((WastResultKind.RefNull, (HeapType?)null), (e[2].Kind, e[2].Heap));
        Assert.Equal((WastResultKind.RefNull, (HeapType?)HeapType.Extern), (e[3].Kind, e[3].Heap));
        Assert.Equal((WastResultKind.RefExtern, false), (e[4].Kind, e[4].HasPayload));
        Assert.Equal((WastResultKind.RefExtern, true, 7UL), (e[5].Kind, e[5].HasPayload, e[5].Bits));
        Assert.Equal((WastResultKind.RefKind, (HeapType?)HeapType.Func), (e[6].Kind, e[6].Heap));
        Assert.Equal((WastResultKind.RefKind, (HeapType?)HeapType.Struct), (e[7].Kind, e[7].Heap));
        Assert.Equal((WastResultKind.RefKind, (HeapType?)HeapType.I31), (e[8].Kind, e[8].Heap));
        Assert.Equal(WastResultKind.Either, e[9].Kind);
        Assert.Equal((ValKind.I64, 0xFFFFFFFFFFFFFFFEUL), (e[9].Alternatives![1].Type, e[9].Alternatives![1].Bits));
    }

    [Fact]
    public void ParsesVectorsWithPerLanePatterns()
    {
        var r = Assert.IsType<AssertReturnCommand>(WastParser.Parse(Script).Commands[4]);
        Assert.Equal(Vector128.Create(1, 2, 3, -1).AsByte(), r.Action.Args[0].V128);
        var f = r.Expected[0];
        Assert.Equal((WastResultKind.V128, 4), (f.Kind, f.LaneCount));
        Assert.Equal(WastResultKind.ArithmeticNan, f.Lanes![0].Kind);
        Assert.Equal(0x3F800000UL, f.Lanes[1].Bits);
        Assert.Equal(0x80000000UL, f.Lanes[2].Bits);
        Assert.Equal(0x7F800000UL, f.Lanes[3].Bits);
        var i = r.Expected[1];
        Assert.Equal(16, i.LaneCount);
        Assert.Equal(0xFFUL, i.Lanes![0].Bits);
        Assert.Equal(0xFFUL, i.Lanes[15].Bits);
    }

    [Fact]
    public void ParsesAssertionsAndThreads()
    {
        var c = WastParser.Parse(Script).Commands;
        var trap = Assert.IsType<AssertTrapCommand>(c[5]);
        Assert.Equal(("t", "unreachable"), (trap.Action!.Name, trap.Message));

        var malformed = Assert.IsType<AssertModuleCommand>(c[6]);
        Assert.Equal((AssertModuleKind.Malformed, WastModuleKind.Quote), (malformed.Kind, malformed.Module.Kind));
        var error = Assert.Throws<WasmMalformedException>(() => malformed.Module.GetBinary());
        Assert.Equal("1:8: unknown operator i32.addd", error.Message);

        var invalid = Assert.IsType<AssertModuleCommand>(c[7]);
        Assert.Equal(AssertModuleKind.Invalid, invalid.Kind);
        Assert.NotNull(invalid.Module.Bytes);
        Assert.Equal("call stack exhausted", Assert.IsType<AssertExhaustionCommand>(c[8]).Message);
        Assert.Equal("x", Assert.IsType<AssertExceptionCommand>(c[9]).Action.Name);
        Assert.Equal(AssertModuleKind.Unlinkable, Assert.IsType<AssertModuleCommand>(c[10]).Kind);
        var trapModule = Assert.IsType<AssertTrapCommand>(c[11]);
        Assert.Null(trapModule.Action);
        Assert.NotNull(trapModule.Module!.Bytes);

        var get = Assert.IsType<ActionCommand>(c[12]).Action;
        Assert.Equal((WastActionKind.Get, "M", "glob"), (get.Kind, get.ModuleId, get.Name));
        var def = Assert.IsType<ModuleCommand>(c[13]).Module;
        Assert.True(def.IsDefinition);
        Assert.Equal("D", def.Id);
        Assert.Equal(("I", "D"), (Assert.IsType<ModuleInstanceCommand>(c[14]).InstanceId, ((ModuleInstanceCommand)c[14]).DefinitionId));

        var thread = Assert.IsType<ThreadCommand>(c[15]);
        Assert.Equal("T", thread.Name);
        Assert.Equal(["M"], thread.SharedModules);
        Assert.Equal(2, thread.Commands.Count);
        Assert.IsType<RegisterCommand>(thread.Commands[0]);
        Assert.Equal(21, thread.Commands[1].Line);
        Assert.Equal("T", Assert.IsType<WaitCommand>(c[16]).Name);

        var binary = Assert.IsType<ModuleCommand>(c[17]).Module;
        Assert.Equal((WastModuleKind.Binary, 8), (binary.Kind, binary.Bytes!.Length));
        Assert.Equal(4, Assert.IsType<AssertModuleCommand>(c[18]).Module.Bytes!.Length);
        Assert.Equal(AssertModuleKind.MalformedCustom, Assert.IsType<AssertModuleCommand>(c[19]).Kind);
    }

    [Fact]
    public void TextModuleErrorsInsideAssertionsAreKeptNotThrown()
    {
        var script = WastParser.Parse("(assert_invalid (module (func (br $nowhere))) \"unknown label\")\n(module)");
        var a = Assert.IsType<AssertModuleCommand>(script.Commands[0]);
        Assert.Contains("unknown label", a.Module.Error!.Message);
        Assert.Contains("unknown label", Assert.Throws<WasmMalformedException>(() => a.Module.GetBinary()).Message);
        Assert.IsType<ModuleCommand>(script.Commands[1]);
    }

    [Fact]
    public void ScriptLevelErrorsThrowWithPosition()
    {
        var e = Assert.Throws<WasmMalformedException>(() => WastParser.Parse("(module)\n(assert_return (invoke \"f\" (i32.const 1.5)))"));
        Assert.StartsWith("2:39: unexpected token", e.Message);
    }
}
