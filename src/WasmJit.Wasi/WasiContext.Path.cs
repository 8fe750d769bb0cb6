using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi;

internal sealed partial class WasiContext
{
    private const ulong ReadRights = RightFdRead | RightFdReaddir;
    private const ulong WriteRights = RightFdWrite | RightFdDatasync | RightFdAllocate | RightFdFilestatSetSize;

    public Errno PathOpen(IGuestMemory m, int dirFd, uint lookupFlags, uint pathPtr, uint pathLen, uint oflags,
        ulong rightsBase, ulong rightsInheriting, uint fdFlags, uint fdPtr)
    {
        var dir = Fd(dirFd, RightPathOpen);
        RequirePosix();
        string path = m.ReadString(pathPtr, pathLen);
        bool follow = (lookupFlags & LookupSymlinkFollow) != 0;
        bool creat = (oflags & OflagCreat) != 0;
        ulong needDir = creat ? RightPathCreateFile : 0;
        if ((oflags & OflagTrunc) != 0)
        {
            needDir |= RightPathFilestatSetSize;
        }
        if ((dir.RightsBase & needDir) != needDir)
        {
            return Errno.NotCapable;
        }
        string host = PathResolver.Resolve(dir, path, follow).TrimEnd('/');
        ulong rights = rightsBase & dir.RightsInheriting;
        ulong inheriting = rightsInheriting & dir.RightsInheriting;

        bool exists = Posix.Stat(host, follow, out var st) == Errno.Success;
        bool isDir = exists && (st.Mode & Posix.S_IFMT) == Posix.S_IFDIR;
        if ((oflags & OflagDirectory) != 0 || (isDir && !creat && (oflags & OflagTrunc) == 0 && (rights & WriteRights) == 0))
        {
            if (!exists)
            {
                return Errno.NoEnt;
            }
            if (!isDir)
            {
                return (st.Mode & Posix.S_IFMT) == Posix.S_IFLNK ? Errno.Loop : Errno.NotDir;
            }
            if ((oflags & (OflagCreat | OflagExcl)) == (OflagCreat | OflagExcl))
            {
                return Errno.Exist;
            }
            int fdNum = Allocate(new WasiFd
            {
                Kind = WasiFdKind.Directory, HostPath = host, Root = dir.Root,
                RightsBase = rights & DirRights, RightsInheriting = inheriting, Flags = (ushort)fdFlags,
            });
            m.WriteU32(fdPtr, (uint)fdNum);
            return Errno.Success;
        }
        if (isDir)
        {
            return Errno.IsDir;
        }

        bool read = (rights & ReadRights) != 0;
        bool write = (rights & WriteRights) != 0 || (oflags & OflagTrunc) != 0 || (fdFlags & FdflagAppend) != 0;
        int flags = (read, write) switch
        {
            (true, true) => Posix.O_RDWR,
            (false, true) => Posix.O_WRONLY,
            _ => Posix.O_RDONLY,
        };
        flags |= Posix.O_CLOEXEC;
        if (creat)
        {
            flags |= Posix.O_CREAT;
        }
        if ((oflags & OflagExcl) != 0)
        {
            flags |= Posix.O_EXCL;
        }
        if ((oflags & OflagTrunc) != 0)
        {
            flags |= Posix.O_TRUNC;
        }
        if ((fdFlags & FdflagAppend) != 0)
        {
            flags |= Posix.O_APPEND;
        }
        if ((fdFlags & FdflagNonblock) != 0)
        {
            flags |= Posix.O_NONBLOCK;
        }
        if ((fdFlags & (FdflagSync | FdflagRsync)) != 0)
        {
            flags |= Posix.O_SYNC;
        }
        else if ((fdFlags & FdflagDsync) != 0)
        {
            flags |= Posix.O_DSYNC;
        }
        if (!follow)
        {
            // The resolver followed every symlink it was allowed to; the OS must not follow a final one.
            flags |= Posix.O_NOFOLLOW;
        }
        int hostFd = Posix.Open(host, flags, 0x1a4 /* 0644 */);
        if (hostFd < 0)
        {
            return Posix.LastErrno();
        }
        int num = Allocate(new WasiFd
        {
            Kind = WasiFdKind.File, HostFd = hostFd, HostPath = host, Root = dir.Root,
            RightsBase = rights & FileRights, RightsInheriting = inheriting, Flags = (ushort)fdFlags,
        });
        m.WriteU32(fdPtr, (uint)num);
        return Errno.Success;
    }

    public Errno PathCreateDirectory(IGuestMemory m, int dirFd, uint pathPtr, uint pathLen)
    {
        var dir = Fd(dirFd, RightPathCreateDirectory);
        RequirePosix();
        string parent = PathResolver.ResolveParentAndName(dir, m.ReadString(pathPtr, pathLen), out var name);
        Check(Posix.MkDir(Path.Combine(parent, name), 0x1ff /* 0777 & umask */));
        return Errno.Success;
    }

