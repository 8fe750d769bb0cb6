using System.Text;
using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    public Errno FdAdvise(int fd, ulong offset, ulong len, uint advice)
    {
        var f = Fd(fd, RightFdAdvise);
        if (advice > 5)
        {
            return Errno.Inval;
        }
        if (f.Kind == WasiFdKind.File)
        {
            Posix.PosixFadvise(f.HostFd, (long)offset, (long)len, (int)advice);
        }
        return f.Kind == WasiFdKind.Directory ? Errno.Badf : Errno.Success;
    }

    public Errno FdAllocate(int fd, ulong offset, ulong len)
    {
        var f = Fd(fd, RightFdAllocate);
        if (f.Kind != WasiFdKind.File)
        {
            return f.Kind == WasiFdKind.Directory ? Errno.Badf : Errno.Spipe;
        }
        int rc = Posix.PosixFallocate(f.HostFd, (long)offset, (long)len);
        return rc == 0 ? Errno.Success : Posix.FromLinux(rc);
    }

    public Errno FdClose(int fd)
    {
        WasiFd? f = null;
        UpdateTable(t =>
        {
            // Looked up again under the lock: two threads closing the same fd must not both succeed.
            f = (uint)fd < (uint)t.Length ? t[fd] : null;
            if (f is not null)
            {
                t[fd] = null;
            }
        });
        if (f is null)
        {
            return Errno.Badf;
        }
        f.CloseHost();
        return Errno.Success;
    }

    public Errno FdDatasync(int fd)
    {
        var f = Fd(fd, RightFdDatasync);
        if (f.Kind == WasiFdKind.File)
        {
            Check(Posix.FDataSync(f.HostFd));
        }
        else
        {
            f.Stream?.Flush();
        }
        return Errno.Success;
    }

    public Errno FdSync(int fd)
    {
        var f = Fd(fd, RightFdSync);
        if (f.Kind == WasiFdKind.File)
        {
            Check(Posix.FSync(f.HostFd));
        }
        else
        {
            f.Stream?.Flush();
        }
        return Errno.Success;
    }

    public Errno FdFdstatGet(IGuestMemory m, int fd, uint ptr)
    {
        var f = Fd(fd);
        var dst = m.Slice(ptr, 24);
        dst.Clear();
        dst[0] = f.FileType;
        m.WriteU16(ptr + 2, f.Flags);
        m.WriteU64(ptr + 8, f.RightsBase);
        m.WriteU64(ptr + 16, f.RightsInheriting);
        return Errno.Success;
    }

    public Errno FdFdstatSetFlags(int fd, uint flags)
    {
        var f = Fd(fd, RightFdFdstatSetFlags);
        if (f.Kind == WasiFdKind.File)
        {
            int host = Posix.Fcntl(f.HostFd, Posix.F_GETFL, 0);
            Check(host);
            host &= ~(Posix.O_APPEND | Posix.O_NONBLOCK);
            if ((flags & FdflagAppend) != 0)
            {
                host |= Posix.O_APPEND;
            }
            if ((flags & FdflagNonblock) != 0)
            {
                host |= Posix.O_NONBLOCK;
            }
            Check(Posix.Fcntl(f.HostFd, Posix.F_SETFL, host));
        }
        f.Flags = (ushort)flags;
        return Errno.Success;
    }

    public Errno FdFdstatSetRights(int fd, ulong rightsBase, ulong rightsInheriting)
    {
        var f = Fd(fd);
        // Rights can only be dropped, never gained.
        if ((rightsBase & ~f.RightsBase) != 0 || (rightsInheriting & ~f.RightsInheriting) != 0)
        {
            return Errno.NotCapable;
        }
        f.RightsBase = rightsBase;
        f.RightsInheriting = rightsInheriting;
        return Errno.Success;
    }

    public Errno FdFilestatGet(IGuestMemory m, int fd, uint ptr)
    {
        var f = Fd(fd, RightFdFilestatGet);
        Posix.StatInfo st;
        if (f.Kind == WasiFdKind.File)
        {
            var e = Posix.FStat(f.HostFd, out st);
            if (e != Errno.Success)
            {
                return e;
            }
        }
        else if (f.Kind == WasiFdKind.Directory)
        {
            RequirePosix();
            var e = Posix.Stat(f.HostPath, true, out st);
            if (e != Errno.Success)
            {
                return e;
            }
        }
        else
        {
            st = new Posix.StatInfo(0, 0, Posix.S_IFCHR, 1, 0, 0, 0, 0);
        }
        WriteFilestat(m, ptr, st);
        return Errno.Success;
    }

    internal static void WriteFilestat(IGuestMemory m, uint ptr, in Posix.StatInfo st)
    {
        var dst = m.Slice(ptr, 64);
        dst.Clear();
        m.WriteU64(ptr, st.Dev);
        m.WriteU64(ptr + 8, st.Ino);
        m.WriteU8(ptr + 16, st.FileType);
        m.WriteU64(ptr + 24, st.NLink);
        m.WriteU64(ptr + 32, (ulong)st.Size);
        m.WriteU64(ptr + 40, (ulong)st.ATimeNs);
        m.WriteU64(ptr + 48, (ulong)st.MTimeNs);
        m.WriteU64(ptr + 56, (ulong)st.CTimeNs);
    }

    public Errno FdFilestatSetSize(int fd, ulong size)
    {
        var f = Fd(fd, RightFdFilestatSetSize);
        if (f.Kind != WasiFdKind.File)
        {
            return Errno.Badf;
        }
        Check(Posix.FTruncate(f.HostFd, (long)size));
        return Errno.Success;
    }

    public unsafe Errno FdFilestatSetTimes(int fd, ulong atim, ulong mtim, uint fstFlags)
    {
        var f = Fd(fd, RightFdFilestatSetTimes);
        long* times = stackalloc long[4];
        if (!FillTimes(times, atim, mtim, fstFlags))
        {
            return Errno.Inval;
        }
        if (f.Kind == WasiFdKind.File)
        {
            Check(Posix.FUtimens(f.HostFd, times));
        }
        else if (f.Kind == WasiFdKind.Directory)
        {
            Check(Posix.UtimensAt(Posix.AT_FDCWD, f.HostPath, times, 0));
        }
        return Errno.Success;
    }

    internal static unsafe bool FillTimes(long* times, ulong atim, ulong mtim, uint flags)
    {
        if (((flags & FstAtim) != 0 && (flags & FstAtimNow) != 0) || ((flags & FstMtim) != 0 && (flags & FstMtimNow) != 0))
        {
            return false;
        }
        Set(times, atim, (flags & FstAtim) != 0, (flags & FstAtimNow) != 0);
        Set(times + 2, mtim, (flags & FstMtim) != 0, (flags & FstMtimNow) != 0);
        return true;

        static void Set(long* ts, ulong value, bool set, bool now)
        {
            if (now)
            {
                ts[0] = 0;
                ts[1] = Posix.UTIME_NOW;
            }
            else if (set)
            {
                ts[0] = (long)(value / 1_000_000_000);
                ts[1] = (long)(value % 1_000_000_000);
            }
            else
            {
                ts[0] = 0;
                ts[1] = Posix.UTIME_OMIT;
            }
        }
    }

    public Errno FdPrestatGet(IGuestMemory m, int fd, uint ptr)
    {
        var f = Fd(fd);
        if (f.PreopenName is null)
        {
            return Errno.Badf;
        }
        m.WriteU32(ptr, PreopenDir);
        m.WriteU32(ptr + 4, (uint)Encoding.UTF8.GetByteCount(f.PreopenName));
        return Errno.Success;
    }

    public Errno FdPrestatDirName(IGuestMemory m, int fd, uint path, uint len)
    {
        var f = Fd(fd);
        if (f.PreopenName is null)
        {
            return Errno.Badf;
        }
        var bytes = Encoding.UTF8.GetBytes(f.PreopenName);
        if (len < bytes.Length)
        {
            return Errno.NameTooLong;
        }
        bytes.CopyTo(m.Slice(path, (uint)bytes.Length));
        return Errno.Success;
    }

    public Errno FdRead(IGuestMemory m, int fd, uint iovs, uint iovsLen, uint nreadPtr) =>
        Transfer(m, fd, iovs, iovsLen, nreadPtr, write: false, offset: -1);

    public Errno FdPread(IGuestMemory m, int fd, uint iovs, uint iovsLen, ulong offset, uint nreadPtr) =>
        Transfer(m, fd, iovs, iovsLen, nreadPtr, write: false, offset: checked((long)offset));

    public Errno FdWrite(IGuestMemory m, int fd, uint iovs, uint iovsLen, uint nwrittenPtr) =>
        Transfer(m, fd, iovs, iovsLen, nwrittenPtr, write: true, offset: -1);

    public Errno FdPwrite(IGuestMemory m, int fd, uint iovs, uint iovsLen, ulong offset, uint nwrittenPtr) =>
        Transfer(m, fd, iovs, iovsLen, nwrittenPtr, write: true, offset: checked((long)offset));

    private Errno Transfer(IGuestMemory m, int fd, uint iovs, uint iovsLen, uint resultPtr, bool write, long offset)
    {
        ulong needed = write ? RightFdWrite : RightFdRead;
        if (offset >= 0)
        {
            needed |= RightFdSeek;
        }
        var f = Fd(fd, needed);
        if (f.Kind == WasiFdKind.Directory)
        {
            return Errno.IsDir;
        }
        if ((f.Kind is WasiFdKind.Stream or WasiFdKind.Socket) && offset >= 0)
        {
            return Errno.Spipe;
        }
        if (f.Kind == WasiFdKind.Socket)
        {
            return SocketTransfer(m, f, iovs, iovsLen, resultPtr, write);
        }
        // One transfer at a time per fd: .NET streams are not thread-safe, and a closing thread must not close the
        // host descriptor under a read (CloseHost takes the same lock). Distinct fds proceed in parallel.
        lock (f.Sync)
        {
            return TransferLocked(m, f, iovs, iovsLen, resultPtr, write, offset);
        }
    }

    private unsafe Errno TransferLocked(IGuestMemory m, WasiFd f, uint iovs, uint iovsLen, uint resultPtr, bool write, long offset)
    {
        if (f.Closed)
        {
            return Errno.Badf;
        }
        ulong total = 0;
        for (uint i = 0; i < iovsLen; i++)
        {
            uint buf = m.ReadU32(iovs + (i * 8));
            uint len = m.ReadU32(iovs + (i * 8) + 4);
            var span = m.Slice(buf, len);
            int done;
            if (f.Kind == WasiFdKind.Stream)
            {
                if (write)
                {
                    if (!f.Writable)
                    {
                        return Errno.Badf;
                    }
                    f.Stream!.Write(span);
                    done = span.Length;
                }
                else
                {
                    if (!f.Readable)
                    {
                        return Errno.Badf;
                    }
                    done = f.Stream!.Read(span);
                }
            }
            else
            {
                fixed (byte* p = span)
                {
                    nint n = (write, offset >= 0) switch
                    {
                        (true, true) => Posix.PWrite(f.HostFd, p, span.Length, offset + (long)total),
                        (true, false) => Posix.Write(f.HostFd, p, span.Length),
                        (false, true) => Posix.PRead(f.HostFd, p, span.Length, offset + (long)total),
                        (false, false) => Posix.Read(f.HostFd, p, span.Length),
                    };
                    if (n < 0)
                    {
                        return Posix.LastErrno();
                    }
                    done = (int)n;
                }
            }
            total += (uint)done;
            if (done < span.Length)
            {
                break;
            }
        }
        if (write && f.Kind == WasiFdKind.Stream)
        {
            // Streamed, not buffered to the end: a program's output appears as it writes it.
            f.Stream!.Flush();
        }
        m.WriteU32(resultPtr, (uint)total);
        return Errno.Success;
    }

    public Errno FdReaddir(IGuestMemory m, int fd, uint buf, uint bufLen, ulong cookie, uint bufUsedPtr)
    {
        var f = Fd(fd, RightFdReaddir);
        if (f.Kind != WasiFdKind.Directory)
        {
            return Errno.NotDir;
        }
        RequirePosix();
        List<(string Name, byte Type, ulong Ino)> entries;
        lock (f.Sync)
        {
            if (cookie == 0 || f.DirEntries is null)
            {
                f.DirEntries = ListDirectory(f.HostPath);
            }
            entries = f.DirEntries;
        }
        uint used = 0;
        var header = new byte[24];
        for (ulong i = cookie; i < (ulong)entries.Count && used < bufLen; i++)
        {
            var (name, type, ino) = entries[(int)i];
            var nameBytes = Encoding.UTF8.GetBytes(name);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(0), i + 1);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), ino);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)nameBytes.Length);
            header[20] = type;
            header[21] = header[22] = header[23] = 0;
            // Entries are truncated at the end of the buffer: the caller sees bufused == buflen and retries bigger.
            uint n = Math.Min(24u, bufLen - used);
            header.AsSpan(0, (int)n).CopyTo(m.Slice(buf + used, n));
            used += n;
            uint k = Math.Min((uint)nameBytes.Length, bufLen - used);
            nameBytes.AsSpan(0, (int)k).CopyTo(m.Slice(buf + used, k));
            used += k;
        }
        m.WriteU32(bufUsedPtr, used);
        return Errno.Success;
    }

    private static List<(string, byte, ulong)> ListDirectory(string hostPath)
    {
        var list = new List<(string, byte, ulong)>();
        Posix.Stat(hostPath, true, out var self);
        list.Add((".", FiletypeDirectory, self.Ino));
        Posix.Stat(Path.GetDirectoryName(hostPath.TrimEnd('/')) ?? hostPath, true, out var parent);
        list.Add(("..", FiletypeDirectory, parent.Ino));
        var names = new List<string>();
        try
        {
            foreach (var e in Directory.EnumerateFileSystemEntries(hostPath))
            {
                names.Add(Path.GetFileName(e));
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new WasiErrnoException(Errno.Acces);
        }
        catch (DirectoryNotFoundException)
        {
            throw new WasiErrnoException(Errno.NoEnt);
        }
        names.Sort(StringComparer.Ordinal);
        foreach (var n in names)
        {
            Posix.Stat(Path.Combine(hostPath, n), false, out var st);
            list.Add((n, st.FileType, st.Ino));
        }
        return list;
    }

    public Errno FdRenumber(int from, int to)
    {
        var f = Fd(from);
        var target = Fd(to);
        if (from == to)
        {
            return Errno.Success;
        }
        // Only the virtual entry goes away: a stdio stream that the program "closes" stays open in the host.
        bool moved = false;
        UpdateTable(t =>
        {
            if (ReferenceEquals(t[from], f) && ReferenceEquals(t[to], target))
            {
                t[to] = f;
                t[from] = null;
                moved = true;
            }
        });
        if (!moved)
        {
            // Another thread closed or renumbered one of them meanwhile.
            return Errno.Badf;
        }
        target.CloseHost();
        return Errno.Success;
    }

    public Errno FdSeek(IGuestMemory m, int fd, long offset, uint whence, uint newOffsetPtr)
    {
        // witx rights: fd_tell alone allows a seek that leaves the offset unaltered (whence::cur, offset 0).
        var f = Fd(fd, offset == 0 && whence == WhenceCur ? RightFdTell : RightFdSeek);
        if (f.Kind != WasiFdKind.File)
        {
            return f.Kind == WasiFdKind.Directory ? Errno.Badf : Errno.Spipe;
        }
        if (whence > WhenceEnd)
        {
            return Errno.Inval;
        }
        long pos = Posix.LSeek(f.HostFd, offset, (int)whence);
        if (pos < 0)
        {
            return Posix.LastErrno();
        }
        m.WriteU64(newOffsetPtr, (ulong)pos);
        return Errno.Success;
    }

    public Errno FdTell(IGuestMemory m, int fd, uint ptr)
    {
        var f = Fd(fd, RightFdTell);
        if (f.Kind != WasiFdKind.File)
        {
            return f.Kind == WasiFdKind.Directory ? Errno.Badf : Errno.Spipe;
        }
        long pos = Posix.LSeek(f.HostFd, 0, WhenceCur);
        if (pos < 0)
        {
            return Posix.LastErrno();
        }
        m.WriteU64(ptr, (ulong)pos);
        return Errno.Success;
    }
}
