using System.Diagnostics;

namespace WasmJit.Wasi;

/// <summary>
/// The state of one WASI preview1 program: arguments, environment, clocks, and a virtual fd table whose
/// directories are the preopens (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md).
/// Every function is a method taking guest pointers as <c>uint</c> and returning an <see cref="Errno"/>; partial
/// files group them as the witx does (args, clocks, fd, path, poll, proc, random, sock).
/// <para>
/// Thread-safe, because wasi-threads runs one program (one context, one fd table) on many threads: the fd table is
/// copy-on-write (a lookup is one volatile read and an index, no lock; opening, closing and renumbering swap in a new
/// array under <see cref="_tableLock"/>), and each fd serialises its own I/O (<see cref="WasiFd.Sync"/>), so threads
/// reading and writing distinct fds never wait for each other. A single-threaded program pays an uncontended
/// monitor per read or write, next to a system call.
/// </para>
/// </summary>
internal sealed partial class WasiContext : IDisposable
{
    private readonly object _tableLock = new();

    /// <summary>The fd table; never mutated in place once published (see the class comment).</summary>
    private WasiFd?[] _fds;
    private readonly WasiOptions _options;
    private readonly Stopwatch _monotonic = Stopwatch.StartNew();
    private readonly long _monotonicBaseNs;

    public WasiContext(WasiOptions options)
    {
        _options = options;
        _monotonicBaseNs = DateTime.UtcNow.Ticks * 100;
        var fds = new List<WasiFd?>();
        fds.Add(new WasiFd
        {
            Kind = WasiFdKind.Stream, Stream = options.Stdin ?? Console.OpenStandardInput(), Readable = true,
            RightsBase = WasiConstants.StdioRights,
        });
        fds.Add(new WasiFd
        {
            Kind = WasiFdKind.Stream, Stream = options.Stdout ?? Console.OpenStandardOutput(), Writable = true,
            RightsBase = WasiConstants.StdioRights,
        });
        fds.Add(new WasiFd
        {
            Kind = WasiFdKind.Stream, Stream = options.Stderr ?? Console.OpenStandardError(), Writable = true,
            RightsBase = WasiConstants.StdioRights,
        });
        foreach (var p in options.Preopens)
        {
            fds.Add(new WasiFd
            {
                Kind = WasiFdKind.Directory, HostPath = p.HostPath, Root = p.HostPath, PreopenName = p.GuestPath,
                RightsBase = WasiConstants.DirRights, RightsInheriting = WasiConstants.AllRights,
            });
        }
        foreach (var s in options.Sockets)
        {
            fds.Add(new WasiFd { Kind = WasiFdKind.Socket, Socket = s, RightsBase = WasiConstants.ListenerRights });
        }
        _fds = [.. fds];
    }

    public WasiOptions Options => _options;

    /// <summary>Runs one WASI call, turning <see cref="WasiErrnoException"/> into its errno.</summary>
    public static int Guard(Func<Errno> call)
    {
        try
        {
            return (int)call();
        }
        catch (WasiErrnoException e)
        {
            return (int)e.Errno;
        }
    }

    private WasiFd Fd(int fd, ulong rights = 0)
    {
        var table = Volatile.Read(ref _fds);
        if ((uint)fd >= (uint)table.Length || table[fd] is not { } f)
        {
            throw new WasiErrnoException(Errno.Badf);
        }
        if ((f.RightsBase & rights) != rights)
        {
            throw new WasiErrnoException(Errno.NotCapable);
        }
        return f;
    }

    /// <summary>Puts <paramref name="fd"/> in the lowest free slot above stdio (as POSIX open does) and returns its number.</summary>
    private int Allocate(WasiFd fd)
    {
        lock (_tableLock)
        {
            var table = _fds;
            int i = 3;
            while (i < table.Length && table[i] is not null)
            {
                i++;
            }
            var next = new WasiFd?[Math.Max(table.Length, i + 1)];
            table.CopyTo(next, 0);
            next[i] = fd;
            Volatile.Write(ref _fds, next);
            return i;
        }
    }

    /// <summary>Replaces the table by a changed copy (under the table lock).</summary>
    private void UpdateTable(Action<WasiFd?[]> change)
    {
        lock (_tableLock)
        {
            var next = (WasiFd?[])_fds.Clone();
            change(next);
            Volatile.Write(ref _fds, next);
        }
    }

    private static void Check(int rc)
    {
        if (rc < 0)
        {
            throw new WasiErrnoException(Posix.LastErrno());
        }
    }

    private static void RequirePosix()
    {
        if (!Posix.Supported)
        {
            throw new WasiErrnoException(Errno.NotSup);
        }
    }

    /// <summary>Closes the host files the program opened; later calls see an empty fd table (EBADF).</summary>
    public void Dispose()
    {
        WasiFd?[] table;
        lock (_tableLock)
        {
            table = _fds;
            Volatile.Write(ref _fds, []);
        }
        foreach (var f in table)
        {
            f?.CloseHost();
        }
    }
}
