using System.Diagnostics;

namespace WasmJit.SpecRunner;

/// <summary>
/// Runs .wast files (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts) and counts the outcome of
/// every command. Each file runs on its own thread with a large stack and a time limit, so a hang, a deep
/// recursion or a crash in one file never stops the run.
/// </summary>
internal static class WastRunner
{
    /// <summary>Large enough that engines hit their own call-depth limit long before the CLR stack overflows.</summary>
    public const int ThreadStackSize = 256 * 1024 * 1024;

    public static List<FileResult> RunAll(IEnumerable<SpecFile> files, SpecRunOptions options, Action<FileResult>? onFile = null)
    {
        var results = new List<FileResult>();
        foreach (var file in files)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var r = RunFile(file, options);
            results.Add(r);
            onFile?.Invoke(r);
        }
        return results;
    }

    public static FileResult RunFile(SpecFile file, SpecRunOptions options)
    {
        var result = new FileResult(file);
        var sw = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        Exception? crash = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    RunOnThisThread(file, result, options, cts.Token);
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    crash = e;
                }
            },
            ThreadStackSize)
        {
            IsBackground = true,
            Name = $"wast {file.SuitePath}",
        };
        thread.Start();
        if (!thread.Join(options.TimeLimit))
        {
            // The thread cannot be killed; stop it at the next command and stop counting its results.
            cts.Cancel();
            result.Freeze($"timed out after {options.TimeLimit.TotalSeconds:0.###} s");
            thread.Join(TimeSpan.FromSeconds(2));
        }
        else if (crash is not null)
        {
            result.Freeze(OneLine(crash));
        }
        result.Elapsed = sw.Elapsed;
        return result;
    }

    private static void RunOnThisThread(SpecFile file, FileResult result, SpecRunOptions options, CancellationToken token)
    {
        byte[] text;
        try
        {
            // Bytes, not a string: comments.wast holds control characters on purpose; the parser checks UTF-8.
            text = File.ReadAllBytes(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result.Freeze($"cannot read: {e.Message}");
            return;
        }

        var engine = options.Engine.Name();
        var fileSkip = options.SkipList.FileSkipReason(file.SuitePath, engine);
        WastScriptExecutor.Run(file, text, result, options, fileSkip, token);
    }

    /// <summary>A one-line description of an unexpected exception (type and message, never a stack trace).</summary>
    public static string OneLine(Exception e)
    {
        var msg = e.Message.ReplaceLineEndings(" ");
        return e is WasmException ? msg : $"{e.GetType().Name}: {msg}";
    }

    /// <summary>The <c>N passed, M failed, K skipped</c> line over every file.</summary>
    public static string Total(IEnumerable<FileResult> results)
    {
        int p = 0, f = 0, s = 0;
        foreach (var r in results)
        {
            p += r.Passed;
            f += r.Failed;
            s += r.Skipped;
        }
        return $"{p} passed, {f} failed, {s} skipped";
    }
}
