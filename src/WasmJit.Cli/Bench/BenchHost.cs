using System.Diagnostics;
using System.Globalization;
using System.Text;
using WasmJit.Runtime;
using WasmJit.Wasi;

namespace WasmJit.Cli.Bench;

// The public API has its own Store/Table; these files mean the other one.
using Store = WasmJit.Runtime.Store;

/// <summary>What one run of a command module did: how long it took, its exit code and what it printed.</summary>
internal sealed record CommandRun(double WallMs, int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs modules in one of our engines through the internal runtime facade (<see cref="Store"/>): a WASI command's
/// <c>_start</c> in a fresh store and instance each time, or an export of an instance kept between calls.
/// </summary>
internal static class BenchHost
{
    /// <summary>Null when <paramref name="engine"/> can run code in this build, else why not (shown as "n/a").</summary>
    public static string? Unavailable(EngineKind engine)
    {
        try
        {
            using var store = new Store(new StoreOptions { Engine = engine });
            return null;
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
    }

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
    public static CommandRun RunCommand(WasmModule module, EngineKind engine, IReadOnlyList<string> argv)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var options = WasiOptions.Default.WithArgs(argv).WithStdin(Stream.Null).WithStdout(stdout).WithStderr(stderr);
        // The environment passes through, as under run-node.mjs.
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            options = options.WithEnvironment((string)e.Key, (string?)e.Value ?? "");
        }
        using var context = new WasiContext(options);
        var wasi = new BenchWasi(context);
        var sw = Stopwatch.StartNew();
        int exit = 0;
        using (var store = new Store(new StoreOptions { Engine = engine, Features = WasmFeatures.Default }))
        {
            var instance = store.Instantiate(module, i => wasi.Resolve(module, i), "main");
            wasi.Attach(instance);
            if (instance.GetExport("_start") is not FunctionInstance start)
            {
                throw new CliException("the module exports no _start function (use --invoke NAME to benchmark an export)");
            }
            try
            {
                start.Invoke([]);
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

    /// <summary>Instantiates once for repeated <see cref="FunctionInstance.Invoke"/> of one export.</summary>
    public static (Store Store, FunctionInstance Function) InstantiateForInvoke(WasmModule module, EngineKind engine, string export)
    {
        var options = WasiOptions.Default.WithArgs("bench").WithStdin(Stream.Null).WithStdout(Stream.Null).WithStderr(Stream.Null);
        var wasi = new BenchWasi(new WasiContext(options));
        var store = new Store(new StoreOptions { Engine = engine, Features = WasmFeatures.Default });
        try
        {
            var instance = store.Instantiate(module, i => wasi.Resolve(module, i), "main");
            wasi.Attach(instance);
            if (instance.GetExport(export) is not FunctionInstance f)
            {
                throw new CliException($"the module exports no function named '{export}'");
            }
            return (store, f);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Parses command-line arguments by the function's parameter types.</summary>
    public static WasmValue[] ParseArgs(FuncType type, IReadOnlyList<string> args)
    {
        if (args.Count != type.Params.Length)
        {
            throw new CliException($"the function takes {type.Params.Length} argument(s) ({type}), got {args.Count}");
        }
        var values = new WasmValue[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            var s = args[i];
            var ci = CultureInfo.InvariantCulture;
            values[i] = type.Params[i].Kind switch
            {
                ValKind.I32 when int.TryParse(s, ci, out var v) => WasmValue.FromI32(v),
                ValKind.I32 when uint.TryParse(s, ci, out var v) => WasmValue.FromI32((int)v),
                ValKind.I64 when long.TryParse(s, ci, out var v) => WasmValue.FromI64(v),
                ValKind.I64 when ulong.TryParse(s, ci, out var v) => WasmValue.FromI64((long)v),
                ValKind.F32 when float.TryParse(s, ci, out var v) => WasmValue.FromF32(v),
                ValKind.F64 when double.TryParse(s, ci, out var v) => WasmValue.FromF64(v),
                _ => throw new CliException($"argument {i + 1} '{s}' is not a valid {type.Params[i]}"),
            };
        }
        return values;
    }

    public static string Format(WasmValue[] results) => string.Join(" ", results.Select(r => r.ToString()));
}
