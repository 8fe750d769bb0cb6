using System.Runtime.InteropServices;

namespace WasmJit.Wasi;

/// <summary>
/// The few libc calls WASI needs for exact semantics and errno values (the managed file APIs lose both).
/// Linux x86-64 and arm64 layouts; WASI file-system calls report <see cref="Errno.NotSup"/> elsewhere.
/// </summary>
internal static unsafe partial class Posix
{
    private const string Libc = "libc";

    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_TRUNC = 0x200, O_APPEND = 0x400,
        O_NONBLOCK = 0x800, O_DSYNC = 0x1000, O_SYNC = 0x101000, O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000;

    public const int F_GETFL = 3, F_SETFL = 4;
    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    public const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    public const uint S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFLNK = 0xA000, S_IFCHR = 0x2000, S_IFBLK = 0x6000,
        S_IFSOCK = 0xC000, S_IFIFO = 0x1000;

    public static bool Supported => OperatingSystem.IsLinux() &&
        (RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64);

    public const int CLOCK_THREAD_CPUTIME_ID = 3;

    [DllImport(Libc, EntryPoint = "clock_gettime")]
    public static extern int ClockGetTime(int clock, long* timespec);

    [DllImport(Libc, SetLastError = true, EntryPoint = "open")]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport(Libc, SetLastError = true, EntryPoint = "close")]
    public static extern int Close(int fd);

    [DllImport(Libc, SetLastError = true, EntryPoint = "read")]
    public static extern nint Read(int fd, byte* buf, nint count);

    [DllImport(Libc, SetLastError = true, EntryPoint = "write")]
    public static extern nint Write(int fd, byte* buf, nint count);

    [DllImport(Libc, SetLastError = true, EntryPoint = "pread")]
    public static extern nint PRead(int fd, byte* buf, nint count, long offset);

    [DllImport(Libc, SetLastError = true, EntryPoint = "pwrite")]
    public static extern nint PWrite(int fd, byte* buf, nint count, long offset);

    [DllImport(Libc, SetLastError = true, EntryPoint = "lseek")]
    public static extern long LSeek(int fd, long offset, int whence);

    [DllImport(Libc, SetLastError = true, EntryPoint = "fsync")]
    public static extern int FSync(int fd);

    [DllImport(Libc, SetLastError = true, EntryPoint = "fdatasync")]
    public static extern int FDataSync(int fd);

    [DllImport(Libc, SetLastError = true, EntryPoint = "ftruncate")]
    public static extern int FTruncate(int fd, long length);

    [DllImport(Libc, EntryPoint = "posix_fallocate")]
    public static extern int PosixFallocate(int fd, long offset, long len);

    [DllImport(Libc, EntryPoint = "posix_fadvise")]
    public static extern int PosixFadvise(int fd, long offset, long len, int advice);

    [DllImport(Libc, SetLastError = true, EntryPoint = "fcntl")]
    public static extern int Fcntl(int fd, int cmd, int arg);

    [DllImport(Libc, SetLastError = true, EntryPoint = "mkdir")]
    public static extern int MkDir([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport(Libc, SetLastError = true, EntryPoint = "rmdir")]
    public static extern int RmDir([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport(Libc, SetLastError = true, EntryPoint = "unlink")]
    public static extern int Unlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport(Libc, SetLastError = true, EntryPoint = "rename")]
    public static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport(Libc, SetLastError = true, EntryPoint = "link")]
    public static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport(Libc, SetLastError = true, EntryPoint = "symlink")]
    public static extern int Symlink([MarshalAs(UnmanagedType.LPUTF8Str)] string target, [MarshalAs(UnmanagedType.LPUTF8Str)] string linkPath);

    [DllImport(Libc, SetLastError = true, EntryPoint = "readlink")]
    public static extern nint ReadLink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buf, nint size);

    [DllImport(Libc, SetLastError = true, EntryPoint = "utimensat")]
    public static extern int UtimensAt(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, long* times, int flags);

    [DllImport(Libc, SetLastError = true, EntryPoint = "futimens")]
    public static extern int FUtimens(int fd, long* times);

    [DllImport(Libc, SetLastError = true, EntryPoint = "stat")]
    private static extern int StatRaw([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buf);

    [DllImport(Libc, SetLastError = true, EntryPoint = "lstat")]
    private static extern int LStatRaw([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buf);

    [DllImport(Libc, SetLastError = true, EntryPoint = "fstat")]
    private static extern int FStatRaw(int fd, byte* buf);

    /// <summary>The fields of <c>struct stat</c> WASI reports.</summary>
    public readonly record struct StatInfo(ulong Dev, ulong Ino, uint Mode, ulong NLink, long Size, long ATimeNs, long MTimeNs, long CTimeNs)
    {
        public byte FileType => (Mode & S_IFMT) switch
        {
            S_IFDIR => WasiConstants.FiletypeDirectory,
            S_IFREG => WasiConstants.FiletypeRegularFile,
            S_IFLNK => WasiConstants.FiletypeSymbolicLink,
            S_IFCHR => WasiConstants.FiletypeCharacterDevice,
            S_IFBLK => WasiConstants.FiletypeBlockDevice,
            S_IFSOCK => WasiConstants.FiletypeSocketStream,
            _ => WasiConstants.FiletypeUnknown,
        };
    }

    public static Errno Stat(string path, bool follow, out StatInfo info)
    {
        byte* buf = stackalloc byte[256];
        int rc = follow ? StatRaw(path, buf) : LStatRaw(path, buf);
        info = rc == 0 ? Decode(buf) : default;
        return rc == 0 ? Errno.Success : LastErrno();
    }

    public static Errno FStat(int fd, out StatInfo info)
    {
        byte* buf = stackalloc byte[256];
        int rc = FStatRaw(fd, buf);
        info = rc == 0 ? Decode(buf) : default;
        return rc == 0 ? Errno.Success : LastErrno();
    }

    private static StatInfo Decode(byte* b)
    {
        if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            // aarch64 generic layout: dev, ino, mode(u32), nlink(u32), uid, gid, rdev, pad, size, blksize(i32), pad, blocks, times.
            return new StatInfo(*(ulong*)(b + 0), *(ulong*)(b + 8), *(uint*)(b + 16), *(uint*)(b + 20), *(long*)(b + 48),
                Ns(b + 72), Ns(b + 88), Ns(b + 104));
        }
        // x86-64: dev, ino, nlink(u64), mode(u32), uid, gid, pad, rdev, size, blksize, blocks, atim, mtim, ctim.
        return new StatInfo(*(ulong*)(b + 0), *(ulong*)(b + 8), *(uint*)(b + 24), *(ulong*)(b + 16), *(long*)(b + 48),
            Ns(b + 72), Ns(b + 88), Ns(b + 104));
    }

    private static long Ns(byte* ts) => (*(long*)ts * 1_000_000_000L) + *(long*)(ts + 8);

    public static Errno LastErrno() => FromLinux(Marshal.GetLastPInvokeError());

    /// <summary>Linux errno to WASI errno.</summary>
    public static Errno FromLinux(int e) => e switch
    {
        0 => Errno.Success,
        1 => Errno.Perm,
        2 => Errno.NoEnt,
        4 => Errno.Intr,
        5 => Errno.Io,
        6 => Errno.Nxio,
        7 => Errno.TooBig,
        9 => Errno.Badf,
        11 => Errno.Again,
        12 => Errno.NoMem,
        13 => Errno.Acces,
        14 => Errno.Fault,
        16 => Errno.Busy,
        17 => Errno.Exist,
        18 => Errno.Xdev,
        19 => Errno.NoDev,
        20 => Errno.NotDir,
        21 => Errno.IsDir,
        22 => Errno.Inval,
        23 => Errno.Nfile,
        24 => Errno.Mfile,
        25 => Errno.NoTty,
        26 => Errno.TxtBsy,
        27 => Errno.Fbig,
        28 => Errno.NoSpc,
        29 => Errno.Spipe,
        30 => Errno.Rofs,
        31 => Errno.Mlink,
        32 => Errno.Pipe,
        36 => Errno.NameTooLong,
        38 => Errno.NoSys,
        39 => Errno.NotEmpty,
        40 => Errno.Loop,
        75 => Errno.Overflow,
        95 => Errno.NotSup,
        122 => Errno.Dquot,
        _ => Errno.Io,
    };
}
