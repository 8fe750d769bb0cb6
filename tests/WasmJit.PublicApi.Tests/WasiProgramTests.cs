using Xunit.Abstractions;

namespace WasmJit.PublicApi.Tests;

/// <summary>
/// Our own C programs (tests/programs/wasi/*.c, built by its build.sh) run through the public API and compared with
/// node's WASI: live when node is installed, else with node's output recorded in tests/programs/wasi/expected/.
/// </summary>
public sealed class WasiProgramTests(ITestOutputHelper log)
{
    /// <summary>Where node 20 itself is wrong or unsupported; the line WasmJit must print instead, with the reason.</summary>
    private static readonly Dictionary<string, (string NodeLinePrefix, string OurLine, string Reason)[]> s_knownNodeDifferences = new()
    {
        ["time"] =
        [
            ("poll stdout writable + stdin readable:", "poll stdout writable + stdin readable: rc 2, stdout 1, stdin 1",
                "node 20's uvwasi fails poll_oneoff with fd subscriptions on stdio (ENOTSUP); both are ready here"),
            ("nanosleep 30ms lasted at least 30ms:", "nanosleep 30ms lasted at least 30ms: 1",
                "node 20's poll_oneoff can wake before a relative clock deadline on a loaded machine (libuv timers have " +
                "millisecond granularity; seen printing 0 during a full test run); WasmJit sleeps until the deadline, always"),
        ],
    };

    /// <summary>Every scenario in every engine (<see cref="ProgramEngines"/>).</summary>
    public static TheoryData<string, string> ScenariosByEngine
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var scenario in s_scenarios.Keys)
            {
                foreach (var engine in ProgramEngines.All)
                {
                    data.Add(scenario, engine);
                }
            }
            return data;
        }
    }

    private static readonly Dictionary<string, ProgramRun> s_scenarios = new()
    {
        ["files"] = new(Repo.Wasi("files.wasm"), ["files"], [], Sandbox: true),
        ["args"] = new(Repo.Wasi("proc.wasm"), ["proc", "args", "ü ñ", "", "two words", "--flag=x"], []),
        ["env"] = new(Repo.Wasi("proc.wasm"), ["proc", "env"], [("GREETING", "hi there"), ("EMPTY", ""), ("HOME", "/home/wasm"), ("UNICODE", "ü€")]),
        ["exit-0"] = new(Repo.Wasi("proc.wasm"), ["proc", "exit", "0"], []),
        ["exit-3"] = new(Repo.Wasi("proc.wasm"), ["proc", "exit", "3"], []),
        ["exit-255"] = new(Repo.Wasi("proc.wasm"), ["proc", "exit", "255"], []),
        ["trap"] = new(Repo.Wasi("proc.wasm"), ["proc", "trap"], []),
        ["stdin"] = new(Repo.Wasi("stdin.wasm"), ["stdin"], [], Stdin: "line one\nSecond line, ü\n\nthird without newline"),
        ["stdin-empty"] = new(Repo.Wasi("stdin.wasm"), ["stdin"], []),
        ["time"] = new(Repo.Wasi("time.wasm"), ["time"], [], Stdin: "hi\n"),
        ["hello"] = new(Path.Combine(Repo.Root, "perf", "kernels", "hello.wasm"), ["hello", "a", "b"], [("HELLO", "world")]),
    };

    [Theory]
    [MemberData(nameof(ScenariosByEngine))]
    public void SameOutputAsNode(string scenario, string engine)
    {
        var run = s_scenarios[scenario];
        using var dirs = new SandboxDirs();
        var ours = ApiRunner.Run(run, run.Sandbox ? dirs.Ours : null, engine);
        var reference = Reference(scenario, run);
        log.WriteLine($"{engine}; reference: {reference.Source}; exit {ours.ExitCode}; stdout:\n{ours.Stdout}\nstderr:\n{ours.Stderr}");

        Assert.Equal(reference.Result.ExitCode, ours.ExitCode);
        Assert.Equal(Adjust(scenario, reference.Result.Stdout), ours.Stdout);
        if (scenario.StartsWith("exit-", StringComparison.Ordinal))
        {
            // The program's own stderr; in a trap node's runner adds its own report, so only exits compare stderr.
            Assert.Equal(reference.Result.Stderr, ours.Stderr);
        }
        if (run.Sandbox && reference.Tree is not null)
        {
            Assert.Equal(reference.Tree, SandboxDirs.Describe(dirs.Ours));
        }
    }

    /// <summary>Node's output for the scenario: live (once per scenario, shared by the engines) or recorded.</summary>
    private static (RunResult Result, string? Tree, string Source) Reference(string scenario, ProgramRun run)
    {
        var expected = Path.Combine(Repo.Programs, "wasi", "expected", scenario);
        if (NodeRunner.Available)
        {
            var (node, tree) = NodeRunner.RunOnce(run, run.Sandbox);
            if (Environment.GetEnvironmentVariable("WASMJIT_RECORD_EXPECTED") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(expected)!);
                File.WriteAllText(expected + ".stdout", node.Stdout);
                File.WriteAllText(expected + ".stderr", node.Stderr);
                File.WriteAllText(expected + ".exit", node.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (tree is not null)
                {
                    File.WriteAllText(expected + ".tree", tree);
                }
            }
            return (node, tree, "node (live)");
        }
        Assert.True(File.Exists(expected + ".stdout"), $"node is not installed and there is no recorded node output {expected}.stdout");
        var recorded = new RunResult(File.ReadAllText(expected + ".stdout"), File.ReadAllText(expected + ".stderr"),
            int.Parse(File.ReadAllText(expected + ".exit"), System.Globalization.CultureInfo.InvariantCulture));
        return (recorded, File.Exists(expected + ".tree") ? File.ReadAllText(expected + ".tree") : null, "node (recorded)");
    }

    private static string Adjust(string scenario, string nodeStdout)
    {
        if (!s_knownNodeDifferences.TryGetValue(scenario, out var diffs))
        {
            return nodeStdout;
        }
        var lines = nodeStdout.Split('\n');
        foreach (var (prefix, ours, _) in diffs)
        {
            int i = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(i >= 0, $"node no longer prints a line starting '{prefix}': remove the known difference");
            lines[i] = ours;
        }
        return string.Join('\n', lines);
    }
}
