using Spectre.Console;

namespace WasmJit.Samples.Tests;

public sealed class SampleTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WasmJit.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public void ScriptingHostAndPluginCallEachOther()
    {
        var output = new StringWriter();
        Assert.Equal(0, ScriptingHost.Program.Run(output, "Ada"));
        string text = output.ToString();
        Assert.Contains("[plugin log] plugin: greeting built", text);
        Assert.Contains("greet returned: Hello, Ada!", text);
        // on_item(i) = (i + 1) * 10 for i in 0..4: 10 + 20 + 30 + 40 + 50.
        Assert.Contains("sum_items(5) = 150", text);
    }

    [Fact]
    public void CommittedPluginBinaryMatchesItsText()
    {
        var engine = new Engine();
        var fromText = Module.FromText(engine, File.ReadAllText(RepoFile("src", "Samples", "ScriptingHost", "plugin.wat")));
        var fromBinary = Module.FromFile(engine, RepoFile("src", "Samples", "ScriptingHost", "plugin.wasm"));
        Assert.Equal(
            fromText.Exports.Select(e => $"{e.Name}:{e.Kind}"),
            fromBinary.Exports.Select(e => $"{e.Name}:{e.Kind}"));
        Assert.Equal(
            fromText.Imports.Select(i => $"{i.Module}.{i.Name}:{i.Kind}"),
            fromBinary.Imports.Select(i => $"{i.Module}.{i.Name}:{i.Kind}"));
    }

    [Fact]
    public void ModLoaderStopsEachBadModWithItsOwnExceptionAndRunsTheGoodOnes()
    {
        var results = new ModLoader.Loader(ModLoader.Loader.DefaultLimits)
            .LoadAll(RepoFile("src", "Samples", "ModLoader", "mods"))
            .ToDictionary(r => r.Name);

        Assert.Equal("ok", results["hello"].Outcome);
        Assert.Equal(1, results["hello"].Result);
        Assert.Equal(["hello from a well-behaved mod"], results["hello"].Log);
        Assert.Equal("ok", results["primes"].Outcome);
        Assert.Equal(1229, results["primes"].Result);

        Assert.IsType<WasmFuelExhaustedException>(results["spinner"].Error);
        // The loop body is 5 instructions: the fuel left when it stops is less than one iteration.
        Assert.InRange(results["spinner"].FuelUsed, 50_000_000 - 4, 50_000_000);
        var stack = Assert.IsType<WasmTrapException>(results["recursor"].Error);
        Assert.Equal(TrapKind.CallStackExhausted, stack.Kind);
        var memory = Assert.IsType<WasmResourceLimitException>(results["hog"].Error);
        Assert.Equal("memory", memory.Resource);
        var trap = Assert.IsType<WasmTrapException>(results["crasher"].Error);
        Assert.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Assert.Equal(["about to divide by zero"], results["crasher"].Log);
    }

    [Fact]
    public void ModLoaderWithoutFuelStopsTheSpinnerByTime()
    {
        var limits = ModLoader.Loader.DefaultLimits.WithFuel(null).WithTimeout(TimeSpan.FromMilliseconds(200));
        var result = new ModLoader.Loader(limits).Run(RepoFile("src", "Samples", "ModLoader", "mods", "spinner.wat"));
        Assert.IsType<WasmTimeoutException>(result.Error);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"took {result.Elapsed}");
    }

    [Fact]
    public void ModLoaderPrintsATable()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        Assert.Equal(0, ModLoader.Program.Run(console, RepoFile("src", "Samples", "ModLoader", "mods")));
        string text = writer.ToString();
        Assert.Contains("spinner", text);
        Assert.Contains("out of fuel", text);
        Assert.Contains("memory limit", text);
        Assert.Contains("stack exhausted", text);
        Assert.Contains("2 of 6 mods ran", text);
    }

    [Fact]
    public void KernelRunnerTimesAKernel()
    {
        var output = new StringWriter();
        Assert.Equal(0, KernelRunner.Program.Run([RepoFile("perf", "kernels", "hello.wasm"), "--runs", "2", "--fuel", "100000000"], output));
        string text = output.ToString();
        Assert.Contains("run 1:", text);
        Assert.Contains("run 2:", text);
        Assert.Contains("hello, world", text);
        Assert.Contains("fuel used", text);
    }
}
