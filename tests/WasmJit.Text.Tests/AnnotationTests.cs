using WasmJit.Binary;
using WasmJit.Text.Printer;

namespace WasmJit.Text.Tests;

/// <summary>
/// <c>(@custom)</c>, <c>(@name)</c> and <c>(@metadata.code.branch_hint)</c>: encodings written by hand from the
/// annotations and branch-hinting proposals, and the placement errors of the reference interpreter.
/// </summary>
public sealed class AnnotationTests
{
    private static byte[] Wat(string text) => WatParser.ParseModule(text);

    private static string Malformed(string text) => Assert.Throws<WasmMalformedException>(() => Wat(text)).Message;

    [Fact]
    public void CustomSectionsGoWhereTheirPlacementSays()
    {
        var bytes = Wat("""
            (module
              (type (func))
              (@custom "a" (after type) "x")
              (@custom "b" "y" "z")
              (func)
              (@custom "c" (before first) "w")
              (@custom "d" (before code)))
            """);
        var expected = Hex.Bytes(
            "0061736d 01000000" +
            "00 03 01 63 77" +          // "c" "w", before the first section
            "01 04 01 60 00 00" +       // type
            "00 03 01 61 78" +          // "a" "x", after type
            "03 02 01 00" +             // func
            "00 02 01 64" +             // "d", no content, before code
            "0a 04 01 02 00 0b" +       // code
            "00 04 01 62 79 7a");       // "b" "yz", after the last section (default)
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void CustomSectionsKeepSourceOrderAtOnePlace()
    {
        var bytes = Wat("""(module (@custom "x" (after data) "1") (memory 1) (@custom "x" (after last) "2"))""");
        var expected = Hex.Bytes(
            "0061736d 01000000" +
            "05 03 01 00 01" +
            "00 03 01 78 31" +
            "00 03 01 78 32");
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void CustomAnnotationErrors()
    {
        Assert.Contains("@custom annotation: missing section name", Malformed("(@custom)"));
        Assert.Contains("@custom annotation: missing section name", Malformed("(@custom bla)"));
        Assert.Contains("@custom annotation: malformed UTF-8 encoding", Malformed("(@custom \"\\df\")"));
        Assert.Contains("@custom annotation: unexpected token", Malformed("(@custom \"a\" after)"));
        Assert.Contains("@custom annotation: malformed section kind", Malformed("(@custom \"a\" (after))"));
        Assert.Contains("@custom annotation: malformed placement", Malformed("(@custom \"a\" (type))"));
        Assert.Contains("@custom annotation: malformed section kind", Malformed("(@custom \"a\" (before types))"));
        Assert.Contains("@custom annotation: unexpected token", Malformed("(@custom \"a\" (before type) \"x\" 4)"));
        Assert.Contains("misplaced @custom annotation", Malformed("(func (block (@custom \"a\")))"));
        Assert.Contains("misplaced @custom annotation", Malformed("(type (@custom \"a\") (func))"));
    }

    [Fact]
    public void OtherAnnotationsAreStillIgnored()
    {
        Assert.Equal(Wat("(module (func))"), Wat("(module (@a x) (func (@b (c) \"d\")) (@custom2 (before x)))"));
    }

    [Fact]
    public void NameAnnotationsNameTheModuleFunctionsAndTags()
    {
        var bytes = Wat("""
            (module $id (@name "M")
              (type $t (func))
              (func $f (@name "g") (type $t))
              (func (@name "h"))
              (tag (@name "e") (type $t)))
            """);
        var name = NameSection(bytes);
        Assert.Equal(Hex.Bytes(
            "04 6e616d65" +                 // "name"
            "00 02 01 4d" +                 // module "M" (the annotation wins over $id)
            "01 07 02 00 01 67 01 01 68" +  // functions 0 "g", 1 "h"
            "0b 04 01 00 01 65"),           // tags: 0 "e"
            name);
    }

    [Fact]
    public void NameAnnotationErrors()
    {
        Assert.Contains("@name annotation: multiple module names", Malformed("(module (@name \"a\") (@name \"b\"))"));
        Assert.Contains("misplaced @name annotation", Malformed("(module (func) (@name \"M\"))"));
        Assert.Contains("misplaced @name annotation", Malformed("(module (start $f (@name \"M\")) (func $f))"));
        Assert.Contains("misplaced @name annotation", Malformed("(module (func nop (@name \"M\")))"));
        Assert.Contains("@name annotation: multiple function names", Malformed("(module (func (@name \"a\") (@name \"b\")))"));
        Assert.Contains("@name annotation: string expected", Malformed("(module (@name x))"));
    }

    [Fact]
    public void BranchHintsAreOffsetsFromTheLocalsVector()
    {
        var bytes = Wat("""
            (module
              (func (param i32) (local i32)
                local.get 0
                (@metadata.code.branch_hint "\01") if
                end
                (@metadata.code.branch_hint "\00")
                (br_if 0 (local.get 1))))
            """);
        // Body: 01 01 7f | 20 00 | 04 40 | 0b | 20 01 | 0d 00 | 0b: if at 5, br_if at 10.
        Assert.Equal("01017f2000044 00b20010d000b".Replace(" ", ""), Hex.Of(Hex.Body(bytes, 0)));
        var expected = Hex.Bytes(
            "19 6d657461646174612e636f64652e6272616e63685f68696e74" + // "metadata.code.branch_hint"
            "01 00 02" +    // one function: 0, two hints
            "05 01 01" +    // if: likely
            "0a 01 00");    // br_if: unlikely
        Assert.Equal(expected, Custom(bytes, "metadata.code.branch_hint"));
        // The section (26 bytes of name, 9 of hints) comes right before the code section.
        int hints = IndexOf(bytes, Hex.Bytes("19 6d657461646174612e636f6465"));
        Assert.Equal(0x0a, bytes[hints + 26 + 9]);
    }

    [Fact]
    public void BranchHintOnAFoldedIfPointsAtTheIfAfterItsCondition()
    {
        var bytes = Wat("""(module (func (param i32) (@metadata.code.branch_hint "\00") (if (local.get 0) (then nop))))""");
        // Body: 00 | 20 00 | 04 40 | 01 | 0b | 0b: the if opcode is at 3.
        Assert.Equal("0020000440010b0b", Hex.Of(Hex.Body(bytes, 0)));
        Assert.EndsWith("0100010301 00".Replace(" ", ""), Hex.Of(Custom(bytes, "metadata.code.branch_hint")));
    }

    [Fact]
    public void BranchHintErrors()
    {
        const string H = "(@metadata.code.branch_hint \"\\01\")";
        Assert.Contains("duplicate annotation", Malformed($"(func (param i32) local.get 0 {H} {H} if end)"));
        Assert.Contains("not in a function", Malformed($"(module {H} (func))"));
        Assert.Contains("not in a function", Malformed($"(module (global i32 {H} (i32.const 0)))"));
        Assert.Contains("invalid placement", Malformed($"(func nop {H})"));
        Assert.Contains("invalid hint value", Malformed("(func (param i32) local.get 0 (@metadata.code.branch_hint \"\\02\") if end)"));
        Assert.Contains("unexpected token", Malformed("(func (param i32) local.get 0 (@metadata.code.branch_hint 1) if end)"));
        var e = Assert.Throws<WasmInvalidException>(() => Wat($"(func (param i32 i32) local.get 0 local.get 1 {H} i32.eq drop)"));
        Assert.Contains("@metadata.code.branch_hint annotation: invalid target", e.Message);
        // A malformed module stays malformed even when it also has a misplaced hint.
        Assert.Throws<WasmMalformedException>(() => Wat($"(func (param i32 i32) {H} i32.eq drop) (func (unknown.op))"));
    }

    [Fact]
    public void InvalidHintInAScriptAssertionIsKeptForTheRunner()
    {
        var script = WastParser.Parse("""
            (assert_invalid_custom
              (module (func (param i32) (@metadata.code.branch_hint "\01") local.get 0 drop))
              "@metadata.code.branch_hint annotation: invalid target")
            """);
        var module = Assert.IsType<AssertModuleCommand>(Assert.Single(script.Commands)).Module;
        Assert.IsType<WasmInvalidException>(module.Error);
        Assert.Throws<WasmInvalidException>(() => module.GetBinary());
    }

    [Fact]
    public void PrintedCustomSectionsParseBackToTheSameBytes()
    {
        byte[] first = Wat("""
            (module (type (func)) (@custom "a" (after type) "x") (func) (@custom "b" (before first) "\00\ff")
              (@custom "c" (after code) "y") (memory 1) (data (i32.const 0) "z"))
            """);
        string text = WatPrinter.Print(ModuleDecoder.Decode(first, WasmFeatures.All));
        Assert.Contains("(@custom \"a\"", text);
        Assert.Equal(first, Wat(text));
    }

    private static byte[] NameSection(byte[] module) => Custom(module, "name");

    /// <summary>The contents of the custom section called <paramref name="name"/> (its name included).</summary>
    private static byte[] Custom(byte[] module, string name)
    {
        int p = 8;
        while (p < module.Length)
        {
            byte id = module[p++];
            int size = (int)ReadU32(module, ref p);
            if (id == 0)
            {
                int q = p;
                int n = (int)ReadU32(module, ref q);
                if (System.Text.Encoding.UTF8.GetString(module, q, n) == name)
                {
                    return module.AsSpan(p, size).ToArray();
                }
            }
            p += size;
        }
        throw new InvalidOperationException($"no custom section {name}");
    }

    private static uint ReadU32(byte[] b, ref int p)
    {
        uint v = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte x = b[p++];
            v |= (uint)(x & 0x7f) << shift;
            if (x < 0x80)
            {
                return v;
            }
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
