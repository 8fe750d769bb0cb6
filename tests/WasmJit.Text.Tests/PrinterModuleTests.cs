using WasmJit.Binary;
using WasmJit.Text.Printer;
using static WasmJit.Text.Tests.PrinterTestBuilder;

namespace WasmJit.Text.Tests;

/// <summary>Small modules written byte by byte, decoded, printed, and compared with hand-written text.</summary>
public class PrinterModuleTests
{
    /// <summary>Prints the module, and checks that the print parses back to the very same bytes.</summary>
    private static string Print(PrinterTestBuilder b)
    {
        byte[] bytes = b.Build();
        string text = WatPrinter.Print(ModuleDecoder.Decode(bytes, WasmFeatures.All));
        byte[] again = WatParser.ParseModule(text);
        if (CustomSectionCount(again) == 0 && CustomSectionCount(bytes) > 0)
        {
            // The parser skips (@custom ...) annotations for now: everything else must still come back the same.
            bytes = WithoutCustomSections(bytes);
        }
        Assert.True(
            bytes.AsSpan().SequenceEqual(again),
            $"the print does not encode back to the same bytes:\n{Convert.ToHexString(bytes)}\n{Convert.ToHexString(again)}\n{text}");
        return text;
    }

    private static int CustomSectionCount(byte[] module) => Sections(module).Count(s => module[s.Start] == 0);

    private static byte[] WithoutCustomSections(byte[] module) =>
        [.. module.AsSpan(0, 8), .. Sections(module).Where(s => module[s.Start] != 0).SelectMany(s => module[s.Start..s.End])];

