using System.Diagnostics;
using WasmJit.Runtime;

namespace WasmJit.Cli.Bench;

/// <summary>An engine outside this process to run the same module against: node's V8 or a native build.</summary>
internal sealed record Comparison(string Name, string FileName, IReadOnlyList<string> Args)
{
    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Args));
}

/// <summary>What <c>wasmjit bench</c> was asked to do.</summary>
internal sealed record BenchOptions(
    string File,
    EngineKind Engine,
    int Iterations,
    int Warmup,
    string? Invoke = null,
    IReadOnlyList<string>? InvokeArgs = null,
    IReadOnlyList<Comparison>? Compare = null);

/// <summary>A tier-up as the harness shows it: which function, when (ms since the run started), and why.</summary>
internal sealed record TierUpEvent(double AtMs, string Function, string Reason);

/// <summary>The times of one engine (ours or a comparison) over the measured iterations.</summary>
internal sealed record SeriesResult(string Name, string Command, IReadOnlyList<double> TimesMs, IReadOnlyList<double> StartsMs)
{
    public BenchStatistics Stats => BenchStatistics.From(TimesMs);
}

/// <summary>The outcome of a benchmark: our series first, then each comparison, all checked to print the same.</summary>
internal sealed record BenchResult(
    BenchOptions Options,
    double DecodeValidateMs,
    int ModuleBytes,
    string? Output,
    IReadOnlyList<SeriesResult> Series,
    IReadOnlyList<double> WarmupTimesMs,
    IReadOnlyList<TierUpEvent> TierUps);

/// <summary>
/// Runs the iterations of <c>wasmjit bench</c>: warm-up runs of our engine, then measured iterations interleaved
/// engine by engine (ours, then each comparison, then ours again...) so that whatever else the machine is doing
/// hits every engine alike. Every run's output must equal the first one's (the <c>checksum:</c> line when the
/// program prints one, else all of stdout), or the benchmark fails: a fast wrong answer is not a result.
/// </summary>
internal sealed class BenchRunner(BenchOptions options)
{
    private static readonly TimeSpan s_externalTimeout = TimeSpan.FromMinutes(30);
    private readonly List<TierUpEvent> _tierUps = [];
    private Stopwatch _clock = new();
    private string? _expected;
    private string? _expectedFrom;

    /// <summary>Called after each run with a short description and the number of runs done so far.</summary>
    public Action<string, int>? Progress { get; init; }

    /// <summary>Runs in total: warm-ups plus one per engine per measured iteration.</summary>
    public static int TotalRuns(BenchOptions o) => o.Warmup + (o.Iterations * (1 + (o.Compare?.Count ?? 0)));

    public BenchResult Run()
    {
        var bytes = ModuleInput.Load(options.File);
        var engine = BenchHost.CreateEngine(options.Engine);
        _clock = Stopwatch.StartNew();
        // Tier-ups (which function, when, why) for the report and the chart: this engine's stores only, not every
        // store of the process (the JIT's EventSource), which mattered when other code runs wasm in the same process.
        engine.OnTierUp = e =>
        {
            string name = e.FunctionName is { Length: > 0 } n ? n : $"func {e.FunctionIndex}";
            string reason = $"{e.Reason}{(e.LoopEntry ? ", loop entry" : "")}{(e.Compiled ? "" : $", not compiled: {e.Failure}")}";
            lock (_tierUps)
            {
                _tierUps.Add(new TierUpEvent(_clock.Elapsed.TotalMilliseconds, name, reason));
            }
        };
        var sw = Stopwatch.StartNew();
        var module = Module.FromBytes(engine, bytes, Path.GetFileName(options.File));
        double decodeMs = sw.Elapsed.TotalMilliseconds;
        _clock.Restart();
        return options.Invoke is null ? RunCommands(module, bytes.Length, decodeMs) : RunInvoke(module, bytes.Length, decodeMs);
    }

