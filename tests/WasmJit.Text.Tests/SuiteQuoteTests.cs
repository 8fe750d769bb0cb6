namespace WasmJit.Text.Tests;

/// <summary>
/// Every <c>(assert_malformed (module quote ...))</c> of the suite fails to parse with the suite's expected text, and
/// every other quote module parses: text-level malformedness is this project's job.
/// </summary>
public sealed class SuiteQuoteTests
{
    [Fact]
    public void QuoteModulesFailExactlyWhenTheSuiteSaysMalformed()
    {
        var problems = new List<string>();
        int malformed = 0;
        int wellFormed = 0;
        foreach (var file in TestSuite.Files())
        {
            var script = WastParser.ParseFile(file);
            foreach (var (module, expected) in QuoteModules(script.Commands))
            {
                string where = $"{Path.GetFileName(file)}:{module.Line}";
                try
                {
                    module.GetBinary();
                    wellFormed++;
                    if (expected is not null)
                    {
                        problems.Add($"{where}: parsed, but the suite expects \"{expected}\"");
                    }
                }
                catch (WasmMalformedException e)
                {
                    malformed++;
                    if (expected is null)
                    {
                        problems.Add($"{where}: {e.Message}");
                    }
                    else if (!e.Message.Contains(expected, StringComparison.Ordinal))
                    {
                        problems.Add($"{where}: \"{e.Message}\" does not contain \"{expected}\"");
                    }
                }
            }
        }
        Assert.True(malformed > 1000, $"only {malformed} malformed quote modules seen");
        Assert.True(wellFormed > 10, $"only {wellFormed} well-formed quote modules seen");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(50)));
    }

    /// <summary>Quote modules with the message expected when the suite says they are malformed (text-level), else null.</summary>
    private static IEnumerable<(WastModule Module, string? Expected)> QuoteModules(IEnumerable<WastCommand> commands)
    {
        foreach (var c in commands)
        {
            switch (c)
            {
                case ModuleCommand { Module.Kind: WastModuleKind.Quote } m:
                    yield return (m.Module, null);
                    break;
                case AssertModuleCommand { Module.Kind: WastModuleKind.Quote } a when a.Kind != AssertModuleKind.MalformedCustom:
                    yield return (a.Module, a.Kind == AssertModuleKind.Malformed ? a.Message : null);
                    break;
                case ThreadCommand t:
                    foreach (var inner in QuoteModules(t.Commands))
                    {
                        yield return inner;
                    }
                    break;
            }
        }
    }
}
