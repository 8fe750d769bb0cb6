using System.Net;
using System.Net.Sockets;
using System.Text;
using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi.Tests;

/// <summary>sock_* and fd_* on preopened sockets (issue #7), against real loopback connections.</summary>
public sealed class SocketTests : IDisposable
{
    /// <summary>Stdio, the sandbox directory (3), then the preopened socket.</summary>
    private const int ListenerFd = 4;

    private readonly Socket _listener;
    private readonly WasiHarness _h;

    public SocketTests()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _h = new WasiHarness(o => o.WithPreopenedSocket(_listener));
    }

    public void Dispose()
    {
        _h.Dispose();
        _listener.Dispose();
    }

    private TcpClient Connect()
    {
        var c = new TcpClient();
        c.Connect((IPEndPoint)_listener.LocalEndPoint!);
        c.GetStream().ReadTimeout = 10_000;
        return c;
    }

    /// <summary>sock_accept (blocking) of a connection that is already pending; returns the new fd.</summary>
    private int Accept()
    {
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.SockAccept(_h.Memory, ListenerFd, 0, 200)));
        return (int)_h.Memory.ReadU32(200);
    }

    /// <summary>sock_recv into one iovec of <paramref name="max"/> bytes at 5000.</summary>
    private Errno Recv(int fd, uint max, uint flags, out string text)
    {
        _h.Memory.WriteU32(300, 5000);
        _h.Memory.WriteU32(304, max);
        var e = _h.Call(() => _h.Context.SockRecv(_h.Memory, fd, 300, 1, flags, 308, 312));
        text = e == Errno.Success ? Encoding.UTF8.GetString(_h.Memory.Bytes, 5000, (int)_h.Memory.ReadU32(308)) : "";
        return e;
    }

    private Errno Send(int fd, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(_h.Memory.Bytes, 6000);
        _h.Memory.WriteU32(400, 6000);
        _h.Memory.WriteU32(404, (uint)bytes.Length);
        return _h.Call(() => _h.Context.SockSend(_h.Memory, fd, 400, 1, 0, 408));
    }

    [Fact]
    public void APreopenedSocketIsTheFdAfterTheDirectoriesWithListenerRights()
    {
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.FdFdstatGet(_h.Memory, ListenerFd, 0)));
        Assert.Equal(FiletypeSocketStream, _h.Memory.Bytes[0]);
        Assert.Equal(RightSockAccept | RightPollFdReadwrite | RightFdFdstatSetFlags, _h.Memory.ReadU64(8));
        // Not a directory preopen: wasi-libc's preopen scan stops at it.
        Assert.Equal(Errno.Badf, _h.Call(() => _h.Context.FdPrestatGet(_h.Memory, ListenerFd, 0)));
        Assert.Equal(Errno.NotCapable, Recv(ListenerFd, 10, 0, out _));
        // Closing the fd does not close the host's listener.
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.FdClose(ListenerFd)));
        Assert.Equal(Errno.Badf, _h.Call(() => _h.Context.SockAccept(_h.Memory, ListenerFd, 0, 200)));
        Assert.True(_listener.IsBound);
        Assert.False(_listener.Poll(0, SelectMode.SelectRead));
    }

    [Fact]
    public void NonblockingAcceptWithNothingPendingIsEagain()
    {
        Assert.Equal(Errno.Again, _h.Call(() => _h.Context.SockAccept(_h.Memory, ListenerFd, FdflagNonblock, 200)));
        Assert.Equal(Errno.Inval, _h.Call(() => _h.Context.SockAccept(_h.Memory, ListenerFd, FdflagAppend, 200)));
        // The listener's own nonblock fdflag does the same.
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.FdFdstatSetFlags(ListenerFd, FdflagNonblock)));
        Assert.Equal(Errno.Again, _h.Call(() => _h.Context.SockAccept(_h.Memory, ListenerFd, 0, 200)));

        using var client = Connect();
        Assert.True(_listener.Poll(5_000_000, SelectMode.SelectRead));
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.SockAccept(_h.Memory, ListenerFd, FdflagNonblock, 200)));
        int fd = (int)_h.Memory.ReadU32(200);
        Assert.Equal(5, fd);
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.FdFdstatGet(_h.Memory, fd, 0)));
        Assert.Equal(FiletypeSocketStream, _h.Memory.Bytes[0]);
        Assert.Equal(FdflagNonblock, _h.Memory.ReadU16(2));
        // Accepted non-blocking: a receive with nothing there is EAGAIN too.
        Assert.Equal(Errno.Again, Recv(fd, 10, 0, out _));
    }

    [Fact]
    public void RecvSendShutdownAndFdReadWriteOnAnAcceptedConnection()
    {
        using var client = Connect();
        var stream = client.GetStream();
        int fd = Accept();
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.FdFdstatGet(_h.Memory, fd, 0)));
        Assert.Equal(ConnectionRights, _h.Memory.ReadU64(8));

        stream.Write("abcdef"u8);
        Assert.Equal(Errno.Success, Recv(fd, 3, RiflagRecvPeek, out string peeked));
        Assert.Equal("abc", peeked);
        Assert.Equal(0, _h.Memory.ReadU16(312)); // ro_flags
        Assert.Equal(Errno.Success, Recv(fd, 6, RiflagRecvWaitall, out string all));
        Assert.Equal("abcdef", all);

        stream.Write("line\n"u8);
        Assert.Equal("line\n", _h.Read(fd));
        Assert.Equal(Errno.Success, Send(fd, "pong "));
        Assert.Equal(5u, _h.Memory.ReadU32(408));
        Assert.Equal(Errno.Success, _h.Write(fd, "and more"));
        Assert.Equal(Errno.Inval, _h.Call(() => _h.Context.SockShutdown(fd, 0)));
        // A connection has no sock_accept right.
        Assert.Equal(Errno.NotCapable, _h.Call(() => _h.Context.SockAccept(_h.Memory, fd, 0, 200)));
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.SockShutdown(fd, SdflagWr)));
        var reply = new MemoryStream();
        stream.CopyTo(reply);
        Assert.Equal("pong and more", Encoding.UTF8.GetString(reply.ToArray()));
        Assert.Equal(Errno.Pipe, Send(fd, "too late"));

        client.Close();
        Assert.Equal(Errno.Success, Recv(fd, 10, 0, out string eof));
        Assert.Equal("", eof);
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.FdClose(fd)));
        Assert.Equal(Errno.Badf, Recv(fd, 10, 0, out _));
    }

    /// <summary>Writes an fd subscription at index <paramref name="i"/> of the array at 0.</summary>
    private void FdSubscription(uint i, ulong userdata, byte type, int fd)
    {
        uint s = i * 48;
        _h.Memory.Bytes.AsSpan((int)s, 48).Clear();
        _h.Memory.WriteU64(s, userdata);
        _h.Memory.WriteU8(s + 8, type);
        _h.Memory.WriteU32(s + 16, (uint)fd);
    }

    private void ClockSubscription(uint i, ulong userdata, ulong timeoutNs) => _h.WriteClockSubscription(i, userdata, timeoutNs);

    private uint Poll(uint n)
    {
        Assert.Equal(Errno.Success, _h.Call(() => _h.Context.PollOneoff(_h.Memory, 0, 1000, n, 2000)));
        return _h.Memory.ReadU32(2000);
    }

    [Fact]
    public void PollWaitsForSocketReadiness()
    {
        // A connection arriving while poll waits on the listener ends the wait, long before the clock.
        FdSubscription(0, 1, EventFdRead, ListenerFd);
        ClockSubscription(1, 2, 20_000_000_000);
        TcpClient? connected = null;
        var connecting = new Thread(() =>
        {
            Thread.Sleep(100);
            connected = Connect();
        });
        connecting.Start();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1u, Poll(2));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"{sw.Elapsed}");
        Assert.Equal(1ul, _h.Memory.ReadU64(1000));
        Assert.Equal(EventFdRead, _h.Memory.Bytes[1010]);
        connecting.Join();
        using var client = connected!;
        int fd = Accept();

        // Nothing to read: the clock ends the wait, and only the clock is an event.
        FdSubscription(0, 3, EventFdRead, fd);
        ClockSubscription(1, 4, 50_000_000);
        sw.Restart();
        Assert.Equal(1u, Poll(2));
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(50), $"{sw.Elapsed}");
        Assert.Equal(4ul, _h.Memory.ReadU64(1000));
        Assert.Equal(EventClock, _h.Memory.Bytes[1010]);

        // Writable at once; readable with the bytes queued once the client wrote.
        FdSubscription(0, 5, EventFdWrite, fd);
        Assert.Equal(1u, Poll(1));
        Assert.Equal(5ul, _h.Memory.ReadU64(1000));
        client.GetStream().Write("xyz"u8);
        FdSubscription(0, 6, EventFdRead, fd);
        Assert.Equal(1u, Poll(1));
        Assert.Equal(6ul, _h.Memory.ReadU64(1000));
        Assert.Equal(0, _h.Memory.ReadU16(1008)); // error
        Assert.Equal(3ul, _h.Memory.ReadU64(1016)); // nbytes
        Assert.Equal(0, _h.Memory.ReadU16(1024)); // no hangup
        Assert.Equal(Errno.Success, Recv(fd, 10, 0, out string got));
        Assert.Equal("xyz", got);

        // The peer closing makes it readable with nothing queued: hangup.
        client.Close();
        Assert.Equal(1u, Poll(1));
        Assert.Equal(EventFdReadwriteHangup, _h.Memory.ReadU16(1024));
    }
}
