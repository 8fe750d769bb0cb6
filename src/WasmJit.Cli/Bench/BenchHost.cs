using System.Diagnostics;
using System.Text;
using WasmJit.Runtime;

namespace WasmJit.Cli.Bench;

/// <summary>What one run of a command module did: how long it took, its exit code and what it printed.</summary>
internal sealed record CommandRun(double WallMs, int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs modules in one of our engines through the public embedding API, the way a user would: a WASI command's
/// <c>_start</c> in a fresh store and instance each time (with <see cref="WasiLinkerExtensions.DefineWasi"/>), or an
/// export of an instance kept between calls.
/// </summary>
internal static class BenchHost
{
    /// <summary>Null when <paramref name="engine"/> can run code in this build, else why not (shown as "n/a").</summary>
    public static string? Unavailable(EngineKind engine)
    {
        try
        {
            using var store = new Store(CreateEngine(engine));
            return null;
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
    }

    public static Engine CreateEngine(EngineKind engine) => new(EngineConfig.Default.WithStrategy(engine switch
    {
        EngineKind.Interpreter => ExecutionStrategy.Interpreter,
        EngineKind.Jit => ExecutionStrategy.Jit,
        _ => ExecutionStrategy.Tiered,
    }));

    public static EngineKind ParseEngine(string name) => name switch
    {
        "interp" or "interpreter" => EngineKind.Interpreter,
        "jit" => EngineKind.Jit,
        "tiered" => EngineKind.Tiered,
        _ => throw new CliException($"unknown engine '{name}' (expected interp, jit or tiered)"),
    };

    public static string EngineName(EngineKind engine) => engine switch
    {
        EngineKind.Interpreter => "interp",
        EngineKind.Jit => "jit",
        _ => "tiered",
    };

    /// <summary>
    /// Instantiates <paramref name="module"/> in a new store and runs its <c>_start</c> with stdout and stderr
    /// captured. The time covers instantiation and the run (not decoding, which the caller did once).
    /// </summary>
    public static CommandRun RunCommand(Module module, IReadOnlyList<string> argv)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var options = WasiOptions.Default.WithArgs(argv).WithStdin(Stream.Null).WithStdout(stdout).WithStderr(stderr);
        // The environment passes through, as under run-node.mjs.
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            options = options.WithEnvironment((string)e.Key, (string?)e.Value ?? "");
        }
        var sw = Stopwatch.StartNew();
        int exit = 0;
        using (var store = new Store(module.Engine))
        {
            var instance = new Linker(module.Engine).DefineWasi(options).Instantiate(store, module);
            var start = instance.GetFunction("_start")
                ?? throw new CliException("the module exports no _start function (use --invoke NAME to benchmark an export)");
            try
            {
                start.Invoke();
            }
            catch (WasiExitException e)
            {
                exit = e.ExitCode;
            }
        }
        sw.Stop();
        return new CommandRun(sw.Elapsed.TotalMilliseconds, exit, Encoding.UTF8.GetString(stdout.ToArray()),
            Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>Instantiates once for repeated calls of one export (WASI defined, with no output).</summary>
    public static (Store Store, Function Function) InstantiateForInvoke(Module module, string export)
    {
        var options = WasiOptions.Default.WithArgs("bench").WithStdin(Stream.Null).WithStdout(Stream.Null).WithStderr(Stream.Null);
        var store = new Store(module.Engine);
        try
        {
            var instance = new Linker(module.Engine).DefineWasi(options).Instantiate(store, module);
            var f = instance.GetFunction(export) ?? throw new CliException($"the module exports no function named '{export}'");
            return (store, f);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
