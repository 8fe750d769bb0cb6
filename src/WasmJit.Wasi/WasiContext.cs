using System.Diagnostics;

namespace WasmJit.Wasi;

/// <summary>
/// The state of one WASI preview1 program: arguments, environment, clocks, and a virtual fd table whose
/// directories are the preopens (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md).
/// Every function is a method taking guest pointers as <c>uint</c> and returning an <see cref="Errno"/>; partial
/// files group them as the witx does (args, clocks, fd, path, poll, proc, random, sock).
/// </summary>
internal sealed partial class WasiContext : IDisposable
{
    private readonly List<WasiFd?> _fds = [];
    private readonly WasiOptions _options;
    private readonly Stopwatch _monotonic = Stopwatch.StartNew();
    private readonly long _monotonicBaseNs;

    public WasiContext(WasiOptions options)
    {
        _options = options;
        _monotonicBaseNs = DateTime.UtcNow.Ticks * 100;
        _fds.Add(new WasiFd
        {
            Kind = WasiFdKind.Stream, Stream = options.Stdin ?? Console.OpenStandardInput(), Readable = true,
            RightsBase = WasiConstants.StdioRights,
        });
        _fds.Add(new WasiFd
        {
            Kind = WasiFdKind.Stream, Stream = options.Stdout ?? Console.OpenStandardOutput(), Writable = true,
            RightsBase = WasiConstants.StdioRights,
        });
        _fds.Add(new WasiFd
        {
            Kind = WasiFdKind.Stream, Stream = options.Stderr ?? Console.OpenStandardError(), Writable = true,
            RightsBase = WasiConstants.StdioRights,
        });
        foreach (var p in options.Preopens)
        {
            _fds.Add(new WasiFd
            {
                Kind = WasiFdKind.Directory, HostPath = p.HostPath, Root = p.HostPath, PreopenName = p.GuestPath,
                RightsBase = WasiConstants.DirRights, RightsInheriting = WasiConstants.AllRights,
            });
        }
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
        if ((uint)fd >= (uint)_fds.Count || _fds[fd] is not { } f)
        {
            throw new WasiErrnoException(Errno.Badf);
        }
        if ((f.RightsBase & rights) != rights)
        {
            throw new WasiErrnoException(Errno.NotCapable);
        }
        return f;
    }

    private int Allocate(WasiFd fd)
    {
        for (int i = 3; i < _fds.Count; i++)
        {
            if (_fds[i] is null)
            {
                _fds[i] = fd;
                return i;
            }
        }
        _fds.Add(fd);
        return _fds.Count - 1;
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

    public void Dispose()
    {
        foreach (var f in _fds)
        {
            f?.CloseHost();
        }
        _fds.Clear();
    }
}
