using System.Globalization;
using System.Net;
using System.Text;

namespace WasmJit.Cli.Bench;

/// <summary>A moment worth marking on the chart (a tier-up), at a time since the run started.</summary>
internal sealed record ChartMarker(double AtMs, string Label);

/// <summary>
/// Draws time per iteration as a standalone SVG a browser opens: one polyline per series (wasmjit, node, native),
/// iteration on the x axis, milliseconds on the y axis, with tier-up moments as labelled vertical lines.
/// </summary>
internal static class SvgChart
{
    private const int Width = 960, Height = 540, Left = 70, Right = 200, Top = 40, Bottom = 50;
    private static readonly string[] s_colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    /// <param name="series">Name and per-iteration times in ms.</param>
    /// <param name="markers">Tier-up events; placed at the iteration that was running at that time (first series).</param>
    /// <param name="iterationStartsMs">Start time of each iteration of the first series, to place markers.</param>
    public static string Render(string title, IReadOnlyList<(string Name, IReadOnlyList<double> TimesMs)> series,
        IReadOnlyList<ChartMarker> markers, IReadOnlyList<double> iterationStartsMs)
    {
        var ci = CultureInfo.InvariantCulture;
        int maxN = Math.Max(1, series.Max(s => s.TimesMs.Count));
        // The y axis ends at a multiple of a round step, a little above the slowest iteration.
        double top = Math.Max(1e-6, series.SelectMany(s => s.TimesMs).DefaultIfEmpty(1).Max()) * 1.05;
        double step = NiceStep(top / 5);
        double maxY = step * Math.Max(1, Math.Ceiling(top / step));
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double X(double i) => Left + (maxN == 1 ? plotW / 2 : i / (maxN - 1) * plotW);
        double Y(double v) => Top + plotH - (v / maxY * plotH);

        var sb = new StringBuilder();
        sb.Append(ci, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.Append(ci, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"16\">{WebUtility.HtmlEncode(title)}</text>\n");
        // Axes and grid.
        for (int k = 0; k * step <= maxY * (1 + 1e-9); k++)
        {
            double v = k * step;
            double y = Y(v);
            sb.Append(ci, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotW}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>\n");
            sb.Append(ci, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{v:G4}</text>\n");
        }
        sb.Append(ci, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\" stroke=\"black\"/>\n");
        sb.Append(ci, $"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Left + plotW}\" y2=\"{Top + plotH}\" stroke=\"black\"/>\n");
        sb.Append(ci, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">iteration</text>\n");
        sb.Append(ci, $"<text x=\"16\" y=\"{Top + (plotH / 2)}\" transform=\"rotate(-90 16 {Top + (plotH / 2)})\" text-anchor=\"middle\">ms per iteration</text>\n");
        for (int i = 0; i < maxN; i += Math.Max(1, maxN / 10))
        {
            sb.Append(ci, $"<text x=\"{X(i):F1}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\">{i + 1}</text>\n");
        }
        // Tier-up markers.
        foreach (var m in markers)
        {
            double idx = IterationAt(m.AtMs, iterationStartsMs);
            double x = X(idx);
            sb.Append(ci, $"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Top + plotH}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n");
            sb.Append(ci, $"<text x=\"{x + 3:F1}\" y=\"{Top + 12}\" fill=\"#555\" font-size=\"10\" transform=\"rotate(90 {x + 3:F1} {Top + 12})\">{WebUtility.HtmlEncode(m.Label)}</text>\n");
        }
        // Series.
        for (int s = 0; s < series.Count; s++)
        {
            var (name, times) = series[s];
            string color = s_colors[s % s_colors.Length];
            var pts = string.Join(" ", times.Select((t, i) => string.Create(ci, $"{X(i):F1},{Y(t):F1}")));
            sb.Append(ci, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{pts}\"/>\n");
            foreach (var (t, i) in times.Select((t, i) => (t, i)))
            {
                sb.Append(ci, $"<circle cx=\"{X(i):F1}\" cy=\"{Y(t):F1}\" r=\"2.5\" fill=\"{color}\"><title>{WebUtility.HtmlEncode(name)} #{i + 1}: {t:F3} ms</title></circle>\n");
            }
            double ly = Top + 20 + (s * 20);
            sb.Append(ci, $"<rect x=\"{Width - Right + 20}\" y=\"{ly - 10}\" width=\"14\" height=\"4\" fill=\"{color}\"/>\n");
            sb.Append(ci, $"<text x=\"{Width - Right + 40}\" y=\"{ly - 4}\">{WebUtility.HtmlEncode(name)}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The round grid step (1, 2 or 5 times a power of ten) nearest above <paramref name="rough"/>.</summary>
    internal static double NiceStep(double rough)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double m = rough / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /// <summary>Fractional iteration index at which <paramref name="atMs"/> fell.</summary>
    internal static double IterationAt(double atMs, IReadOnlyList<double> starts)
    {
        if (starts.Count == 0)
        {
            return 0;
        }
        for (int i = starts.Count - 1; i >= 0; i--)
        {
            if (atMs >= starts[i])
            {
                double next = i + 1 < starts.Count ? starts[i + 1] : starts[i] + 1;
                return i + Math.Clamp((atMs - starts[i]) / Math.Max(1e-9, next - starts[i]), 0, 1);
            }
        }
        return 0;
    }
}
