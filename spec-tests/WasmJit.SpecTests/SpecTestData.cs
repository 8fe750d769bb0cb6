using WasmJit.SpecRunner;

namespace WasmJit.SpecTests;

/// <summary>
/// The .wast files of the official suite, split per engine into those to run and those the skip list skips as a
/// whole (reported by xunit as skipped). Computed once, at discovery.
/// </summary>
internal static class SpecTestData
{
    /// <summary>The row used when the suite cannot be found: the test fails and says where it looked.</summary>
    public const string SuiteNotFound = "(spec test suite not found)";

    private static readonly Lazy<(string? Root, string Message, List<SpecFile> Files)> s_suite = new(() =>
    {
        var root = TestSuiteLocator.Find(out var searched);
        var files = root is null ? [] : SpecFile.Expand([root]);
        return (root, TestSuiteLocator.NotFoundMessage(searched), files);
    });

    private static readonly Lazy<SkipList> s_skipList = new(() =>
        SkipList.FindDefault() is { } path ? SkipList.Load(path) : SkipList.Empty);

    public static SkipList SkipList => s_skipList.Value;

    public static TheoryData<string> Runnable(SpecEngine engine)
    {
        var data = new TheoryData<string>();
        if (s_suite.Value.Root is null)
        {
            data.Add(SuiteNotFound);
            return data;
        }
        foreach (var f in s_suite.Value.Files.Where(f => SkipList.FileSkipReason(f.SuitePath, engine.Name()) is null))
        {
            data.Add(f.SuitePath);
        }
        return data;
    }

    public static TheoryData<string> Skipped(SpecEngine engine)
    {
        var data = new TheoryData<string>();
        foreach (var f in s_suite.Value.Files.Where(f => SkipList.FileSkipReason(f.SuitePath, engine.Name()) is not null))
        {
            data.Add(f.SuitePath);
        }
        return data;
    }

    /// <summary>Runs one file and fails listing every failed command (up to a screenful).</summary>
    public static void Run(string suitePath, SpecEngine engine)
    {
        if (suitePath == SuiteNotFound || s_suite.Value.Root is not { } root)
        {
            Assert.Fail(s_suite.Value.Message);
            return;
        }
        var file = s_suite.Value.Files.Single(f => f.SuitePath == suitePath);
        var result = WastRunner.RunFile(file, new SpecRunOptions
        {
            Engine = engine,
            SkipList = SkipList,
            TimeLimit = TimeSpan.FromSeconds(300),
            // Budgets low enough that functions change tier mid-script (compiled in the background while the
            // interpreter runs them, and loops entered mid-call).
            TierUpCalls = engine == SpecEngine.Tiered ? 2 : null,
            TierUpBackEdges = engine == SpecEngine.Tiered ? 20 : null,
        });
        if (result.Failed == 0)
        {
            return;
        }
        const int MaxShown = 60;
        var lines = new List<string> { result.Summary() };
        lines.AddRange(result.Failures.OrderBy(f => f.Line).Take(MaxShown).Select(f => "  " + f));
        if (result.Failures.Count > MaxShown)
        {
            lines.Add($"  ... and {result.Failures.Count - MaxShown} more (wasmjit spec {Path.Combine(root, suitePath)} --failures)");
        }
        Assert.Fail(string.Join(Environment.NewLine, lines));
    }
}
