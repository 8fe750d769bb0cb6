using System.Buffers;
using System.Net.Sockets;
using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi;

/// <summary>
/// Sockets (witx <c>sock_accept</c>, <c>sock_recv</c>, <c>sock_send</c>, <c>sock_shutdown</c>): preview1 cannot
/// create, bind or connect sockets, so a program only has the listening sockets the host preopened
/// (<see cref="WasiOptions.WithPreopenedSocket"/>) and the connections it accepts on them. Any sock_* call on an fd
/// that is no socket is <see cref="Errno.NotSup"/>, as issue #7 words it; an unknown or
/// closed fd is <see cref="Errno.Badf"/>. <c>fd_read</c>, <c>fd_write</c> and <c>fd_close</c> work on connections too.
/// <para>
/// Socket I/O takes no per-fd lock: a .NET socket is safe for one receiver and one sender at once, and a thread
/// blocked in a receive must not hold up a send (a chat-like program) or a close (which wakes it, see
/// <see cref="WasiFd.CloseHost"/>). The <c>nonblock</c> fdflag is honoured with a zero-timeout readiness poll first.
/// </para>
/// </summary>
internal sealed partial class WasiContext
{
    public Errno SockAccept(IGuestMemory m, int fd, uint flags, uint resultFdPtr)
    {
        var f = SocketFd(fd, RightSockAccept);
        if ((flags & ~(uint)FdflagNonblock) != 0)
        {
            return Errno.Inval;
        }
        if (f.OwnsSocket)
        {
            // A connection is not listening (Linux accept says EINVAL too).
            return Errno.Inval;
        }
        var listener = f.Socket!;
        Socket conn;
        try
        {
            // Non-blocking when the call asks for it or the listener's fdflags say so.
            if (((f.Flags | flags) & FdflagNonblock) != 0 && !listener.Poll(0, SelectMode.SelectRead))
            {
                return Errno.Again;
            }
            conn = listener.Accept();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return FromSocket(e);
        }
        int newFd = Allocate(new WasiFd
        {
            Kind = WasiFdKind.Socket, Socket = conn, OwnsSocket = true, Flags = (ushort)flags,
            RightsBase = ConnectionRights,
        });
        m.WriteU32(resultFdPtr, (uint)newFd);
        return Errno.Success;
    }

    public Errno SockRecv(IGuestMemory m, int fd, uint riData, uint riDataLen, uint riFlags, uint roDataLenPtr, uint roFlagsPtr)
    {
        var f = SocketFd(fd, RightFdRead);
        if ((riFlags & ~(uint)(RiflagRecvPeek | RiflagRecvWaitall)) != 0)
        {
            return Errno.Inval;
        }
        var e = Receive(m, f, riData, riDataLen, (ushort)riFlags, out uint n);
        if (e == Errno.Success)
        {
            m.WriteU32(roDataLenPtr, n);
            // Stream sockets never truncate a message: roflags stay empty.
            m.WriteU16(roFlagsPtr, 0);
        }
        return e;
    }

    public Errno SockSend(IGuestMemory m, int fd, uint siData, uint siDataLen, uint siFlags, uint soDataLenPtr)
    {
        // siflags has no flags defined in preview1; like wasmtime, anything there is ignored.
        _ = siFlags;
        var f = SocketFd(fd, RightFdWrite);
        var e = Send(m, f, siData, siDataLen, out uint n);
        if (e == Errno.Success)
        {
            m.WriteU32(soDataLenPtr, n);
        }
        return e;
    }

    public Errno SockShutdown(int fd, uint how)
    {
        var f = SocketFd(fd, RightSockShutdown);
        var mode = how switch
        {
            SdflagRd => SocketShutdown.Receive,
            SdflagWr => SocketShutdown.Send,
            SdflagRd | SdflagWr => SocketShutdown.Both,
            _ => (SocketShutdown?)null,
        };
        if (mode is null)
        {
            return Errno.Inval;
        }
        try
        {
            f.Socket!.Shutdown(mode.Value);
            return Errno.Success;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return FromSocket(e);
        }
    }

    /// <summary>The socket fd <paramref name="fd"/>: EBADF when there is none, ENOTSUP when it is no socket, then the rights.</summary>
    private WasiFd SocketFd(int fd, ulong rights)
    {
        var f = Fd(fd);
        if (f.Kind != WasiFdKind.Socket)
        {
            throw new WasiErrnoException(Errno.NotSup);
        }
        if (f.Closed)
        {
            throw new WasiErrnoException(Errno.Badf);
        }
        return Fd(fd, rights);
    }

