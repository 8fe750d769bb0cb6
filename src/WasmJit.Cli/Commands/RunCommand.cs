using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WasmJit.Cli.Commands;

/// <summary>
/// <c>wasmjit run [OPTIONS] FILE [-- ARGS...]</c>: runs a WASI preview1 program through the public embedding API.
/// A command (exports <c>_start</c>) runs <c>_start</c> with ARGS as its argv after <c>--argv0</c>; with
/// <c>--invoke NAME</c>, a reactor's <c>_initialize</c> runs first, then NAME with ARGS parsed by its parameter
/// types, and each result is printed on its own line. The exit code is the program's (<c>proc_exit</c>, 0 when
/// <c>_start</c> returns); a trap prints its message and the wasm backtrace on stderr and exits 134 (as an abort
/// does, and as node's runner reports it); a module that cannot be linked (e.g. an unknown import, named by
/// module and field) exits 1.
/// <para>
/// Memories the module imports from <c>env</c> are created from their declared type. A wasi-threads program (it
/// imports <c>wasi.thread-spawn</c>) runs with <c>DefineWasiThreads</c>: one WASI context for all its threads, and
/// the program ends at the first of <c>_start</c> returning, or a <c>proc_exit</c> or trap on any thread; the other
/// threads are then cancelled and joined before the exit code is reported (src/WasmJit.Wasi/RATIONALE.md).
/// </para>
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The module to run (.wasm or .wat)." };
        var programArgs = new Argument<string[]>("ARGS")
        {
            Description = "Arguments of the program (after --), or of the function given with --invoke.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var invoke = new Option<string?>("--invoke") { Description = "Call this exported function instead of _start; print its results." };
        var dirs = new Option<string[]>("--dir")
        {
            Description = "Give the program a host directory: HOST, or HOST::GUEST to name it GUEST (which may be /). Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var envs = new Option<string[]>("--env")
        {
            Description = "Set an environment variable of the program: K=V, or K to pass the host's value. Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var tcpListen = new Option<string[]>("--tcplisten")
        {
            Description = "Listen on HOST:PORT (TCP) and give the program the socket as a preopened fd, after the --dir ones (for sock_accept). Repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var argv0 = new Option<string?>("--argv0") { Description = "argv[0] of the program (default: the file name)." };
        var engine = new Option<string>("--engine", "-e")
        {
            Description = "Execution engine.",
            DefaultValueFactory = _ => "tiered",
        };
        engine.AcceptOnlyFromAmong("interp", "jit", "tiered");
        var validation = new Option<string>("--validation")
        {
            Description = "When function bodies are validated: lazy (each on its first call; fast start-up of big modules) or eager (all before running, as the spec requires).",
            DefaultValueFactory = _ => "lazy",
        };
        validation.AcceptOnlyFromAmong("lazy", "eager");
        var fuel = new Option<long?>("--fuel") { Description = "Stop the program after N units of fuel (one per executed wasm instruction; the same in every engine)." };
        var timeout = new Option<string?>("--timeout") { Description = "Stop the program after T (e.g. 10s, 500ms, 2m; a bare number is seconds)." };

        var command = new Command("run", "Run a WebAssembly program (WASI preview1 command or reactor).")
        {
            file, programArgs, invoke, dirs, envs, tcpListen, argv0, engine, validation, fuel, timeout,
        };
        command.SetAction(parse => CommandAction.Guard(parse, (output, error) =>
        {
            var limits = StoreLimits.Default;
            if (parse.GetValue(fuel) is long n)
            {
                limits = n >= 0 ? limits.WithFuel(n) : throw new CliException($"--fuel {n}: must not be negative");
            }
            if (parse.GetValue(timeout) is string t)
            {
                limits = limits.WithTimeout(ParseDuration(t) ?? throw new CliException($"--timeout {t}: not a duration (e.g. 10s, 500ms, 2m)"));
            }
            var path = parse.GetValue(file)!;
            var request = new RunRequest(
                path,
                parse.GetValue(programArgs) ?? [],
                parse.GetValue(invoke),
                parse.GetValue(dirs) ?? [],
                parse.GetValue(envs) ?? [],
                parse.GetValue(tcpListen) ?? [],
                parse.GetValue(argv0) ?? Path.GetFileName(path),
                parse.GetValue(engine)!,
                limits,
                parse.GetValue(validation) != "eager");
            return Run(request, output, error);
        }));
        return command;
    }

    private sealed record RunRequest(string File, string[] Args, string? Invoke, string[] Dirs, string[] Env, string[] TcpListen, string Argv0, string Engine, StoreLimits Limits, bool LazyValidation);

    /// <summary>"500ms", "10s", "2m", "1h", or a bare number of seconds; null when it is none of those or not positive.</summary>
    internal static TimeSpan? ParseDuration(string s)
    {
        s = s.Trim();
        (string number, double scale) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (s[..^2], 1e-3),
            _ when s.EndsWith('s') || s.EndsWith('S') => (s[..^1], 1.0),
            _ when s.EndsWith('m') || s.EndsWith('M') => (s[..^1], 60.0),
            _ when s.EndsWith('h') || s.EndsWith('H') => (s[..^1], 3600.0),
            _ => (s, 1.0),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && v * scale < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(v * scale)
            : null;
    }

    private static int Run(RunRequest r, TextWriter output, TextWriter error)
    {
        var strategy = r.Engine switch
        {
            "jit" => ExecutionStrategy.Jit,
            "tiered" => ExecutionStrategy.Tiered,
            _ => ExecutionStrategy.Interpreter,
        };
        var engine = new Engine(EngineConfig.Default.WithStrategy(strategy).WithLazyValidation(r.LazyValidation));
        var module = Module.FromOwnedBytes(engine, ModuleInput.LoadForRun(r.File), Path.GetFileNameWithoutExtension(r.File));
        var wasi = WasiOptions.Default.WithArgs(r.Invoke is null ? [r.Argv0, .. r.Args] : [r.Argv0]);
        foreach (var e in r.Env)
        {
            int eq = e.IndexOf('=', StringComparison.Ordinal);
            wasi = eq > 0
                ? wasi.WithEnvironment(e[..eq], e[(eq + 1)..])
                : wasi.WithEnvironment(e, Environment.GetEnvironmentVariable(e)
                    ?? throw new CliException($"--env {e}: no such variable in the host environment (use {e}=VALUE)"));
        }
        foreach (var d in r.Dirs)
        {
            int sep = d.LastIndexOf("::", StringComparison.Ordinal);
            var (host, guest) = sep >= 0 ? (d[..sep], d[(sep + 2)..]) : (d, d);
            if (!Directory.Exists(host))
            {
                throw new CliException($"--dir {d}: no such directory: {host}");
            }
            wasi = wasi.WithPreopenedDirectory(host, guest);
        }
        // The listeners live as long as the run: the program only borrows them.
        var listeners = new List<Socket>();
        try
        {
            foreach (var l in r.TcpListen)
            {
                var socket = Listen(l);
                listeners.Add(socket);
                wasi = wasi.WithPreopenedSocket(socket);
            }
            return Run(r, module, engine, wasi, output, error);
        }
        finally
        {
            foreach (var socket in listeners)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>A TCP socket bound to HOST:PORT (HOST a name or an address, IPv6 in brackets) and listening.</summary>
    internal static Socket Listen(string hostPort)
    {
        int colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
        {
            throw new CliException($"--tcplisten {hostPort}: not HOST:PORT");
        }
        string host = hostPort[..colon].Trim('[', ']');
        IPAddress address;
        try
        {
            address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host)[0];
        }
        catch (Exception e) when (e is SocketException or IndexOutOfRangeException)
        {
            throw new CliException($"--tcplisten {hostPort}: cannot resolve {host}");
        }
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new CliException($"--tcplisten {hostPort}: {e.Message}");
        }
    }

    private static int Run(RunRequest r, Module module, Engine engine, WasiOptions wasi, TextWriter output, TextWriter error)
    {
        bool threaded = module.Imports.Any(i => i.Module == "wasi" && i.Name == "thread-spawn" && i.Kind == ExternKind.Func);
        // Threads may still be writing when the program ends (wasi-threads: the first thread to finish it wins), so
        // their output goes through gates that run closes before returning: nothing is written after that.
        var stdout = !ReferenceEquals(output, Console.Out) ? new TextWriterStream(output) : threaded ? Console.OpenStandardOutput() : null;
        var stderr = !ReferenceEquals(error, Console.Error) ? new TextWriterStream(error) : threaded ? Console.OpenStandardError() : null;
        var gates = new List<GatedStream>();
        if (stdout is not null)
        {
            wasi = wasi.WithStdout(threaded ? Gate(stdout) : stdout);
        }
        if (stderr is not null)
        {
            wasi = wasi.WithStderr(threaded ? Gate(stderr) : stderr);
        }

        Stream Gate(Stream s)
        {
            var g = new GatedStream(s);
            gates.Add(g);
            return g;
        }

        // Cancelling it stops every thread of the program (their stores share it): loops and parked waits end. Not
        // disposed: a thread stuck in a host call may still fail (and cancel it) after run has returned.
        var stop = new CancellationTokenSource();
        Store store;
        try
        {
            store = new Store(engine, r.Limits, threaded ? stop.Token : CancellationToken.None);
        }
        catch (NotSupportedException e)
        {
            throw new CliException($"--engine {r.Engine}: {e.Message}");
        }
        var outcome = new ProgramOutcome();
        using (store)
        {
            var linker = new Linker(engine).DefineWasi(wasi);
            DefineImportedMemories(linker, store, module);
            if (threaded)
            {
                linker.DefineWasiThreads(module, (_, e) =>
                {
                    outcome.End(e);
                    stop.Cancel();
                });
            }
            object?[]? results = null;
            try
            {
                var instance = linker.Instantiate(store, module);
                if (r.Invoke is null)
                {
                    var start = instance.GetFunction("_start")
                        ?? throw new CliException($"{r.File}: the module exports no _start function; name the function to call with --invoke ({Exported(module)})");
                    if (start.Type.Params.Length != 0 || start.Type.Results.Length != 0)
                    {
                        throw new CliException($"{r.File}: _start must take and return nothing, it is {start.Type}");
                    }
                    start.Invoke();
                }
                else
                {
                    instance.GetFunction("_initialize")?.Invoke();
                    var function = instance.GetFunction(r.Invoke)
                        ?? throw new CliException($"{r.File}: no exported function '{r.Invoke}' ({Exported(module)})");
                    var value = function.Invoke(InvokeArguments.Parse(function.Type, r.Args));
                    results = value is object?[] many ? many : function.Type.Results.Length == 0 ? [] : [value];
                }
                // The main thread returned: the program is over (wasi-threads), whatever other threads are doing.
                if (outcome.End(null))
                {
                    foreach (var v in results ?? [])
                    {
                        output.WriteLine(InvokeArguments.Format(v));
                    }
                }
            }
            catch (Exception e) when (e is WasiExitException or WasmTrapException)
            {
                outcome.End(e);
            }
            finally
            {
                if (threaded)
                {
                    StopThreads(stop, store, gates, error);
                }
                output.Flush();
                error.Flush();
            }
            return Report(outcome.Ending, error);
        }
    }

    /// <summary>
    /// Ends every other thread of the program: cancels their stores and waits a little for them to unwind. A thread
    /// that stays (blocked in a host call, e.g. reading stdin) is a background thread: it cannot keep the process
    /// alive, and the closed gates drop anything it writes.
    /// </summary>
    private static void StopThreads(CancellationTokenSource stop, Store store, List<GatedStream> gates, TextWriter error)
    {
        stop.Cancel();
        bool joined = WasiThreadsLinkerExtensions.JoinWasiThreads(store, ThreadGrace);
        foreach (var g in gates)
        {
            g.Close();
        }
        if (!joined)
        {
            error.WriteLine($"wasmjit: some threads did not stop within {ThreadGrace.TotalSeconds:0.#} s (blocked in a host call); their output is dropped");
        }
    }

    private static readonly TimeSpan ThreadGrace = TimeSpan.FromSeconds(2);

    /// <summary>The exit code of how the program ended (and the trap message on stderr).</summary>
    private static int Report(Exception? ending, TextWriter error)
    {
        switch (ending)
        {
            case null:
                return ExitCodes.Ok;
            case WasiExitException exit:
                return exit.ExitCode;
            case WasmTrapException e:
                error.WriteLine($"wasmjit: trap: {CommandAction.OneLine(e.Message)}");
                if (e.Kind == TrapKind.HostError && e.InnerException is { } inner)
                {
                    error.WriteLine($"  caused by {inner.GetType().FullName}: {CommandAction.OneLine(inner.Message)}");
                }
                if (e.WasmBacktrace.Count > 0)
                {
                    error.WriteLine("wasm backtrace:");
                    for (int i = 0; i < e.WasmBacktrace.Count; i++)
                    {
                        error.WriteLine($"  {i}: {e.WasmBacktrace[i]}");
                    }
                }
                error.Flush();
                return ExitCodes.Trap;
            default:
                // Not the program's doing (a host failure on a spawned thread): as if the main thread had thrown it.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ending);
                return ExitCodes.Internal;
        }
    }

    /// <summary>
    /// Memories the module imports from <c>env</c> (as wasm-ld's <c>--import-memory</c> emits, shared with
    /// <c>--shared-memory</c> for wasi-threads): created in the program's store with the import's declared type.
    /// </summary>
    private static void DefineImportedMemories(Linker linker, Store store, Module module)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in module.Imports)
        {
            if (import.Module == "env" && import.Kind == ExternKind.Memory && import.MemoryType is { } type && defined.Add(import.Name))
            {
                linker.Define("env", import.Name, new Memory(store, store.Inner.CreateMemory(type)));
            }
        }
    }

    /// <summary>
    /// How the program ended: the first of the main thread returning (null), <c>proc_exit</c> or a trap on any
    /// thread. Later endings (e.g. threads interrupted because the program is over) do not count.
    /// </summary>
    private sealed class ProgramOutcome
    {
        private static readonly Exception s_returned = new();
        private Exception? _ending;

        public Exception? Ending => ReferenceEquals(_ending, s_returned) ? null : _ending;

        /// <summary>Records the ending; true if it is the first.</summary>
        public bool End(Exception? ending) => Interlocked.CompareExchange(ref _ending, ending ?? s_returned, null) is null;
    }

    private static string Exported(Module module)
    {
        var names = module.Exports.Where(e => e.Kind == ExternKind.Func).Select(e => e.Name).ToList();
        return names.Count == 0 ? "it exports no functions" : "exported functions: " + string.Join(", ", names);
    }
}
