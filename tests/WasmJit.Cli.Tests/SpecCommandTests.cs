using System.Text.Json;
using WasmJit.SpecRunner;

namespace WasmJit.Cli.Tests;

public class SpecCommandTests
{
    [Fact]
    public void Missing_path_is_a_usage_error()
    {
        var r = Cli.Run("spec", "/no/such/dir");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("wasmjit: no such file or folder: /no/such/dir", r.Err.Trim());
    }

    [Fact]
    public void A_module_is_not_a_script()
    {
        using var dir = new TempDir();
        var path = dir.File("m.wat", "(module)");
        var r = Cli.Run("spec", path);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("not a .wast script", r.Err);
    }

    [Fact]
    public void Unparsable_file_is_reported_in_its_line_and_the_json_and_counts_as_a_failure()
    {
        using var dir = new TempDir();
        var bad = dir.File("core/bad.wast", [0x28, 0xff, 0xfe, 0x29]); // not UTF-8, not a script
        var json = Path.Combine(dir.Path, "report.json");
        var r = Cli.Run("spec", "--no-skip", "--json", json, bad);
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        var lines = r.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("core/bad.wast: 0 passed, 1 failed, 0 skipped (error: parse error: ", lines[0]);
        Assert.Equal("0 passed, 1 failed, 0 skipped", lines[^1]);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal("core/bad.wast", file.GetProperty("file").GetString());
        Assert.Equal(1, file.GetProperty("failed").GetInt32());
        Assert.StartsWith("parse error: ", file.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Object, file.GetProperty("byKind").ValueKind);
        Assert.Equal(JsonValueKind.Array, file.GetProperty("failures").ValueKind);
    }

    [Fact]
    public void Whole_file_skips_are_reported_as_skipped()
    {
        using var dir = new TempDir();
        var wast = dir.File("proposals/old/a.wast", "(module)");
        var skip = dir.File("skip.json", """{ "entries": [ { "path": "proposals/old/*", "reason": "stale copy" } ] }""");
        var json = Path.Combine(dir.Path, "report.json");
        var r = Cli.Run("spec", "--skip-list", skip, "--json", json, wast);
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.Contains("proposals/old/a.wast: 0 passed, 0 failed, 1 skipped (skipped: stale copy)", r.Out);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal(0, file.GetProperty("passed").GetInt32());
        Assert.Equal(1, file.GetProperty("skipped").GetInt32());
        Assert.Equal("stale copy", file.GetProperty("skipReason").GetString());
        Assert.False(file.TryGetProperty("error", out _));
    }

    [Fact]
    public void Broken_skip_list_is_a_usage_error()
    {
        using var dir = new TempDir();
        var wast = dir.File("a.wast", "(module)");
        var skip = dir.File("skip.json", """{ "entries": [ { "path": "*" } ] }""");
        var r = Cli.Run("spec", "--skip-list", skip, wast);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("needs a \"path\" and a \"reason\"", r.Err);
    }
}

public class SpecJsonTests
{
    [Fact]
    public void Spec_json_has_files_counts_by_kind_and_failures()
    {
        using var dir = new TempDir();
        var wast = dir.File("core/mini.wast", """
            (module (func (export "one") (result i32) (i32.const 1)))
            (assert_return (invoke "one") (i32.const 1))
            (assert_return (invoke "one") (i32.const 2))
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            """);
        var json = Path.Combine(dir.Path, "out.json");
        var r = Cli.Run("spec", "--no-skip", "--json", json, wast);
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        var lines = r.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["core/mini.wast: 3 passed, 1 failed, 0 skipped", "3 passed, 1 failed, 0 skipped"], lines);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("interp", root.GetProperty("engine").GetString());
        Assert.Equal(3, root.GetProperty("passed").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal("core/mini.wast", file.GetProperty("file").GetString());
        Assert.Equal(3, file.GetProperty("passed").GetInt32());
        Assert.Equal(1, file.GetProperty("failed").GetInt32());
        Assert.Equal(0, file.GetProperty("skipped").GetInt32());
        Assert.False(file.TryGetProperty("error", out _));
        var byKind = file.GetProperty("byKind");
        Assert.Equal(["assert_invalid", "assert_return", "module"], byKind.EnumerateObject().Select(p => p.Name));
        var ar = byKind.GetProperty("assert_return");
        Assert.Equal((1, 1, 0), (ar.GetProperty("passed").GetInt32(), ar.GetProperty("failed").GetInt32(), ar.GetProperty("skipped").GetInt32()));
        var failure = Assert.Single(file.GetProperty("failures").EnumerateArray());
        Assert.Equal(3, failure.GetProperty("line").GetInt32());
        Assert.Equal("assert_return", failure.GetProperty("kind").GetString());
        Assert.Equal("value", failure.GetProperty("category").GetString());
        Assert.Equal("(i32:2)", failure.GetProperty("expected").GetString());
        Assert.Equal("(i32:1)", failure.GetProperty("actual").GetString());
    }

    [Fact]
    public void Folders_run_recursively_in_order_with_a_total_line()
    {
        using var dir = new TempDir();
        dir.File("core/b.wast", "(module)");
        dir.File("core/a/x.wast", "(module)\n(module)");
        var r = Cli.Run("spec", "--no-skip", Path.Combine(dir.Path, "core"));
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["core/a/x.wast: 2 passed, 0 failed, 0 skipped", "core/b.wast: 1 passed, 0 failed, 0 skipped", "3 passed, 0 failed, 0 skipped"], lines);
    }
}

public class SpecSuitePathTests
{
    [Fact]
    public void A_relative_path_is_also_looked_up_in_the_suite()
    {
        if (TestSuiteLocator.Find(out var searched) is null)
        {
            Assert.Fail(TestSuiteLocator.NotFoundMessage(searched));
        }
        var r = Cli.Run("spec", "core/forward.wast");
        Assert.True(r.ExitCode is 0 or 1, r.Err);
        Assert.StartsWith("core/forward.wast: ", r.Out);
    }
}
