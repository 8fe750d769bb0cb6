namespace WasmJit.Wasi;

/// <summary>
/// Sockets: preview1 can only use sockets the host preopened; WasmJit preopens none, so no fd is a socket and
/// every call is <see cref="Errno.NotSock"/> on a valid fd (as accept/recv/send/shutdown on a non-socket in POSIX)
/// and <see cref="Errno.Badf"/> otherwise.
/// </summary>
internal sealed partial class WasiContext
{
    public Errno SockAccept(IGuestMemory m, int fd, uint flags, uint resultFdPtr)
    {
        _ = (m, flags, resultFdPtr);
        return SocketError(fd);
    }

    public Errno SockRecv(IGuestMemory m, int fd, uint riData, uint riDataLen, uint riFlags, uint roDataLenPtr, uint roFlagsPtr)
    {
        _ = (m, riData, riDataLen, riFlags, roDataLenPtr, roFlagsPtr);
        return SocketError(fd);
    }

    public Errno SockSend(IGuestMemory m, int fd, uint siData, uint siDataLen, uint siFlags, uint soDataLenPtr)
    {
        _ = (m, siData, siDataLen, siFlags, soDataLenPtr);
        return SocketError(fd);
    }

    public Errno SockShutdown(int fd, uint how)
    {
        _ = how;
        return SocketError(fd);
    }

    private Errno SocketError(int fd)
    {
        Fd(fd);
        return Errno.NotSock;
    }
}
