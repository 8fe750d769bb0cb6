using WasmJit.SpecRunner;

namespace WasmJit.Cli.Tests;

public class SpecFileTests
{
    [Theory]
    [InlineData("/x/wasm-testsuite/core/i32.wast", "core/i32.wast")]
    [InlineData("/home/core/suite/proposals/threads/atomic.wast", "proposals/threads/atomic.wast")]
    [InlineData("/x/legacy/try_catch.wast", "legacy/try_catch.wast")]
    [InlineData("/tmp/snippet.wast", "snippet.wast")]
    public void Suite_relative_names_start_at_the_suite_folder(string path, string expected)
    {
        Assert.Equal(expected, SpecFile.SuiteRelativeName(path));
    }

    [Fact]
    public void Legacy_folder_adds_legacy_exceptions_to_the_default_features()
    {
        Assert.Equal(WasmFeatures.Default, SpecFile.FeaturesFor("core/i32.wast"));
        Assert.Equal(WasmFeatures.Default, SpecFile.FeaturesFor("proposals/threads/atomic.wast"));
        Assert.Equal(WasmFeatures.Default | WasmFeatures.LegacyExceptions, SpecFile.FeaturesFor("legacy/throw.wast"));
    }

    [Fact]
    public void Folders_expand_recursively_in_sorted_order()
    {
        using var dir = new TempDir();
        dir.File("core/b.wast", "");
        dir.File("core/a.wast", "");
        dir.File("core/sub/c.wast", "");
        dir.File("core/notes.txt", "");
        var files = SpecFile.Expand([Path.Combine(dir.Path, "core")]);
        Assert.Equal(["core/a.wast", "core/b.wast", "core/sub/c.wast"], files.Select(f => f.SuitePath));
    }

    [Fact]
    public void Suite_locator_prefers_the_environment_and_says_where_it_looked()
    {
        var root = TestSuiteLocator.Find(out var searched);
        Assert.NotEmpty(searched);
        if (root is null)
        {
            Assert.Contains("WASMJIT_TESTSUITE", TestSuiteLocator.NotFoundMessage(searched));
        }
        else
        {
            Assert.True(Directory.Exists(Path.Combine(root, "core")), $"{root} has no core/ folder");
        }
    }
}
