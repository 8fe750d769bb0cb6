namespace WasmJit.Cli.Bench;

/// <summary>Summary of one series of timed iterations.</summary>
internal sealed record BenchStatistics(int Count, double MinMs, double MedianMs, double MaxMs, double MeanMs, double StdDevMs)
{
    public static BenchStatistics From(IReadOnlyList<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samplesMs));
        }
        var sorted = samplesMs.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        double mean = sorted.Average();
        double variance = n > 1 ? sorted.Sum(x => (x - mean) * (x - mean)) / (n - 1) : 0;
        return new BenchStatistics(n, sorted[0], median, sorted[^1], mean, Math.Sqrt(variance));
    }

    /// <summary>Geometric mean of positive ratios (the right mean for speed ratios).</summary>
    public static double GeometricMean(IEnumerable<double> ratios)
    {
        double logSum = 0;
        int n = 0;
        foreach (var r in ratios)
        {
            if (r <= 0 || double.IsNaN(r))
            {
                throw new ArgumentException("ratios must be positive", nameof(ratios));
            }
            logSum += Math.Log(r);
            n++;
        }
        return n == 0 ? double.NaN : Math.Exp(logSum / n);
    }
}
