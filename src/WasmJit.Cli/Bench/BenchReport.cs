using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using WasmJit.Runtime;

namespace WasmJit.Cli.Bench;

// The public API has its own Store/Table; these files mean the other one.
using Table = Spectre.Console.Table;

/// <summary>
/// Presents a <see cref="BenchResult"/>: a table of min/median/max per engine with the ratio of our median to each
/// comparison's, the tier-up events, and optionally a JSON file (for scripts such as perf/run-benchmarks.sh) and an
/// SVG chart.
/// </summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Plain lines go straight to <paramref name="output"/> (never wrapped); the table through Spectre.</summary>
    public static void Write(TextWriter output, IAnsiConsole console, BenchResult r)
    {
        var ci = CultureInfo.InvariantCulture;
        var o = r.Options;
        output.WriteLine(string.Create(ci, $"{o.File}: {r.ModuleBytes} bytes, decoded and validated in {r.DecodeValidateMs:F1} ms"));
        if (r.Output is { } text)
        {
            var lines = text.Split('\n');
            output.WriteLine($"output, identical in every run{(r.Series.Count > 1 ? " and engine" : "")}:");
            foreach (var line in lines.Take(5))
            {
                output.WriteLine($"  {line.TrimEnd('\r')}");
            }
            if (lines.Length > 5)
            {
                output.WriteLine($"  ... ({lines.Length} lines)");
            }
        }
        if (r.WarmupTimesMs.Count > 0)
        {
            output.WriteLine(string.Create(ci, $"warm-up: {string.Join(", ", r.WarmupTimesMs.Select(t => t.ToString("F2", ci)))} ms"));
        }
        var table = new Table { Border = TableBorder.Rounded };
        foreach (var c in new[] { "engine", "runs", "min ms", "median ms", "max ms", "ours / this" })
        {
            table.AddColumn(new TableColumn(c) { Alignment = c == "engine" ? Justify.Left : Justify.Right });
        }
        double ourMedian = r.Series[0].Stats.MedianMs;
        foreach (var s in r.Series)
        {
            var st = s.Stats;
            table.AddRow(
                Markup.Escape(s.Name),
                st.Count.ToString(ci),
                st.MinMs.ToString("F2", ci),
                st.MedianMs.ToString("F2", ci),
                st.MaxMs.ToString("F2", ci),
                Ratio(ourMedian / st.MedianMs));
        }
        console.Write(table);
        foreach (var s in r.Series.Skip(1))
        {
            output.WriteLine($"{r.Series[0].Name} / {s.Name} = {Ratio(ourMedian / s.Stats.MedianMs)} " +
                $"(medians; {s.Name}'s times are a whole process: {(s.Name == "node" ? "node start-up and V8 compilation" : "process start-up")} included)");
        }
        output.WriteLine(o.Invoke is null
            ? "wasmjit's times cover instantiation (fresh store and instance) and _start; decoding is done once, before."
            : $"wasmjit's times cover one call of {o.Invoke} on an instance kept between calls.");
        if (r.TierUps.Count == 0)
        {
            output.WriteLine($"tier-up events: none ({NoTierUpReason(o.Engine)})");
        }
        else
        {
            output.WriteLine("tier-up events:");
            foreach (var e in r.TierUps)
            {
                output.WriteLine(string.Create(ci, $"  {e.AtMs,10:F1} ms  {e.Function}: {e.Reason}"));
            }
        }
    }

    private static string Ratio(double x) =>
        (x >= 0.1 ? x.ToString("F2", CultureInfo.InvariantCulture) : x.ToString("G3", CultureInfo.InvariantCulture)) + "x";

    private static string NoTierUpReason(EngineKind engine) => engine switch
    {
        EngineKind.Interpreter => "the interpreter never tiers up",
        EngineKind.Jit => "the jit engine compiles everything up front",
        _ => "the runtime publishes no tier-up events yet",
    };

    /// <summary>The JSON document for <c>--json</c>; <see cref="Unavailable"/> writes the same shape with no times.</summary>
    public static object ToJson(BenchResult r) => new
    {
        file = r.Options.File,
        engine = BenchHost.EngineName(r.Options.Engine),
        available = true,
        reason = (string?)null,
        mode = r.Options.Invoke is null ? "start" : "invoke",
        invoke = r.Options.Invoke,
        args = r.Options.InvokeArgs ?? [],
        iterations = r.Options.Iterations,
        warmup = r.Options.Warmup,
        moduleBytes = r.ModuleBytes,
        decodeValidateMs = r.DecodeValidateMs,
        output = r.Output,
        warmupTimesMs = r.WarmupTimesMs,
        series = r.Series.Select(s => new
        {
            name = s.Name,
            command = s.Command,
            timesMs = s.TimesMs,
            startsMs = s.StartsMs,
            minMs = s.Stats.MinMs,
            medianMs = s.Stats.MedianMs,
            maxMs = s.Stats.MaxMs,
            meanMs = s.Stats.MeanMs,
            stdDevMs = s.Stats.StdDevMs,
            oursOverThis = r.Series[0].Stats.MedianMs / s.Stats.MedianMs,
        }),
        tierUps = r.TierUps.Select(t => new { atMs = t.AtMs, function = t.Function, reason = t.Reason }),
    };

    public static object Unavailable(BenchOptions o, string reason) => new
    {
        file = o.File,
        engine = BenchHost.EngineName(o.Engine),
        available = false,
        reason,
        mode = o.Invoke is null ? "start" : "invoke",
        invoke = o.Invoke,
        args = o.InvokeArgs ?? [],
        iterations = o.Iterations,
        warmup = o.Warmup,
        series = Array.Empty<object>(),
        tierUps = Array.Empty<object>(),
    };

    public static void WriteJson(string path, object document) => File.WriteAllText(path, JsonSerializer.Serialize(document, s_json) + "\n");

    public static void WriteChart(string path, BenchResult r)
    {
        var title = $"{Path.GetFileName(r.Options.File)}{(r.Options.Invoke is { } f ? " " + f : "")}: time per iteration";
        var markers = r.TierUps.Select(t => new ChartMarker(t.AtMs, $"{t.Function}: {t.Reason}")).ToList();
        var svg = SvgChart.Render(title, [.. r.Series.Select(s => (s.Name, s.TimesMs))], markers, r.Series[0].StartsMs);
        File.WriteAllText(path, svg);
    }
}
