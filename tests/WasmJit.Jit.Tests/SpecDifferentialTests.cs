using System.Collections.Concurrent;
using WasmJit.Runtime;
using WasmJit.SpecRunner;
using Xunit.Abstractions;

namespace WasmJit.Jit.Tests;

/// <summary>
/// Differential testing on the spec suite: every script the skip list lets the interpreter run is run again by the
/// JIT (and by the tiered engine with budgets so low that functions change tier mid-script), and every action of
/// the script (invoke, get: the actions of assert_return, assert_trap, assert_exhaustion and plain invocations) must
/// produce the same result bits, or the same trap (kind and message), in each engine. Unlike the spec runs, this
/// also compares results the scripts accept loosely (any NaN) and actions whose expectation fails in both engines.
/// </summary>
public class SpecDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void InterpreterJitAndTieredAgreeOnEverySpecAction()
    {
        var root = TestSuiteLocator.Find(out var searched);
        Assert.True(root is not null, TestSuiteLocator.NotFoundMessage(searched));
        var skip = SkipList.FindDefault() is { } path ? SkipList.Load(path) : SkipList.Empty;
        var files = SpecFile.Expand([root!])
            .Where(f => skip.FileSkipReason(f.SuitePath, "interp") is null && skip.FileSkipReason(f.SuitePath, "jit") is null)
            .ToList();
        int compared = 0, traps = 0;
        var mismatches = new List<string>();
        foreach (var file in files)
        {
            var interp = Run(file, skip, SpecEngine.Interp);
            foreach (var engine in new[] { SpecEngine.Jit, SpecEngine.Tiered })
            {
                var other = Run(file, skip, engine);
                if (other.Count != interp.Count)
                {
                    mismatches.Add($"{file.SuitePath}: {engine.Name()} performed {other.Count} actions, interp {interp.Count}");
                    continue;
                }
                for (int i = 0; i < interp.Count; i++)
                {
                    compared++;
                    if (interp[i].Error is WasmTrapException)
                    {
                        traps++;
                    }
                    if (Describe(interp[i]) is var want && Describe(other[i]) is var got && want != got)
                    {
                        mismatches.Add($"{file.SuitePath}:{interp[i].Line} {interp[i].Name}: interp {want}, {engine.Name()} {got}");
                    }
                }
            }
        }
        output.WriteLine($"{files.Count} scripts, {compared} action outcomes compared ({traps} traps), {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Take(50)));
        Assert.True(compared > 10_000, $"only {compared} actions compared");
    }

    /// <summary>Every action outcome of one script in <paramref name="engine"/> (tiered: budgets 2 calls / 20 back-edges).</summary>
    internal static List<ActionOutcome> Run(SpecFile file, SkipList skip, SpecEngine engine)
    {
        var outcomes = new ConcurrentQueue<ActionOutcome>();
        WastRunner.RunFile(file, new SpecRunOptions
        {
            Engine = engine,
            SkipList = skip,
            TimeLimit = TimeSpan.FromSeconds(120),
            TierUpCalls = 2,
            TierUpBackEdges = 20,
            OnAction = outcomes.Enqueue,
        });
        return [.. outcomes];
    }

    /// <summary>An outcome as comparable text: value bits, reference identities by kind, or the error's class and message.</summary>
    internal static string Describe(ActionOutcome o)
    {
        if (o.Error is { } e)
        {
            return e is WasmTrapException t ? $"trap {t.Kind}: {t.Message}" : $"{e.GetType().Name}: {e.Message}";
        }
        return string.Join(" ", o.Values!.Select(v => v.Type.Kind switch
        {
            ValKind.Ref => v.Ref switch
            {
                null => "null",
                FunctionInstance f => $"func {f.Name ?? "?"} {f.Type}",
                var r => r.ToString(),
            },
            _ => $"{v.Type.Kind}:{v.Hi:x16}{v.Lo:x16}",
        }));
    }
}
