using System.CommandLine;
using Spectre.Console;
using WasmJit.Cli.Bench;

namespace WasmJit.Cli.Commands;

/// <summary>
/// <c>wasmjit bench FILE [--invoke NAME [ARGS...]] [--engine interp|jit|tiered] [--iterations N] [--warmup N]
/// [--json FILE] [--chart FILE.svg] [--compare node] [--compare native:CMD]</c>: runs a WASI command's
/// <c>_start</c> (fresh instance each time) or one export repeatedly and reports min/median/max, the ratio to node
/// or a native build run interleaved in the same session, and the tier-up events. An engine this build cannot run
/// is reported as n/a with the reason (exit 1), never with made-up numbers.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The module (.wasm or .wat): a WASI command, or any module with --invoke." };
        var args = new Argument<string[]>("ARGS")
        {
            Description = "Arguments of the --invoke function, parsed by its parameter types.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var invoke = new Option<string?>("--invoke") { Description = "Benchmark this exported function instead of _start." };
        var engine = new Option<string>("--engine", "-e") { Description = "Execution engine.", DefaultValueFactory = _ => "interp" };
        engine.AcceptOnlyFromAmong("interp", "jit", "tiered");
        var iterations = new Option<int>("--iterations", "-n") { Description = "Measured iterations.", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup", "-w") { Description = "Unmeasured runs first.", DefaultValueFactory = _ => 1 };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to FILE." };
        var chart = new Option<string?>("--chart") { Description = "Also draw time per iteration as an SVG to FILE." };
        var compare = new Option<string[]>("--compare")
        {
            Description = "Also run under 'node' (perf/kernels/run-node.mjs) or 'native:CMD', interleaved, and print the ratio.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("bench", "Benchmark a module: time per iteration, comparisons, tier-up events.")
        {
            file, args, invoke, engine, iterations, warmup, json, chart, compare,
        };
        command.SetAction(parse => CommandAction.Guard(parse, (output, error) =>
        {
            var path = parse.GetValue(file)!;
            int n = parse.GetValue(iterations), w = parse.GetValue(warmup);
            if (n < 1 || w < 0)
            {
                throw new CliException("--iterations must be at least 1 and --warmup at least 0");
            }
            var invokeArgs = parse.GetValue(args) ?? [];
            var invokeName = parse.GetValue(invoke);
            if (invokeName is null && invokeArgs.Length > 0)
            {
                throw new CliException($"unexpected argument '{invokeArgs[0]}' (arguments go to an --invoke function)");
            }
            var options = new BenchOptions(path, BenchHost.ParseEngine(parse.GetValue(engine)!), n, w, invokeName, invokeArgs,
                ParseComparisons(path, parse.GetValue(compare) ?? []));
            ModuleInput.ReadFile(path);

            if (BenchHost.Unavailable(options.Engine) is { } reason)
            {
                error.WriteLine($"wasmjit: engine {BenchHost.EngineName(options.Engine)}: n/a ({reason})");
                if (parse.GetValue(json) is { } naPath)
                {
                    BenchReport.WriteJson(naPath, BenchReport.Unavailable(options, reason));
                }
                return ExitCodes.Failed;
            }

            var console = ConsoleFactory.For(output);
            BenchResult result;
            if (console.Profile.Capabilities.Interactive)
            {
                result = null!;
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask(Path.GetFileName(path), maxValue: BenchRunner.TotalRuns(options));
                        result = new BenchRunner(options)
                        {
                            Progress = (what, done) =>
                            {
                                task.Description = Markup.Escape($"{Path.GetFileName(path)}: {what}");
                                task.Value = done;
                            },
                        }.Run();
                    });
            }
            else
            {
                result = new BenchRunner(options).Run();
            }

            BenchReport.Write(output, console, result);
            if (parse.GetValue(json) is { } jsonPath)
            {
                BenchReport.WriteJson(jsonPath, BenchReport.ToJson(result));
            }
            if (parse.GetValue(chart) is { } chartPath)
            {
                BenchReport.WriteChart(chartPath, result);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary><c>node</c> or <c>native:CMD</c> (CMD split at spaces; quote with "..." to keep spaces).</summary>
    internal static List<Comparison> ParseComparisons(string file, IEnumerable<string> specs)
    {
        var list = new List<Comparison>();
        foreach (var spec in specs)
        {
            if (spec == "node")
            {
                var runner = ExternalRunner.FindNodeRunner()
                    ?? throw new CliException("--compare node needs perf/kernels/run-node.mjs (run from inside the repository)");
                list.Add(new Comparison("node", "node", [runner, file]));
            }
            else if (spec.StartsWith("native:", StringComparison.Ordinal) && SplitCommand(spec["native:".Length..]) is [var exe, .. var rest])
            {
                list.Add(new Comparison("native", exe, rest));
            }
            else
            {
                throw new CliException($"--compare {spec}: expected 'node' or 'native:CMD'");
            }
        }
        return list;
    }

    internal static List<string> SplitCommand(string command)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in command)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }
        if (any)
        {
            parts.Add(current.ToString());
        }
        return parts;
    }
}
