using WasmJit.SpecRunner;

namespace WasmJit.Cli.Tests;

public class SkipListTests
{
    private const string Sample = """
        // comments are allowed
        { "entries": [
          { "path": "proposals/old/*", "reason": "stale" },
          { "path": "core/array*.wast", "kinds": ["execution"], "reason": "gc" },
          { "path": "core/i32.wast", "line": 12, "reason": "one line" },
          { "path": "**", "kinds": ["assert_exception"], "reason": "eh" },
          { "path": "**", "engines": ["jit"], "reason": "no jit" },
        ] }
        """;

    [Fact]
    public void Whole_file_entries_match_globs_within_one_folder()
    {
        var list = SkipList.Parse(Sample);
        Assert.Equal("stale", list.FileSkipReason("proposals/old/a.wast", "interp"));
        Assert.Null(list.FileSkipReason("proposals/old/sub/a.wast", "interp"));
        Assert.Null(list.FileSkipReason("core/array.wast", "interp"));
    }

    [Fact]
    public void Engine_entries_apply_only_to_their_engine()
    {
        var list = SkipList.Parse(Sample);
        Assert.Equal("no jit", list.FileSkipReason("core/i32.wast", "jit"));
        Assert.Null(list.FileSkipReason("core/i32.wast", "interp"));
    }

    [Fact]
    public void Execution_group_skips_running_but_not_validation()
    {
        var list = SkipList.Parse(Sample);
        Assert.Equal("gc", list.CommandSkipReason("core/array_fill.wast", "interp", 5, "assert_return"));
        Assert.Equal("gc", list.CommandSkipReason("core/array_fill.wast", "interp", 5, "module"));
        Assert.Null(list.CommandSkipReason("core/array_fill.wast", "interp", 5, "assert_invalid"));
        Assert.Null(list.CommandSkipReason("core/array_fill.wast", "interp", 5, "assert_malformed"));
    }

    [Fact]
    public void Line_and_kind_entries_are_precise()
    {
        var list = SkipList.Parse(Sample);
        Assert.Equal("one line", list.CommandSkipReason("core/i32.wast", "interp", 12, "assert_return"));
        Assert.Null(list.CommandSkipReason("core/i32.wast", "interp", 13, "assert_return"));
        Assert.Equal("eh", list.CommandSkipReason("legacy/x/y.wast", "interp", 1, "assert_exception"));
    }

    [Theory]
    [InlineData("""{ "entries": [ { "path": "x" } ] }""")]
    [InlineData("""{ "entries": [ { "reason": "x" } ] }""")]
    [InlineData("""{ "entries": [ { "path": "x", "reason": "y", "typo": 1 } ] }""")]
    [InlineData("""[]""")]
    public void Entries_without_a_reason_or_with_unknown_fields_are_rejected(string json)
    {
        Assert.Throws<FormatException>(() => SkipList.Parse(json));
    }

    [Fact]
    public void The_repository_skip_list_parses_and_gives_every_entry_a_reason()
    {
        var path = SkipList.FindDefault();
        Assert.NotNull(path);
        var list = SkipList.Load(path);
        Assert.NotEmpty(list.Entries);
        Assert.All(list.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.NotNull(list.FileSkipReason("proposals/threads-testsuite-2020/atomic.wast", "interp"));
        Assert.Null(list.FileSkipReason("core/i32.wast", "interp"));
    }
}
