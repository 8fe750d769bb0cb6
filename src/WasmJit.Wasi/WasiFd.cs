using System.Net.Sockets;

namespace WasmJit.Wasi;

internal enum WasiFdKind : byte
{
    /// <summary>A .NET stream: the standard streams, or ones a host supplied.</summary>
    Stream,

    /// <summary>A host file opened with libc (exact seek/append semantics).</summary>
    File,

    /// <summary>A directory: a host path under a preopen root; operations resolve paths relative to it.</summary>
    Directory,

    /// <summary>A stream socket: a preopened listener (host-owned), or a connection <c>sock_accept</c> returned.</summary>
    Socket,
}

/// <summary>
/// One entry of the program's virtual fd table. Closing or renumbering it never closes a host handle the program
/// did not open (closing fd 1 does not close the host's stdout).
/// </summary>
internal sealed class WasiFd
{
    public WasiFdKind Kind { get; init; }

    public Stream? Stream { get; init; }

    /// <summary>For <see cref="WasiFdKind.Socket"/>: the host socket.</summary>
    public Socket? Socket { get; init; }

    /// <summary>True for an accepted connection: closing the fd closes it. A preopened listener stays the host's.</summary>
    public bool OwnsSocket { get; init; }

    /// <summary>True for stdin-like streams.</summary>
    public bool Readable { get; init; }

    public bool Writable { get; init; }

    /// <summary>libc descriptor for <see cref="WasiFdKind.File"/>, else -1.</summary>
    public int HostFd { get; set; } = -1;

    /// <summary>Absolute host path of a file or directory.</summary>
    public string HostPath { get; init; } = "";

    /// <summary>Absolute host path of the preopen this fd was reached through (the capability boundary).</summary>
    public string Root { get; init; } = "";

    /// <summary>For preopens: the name the program sees.</summary>
    public string? PreopenName { get; init; }

    public ulong RightsBase { get; set; }

    public ulong RightsInheriting { get; set; }

    public ushort Flags { get; set; }

    /// <summary>Directory listing cached by fd_readdir so that cookies stay stable across calls.</summary>
    public List<(string Name, byte Type, ulong Ino)>? DirEntries { get; set; }

    public byte FileType => Kind switch
    {
        WasiFdKind.Directory => WasiConstants.FiletypeDirectory,
        WasiFdKind.File => WasiConstants.FiletypeRegularFile,
        WasiFdKind.Socket => WasiConstants.FiletypeSocketStream,
        _ => WasiConstants.FiletypeCharacterDevice,
    };

    /// <summary>Held for the duration of one read or write (and for closing), so the fd serialises its own I/O only.</summary>
    public object Sync { get; } = new();

    /// <summary>Set when <see cref="CloseHost"/> closed the host descriptor (under <see cref="Sync"/>).</summary>
    public bool Closed { get; private set; }

    public void CloseHost()
    {
        if (Socket is not null)
        {
            // No lock: Dispose is thread-safe and wakes a thread blocked in Receive or Accept on it (which then
            // reports EBADF), where waiting for that thread could take forever.
            Closed = true;
            if (OwnsSocket)
            {
                Socket.Dispose();
            }
            return;
        }
        // Streams have no host descriptor: do not take the lock, a thread may be blocked reading stdin under it.
        if (HostFd < 0)
        {
            return;
        }
        lock (Sync)
        {
            if (HostFd >= 0)
            {
                Posix.Close(HostFd);
                HostFd = -1;
                Closed = true;
            }
        }
    }
}