    /// <summary>
    /// Receives into the iovecs at <paramref name="iovs"/>: blocks for the first bytes (unless nonblock), then takes
    /// what is already there, as recv does; with <c>recv_waitall</c> until every iovec is full or the peer has
    /// finished; with <c>recv_peek</c> the bytes stay queued.
    /// </summary>
    private static Errno Receive(IGuestMemory m, WasiFd f, uint iovs, uint iovsLen, ushort flags, out uint total)
    {
        total = 0;
        var socket = f.Socket!;
        bool peek = (flags & RiflagRecvPeek) != 0;
        bool waitAll = (flags & RiflagRecvWaitall) != 0 && !peek;
        try
        {
            if ((f.Flags & FdflagNonblock) != 0 && !socket.Poll(0, SelectMode.SelectRead))
            {
                return Errno.Again;
            }
            if (peek)
            {
                // One peek over the whole vector: a peek per iovec would see the same bytes each time.
                uint size = 0;
                for (uint i = 0; i < iovsLen; i++)
                {
                    size = checked(size + m.ReadU32(iovs + (i * 8) + 4));
                }
                byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, int.MaxValue));
                try
                {
                    int got = socket.Receive(buffer.AsSpan(0, (int)size), SocketFlags.Peek);
                    total = Scatter(m, iovs, iovsLen, buffer.AsSpan(0, got));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                return Errno.Success;
            }
            for (uint i = 0; i < iovsLen; i++)
            {
                var span = m.Slice(m.ReadU32(iovs + (i * 8)), m.ReadU32(iovs + (i * 8) + 4));
                int filled = 0;
                while (filled < span.Length)
                {
                    // After the first bytes, only what is already queued (or everything, with waitall).
                    if (total + (uint)filled > 0 && !waitAll && socket.Available == 0)
                    {
                        break;
                    }
                    int got = socket.Receive(span[filled..], SocketFlags.None);
                    if (got == 0)
                    {
                        // The peer finished sending.
                        total += (uint)filled;
                        return Errno.Success;
                    }
                    filled += got;
                }
                total += (uint)filled;
                if (filled < span.Length)
                {
                    break;
                }
            }
            return Errno.Success;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return FromSocket(e);
        }
    }

    private static uint Scatter(IGuestMemory m, uint iovs, uint iovsLen, ReadOnlySpan<byte> data)
    {
        uint done = 0;
        for (uint i = 0; i < iovsLen && data.Length > 0; i++)
        {
            var span = m.Slice(m.ReadU32(iovs + (i * 8)), m.ReadU32(iovs + (i * 8) + 4));
            int k = Math.Min(span.Length, data.Length);
            data[..k].CopyTo(span);
            data = data[k..];
            done += (uint)k;
        }
        return done;
    }

    /// <summary>Sends the ciovecs at <paramref name="iovs"/> in order; a blocking send sends them whole.</summary>
    private static Errno Send(IGuestMemory m, WasiFd f, uint iovs, uint iovsLen, out uint total)
    {
        total = 0;
        var socket = f.Socket!;
        try
        {
            if ((f.Flags & FdflagNonblock) != 0 && !socket.Poll(0, SelectMode.SelectWrite))
            {
                return Errno.Again;
            }
            for (uint i = 0; i < iovsLen; i++)
            {
                var span = m.Slice(m.ReadU32(iovs + (i * 8)), m.ReadU32(iovs + (i * 8) + 4));
                int sent = socket.Send(span, SocketFlags.None);
                total += (uint)sent;
                if (sent < span.Length)
                {
                    break;
                }
            }
            return Errno.Success;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Bytes already sent count, as a short write; the error shows on the next call.
            return total > 0 ? Errno.Success : FromSocket(e);
        }
    }

    /// <summary>fd_read and fd_write on a socket: recv and send without flags.</summary>
    private Errno SocketTransfer(IGuestMemory m, WasiFd f, uint iovs, uint iovsLen, uint resultPtr, bool write)
    {
        if (f.Closed)
        {
            return Errno.Badf;
        }
        if (!f.OwnsSocket)
        {
            // A listener has no data (Linux: ENOTCONN).
            return Errno.NotConn;
        }
        uint n;
        var e = write ? Send(m, f, iovs, iovsLen, out n) : Receive(m, f, iovs, iovsLen, 0, out n);
        if (e == Errno.Success)
        {
            m.WriteU32(resultPtr, n);
        }
        return e;
    }

    /// <summary>The errno of a failed socket operation (POSIX's, which .NET's <see cref="SocketError"/> mirrors).</summary>
    private static Errno FromSocket(Exception e) => e switch
    {
        ObjectDisposedException => Errno.Badf,
        SocketException s => s.SocketErrorCode switch
        {
            SocketError.WouldBlock or SocketError.TryAgain => Errno.Again,
            SocketError.ConnectionReset => Errno.ConnReset,
            SocketError.ConnectionAborted => Errno.ConnAborted,
            SocketError.ConnectionRefused => Errno.ConnRefused,
            SocketError.NotConnected => Errno.NotConn,
            // .NET reports EPIPE (writing after a shutdown or to a peer that closed) as Shutdown.
            SocketError.Shutdown => Errno.Pipe,
            SocketError.TimedOut => Errno.TimedOut,
            SocketError.Interrupted => Errno.Intr,
            SocketError.InvalidArgument => Errno.Inval,
            SocketError.OperationNotSupported => Errno.NotSup,
            SocketError.NetworkDown => Errno.NetDown,
            SocketError.NetworkUnreachable => Errno.NetUnreach,
            SocketError.NetworkReset => Errno.NetReset,
            SocketError.HostUnreachable => Errno.HostUnreach,
            SocketError.NoBufferSpaceAvailable => Errno.NoBufs,
            SocketError.MessageSize => Errno.MsgSize,
            SocketError.TooManyOpenSockets => Errno.Mfile,
            SocketError.AccessDenied => Errno.Acces,
            SocketError.NotSocket => Errno.NotSock,
            SocketError.OperationAborted => Errno.Badf,
            _ => Errno.Io,
        },
        _ => Errno.Io,
    };
}