    private BenchResult RunCommands(Module module, int size, double decodeMs)
    {
        // argv[0] is the path as given, as run-node.mjs does, so a program printing it agrees with node.
        var argv = new[] { options.File };
        var compare = options.Compare ?? [];
        var warm = new List<double>();
        int done = 0;
        for (int i = 0; i < options.Warmup; i++)
        {
            var run = BenchHost.RunCommand(module, argv);
            Check("wasmjit (warm-up)", run.ExitCode, run.Stdout, run.Stderr);
            warm.Add(run.WallMs);
            Progress?.Invoke($"warm-up {i + 1}/{options.Warmup}", ++done);
        }
        var ours = new Series($"wasmjit {BenchHost.EngineName(options.Engine)}", $"wasmjit bench --engine {BenchHost.EngineName(options.Engine)}");
        var others = compare.Select(c => new Series(c.Name, c.CommandLine)).ToArray();
        for (int i = 0; i < options.Iterations; i++)
        {
            double start = _clock.Elapsed.TotalMilliseconds;
            var run = BenchHost.RunCommand(module, argv);
            Check(ours.Name, run.ExitCode, run.Stdout, run.Stderr);
            ours.Add(start, run.WallMs);
            Progress?.Invoke($"{ours.Name} {i + 1}/{options.Iterations}", ++done);
            for (int c = 0; c < compare.Count; c++)
            {
                start = _clock.Elapsed.TotalMilliseconds;
                var ext = ExternalRunner.Run(compare[c].FileName, compare[c].Args, s_externalTimeout);
                Check(compare[c].Name, ext.ExitCode, ext.Stdout, ext.Stderr);
                others[c].Add(start, ext.WallMs);
                Progress?.Invoke($"{compare[c].Name} {i + 1}/{options.Iterations}", ++done);
            }
        }
        return new BenchResult(options, decodeMs, size, _expected, [ours.ToResult(), .. others.Select(o => o.ToResult())], warm, _tierUps);
    }

    private BenchResult RunInvoke(Module module, int size, double decodeMs)
    {
        if (options.Compare is { Count: > 0 })
        {
            throw new CliException("--compare runs a command module's _start; it cannot be combined with --invoke");
        }
        var (store, function) = BenchHost.InstantiateForInvoke(module, options.Invoke!);
        using var _ = store;
        var args = InvokeArguments.Parse(function.Type, options.InvokeArgs ?? []);
        var warm = new List<double>();
        int done = 0;
        var ours = new Series($"wasmjit {BenchHost.EngineName(options.Engine)}", $"{options.Invoke} {string.Join(' ', options.InvokeArgs ?? [])}".Trim());
        for (int i = 0; i < options.Warmup + options.Iterations; i++)
        {
            double start = _clock.Elapsed.TotalMilliseconds;
            var sw = Stopwatch.StartNew();
            var results = function.Invoke(args);
            double ms = sw.Elapsed.TotalMilliseconds;
            Check(ours.Name, 0, InvokeArguments.Format(results), "");
            if (i < options.Warmup)
            {
                warm.Add(ms);
                Progress?.Invoke($"warm-up {i + 1}/{options.Warmup}", ++done);
            }
            else
            {
                ours.Add(start, ms);
                Progress?.Invoke($"{ours.Name} {i + 1 - options.Warmup}/{options.Iterations}", ++done);
            }
        }
        return new BenchResult(options, decodeMs, size, _expected, [ours.ToResult()], warm, _tierUps);
    }

    /// <summary>Fails the benchmark unless the run exited 0 and printed what the first run printed.</summary>
    private void Check(string who, int exitCode, string stdout, string stderr)
    {
        if (exitCode != 0)
        {
            var detail = CommandAction.OneLine(stderr);
            throw new CliException($"{who} exited with code {exitCode}{(detail.Length > 0 ? ": " + detail : "")}", ExitCodes.Failed);
        }
        string output = ExternalRunner.Checksum(stdout) ?? stdout.TrimEnd();
        if (_expected is null)
        {
            _expected = output;
            _expectedFrom = who;
        }
        else if (output != _expected)
        {
            throw new CliException($"output mismatch: {who} printed '{Shorten(output)}', {_expectedFrom} printed '{Shorten(_expected)}'", ExitCodes.Failed);
        }
    }

    private static string Shorten(string s) => s.Length <= 120 ? CommandAction.OneLine(s) : CommandAction.OneLine(s[..120]) + "...";

    private sealed class Series(string name, string command)
    {
        private readonly List<double> _times = [];
        private readonly List<double> _starts = [];

        public string Name => name;

        public void Add(double startMs, double ms)
        {
            _starts.Add(startMs);
            _times.Add(ms);
        }

        public SeriesResult ToResult() => new(name, command, _times, _starts);
    }
}
