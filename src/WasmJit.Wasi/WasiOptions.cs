using System.Collections.Immutable;
using System.Net.Sockets;

namespace WasmJit;

/// <summary>
/// What a WASI preview1 program may see: its arguments, environment, and the host directories it is given
/// (capability-based preopens: nothing else of the host file system is reachable). Immutable; build with With... methods.
/// </summary>
public sealed class WasiOptions
{
    private WasiOptions(ImmutableArray<string> args, ImmutableArray<KeyValuePair<string, string>> env,
        ImmutableArray<WasiPreopen> preopens, Stream? stdin, Stream? stdout, Stream? stderr, ImmutableArray<Socket> sockets)
    {
        Sockets = sockets;
        Args = args;
        Environment = env;
        Preopens = preopens;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
    }

    public static WasiOptions Default { get; } = new([], [], [], null, null, null, []);

    /// <summary>argv, including argv[0].</summary>
    public ImmutableArray<string> Args { get; }

    public ImmutableArray<KeyValuePair<string, string>> Environment { get; }

    public ImmutableArray<WasiPreopen> Preopens { get; }

    /// <summary>
    /// Listening TCP sockets the program may accept connections on, as fds after stdio and the preopened
    /// directories, in this order (wasmtime's <c>--tcplisten</c>: fd 3 when there are no directories).
    /// </summary>
    public ImmutableArray<Socket> Sockets { get; }

    /// <summary>Null: the process's own standard input.</summary>
    public Stream? Stdin { get; }

    /// <summary>Null: the process's own standard output.</summary>
    public Stream? Stdout { get; }

    /// <summary>Null: the process's own standard error.</summary>
    public Stream? Stderr { get; }

    public WasiOptions WithArgs(params IEnumerable<string> args) => new([.. args], Environment, Preopens, Stdin, Stdout, Stderr, Sockets);

    public WasiOptions WithEnvironment(string key, string value) =>
        new(Args, Environment.Add(new(key, value)), Preopens, Stdin, Stdout, Stderr, Sockets);

    /// <summary>Gives the program the host directory <paramref name="hostPath"/> under the name <paramref name="guestPath"/>.</summary>
    public WasiOptions WithPreopenedDirectory(string hostPath, string guestPath)
    {
        if (!Directory.Exists(hostPath))
        {
            throw new DirectoryNotFoundException($"preopened directory '{hostPath}' does not exist");
        }
        return new(Args, Environment, Preopens.Add(new WasiPreopen(Path.GetFullPath(hostPath), guestPath)), Stdin, Stdout, Stderr, Sockets);
    }

    /// <summary>
    /// Gives the program <paramref name="listener"/>, a bound and listening stream socket the host created, as a
    /// preopened socket fd (WASI preview1 cannot create or bind sockets itself: <c>sock_accept</c> on it is the
    /// only way in). The host keeps ownership: the program closing the fd, or the program ending, does not close it.
    /// </summary>
    public WasiOptions WithPreopenedSocket(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (listener.SocketType != SocketType.Stream)
        {
            throw new ArgumentException("a preopened socket must be a stream (TCP) socket", nameof(listener));
        }
        if (listener.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.AcceptConnection) is not int listening || listening == 0)
        {
            throw new ArgumentException("a preopened socket must be listening (call Bind and Listen first)", nameof(listener));
        }
        return new(Args, Environment, Preopens, Stdin, Stdout, Stderr, Sockets.Add(listener));
    }

    public WasiOptions WithStdin(Stream stdin) => new(Args, Environment, Preopens, stdin, Stdout, Stderr, Sockets);

    public WasiOptions WithStdout(Stream stdout) => new(Args, Environment, Preopens, Stdin, stdout, Stderr, Sockets);

    public WasiOptions WithStderr(Stream stderr) => new(Args, Environment, Preopens, Stdin, Stdout, stderr, Sockets);
}

/// <summary>A host directory given to the program under a guest name.</summary>
public readonly record struct WasiPreopen(string HostPath, string GuestPath);

/// <summary>The program called <c>proc_exit</c>: not an error, the way a WASI command ends with a status.</summary>
public sealed class WasiExitException(int exitCode) : Exception($"wasi program exited with code {exitCode}"), Embedding.IHostPassThroughException
{
    public int ExitCode { get; } = exitCode;
}
