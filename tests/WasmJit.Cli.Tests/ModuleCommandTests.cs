using System.Text.Json;
using WasmJit.SpecRunner;

namespace WasmJit.Cli.Tests;

public class ModuleCommandTests
{
    private const string GoodWat = """
        (module
          (import "env" "log" (func $log (param i32)))
          (memory (export "mem") 1 4)
          (table 2 funcref)
          (global $g (mut i32) (i32.const 0))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (elem (i32.const 0) func 1)
          (data (i32.const 8) "hi"))
        """;

    private static string RepoFile(string relative) =>
        Path.Combine(TestSuiteLocator.FindRepositoryRoot(AppContext.BaseDirectory)!, relative);

    [Fact]
    public void Validate_accepts_wat_and_wasm()
    {
        using var dir = new TempDir();
        var wat = dir.File("good.wat", GoodWat);
        var r = Cli.Run("validate", "-v", wat, RepoFile("perf/kernels/fib.wasm"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal("", r.Err);
        Assert.Contains($"{wat}: valid", r.Out);
    }

    [Fact]
    public void Validate_reports_invalid_and_malformed_text_with_where()
    {
        using var dir = new TempDir();
        var invalid = dir.File("invalid.wat", "(module (func (result i32) (i64.const 1)))");
        var malformed = dir.File("malformed.wat", "(module (func (i32.const)))");
        var r = Cli.Run("validate", invalid, malformed);
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        var lines = r.Err.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(invalid)}: error at 0x[0-9a-f]+: type mismatch", lines[0]);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(malformed)}: error: 1:\\d+: ", lines[1]);
    }

    [Fact]
    public void Inspect_prints_tables_of_sections_imports_exports_and_limits()
    {
        using var dir = new TempDir();
        var wat = dir.File("good.wat", GoodWat);
        var r = Cli.Run("inspect", wat);
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var s in new[] { "Sections", "Imports", "Exports", "Memories and tables", "env", "log", "add", "mem", "pages 1..4", "funcref", "element segments", "data segments" })
        {
            Assert.Contains(s, r.Out);
        }
    }

    [Fact]
    public void Inspect_json_is_machine_readable()
    {
        using var dir = new TempDir();
        var wat = dir.File("good.wat", GoodWat);
        var r = Cli.Run("inspect", "--json", wat);
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var sections = root.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        // The text encoder adds a name section for the $ids.
        Assert.Equal(["type", "import", "function", "table", "memory", "global", "export", "element", "code", "data", "name"], sections);
        Assert.All(root.GetProperty("sections").EnumerateArray(), s => Assert.True(s.GetProperty("size").GetInt32() > 0));
        var counts = root.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("functions").GetInt32());
        Assert.Equal(1, counts.GetProperty("importedFunctions").GetInt32());
        Assert.Equal(1, counts.GetProperty("elementSegments").GetInt32());
        Assert.Equal(1, counts.GetProperty("dataSegments").GetInt32());
        var import = Assert.Single(root.GetProperty("imports").EnumerateArray());
        Assert.Equal("env", import.GetProperty("module").GetString());
        Assert.Equal("func", import.GetProperty("kind").GetString());
        Assert.Equal(["mem", "add"], root.GetProperty("exports").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var memory = Assert.Single(root.GetProperty("memories").EnumerateArray());
        Assert.Equal(1, memory.GetProperty("min").GetInt32());
        Assert.Equal(4, memory.GetProperty("max").GetInt32());
        var table = Assert.Single(root.GetProperty("tables").EnumerateArray());
        Assert.Equal("funcref", table.GetProperty("element").GetString());
        Assert.Equal(JsonValueKind.Null, table.GetProperty("max").ValueKind);
        Assert.Empty(root.GetProperty("features").EnumerateArray()); // everything above is Wasm 1.0
    }

    [Fact]
    public void Inspect_reports_features_of_instructions()
    {
        using var dir = new TempDir();
        var wat = dir.File("simd.wat", "(module (func (result v128) (v128.const i32x4 0 0 0 0)) (func (param i32) (result i32) (i32.extend8_s (local.get 0))))");
        var r = Cli.Run("inspect", "--json", wat);
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var features = doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("Simd", features);
        Assert.Contains("SignExtension", features);
    }

    [Fact]
    public void Inspect_of_a_malformed_binary_is_one_line()
    {
        using var dir = new TempDir();
        var bad = dir.File("bad.wasm", [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05]);
        var r = Cli.Run("inspect", bad);
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.StartsWith("wasmjit: ", r.Err);
    }

    [Fact]
    public void Wat2wasm_writes_next_to_the_input_or_to_o_and_round_trips_through_wasm2wat()
    {
        using var dir = new TempDir();
        var wat = dir.File("good.wat", GoodWat);
        var r = Cli.Run("wat2wasm", wat);
        Assert.True(r.ExitCode == 0, r.Err);
        var wasm = Path.ChangeExtension(wat, ".wasm");
        var bytes = File.ReadAllBytes(wasm);
        Assert.Equal(new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0 }, bytes[..8]);

        var printed = Cli.Run("wasm2wat", wasm);
        Assert.True(printed.ExitCode == 0, printed.Err);
        Assert.StartsWith("(module", printed.Out);

        var printedPath = dir.File("printed.wat", printed.Out);
        var again = Path.Combine(dir.Path, "again.wasm");
        Assert.Equal(0, Cli.Run("wat2wasm", printedPath, "-o", again).ExitCode);
        Assert.Equal(bytes, File.ReadAllBytes(again));

        var outWat = Path.Combine(dir.Path, "out.wat");
        var toFile = Cli.Run("wasm2wat", wasm, "-o", outWat);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal("", toFile.Out);
        Assert.Equal(printed.Out, File.ReadAllText(outWat));
    }

    [Fact]
    public void Wat2wasm_refuses_invalid_modules_and_writes_nothing()
    {
        using var dir = new TempDir();
        var wat = dir.File("invalid.wat", "(module (func (result i32) (i64.const 1)))");
        var r = Cli.Run("wat2wasm", wat);
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        Assert.Contains("type mismatch", r.Err);
        Assert.False(File.Exists(Path.ChangeExtension(wat, ".wasm")));
        Assert.Equal(0, Cli.Run("wat2wasm", "--no-check", wat).ExitCode);
        Assert.True(File.Exists(Path.ChangeExtension(wat, ".wasm")));
    }

    [Fact]
    public void Wat2wasm_refuses_a_binary_input()
    {
        var r = Cli.Run("wat2wasm", RepoFile("perf/kernels/fib.wasm"));
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("already a binary module", r.Err);
    }
}
