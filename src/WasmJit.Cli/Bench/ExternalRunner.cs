using System.Diagnostics;

namespace WasmJit.Cli.Bench;

/// <summary>Result of running an external program once.</summary>
internal sealed record ExternalRun(double WallMs, int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the comparison engines of <c>wasmjit bench</c> as child processes: node's V8 through perf/kernels/run-node.mjs
/// (<c>--compare node</c>), or a native build (<c>--compare native:CMD</c>). Wall time includes process start, as
/// the same-process wasmjit time does not; the report says so.
/// </summary>
internal static class ExternalRunner
{
    public static ExternalRun Run(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout.TotalSeconds:F0} s");
        }
        p.WaitForExit();
        sw.Stop();
        return new ExternalRun(sw.Elapsed.TotalMilliseconds, p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Finds perf/kernels/run-node.mjs by walking up from the current and the tool's directories.</summary>
    public static string? FindNodeRunner()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "perf", "kernels", "run-node.mjs");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>The <c>checksum: ...</c> line a kernel prints, or null.</summary>
    public static string? Checksum(string stdout) =>
        stdout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("checksum:", StringComparison.Ordinal));
}
