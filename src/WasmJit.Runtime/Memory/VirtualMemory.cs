using System.Runtime.InteropServices;

namespace WasmJit.Runtime;

/// <summary>
/// Address-space reservation for linear memories: reserve once (inaccessible), commit as the memory grows, so the
/// base address never moves. mmap/mprotect on Linux and macOS, VirtualAlloc on Windows, and a fully allocated
/// block elsewhere.
/// </summary>
internal static unsafe partial class VirtualMemory
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 3;
    private const int MapPrivate = 0x02;
    private const int LinuxMapAnonymous = 0x20;
    private const int LinuxMapNoReserve = 0x4000;
    private const int MacMapAnonymous = 0x1000;
    private const int MacMapNoReserve = 0x40;
    private const uint MemCommit = 0x1000;
    private const uint MemReserve = 0x2000;
    private const uint MemRelease = 0x8000;
    private const uint PageNoAccess = 0x01;
    private const uint PageReadWrite = 0x04;

    public static readonly ulong PageSize = (ulong)Environment.SystemPageSize;

    private static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    public static ulong RoundUp(ulong bytes) => (bytes + PageSize - 1) & ~(PageSize - 1);

    /// <summary>Reserves <paramref name="bytes"/> (a multiple of <see cref="PageSize"/>) of inaccessible address space; null on failure.</summary>
    public static byte* Reserve(ulong bytes)
    {
        if (bytes == 0)
        {
            bytes = PageSize;
        }
        if (IsPosix)
        {
            int flags = MapPrivate | (OperatingSystem.IsLinux() ? LinuxMapAnonymous | LinuxMapNoReserve : MacMapAnonymous | MacMapNoReserve);
            nint p = mmap(0, (nuint)bytes, ProtNone, flags, -1, 0);
            return p == -1 ? null : (byte*)p;
        }
        if (OperatingSystem.IsWindows())
        {
            return (byte*)VirtualAlloc(0, (nuint)bytes, MemReserve, PageNoAccess);
        }
        return bytes > int.MaxValue * 4UL ? null : (byte*)NativeMemory.AllocZeroed((nuint)bytes);
    }

    /// <summary>Makes [p, p + bytes) readable and writable (zero-filled on first touch).</summary>
    public static bool Commit(byte* p, ulong bytes)
    {
        if (bytes == 0)
        {
            return true;
        }
        if (IsPosix)
        {
            return mprotect((nint)p, (nuint)bytes, ProtReadWrite) == 0;
        }
        if (OperatingSystem.IsWindows())
        {
            return VirtualAlloc((nint)p, (nuint)bytes, MemCommit, PageReadWrite) != 0;
        }
        return true;
    }

    public static void Release(byte* p, ulong bytes)
    {
        if (p is null)
        {
            return;
        }
        if (bytes == 0)
        {
            bytes = PageSize;
        }
        if (IsPosix)
        {
            munmap((nint)p, (nuint)bytes);
        }
        else if (OperatingSystem.IsWindows())
        {
            VirtualFree((nint)p, 0, MemRelease);
        }
        else
        {
            NativeMemory.Free(p);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint addr, nuint length, int prot);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint addr, nuint length);

    [LibraryImport("kernel32", SetLastError = true)]
    private static partial nint VirtualAlloc(nint address, nuint size, uint allocationType, uint protect);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualFree(nint address, nuint size, uint freeType);
}
