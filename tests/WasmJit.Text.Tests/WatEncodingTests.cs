namespace WasmJit.Text.Tests;

/// <summary>Encoded bytes of small modules, checked against binaries written by hand from the spec.</summary>
public sealed class WatEncodingTests
{
    private static byte[] Wat(string text) => WatParser.ParseModule(text);

    private static string Body(string text, int index = 0) => Hex.Of(Hex.Body(Wat(text), index));

    [Fact]
    public void EmptyModuleIsJustTheHeader()
    {
        Assert.Equal(Hex.Bytes("0061736d 01000000"), Wat("(module)"));
        Assert.Equal(Hex.Bytes("0061736d 01000000"), Wat(""));
    }

    [Fact]
    public void FunctionWithExport()
    {
        var expected = Hex.Bytes(
            "0061736d 01000000" +
            "01 06 01 60 01 7f 01 7f" +    // type: [i32] -> [i32]
            "03 02 01 00" +                // func: type 0
            "07 05 01 01 66 00 00" +       // export "f" func 0
            "0a 06 01 04 00 20 00 0b");    // code: no locals, local.get 0, end
        Assert.Equal(expected, Wat("(module (func (export \"f\") (param i32) (result i32) local.get 0))"));
    }

    [Fact]
    public void NameSectionHasModuleFunctionAndLocalNames()
    {
        var bytes = Wat("(module $m (func $f (param $x i32)))");
        var expected = Hex.Bytes(
            "0061736d 01000000" +
            "01 05 01 60 01 7f 00" +
            "03 02 01 00" +
            "0a 04 01 02 00 0b" +
            "00 17 04 6e616d65" +           // custom "name"
            "00 02 01 6d" +                 // module name "m"
            "01 04 01 00 01 66" +           // function 0 "f"
            "02 06 01 00 01 00 01 78");     // function 0, local 0 "x"
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void BareFieldsEqualAWrappedModule()
    {
        Assert.Equal(Wat("(module (memory 1) (func))"), Wat("(memory 1) (func)"));
    }

    [Fact]
    public void FoldedAndFlatInstructionsEncodeTheSame()
    {
        string folded = Body("(func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3))))");
        string flat = Body("(func (result i32) i32.const 1 i32.const 2 i32.const 3 i32.mul i32.add)");
        Assert.Equal("00 41 01 41 02 41 03 6c 6a 0b".Replace(" ", ""), folded);
        Assert.Equal(flat, folded);
    }

    [Fact]
    public void ExplicitTypesComeFirstAndImplicitTypesAreShared()
    {
        var bytes = Wat("(func (param i32)) (type $t (func (param i32))) (func (param f32)) (func (param f32))");
        Assert.Equal(Hex.Bytes("02 60 01 7f 00 60 01 7d 00"), Hex.Section(bytes, 1));
        Assert.Equal(Hex.Bytes("03 00 01 01"), Hex.Section(bytes, 3));
    }

    [Fact]
    public void NamedLabelsLocalsAndLocalRuns()
    {
        string body = Body(
            "(func (param $x i32) (local $y i64) (local i32 i32)" +
            "  (block $outer (block $inner (br $outer) (br_if $inner (local.get $x))))" +
            "  (local.set 3 (local.get $x)))");
        Assert.Equal(Hex.Of(Hex.Bytes("02 01 7e 02 7f  02 40 02 40 0c 01 20 00 0d 00 0b 0b  20 00 21 03 0b")), body);
    }

    [Fact]
    public void FlatBlocksWithRepeatedLabels()
    {
        Assert.Equal("0002400340" + "0c000b0b0b", Body("(func block $a loop $b br $b end $b end $a)"));
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 20 00 04 7f 41 01 05 41 02 0b 1a 0b")),
            Body("(func (param i32) local.get 0 if $l (result i32) i32.const 1 else $l i32.const 2 end $l drop)"));
    }

