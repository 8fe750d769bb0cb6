using System.CommandLine;
using WasmJit.Runtime;
using WasmJit.SpecRunner;

namespace WasmJit.Cli.Commands;

/// <summary>
/// <c>wasmjit spec PATH... [--engine interp|jit|tiered] [--json FILE]</c>: runs .wast spec scripts (files, or folders
/// searched recursively in sorted order) and prints one line per file, then the total.
/// </summary>
internal static class SpecCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "A .wast file or a folder of them (searched recursively); a relative path not found here is looked up in the spec test suite. Default: the whole suite.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var engine = new Option<string>("--engine", "-e")
        {
            Description = "Execution engine.",
            DefaultValueFactory = _ => "interp",
        };
        engine.AcceptOnlyFromAmong(SpecEngineNames.All);
        var json = new Option<string?>("--json") { Description = "Also write a machine-readable report to FILE.", HelpName = "FILE" };
        var skipList = new Option<string?>("--skip-list")
        {
            Description = $"Skip list to apply (default: {SkipList.RepositoryRelativePath} of this repository).",
            HelpName = "FILE",
        };
        var noSkip = new Option<bool>("--no-skip") { Description = "Run everything, ignoring the skip list." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Time limit per file, in seconds.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 120,
        };
        var failures = new Option<bool>("--failures", "-f") { Description = "List each failed command under its file." };
        var tierUp = new Option<string?>("--tier-up")
        {
            Description = "Tiered engine budgets CALLS[,BACKEDGES] (low values make functions change tier mid-test).",
            Hidden = true,
        };

        var command = new Command("spec", "Run WebAssembly spec test scripts (.wast).")
        {
            paths, engine, json, skipList, noSkip, timeout, failures, tierUp,
        };
        command.SetAction(parse => CommandAction.Guard(parse, (output, _) =>
        {
            var options = new SpecRunOptions
            {
                Engine = SpecEngineNames.Parse(parse.GetValue(engine)!),
                SkipList = LoadSkipList(parse.GetValue(skipList), parse.GetValue(noSkip)),
                TimeLimit = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
            };
            int compiledByCalls = 0, compiledByLoops = 0, loopEntries = 0, refused = 0;
            options = options with
            {
                OnTierUp = e =>
                {
                    if (!e.Compiled)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    else if (e.LoopEntry)
                    {
                        Interlocked.Increment(ref loopEntries);
                    }
                    else if (e.Reason == TierUpReason.Calls)
                    {
                        Interlocked.Increment(ref compiledByCalls);
                    }
                    else if (e.Reason == TierUpReason.Loop)
                    {
                        Interlocked.Increment(ref compiledByLoops);
                    }
                },
            };
            if (parse.GetValue(tierUp) is { } budgets)
            {
                var parts = budgets.Split(',');
                options = options with
                {
                    TierUpCalls = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                    TierUpBackEdges = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : options.TierUpBackEdges,
                };
            }
            var files = ExpandPaths(parse.GetValue(paths) ?? []);
            var showFailures = parse.GetValue(failures);
            var results = WastRunner.RunAll(files, options, r =>
            {
                output.WriteLine(r.Summary());
                if (showFailures)
                {
                    foreach (var f in r.Failures.OrderBy(f => f.Line))
                    {
                        output.WriteLine($"  {f}");
                    }
                }
            });
            output.WriteLine(WastRunner.Total(results));
            if (options.Engine == SpecEngine.Tiered)
            {
                output.WriteLine($"tier-ups: {compiledByCalls} functions compiled by calls, {compiledByLoops} by loops, " +
                    $"{loopEntries} loop entries, {refused} refused");
            }

            if (parse.GetValue(json) is { } jsonPath)
            {
                using var stream = File.Create(jsonPath);
                SpecJsonReport.Write(stream, results, options.Engine);
            }
            return results.Any(r => r.Failed > 0) ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    private static List<SpecFile> ExpandPaths(string[] paths)
    {
        if (paths.Length == 0)
        {
            var root = TestSuiteLocator.Find(out var searched);
            paths = [root ?? throw new CliException(TestSuiteLocator.NotFoundMessage(searched))];
        }
        string? suiteRoot = null;
        for (var i = 0; i < paths.Length; i++)
        {
            var p = paths[i];
            if (!File.Exists(p) && !Directory.Exists(p) && !Path.IsPathRooted(p))
            {
                // "core/i32.wast" also means that file of the suite, wherever we run from.
                suiteRoot ??= TestSuiteLocator.Find(out _) ?? "";
                var inSuite = suiteRoot.Length == 0 ? null : Path.Combine(suiteRoot, p);
                if (inSuite is not null && (File.Exists(inSuite) || Directory.Exists(inSuite)))
                {
                    paths[i] = p = inSuite;
                }
            }
            if (!File.Exists(p) && !Directory.Exists(p))
            {
                throw new CliException($"no such file or folder: {p}");
            }
            if (File.Exists(p) && !p.EndsWith(".wast", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"{p}: not a .wast script");
            }
        }
        var files = SpecFile.Expand(paths);
        if (files.Count == 0)
        {
            throw new CliException($"no .wast files in {string.Join(", ", paths)}");
        }
        return files;
    }

    private static SkipList LoadSkipList(string? path, bool noSkip)
    {
        if (noSkip)
        {
            return SkipList.Empty;
        }
        path ??= SkipList.FindDefault();
        if (path is null)
        {
            return SkipList.Empty;
        }
        try
        {
            return SkipList.Load(path);
        }
        catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: {CommandAction.OneLine(e.Message)}");
        }
    }
}
