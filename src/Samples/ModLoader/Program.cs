using Spectre.Console;

namespace WasmJit.Samples.ModLoader;

/// <summary>Runs every mod in <c>mods/</c> (or the folder given) under sandbox limits and prints a table of outcomes.</summary>
public static class Program
{
    public static int Main(string[] args) =>
        Run(AnsiConsole.Console, args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "mods"));

    public static int Run(IAnsiConsole console, string folder)
    {
        var results = new Loader(Loader.DefaultLimits).LoadAll(folder);
        var table = new Spectre.Console.Table().AddColumns("mod", "outcome", "result", "fuel used", "time", "log / error");
        foreach (var r in results)
        {
            string outcome = r.Outcome == "ok" ? "[green]ok[/]" : $"[red]{Markup.Escape(r.Outcome)}[/]";
            string detail = r.Error is { } e ? e.Message.Split('\n')[0] : string.Join("; ", r.Log);
            table.AddRow(
                Markup.Escape(r.Name),
                outcome,
                r.Result?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                r.FuelUsed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                $"{r.Elapsed.TotalMilliseconds:0} ms",
                Markup.Escape(detail));
        }
        console.Write(table);
        console.WriteLine($"{results.Count(r => r.Outcome == "ok")} of {results.Count} mods ran; the host is still here.");
        return 0;
    }
}