    [Fact]
    public void FoldedIfWithCondition()
    {
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 41 01 04 7f 41 02 05 41 03 0b 0b")),
            Body("(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))))"));
    }

    [Fact]
    public void MemoryArgumentsWithOffsetAlignAndMemoryIndex()
    {
        string body = Body(
            "(memory $a 1) (memory $b 1)" +
            "(func (drop (i32.load offset=4 align=1 (i32.const 0)))" +
            "      (drop (i64.load $b offset=0x10 (i32.const 0)))" +
            "      (i32.store8 1 (i32.const 0) (i32.const 1)))");
        Assert.Equal(Hex.Of(Hex.Bytes("00  41 00 28 00 04 1a  41 00 29 43 01 10 1a  41 00 41 01 3a 40 01 00  0b")), body);
    }

    [Fact]
    public void SimdConstantsShufflesAndLanes()
    {
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 fd 0c 0100 0200 0300 0400 0500 0600 0700 ffff 1a 0b")),
            Body("(func (drop (v128.const i16x8 1 2 3 4 5 6 7 -1)))"));
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 fd 0c 0000803f 00000080 0000c07f 0100807f 1a 0b")),
            Body("(func (drop (v128.const f32x4 1 -0 nan nan:0x1)))"));
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 fd 0c 0100000000000000 ffffffffffffff7f 1a 0b")),
            Body("(func (drop (v128.const i64x2 1 0x7fff_ffff_ffff_ffff)))"));
        string shuffle = Body(
            "(func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 " +
            "(v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (v128.const i32x4 0 0 0 0)))");
        Assert.EndsWith(Hex.Of(Hex.Bytes("fd 0d 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 1f 0b")), shuffle);
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 20 00 fd 15 03 1a 0b")),
            Body("(func (param v128) (drop (i8x16.extract_lane_s 3 (local.get 0))))"));
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 41 00 20 00 fd 54 00 00 05 1a 0b")),
            Body("(memory 1) (func (param v128) (drop (v128.load8_lane 5 (i32.const 0) (local.get 0))))"));
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 41 00 20 00 fd 55 41 01 08 05 1a 0b")),
            Body("(memory 1) (memory 1) (func (param v128) (drop (v128.load16_lane 1 offset=8 5 (i32.const 0) (local.get 0))))"));
    }

    [Fact]
    public void GcTypesAndInstructions()
    {
        var bytes = Wat(
            "(type $s (struct (field $a i32) (field $b (mut i64))))" +
            "(rec (type $r (sub (array (ref null $r)))) (type $q (sub final $r (array (ref null $q)))))" +
            "(func (param (ref null $s)) (result i64) (struct.get $s $b (local.get 0)))" +
            "(func (param anyref) (result i32) (ref.test (ref null $s) (local.get 0)))" +
            "(func (param anyref) (result anyref) (block $l (result anyref) (br_on_cast $l anyref (ref $s) (local.get 0))))");
        Assert.Equal(
            Hex.Bytes(
                "05" +
                "5f 02 7f 00 7e 01" +
                "4e 02 50 00 5e 63 01 00 4f 01 01 5e 63 02 00" +
                "60 01 63 00 01 7e" +
                "60 01 6e 01 7f" +
                "60 01 6e 01 6e"),
            Hex.Section(bytes, 1));
        Assert.Equal(Hex.Bytes("00 20 00 fb 02 00 01 0b"), Hex.Body(bytes, 0));
        Assert.Equal(Hex.Bytes("00 20 00 fb 15 00 0b"), Hex.Body(bytes, 1));
        Assert.Equal(Hex.Bytes("00 02 6e 20 00 fb 18 01 00 6e 00 0b 0b"), Hex.Body(bytes, 2));
    }

    [Fact]
    public void ReferenceTypeShorthands()
    {
        var bytes = Wat(
            "(type (func (param funcref externref anyref eqref i31ref structref arrayref exnref nullref nullfuncref " +
            "nullexternref nullexnref (ref func) (ref null extern) (ref 0))))");
        Assert.Equal(Hex.Bytes("01 60 0f 70 6f 6e 6d 6c 6b 6a 69 71 73 72 74 64 70 6f 64 00 00"), Hex.Section(bytes, 1));
    }

    [Fact]
    public void SelectWithResultTypes()
    {
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 41 01 41 02 41 00 1c 01 7f 0b")),
            Body("(func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)))"));
        Assert.Equal(Hex.Of(Hex.Bytes("00 41 01 41 02 41 00 1b 1a 0b")), Body("(func (drop (select (i32.const 1) (i32.const 2) (i32.const 0))))"));
    }

    [Fact]
    public void InlineElemAndDataSegments()
    {
        var bytes = Wat("(module (func $f) (table funcref (elem $f $f)) (memory (data \"ab\")))");
        Assert.Equal(Hex.Bytes("01 70 01 02 02"), Hex.Section(bytes, 4));
        Assert.Equal(Hex.Bytes("01 01 01 01"), Hex.Section(bytes, 5));
        Assert.Equal(Hex.Bytes("01 06 00 41 00 0b 70 02 d2 00 0b d2 00 0b"), Hex.Section(bytes, 9));
        Assert.Equal(Hex.Bytes("01 00 41 00 0b 02 61 62"), Hex.Section(bytes, 11));
    }

    [Fact]
    public void ElementSegmentForms()
    {
        var bytes = Wat(
            "(table $t 1 funcref) (table $u 1 funcref) (func $f)" +
            "(elem (i32.const 0) $f)" +
            "(elem (table $u) (offset (i32.const 1)) func $f)" +
            "(elem func $f)" +
            "(elem declare func $f)" +
            "(elem (i32.const 0) funcref (ref.func $f) (item ref.null func))" +
            "(elem funcref (ref.null func))" +
            "(elem (table $u) (i32.const 0) (ref func) (ref.func $f))");
        Assert.Equal(
            Hex.Bytes(
                "07" +
                "00 41 00 0b 01 00" +
                "02 01 41 01 0b 00 01 00" +
                "01 00 01 00" +
                "03 00 01 00" +
                "04 41 00 0b 02 d2 00 0b d0 70 0b" +
                "05 70 01 d0 70 0b" +
                "06 01 41 00 0b 64 70 01 d2 00 0b"),
            Hex.Section(bytes, 9));
    }

    [Fact]
    public void DataSegmentFormsAndDataCount()
    {
        var bytes = Wat("(memory 1) (memory $m 1) (data (memory $m) (i32.const 0) \"x\") (data \"y\" \"z\") (func (data.drop 1))");
        Assert.Equal(Hex.Bytes("02 02 01 41 00 0b 01 78 01 02 79 7a"), Hex.Section(bytes, 11));
        Assert.Equal(Hex.Bytes("02"), Hex.Section(bytes, 12));
    }

    [Fact]
    public void MemoryAndTableTypes()
    {
        Assert.Equal(Hex.Bytes("01 05 01 02"), Hex.Section(Wat("(memory i64 1 2)"), 5));
        Assert.Equal(Hex.Bytes("01 03 01 02"), Hex.Section(Wat("(memory 1 2 shared)"), 5));
        Assert.Equal(Hex.Bytes("01 70 04 01"), Hex.Section(Wat("(table i64 1 funcref)"), 4));
        Assert.Equal(
            Hex.Bytes("01 40 00 64 70 00 01 d2 00 0b"),
            Hex.Section(Wat("(func $f) (table 1 (ref func) (ref.func $f))"), 4));
    }

    [Fact]
    public void ImportsInlineAndExplicit()
    {
        var bytes = Wat(
            "(import \"m\" \"f\" (func $f (param i32)))" +
            "(global $g (import \"m\" \"g\") (mut i64))" +
            "(memory (import \"m\" \"mem\") 1 2 shared)" +
            "(tag (import \"m\" \"t\") (param i32))" +
            "(func (export \"x\") (call $f (i32.const 0)))");
        Assert.Equal(
            Hex.Bytes(
                "04" +
                "01 6d 01 66 00 00" +
                "01 6d 01 67 03 7e 01" +
                "01 6d 03 6d656d 02 03 01 02" +
                "01 6d 01 74 04 00 00"),
            Hex.Section(bytes, 2));
        Assert.Equal(Hex.Bytes("01 01 78 00 01"), Hex.Section(bytes, 7));
    }

    [Fact]
    public void TryTableCatchClauses()
    {
        string body = Body(
            "(tag $e (param i32))" +
            "(func (result i32)" +
            "  (block $h (result i32)" +
            "    (try_table (catch $e $h) (catch_all_ref 1) (throw $e (i32.const 7)))" +
            "    (i32.const 0)))");
        Assert.Equal(Hex.Of(Hex.Bytes("00 02 7f 1f 40 02 00 00 00 03 01 41 07 08 00 0b 41 00 0b 0b")), body);
    }

    [Fact]
    public void LegacyTryCatchRethrowDelegate()
    {
        const string tags = "(tag $e)";
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 06 40 08 00 07 00 09 00 19 0b 0b")),
            Body(tags + "(func (try $t (do (throw $e)) (catch $e (rethrow $t)) (catch_all)))"));
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 02 40 06 40 01 18 00 0b 0b")),
            Body(tags + "(func (block $b (try (do nop) (delegate $b))))"));
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 06 40 01 07 00 19 0b 0b")),
            Body(tags + "(func try nop catch $e catch_all end)"));
    }

    [Fact]
    public void ThreadsInstructions()
    {
        Assert.Equal(
            Hex.Of(Hex.Bytes("00 41 00 41 01 fe 1e 02 00 1a fe 03 00 0b")),
            Body("(memory 1 1 shared) (func (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1))) (atomic.fence))"));
    }

    [Fact]
    public void BinaryModuleFormIsTakenAsIs()
    {
        Assert.Equal(Hex.Bytes("0061736d 01000000 ff"), Wat("(module $m binary \"\\00asm\" \"\\01\\00\\00\\00\\ff\")"));
    }

    [Theory]
    [InlineData("(func $f) (func $f)", "duplicate func")]
    [InlineData("(func (local $x i32) (local $x i32))", "duplicate local")]
    [InlineData("(func (param $x i32) (local $x i32))", "duplicate local")]
    [InlineData("(global $g i32 (i32.const 0)) (global $g i32 (i32.const 0))", "duplicate global")]
    [InlineData("(memory $m 1) (memory $m 1)", "duplicate memory")]
    [InlineData("(table $t 1 funcref) (table $t 1 funcref)", "duplicate table")]
    [InlineData("(type (struct (field $a i32) (field $a i32)))", "duplicate field")]
    [InlineData("(func (br $nope))", "unknown label")]
    [InlineData("(func block $a end $b)", "mismatching label")]
    [InlineData("(func (call $g))", "unknown func")]
    [InlineData("(func (local.get $x))", "unknown local")]
    [InlineData("(func (type $x))", "unknown type")]
    [InlineData("(func (type 5) (param i32))", "unknown type")]
    [InlineData("(func) (import \"m\" \"n\" (func))", "import after function")]
    [InlineData("(global i32 (i32.const 0)) (func (import \"m\" \"n\"))", "import after global")]
    [InlineData("(memory 0) (import \"\" \"\" (memory 1))", "import after memory")]
    [InlineData("(type $t (func)) (func (type $t) (param i32))", "inline function type")]
    [InlineData("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))", "alignment must be a power of two")]
    [InlineData("(func (drop (i32.const 0x1_0000_0000)))", "i32 constant out of range")]
    [InlineData("(func (drop (i64.const 18446744073709551616)))", "i64 constant out of range")]
    [InlineData("(func (drop (f32.const 1e39)))", "constant out of range")]
    [InlineData("(func (drop (f64.const nan:0x0)))", "constant out of range")]
    [InlineData("(func (i32.addd))", "unknown operator i32.addd")]
    [InlineData("(func (get_local 0))", "unknown operator get_local")]
    [InlineData("(func (nop) (local i32))", "unexpected token")]
    [InlineData("(func (result i32) (param i32))", "unexpected token")]
    [InlineData("(start 0) (start 0) (func)", "multiple start sections")]
    [InlineData("(func (drop (v128.const i32x4 1 2 3)))", "wrong number of lane literals")]
    [InlineData("(func (drop (v128.const i32x4 1 2 3 4 5)))", "wrong number of lane literals")]
    [InlineData("(func (drop (i8x16.shuffle 0 1 2 (v128.const i64x2 0 0) (v128.const i64x2 0 0))))", "invalid lane length")]
    [InlineData("(func (drop (i8x16.extract_lane_s 256 (v128.const i64x2 0 0))))", "i8 constant out of range")]
    [InlineData("(func (export \"\\ff\"))", "malformed UTF-8 encoding")]
    [InlineData("(func (block (param $x i32)))", "unexpected token")]
    [InlineData("(func (try (do) (catch_all) (delegate 0)))", "unexpected token")]
    [InlineData("(func", "unexpected end of input")]
    public void RejectsMalformedText(string text, string message)
    {
        var e = Assert.Throws<WasmMalformedException>(() => Wat(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ErrorsNameLineAndColumn()
    {
        var e = Assert.Throws<WasmMalformedException>(() => Wat("(module\n  (func (br $x)))"));
        Assert.Equal("2:13: unknown label", e.Message);
    }
}