    public Errno PathRemoveDirectory(IGuestMemory m, int dirFd, uint pathPtr, uint pathLen)
    {
        var dir = Fd(dirFd, RightPathRemoveDirectory);
        RequirePosix();
        string parent = PathResolver.ResolveParentAndName(dir, m.ReadString(pathPtr, pathLen), out var name);
        Check(Posix.RmDir(Path.Combine(parent, name)));
        return Errno.Success;
    }

    public Errno PathUnlinkFile(IGuestMemory m, int dirFd, uint pathPtr, uint pathLen)
    {
        var dir = Fd(dirFd, RightPathUnlinkFile);
        RequirePosix();
        string path = m.ReadString(pathPtr, pathLen);
        string parent = PathResolver.ResolveParentAndName(dir, path, out var name);
        string full = Path.Combine(parent, name);
        if (path.EndsWith('/') && Posix.Stat(full, false, out var st) == Errno.Success && (st.Mode & Posix.S_IFMT) != Posix.S_IFDIR)
        {
            return Errno.NotDir;
        }
        Check(Posix.Unlink(full));
        return Errno.Success;
    }

    public Errno PathRename(IGuestMemory m, int oldFd, uint oldPtr, uint oldLen, int newFd, uint newPtr, uint newLen)
    {
        var oldDir = Fd(oldFd, RightPathRenameSource);
        var newDir = Fd(newFd, RightPathRenameTarget);
        RequirePosix();
        string from = Path.Combine(PathResolver.ResolveParentAndName(oldDir, m.ReadString(oldPtr, oldLen), out var a), a);
        string to = Path.Combine(PathResolver.ResolveParentAndName(newDir, m.ReadString(newPtr, newLen), out var b), b);
        Check(Posix.Rename(from, to));
        return Errno.Success;
    }

    public Errno PathLink(IGuestMemory m, int oldFd, uint oldFlags, uint oldPtr, uint oldLen, int newFd, uint newPtr, uint newLen)
    {
        var oldDir = Fd(oldFd, RightPathLinkSource);
        var newDir = Fd(newFd, RightPathLinkTarget);
        RequirePosix();
        string from = PathResolver.Resolve(oldDir, m.ReadString(oldPtr, oldLen), (oldFlags & LookupSymlinkFollow) != 0).TrimEnd('/');
        string to = Path.Combine(PathResolver.ResolveParentAndName(newDir, m.ReadString(newPtr, newLen), out var b), b);
        Check(Posix.Link(from, to));
        return Errno.Success;
    }

    public Errno PathSymlink(IGuestMemory m, uint targetPtr, uint targetLen, int dirFd, uint pathPtr, uint pathLen)
    {
        var dir = Fd(dirFd, RightPathSymlink);
        RequirePosix();
        string target = m.ReadString(targetPtr, targetLen);
        if (target.StartsWith('/'))
        {
            // A link that could only ever point outside the sandbox.
            return Errno.NotCapable;
        }
        string link = Path.Combine(PathResolver.ResolveParentAndName(dir, m.ReadString(pathPtr, pathLen), out var name), name);
        Check(Posix.Symlink(target, link));
        return Errno.Success;
    }

    public Errno PathReadlink(IGuestMemory m, int dirFd, uint pathPtr, uint pathLen, uint buf, uint bufLen, uint usedPtr)
    {
        var dir = Fd(dirFd, RightPathReadlink);
        RequirePosix();
        string host = PathResolver.Resolve(dir, m.ReadString(pathPtr, pathLen), followFinal: false).TrimEnd('/');
        var bytes = System.Text.Encoding.UTF8.GetBytes(PathResolver.ReadLink(host));
        uint n = Math.Min((uint)bytes.Length, bufLen);
        bytes.AsSpan(0, (int)n).CopyTo(m.Slice(buf, n));
        m.WriteU32(usedPtr, n);
        return Errno.Success;
    }

    public Errno PathFilestatGet(IGuestMemory m, int dirFd, uint flags, uint pathPtr, uint pathLen, uint ptr)
    {
        var dir = Fd(dirFd, RightPathFilestatGet);
        RequirePosix();
        string host = PathResolver.Resolve(dir, m.ReadString(pathPtr, pathLen), (flags & LookupSymlinkFollow) != 0);
        var e = Posix.Stat(host.Length > 1 ? host.TrimEnd('/') : host, false, out var st);
        if (e != Errno.Success)
        {
            return e;
        }
        WriteFilestat(m, ptr, st);
        return Errno.Success;
    }

    public unsafe Errno PathFilestatSetTimes(IGuestMemory m, int dirFd, uint flags, uint pathPtr, uint pathLen,
        ulong atim, ulong mtim, uint fstFlags)
    {
        var dir = Fd(dirFd, RightPathFilestatSetTimes);
        RequirePosix();
        bool follow = (flags & LookupSymlinkFollow) != 0;
        string host = PathResolver.Resolve(dir, m.ReadString(pathPtr, pathLen), follow).TrimEnd('/');
        long* times = stackalloc long[4];
        if (!FillTimes(times, atim, mtim, fstFlags))
        {
            return Errno.Inval;
        }
        Check(Posix.UtimensAt(Posix.AT_FDCWD, host, times, follow ? 0 : Posix.AT_SYMLINK_NOFOLLOW));
        return Errno.Success;
    }
}
