using System.Diagnostics;
using Xunit.Abstractions;

namespace WasmJit.Text.Tests;

/// <summary>Every script of the suite parses, and every module that is not a quote encodes.</summary>
public sealed class SuiteParseTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryScriptParsesAndEveryModuleEncodes()
    {
        var files = TestSuite.Files();
        Assert.True(files.Count > 250, $"only {files.Count} .wast files found");
        var failures = new List<string>();
        long bytes = 0;
        int modules = 0;
        int commands = 0;
        var sw = Stopwatch.StartNew();
        foreach (var file in files)
        {
            bytes += new FileInfo(file).Length;
            try
            {
                var script = WastParser.ParseFile(file);
                foreach (var (module, invalidCustom) in AllModules(script.Commands))
                {
                    modules++;
                    // The encoder itself finds the one error of assert_invalid_custom (a branch hint on a
                    // non-branch), so there an invalid-module error is the expected outcome.
                    if (module.Error is not null && !(invalidCustom && module.Error is WasmInvalidException))
                    {
                        failures.Add($"{Path.GetFileName(file)}:{module.Line}: {module.Error.Message}");
                    }
                }
                commands += script.Commands.Count;
            }
            catch (WasmMalformedException e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.Message}");
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e}");
            }
        }
        sw.Stop();
        output.WriteLine($"Parsed {files.Count} scripts ({bytes / 1024} KiB, {commands} commands, {modules} modules) in {sw.ElapsedMilliseconds} ms");
        foreach (var f in failures)
        {
            output.WriteLine(f);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(50)));
    }

    /// <summary>Every module of the commands, with whether it is the module of an <c>assert_invalid_custom</c>.</summary>
    internal static IEnumerable<(WastModule Module, bool InvalidCustom)> AllModules(IEnumerable<WastCommand> commands)
    {
        foreach (var c in commands)
        {
            switch (c)
            {
                case ModuleCommand m:
                    yield return (m.Module, false);
                    break;
                case AssertModuleCommand a:
                    yield return (a.Module, a.Kind == AssertModuleKind.InvalidCustom);
                    break;
                case AssertTrapCommand { Module: { } tm }:
                    yield return (tm, false);
                    break;
                case ThreadCommand t:
                    foreach (var inner in AllModules(t.Commands))
                    {
                        yield return inner;
                    }
                    break;
            }
        }
    }
}