    /// <summary>Top-level sections: where each starts (its id byte) and ends.</summary>
    private static List<(int Start, int End)> Sections(byte[] module)
    {
        var list = new List<(int, int)>();
        for (int at = 8; at < module.Length;)
        {
            int p = at + 1;
            uint size = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte x = module[p++];
                size |= (uint)(x & 0x7f) << shift;
                if (x < 0x80)
                {
                    break;
                }
            }
            list.Add((at, p + (int)size));
            at = p + (int)size;
        }
        return list;
    }

    /// <summary>The lines of the (only) function body, without their indentation.</summary>
    private static string[] BodyLines(string text)
    {
        var lines = text.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith("  (func", StringComparison.Ordinal)) + 1;
        while (lines[start].TrimStart().StartsWith("(local", StringComparison.Ordinal))
        {
            start++;
        }
        int end = Array.IndexOf(lines, "  )", start);
        return lines[start..end];
    }

    [Fact]
    public void Prints_a_whole_small_module_exactly()
    {
        var b = new PrinterTestBuilder();
        b.FuncType([I32, I32], [I32]);
        b.Func(0, [0x01, 0x02, I64], 0x20, 0x00, 0x20, 0x01, 0x6a, End);
        b.Export("add", 0x00, 0);
        const string Expected = """
            (module
              (type (;0;) (func (param i32 i32) (result i32)))
              (func (;0;) (type 0) (param i32 i32) (result i32)
                (local i64 i64)
                local.get 0
                local.get 1
                i32.add
              )
              (export "add" (func 0))
            )

            """;
        Assert.Equal(Expected.ReplaceLineEndings("\n"), Print(b));
    }

    private static PrinterTestBuilder NamedModule(string thirdName)
    {
        var b = new PrinterTestBuilder();
        b.FuncType([I32, I32], [I32]);
        b.Func(0, [0x02, 0x01, I64, 0x01, I32], 0x20, 0x00, 0x20, 0x02, 0x1a, 0x10, 0x01, End);
        b.Func(0, 0x10, 0x00, 0x10, 0x02, End);
        b.Func(0, 0x10, 0x01, End);
        b.Export("add", 0x00, 0);
        b.Custom(
            "name",
            NameSection(
                new() { [0] = "add", [1] = "my func", [2] = thirdName },
                new() { [0] = new() { [0] = "a", [2] = "tmp" } }),
            10);
        return b;
    }

    [Fact]
    public void Uses_names_from_the_name_section_as_identifiers()
    {
        string text = Print(NamedModule("third"));
        Assert.Contains("  (func $add (;0;) (type 0) (param $a i32) (param i32) (result i32)\n", text);
        Assert.Contains("    (local $tmp i64) (local i32)\n", text);
        Assert.Contains("    local.get $a\n    local.get $tmp\n", text);
        Assert.Contains("    call $\"my func\"\n", text);
        Assert.Contains("  (func $\"my func\" (;1;) (type 0)", text);
        Assert.Contains("    call $third\n", text);
        Assert.Contains("  (export \"add\" (func $add))\n", text);
        // The encoder writes the name section from the ids: printing it too would make two.
        Assert.DoesNotContain("@custom", text);
    }

    [Fact]
    public void Keeps_a_name_section_that_ids_cannot_express_verbatim()
    {
        // Two functions named "add": ids must be unique, so the section is printed as it is, and no ids.
        string text = Print(NamedModule("add"));
        Assert.DoesNotContain("$", text);
        Assert.Contains("  (func (;0;) (type 0) (param i32 i32) (result i32)\n", text);
        Assert.Contains("    call 1\n", text);
        Assert.Contains("  (@custom \"name\" (after code) \"\\01\\14\\03\\00\\03add\\01\\07my func\\02\\03add", text);
    }

    [Fact]
    public void Indents_blocks_and_prints_branch_immediates()
    {
        var b = new PrinterTestBuilder();
        b.FuncType([], [I32]);
        b.FuncType([I32], [I32]);
        b.Func(
            0,
            0x02, I32,                  // block (result i32)
            0x03, 0x40,                 // loop
            0x41, 0x01, 0x0d, 0x01,     // i32.const 1, br_if 1
            0x0c, 0x00, End,            // br 0, end
            0x41, 0x00, 0x04, 0x40,     // i32.const 0, if
            0x01, 0x05, 0x01, End,      // nop, else, nop, end
            0x41, 0x07, 0x02, 0x01,     // i32.const 7, block (type 1)
            0x41, 0x00, 0x0e, 0x02, 0x00, 0x01, 0x00, // i32.const 0, br_table 0 1 0
            End, End, End);
        Assert.Equal(
            [
                "    block (result i32)",
                "      loop",
                "        i32.const 1",
                "        br_if 1",
                "        br 0",
                "      end",
                "      i32.const 0",
                "      if",
                "        nop",
                "      else",
                "        nop",
                "      end",
                "      i32.const 7",
                "      block (type 1)",
                "        i32.const 0",
                "        br_table 0 1 0",
                "      end",
                "    end",
            ],
            BodyLines(Print(b)));
    }

    [Fact]
    public void Prints_memories_and_memory_arguments()
    {
        var b = new PrinterTestBuilder();
        b.FuncType([], []);
        b.Memory(0x05, 0x01, 0x02);             // i64 1 2
        b.Memory(0x03, 0x01, 0x0a);             // 1 10 shared
        b.DataCount(0);                         // memory.init needs it (the encoder writes it)
        b.Func(
            0,
            [0x28, 0x02, 0x00,                                    // i32.load (natural alignment, offset 0)
             0x28, 0x00, 0x10,                                    // i32.load offset=16 align=1
             0x37, 0x43, 0x01, 0x08,                              // i64.store 1 offset=8
             0x29, 0x03, .. U64(1UL << 40),                       // i64.load offset=2^40
             0x3f, 0x01, 0x3f, 0x00,                              // memory.size 1, memory.size
             0xfc, 0x0a, 0x01, 0x00,                              // memory.copy 1 0
             0xfc, 0x08, 0x02, 0x01,                              // memory.init 1 2 (data 2, memory 1)
             0xfc, 0x0b, 0x01,                                    // memory.fill 1
             0xfd, 0x54, 0x00, 0x00, 0x05,                        // v128.load8_lane 5
             0xfd, 0x57, 0x42, 0x01, 0x04, 0x01,                  // v128.load64_lane 1 offset=4 align=4 1
             0xfe, 0x10, 0x02, 0x00,                              // i32.atomic.load
             0xfe, 0x01, 0x02, 0x04,                              // memory.atomic.wait32 offset=4
             0xfe, 0x03, 0x00,                                    // atomic.fence
             End]);
        string text = Print(b);
        Assert.Contains("  (memory (;0;) i64 1 2)\n  (memory (;1;) 1 10 shared)\n", text);
        Assert.Equal(
            [
                "    i32.load",
                "    i32.load offset=16 align=1",
                "    i64.store 1 offset=8",
                "    i64.load offset=1099511627776",
                "    memory.size 1",
                "    memory.size",
                "    memory.copy 1 0",
                "    memory.init 1 2",
                "    memory.fill 1",
                "    v128.load8_lane 5",
                "    v128.load64_lane 1 offset=4 align=4 1",
                "    i32.atomic.load",
                "    memory.atomic.wait32 offset=4",
                "    atomic.fence",
            ],
            BodyLines(text));
    }

    [Fact]
    public void Prints_constants_exactly()
    {
        var b = new PrinterTestBuilder();
        b.FuncType([], []);
        byte[] v128 = [.. Enumerable.Range(0, 16).Select(i => (byte)(i * 17))];
        b.Func(
            0,
            [0x41, .. S64(-1),
             0x42, .. S64(long.MinValue),
             0x43, .. F32Bytes(1.5f),
             0x44, .. F64Bytes(-0.0),
             0x43, 0x01, 0x00, 0xc0, 0x7f,                        // f32 NaN with payload 0x400001
             0x44, .. F64Bytes(0.1),
             0x44, .. F64Bytes(double.NegativeInfinity),
             0xfd, 0x0c, .. v128,                                 // v128.const
             0xfd, 0x0d, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31, // i8x16.shuffle
             0xfd, 0x15, 0x03,                                    // i8x16.extract_lane_s 3
             End]);
        Assert.Equal(
            [
                "    i32.const -1",
                "    i64.const -9223372036854775808",
                "    f32.const 0x1.8p+0",
                "    f64.const -0",
                "    f32.const nan:0x400001",
                "    f64.const 0x1.999999999999ap-4",
                "    f64.const -inf",
                "    v128.const i32x4 0x33221100 0x77665544 0xbbaa9988 0xffeeddcc",
                "    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31",
                "    i8x16.extract_lane_s 3",
            ],
            BodyLines(Print(b)));
    }

    [Fact]
    public void Prints_gc_types_and_instructions()
    {
        var b = new PrinterTestBuilder();
        // rec (sub (struct (field (mut i32)))) (sub final 0 (array i8))
        b.RawType(0x4e, 0x02, 0x50, 0x00, 0x5f, 0x01, I32, 0x01, 0x4f, 0x01, 0x00, 0x5e, 0x78, 0x00);
        b.RawType(0x60, 0x01, 0x63, 0x00, 0x01, 0x64, 0x01);      // (func (param (ref null 0)) (result (ref 1)))
        b.Func(
            2,
            0xd0, 0x00, 0xd0, 0x70, 0x1a, 0x1a,                    // ref.null 0, ref.null func
            0xfb, 0x15, 0x6e,                                     // ref.test (ref null any)
            0xfb, 0x14, 0x6c,                                     // ref.test (ref i31)
            0xfb, 0x16, 0x00,                                     // ref.cast (ref 0)
            0xfb, 0x17, 0x71,                                     // ref.cast (ref null none)
            0xfb, 0x18, 0x01, 0x00, 0x6e, 0x00,                   // br_on_cast 0 (ref null any) (ref 0)
            0xfb, 0x19, 0x02, 0x00, 0x6e, 0x00,                   // br_on_cast_fail 0 (ref any) (ref null 0)
            0xfb, 0x02, 0x00, 0x00,                               // struct.get 0 0
            0xfb, 0x08, 0x01, 0x03,                               // array.new_fixed 1 3
            0x1c, 0x01, 0x64, 0x00,                               // select (result (ref 0))
            0x1c, 0x01, 0x6d,                                     // select (result eqref)
            End);
        string text = Print(b);
        Assert.Contains(
            "  (rec\n    (type (;0;) (sub (struct (field (mut i32)))))\n    (type (;1;) (sub final 0 (array i8))))\n" +
            "  (type (;2;) (func (param (ref null 0)) (result (ref 1))))\n",
            text);
        Assert.Contains("  (func (;0;) (type 2) (param (ref null 0)) (result (ref 1))\n", text);
        Assert.Equal(
            [
                "    ref.null 0",
                "    ref.null func",
                "    drop",
                "    drop",
                "    ref.test (ref null any)",
                "    ref.test (ref i31)",
                "    ref.cast (ref 0)",
                "    ref.cast (ref null none)",
                "    br_on_cast 0 (ref null any) (ref 0)",
                "    br_on_cast_fail 0 (ref any) (ref null 0)",
                "    struct.get 0 0",
                "    array.new_fixed 1 3",
                "    select (result (ref 0))",
                "    select (result eqref)",
            ],
            BodyLines(text));
    }

    [Fact]
    public void Keeps_the_type_section_spelling_of_rec_groups_and_sub_types()
    {
        // These spellings mean the same types as plain ones; the print keeps them so it encodes back the same.
        var b = new PrinterTestBuilder();
        b.RawType(0x4e, 0x00);                          // (rec)
        b.RawType(0x4e, 0x01, 0x60, 0x00, 0x00);        // (rec (type (func)))
        b.RawType(0x4f, 0x00, 0x60, 0x00, 0x00);        // (type (sub final (func)))
        b.RawType(0x60, 0x00, 0x00);                    // (type (func))
        Assert.Contains(
            "  (rec)\n  (rec\n    (type (;0;) (func)))\n  (type (;1;) (sub final (func)))\n  (type (;2;) (func))\n",
            Print(b));
    }

    [Fact]
    public void Prints_exception_handling_new_and_legacy()
    {
        var b = new PrinterTestBuilder();
        b.FuncType([], []);
        b.Tag(0x00, 0x00);
        b.Func(
            0,
            0x1f, 0x40, 0x02, 0x00, 0x00, 0x00, 0x03, 0x01, End,  // try_table (catch 0 0) (catch_all_ref 1)
            0x1f, 0x40, 0x02, 0x01, 0x00, 0x00, 0x02, 0x00, End,  // try_table (catch_ref 0 0) (catch_all 0)
            0x06, 0x40, 0x08, 0x00,                               // try, throw 0
            0x07, 0x00, 0x09, 0x00,                               // catch 0, rethrow 0
            0x19, End,                                            // catch_all, end
            0x06, 0x40, 0x01, 0x18, 0x00,                         // try, nop, delegate 0
            End);
        string text = Print(b);
        Assert.Contains("  (tag (;0;) (type 0))\n", text);
        Assert.Equal(
            [
                "    try_table (catch 0 0) (catch_all_ref 1)",
                "    end",
                "    try_table (catch_ref 0 0) (catch_all 0)",
                "    end",
                "    try",
                "      throw 0",
                "    catch 0",
                "      rethrow 0",
                "    catch_all",
                "    end",
                "    try",
                "      nop",
                "    delegate 0",
            ],
            BodyLines(text));
    }

    [Fact]
    public void Prints_tables_element_segments_of_every_form_and_data()
    {
        var b = new PrinterTestBuilder();
        b.FuncType([], []);
        b.Func(0, End);
        b.Table(FuncRef, 0x00, 0x01);
        b.Table(0x40, 0x00, 0x64, FuncRef, 0x00, 0x02, 0xd2, 0x00, End);
        b.Table(ExternRef, 0x04, 0x05);
        b.Memory(0x00, 0x01);
        b.Memory(0x00, 0x01);
        byte[] off0 = [0x41, 0x00, End];
        b.Elem([0x00, .. off0, 0x01, 0x00]);
        b.Elem(0x01, 0x00, 0x01, 0x00);
        b.Elem([0x02, 0x01, .. off0, 0x00, 0x01, 0x00]);
        b.Elem(0x03, 0x00, 0x01, 0x00);
        b.Elem(0x04, 0x41, 0x01, End, 0x01, 0xd2, 0x00, End);
        b.Elem(0x05, ExternRef, 0x01, 0xd0, ExternRef, End);
        b.Elem(0x06, 0x02, 0x42, 0x00, End, ExternRef, 0x01, 0xd0, ExternRef, End);
        b.Elem(0x07, FuncRef, 0x01, 0xd2, 0x00, End);
        b.Elem([0x06, 0x00, .. off0, ExternRef, 0x00]);
        b.Data(0x00, 0x41, 0x08, End, 0x03, (byte)'h', (byte)'i', (byte)'\n');
        b.Data(0x01, 0x00);
        b.Data([0x02, 0x01, .. off0, 0x01, 0xff]);
        string text = Print(b);
        Assert.Contains(
            """
              (table (;0;) 1 funcref)
              (table (;1;) 2 (ref func) ref.func 0)
              (table (;2;) i64 5 externref)
              (memory (;0;) 1)
              (memory (;1;) 1)
              (elem (;0;) (offset i32.const 0) func 0)
              (elem (;1;) func 0)
              (elem (;2;) (table 1) (offset i32.const 0) func 0)
              (elem (;3;) declare func 0)
              (elem (;4;) (offset i32.const 1) funcref (item ref.func 0))
              (elem (;5;) externref (item ref.null extern))
              (elem (;6;) (table 2) (offset i64.const 0) externref (item ref.null extern))
              (elem (;7;) declare funcref (item ref.func 0))
              (elem (;8;) (table 0) (offset i32.const 0) externref)
              (data (;0;) (offset i32.const 8) "hi\0a")
              (data (;1;))
              (data (;2;) (memory 1) (offset i32.const 0) "\ff")

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Prints_imports_of_every_kind_globals_start_and_placed_custom_sections()
    {
        var b = new PrinterTestBuilder();
        b.FuncType([I32], []);
        b.Import("m", "f", 0x00, 0x00);
        b.Import("m", "t", 0x01, FuncRef, 0x00, 0x01);
        b.Import("m", "mem", 0x02, 0x01, 0x01, 0x02);
        b.Import("m", "g", 0x03, I32, 0x01);
        b.Import("m", "e", 0x04, 0x00, 0x00);
        b.Import("\u00e9", "x y", 0x02, 0x04, 0x00);
        b.Func(0, End);
        b.Global(I64, 0x00, 0x42, 0x05, End);
        b.Global(I32, 0x01, 0x23, 0x00, 0x41, 0x02, 0x6a, End);  // global.get 0, i32.const 2, i32.add
        b.Export("g", 0x03, 1);
        b.Export("e", 0x04, 0);
        b.Start(1);
        b.Custom("first", [1, 2], 0);
        b.Custom("mid", [(byte)'x'], 2);
        b.Custom("late", [], 10);
        string text = Print(b);
        Assert.Contains(
            """
              (type (;0;) (func (param i32)))
              (import "m" "f" (func (;0;) (type 0) (param i32)))
              (import "m" "t" (table (;0;) 1 funcref))
              (import "m" "mem" (memory (;0;) 1 2))
              (import "m" "g" (global (;0;) (mut i32)))
              (import "m" "e" (tag (;0;) (type 0) (param i32)))
              (import "\c3\a9" "x y" (memory (;1;) i64 0))
              (func (;1;) (type 0) (param i32)
              )
              (global (;1;) i64 i64.const 5)
              (global (;2;) (mut i32) global.get 0 i32.const 2 i32.add)
              (export "g" (global 1))
              (export "e" (tag 0))
              (start 1)
              (@custom "first" (before first) "\01\02")
              (@custom "mid" (after import) "x")
              (@custom "late" (after code))
            )

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Prints_large_modules_line_by_line()
    {
        // A long body and a big data segment: both must come out whole (the writer streams, no quadratic copies).
        var b = new PrinterTestBuilder();
        b.FuncType([], []);
        const int N = 50_000;
        var code = new List<byte>();
        for (int i = 0; i < N; i++)
        {
            code.AddRange([0x41, .. S64(i), 0x1a]);
        }
        code.Add(End);
        b.Func(0, [.. code]);
        b.Memory(0x00, 0x01);
        byte[] data = new byte[1 << 20];
        new Random(7).NextBytes(data);
        b.Data([0x01, .. U32((uint)data.Length), .. data]);
        var sw = new StringWriter();
        WatPrinter.Print(ModuleDecoder.Decode(b.Build(), WasmFeatures.All), sw);
        string text = sw.ToString();
        string[] body = BodyLines(text);
        Assert.Equal(2 * N, body.Length);
        Assert.Equal("    i32.const 49999", body[^2]);
        // 64 bytes per string literal, one literal per line.
        Assert.Equal((data.Length + 63) / 64, text.Split('\n').Count(l => l.StartsWith("    \"", StringComparison.Ordinal)));
    }
}
