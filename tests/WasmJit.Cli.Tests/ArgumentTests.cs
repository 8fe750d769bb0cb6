namespace WasmJit.Cli.Tests;

public class ArgumentTests
{
    [Fact]
    public void Help_lists_every_command()
    {
        var r = Cli.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var c in new[] { "validate", "inspect", "wat2wasm", "wasm2wat", "spec" })
        {
            Assert.Contains(c, r.Out);
        }
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("inspect")]
    [InlineData("wat2wasm")]
    [InlineData("nosuchcommand")]
    [InlineData("spec", "--engine", "v8")]
    [InlineData("spec", "--timeout", "soon")]
    public void Wrong_arguments_give_one_clear_line_and_exit_2(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("", r.Out);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("wasmjit: ", lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.All(lines[..^1], l => Assert.StartsWith("wasmjit: ", l));
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("wat2wasm")]
    [InlineData("wasm2wat")]
    public void Missing_file_is_a_one_line_error(string command)
    {
        var r = Cli.Run(command, "/no/such/file.wasm");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("wasmjit: /no/such/file.wasm: no such file\n", r.Err.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("wasm2wat")]
    [InlineData("validate")]
    public void A_wast_script_is_not_a_module(string command)
    {
        using var dir = new TempDir();
        var path = dir.File("x.wast", "(module)");
        var r = Cli.Run(command, path);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("a .wast script is not a module", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public void Validate_reports_each_bad_file_and_exits_1()
    {
        using var dir = new TempDir();
        var bad = dir.File("bad.wasm", [0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00]);
        var r = Cli.Run("validate", bad, "/no/such.wasm");
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        var lines = r.Err.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{bad}: error at 0x0: ", lines[0]);
        Assert.Equal("/no/such.wasm: error: no such file", lines[1]);
    }
}
