namespace WasmJit.Wasi;

/// <summary>Flag and enum values of wasi_snapshot_preview1, as wasi-libc's <c>wasi/api.h</c> defines them.</summary>
internal static class WasiConstants
{
    // filetype
    public const byte FiletypeUnknown = 0, FiletypeBlockDevice = 1, FiletypeCharacterDevice = 2, FiletypeDirectory = 3,
        FiletypeRegularFile = 4, FiletypeSocketDgram = 5, FiletypeSocketStream = 6, FiletypeSymbolicLink = 7;

    // whence
    public const byte WhenceSet = 0, WhenceCur = 1, WhenceEnd = 2;

    // fdflags
    public const ushort FdflagAppend = 1, FdflagDsync = 2, FdflagNonblock = 4, FdflagRsync = 8, FdflagSync = 16;

    // oflags
    public const ushort OflagCreat = 1, OflagDirectory = 2, OflagExcl = 4, OflagTrunc = 8;

    // lookupflags
    public const uint LookupSymlinkFollow = 1;

    // fstflags
    public const ushort FstAtim = 1, FstAtimNow = 2, FstMtim = 4, FstMtimNow = 8;

    // clockid
    public const uint ClockRealtime = 0, ClockMonotonic = 1, ClockProcessCpu = 2, ClockThreadCpu = 3;

    // eventtype
    public const byte EventClock = 0, EventFdRead = 1, EventFdWrite = 2;

    public const ushort SubclockAbstime = 1;

    public const byte PreopenDir = 0;

    // riflags, roflags, sdflags
    public const ushort RiflagRecvPeek = 1, RiflagRecvWaitall = 2, RoflagRecvDataTruncated = 1;
    public const byte SdflagRd = 1, SdflagWr = 2;

    // eventrwflags
    public const ushort EventFdReadwriteHangup = 1;

    // rights
    public const ulong RightFdDatasync = 1UL << 0, RightFdRead = 1UL << 1, RightFdSeek = 1UL << 2, RightFdFdstatSetFlags = 1UL << 3,
        RightFdSync = 1UL << 4, RightFdTell = 1UL << 5, RightFdWrite = 1UL << 6, RightFdAdvise = 1UL << 7, RightFdAllocate = 1UL << 8,
        RightPathCreateDirectory = 1UL << 9, RightPathCreateFile = 1UL << 10, RightPathLinkSource = 1UL << 11,
        RightPathLinkTarget = 1UL << 12, RightPathOpen = 1UL << 13, RightFdReaddir = 1UL << 14, RightPathReadlink = 1UL << 15,
        RightPathRenameSource = 1UL << 16, RightPathRenameTarget = 1UL << 17, RightPathFilestatGet = 1UL << 18,
        RightPathFilestatSetSize = 1UL << 19, RightPathFilestatSetTimes = 1UL << 20, RightFdFilestatGet = 1UL << 21,
        RightFdFilestatSetSize = 1UL << 22, RightFdFilestatSetTimes = 1UL << 23, RightPathSymlink = 1UL << 24,
        RightPathRemoveDirectory = 1UL << 25, RightPathUnlinkFile = 1UL << 26, RightPollFdReadwrite = 1UL << 27,
        RightSockShutdown = 1UL << 28, RightSockAccept = 1UL << 29;

    public const ulong AllRights = (1UL << 30) - 1;

    public const ulong FileRights = RightFdDatasync | RightFdRead | RightFdSeek | RightFdFdstatSetFlags | RightFdSync |
        RightFdTell | RightFdWrite | RightFdAdvise | RightFdAllocate | RightFdFilestatGet | RightFdFilestatSetSize |
        RightFdFilestatSetTimes | RightPollFdReadwrite;

    public const ulong DirRights = AllRights & ~(RightFdRead | RightFdWrite | RightFdSeek | RightFdTell | RightFdAdvise |
        RightFdAllocate | RightFdFilestatSetSize | RightSockShutdown | RightSockAccept | RightFdDatasync | RightFdSync);

    /// <summary>A preopened listening socket (as wasmtime gives its <c>--tcplisten</c> sockets).</summary>
    public const ulong ListenerRights = RightSockAccept | RightPollFdReadwrite | RightFdFdstatSetFlags;

    /// <summary>A connection <c>sock_accept</c> returned: a byte stream in both directions.</summary>
    public const ulong ConnectionRights = RightFdRead | RightFdWrite | RightSockShutdown | RightPollFdReadwrite | RightFdFdstatSetFlags;

    public const ulong StdioRights = RightFdRead | RightFdWrite | RightFdFdstatSetFlags | RightFdFilestatGet | RightPollFdReadwrite;
}
