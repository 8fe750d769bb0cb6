using WasmJit.Runtime;
using WasmJit.SpecRunner;
using Xunit.Abstractions;

namespace WasmJit.Jit.Tests;

[CollectionDefinition(nameof(ColdDispatchLoopTests), DisableParallelization = true)]
public sealed class ColdDispatchLoopCollection;

/// <summary>
/// The interpreter's precompiled copy of its dispatch loop (RunCold, generated from Run by the ColdCopyGenerator), which
/// runs while the start-up warm-up compiles Run: on the whole spec suite, run only in the copy, and run with a hand-over
/// at EVERY call and loop back-edge (the copy saves its place in the frames and is resumed), every action must give the
/// same result or trap as the normal interpreter. Not parallel: the mode is process-wide.
/// </summary>
[Collection(nameof(ColdDispatchLoopTests))]
public sealed class ColdDispatchLoopTests(ITestOutputHelper output)
{
    [Fact]
    public void TheColdCopyAndItsHandOversAgreeWithTheInterpreterOnEverySpecAction()
    {
        var root = TestSuiteLocator.Find(out var searched);
        Assert.True(root is not null, TestSuiteLocator.NotFoundMessage(searched));
        var skip = SkipList.FindDefault() is { } path ? SkipList.Load(path) : SkipList.Empty;
        var files = SpecFile.Expand([root!]).Where(f => skip.FileSkipReason(f.SuitePath, "interp") is null).ToList();
        int compared = 0;
        var mismatches = new List<string>();
        try
        {
            foreach (var file in files)
            {
                Interpreter.Interpreter.ColdMode = 0;
                var normal = SpecDifferentialTests.Run(file, skip, SpecEngine.Interp);
                foreach (int mode in new[] { 1, 2 })
                {
                    Interpreter.Interpreter.ColdMode = mode;
                    var cold = SpecDifferentialTests.Run(file, skip, SpecEngine.Interp);
                    if (cold.Count != normal.Count)
                    {
                        mismatches.Add($"{file.SuitePath}: mode {mode} performed {cold.Count} actions, normal {normal.Count}");
                        continue;
                    }
                    for (int i = 0; i < normal.Count; i++)
                    {
                        compared++;
                        if (SpecDifferentialTests.Describe(normal[i]) is var want && SpecDifferentialTests.Describe(cold[i]) is var got && want != got)
                        {
                            mismatches.Add($"{file.SuitePath}:{normal[i].Line} {normal[i].Name}: normal {want}, cold mode {mode} {got}");
                        }
                    }
                }
            }
        }
        finally
        {
            Interpreter.Interpreter.ColdMode = 0;
        }
        output.WriteLine($"{files.Count} scripts, {compared} action outcomes compared, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Take(50)));
        Assert.True(compared > 10_000, $"only {compared} actions compared");
    }
}
