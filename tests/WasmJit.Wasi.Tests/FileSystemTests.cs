using System.Text;
using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi.Tests;

public sealed class FileSystemTests
{
    private const ulong Rw = RightFdRead | RightFdWrite | RightFdSeek | RightFdTell | RightFdFilestatGet | RightFdFilestatSetSize;

    [Fact]
    public void CreateWriteSeekReadAndStat()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Open("f.txt", OflagCreat | OflagTrunc, Rw, out int fd));
        Assert.Equal(Errno.Success, h.Write(fd, "hello world"));
        Assert.Equal(11u, h.Memory.ReadU32(108));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdSeek(h.Memory, fd, 6, WhenceSet, 200)));
        Assert.Equal(6ul, h.Memory.ReadU64(200));
        Assert.Equal("world", h.Read(fd));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdFilestatGet(h.Memory, fd, 300)));
        Assert.Equal(FiletypeRegularFile, h.Memory.Bytes[316]);
        Assert.Equal(11ul, h.Memory.ReadU64(332));
        Assert.Equal("hello world", File.ReadAllText(Path.Combine(h.Sandbox, "f.txt")));
    }

    [Fact]
    public void ExclusiveCreateOfExistingFileIsEExist()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "f.txt"), "x");
        Assert.Equal(Errno.Exist, h.Open("f.txt", OflagCreat | OflagExcl, Rw, out _));
    }

    [Fact]
    public void OpenMissingFileIsENoEnt()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.NoEnt, h.Open("missing.txt", 0, Rw, out _));
    }

    [Fact]
    public void AppendFlagAppends()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "log.txt"), "a");
        Assert.Equal(Errno.Success, h.Open("log.txt", 0, Rw, out int fd, fdflags: FdflagAppend));
        Assert.Equal(Errno.Success, h.Write(fd, "b"));
        Assert.Equal("ab", File.ReadAllText(Path.Combine(h.Sandbox, "log.txt")));
    }

    [Fact]
    public void PreadAndPwriteDoNotMoveTheOffset()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "p.txt"), "0123456789");
        Assert.Equal(Errno.Success, h.Open("p.txt", 0, Rw, out int fd));
        var (p, l) = h.Str("AB", 4096);
        h.Memory.WriteU32(100, p);
        h.Memory.WriteU32(104, l);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdPwrite(h.Memory, fd, 100, 1, 4, 108)));
        h.Memory.WriteU32(100, 5000);
        h.Memory.WriteU32(104, 3);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdPread(h.Memory, fd, 100, 1, 3, 108)));
        Assert.Equal("3AB", Encoding.UTF8.GetString(h.Memory.Bytes, 5000, 3));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdTell(h.Memory, fd, 200)));
        Assert.Equal(0ul, h.Memory.ReadU64(200));
    }

    [Fact]
    public void DirectoriesCreateListRemove()
    {
        using var h = new WasiHarness();
        var (p, l) = h.Str("d");
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathCreateDirectory(h.Memory, WasiHarness.DirFd, p, l)));
        Assert.Equal(Errno.Exist, h.Call(() => h.Context.PathCreateDirectory(h.Memory, WasiHarness.DirFd, p, l)));
        File.WriteAllText(Path.Combine(h.Sandbox, "d", "x.txt"), "1");
        Assert.Equal(Errno.NotEmpty, h.Call(() => h.Context.PathRemoveDirectory(h.Memory, WasiHarness.DirFd, p, l)));

        Assert.Equal(Errno.Success, h.Open("d", OflagDirectory, RightFdReaddir, out int dfd));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdReaddir(h.Memory, dfd, 10000, 4096, 0, 200)));
        var names = ParseDirents(h.Memory.Bytes.AsSpan(10000, (int)h.Memory.ReadU32(200)));
        Assert.Equal([".", "..", "x.txt"], names);

        var (fp, fl) = h.Str("d/x.txt");
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathUnlinkFile(h.Memory, WasiHarness.DirFd, fp, fl)));
        (p, l) = h.Str("d");
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathRemoveDirectory(h.Memory, WasiHarness.DirFd, p, l)));
        Assert.False(Directory.Exists(Path.Combine(h.Sandbox, "d")));
    }

    [Fact]
    public void ReaddirWithASmallBufferResumesByCookie()
    {
        using var h = new WasiHarness();
        for (int i = 0; i < 5; i++)
        {
            File.WriteAllText(Path.Combine(h.Sandbox, $"file{i}"), "");
        }
        var all = new List<string>();
        ulong cookie = 0;
        while (true)
        {
            Assert.Equal(Errno.Success, h.Call(() => h.Context.FdReaddir(h.Memory, WasiHarness.DirFd, 10000, 64, cookie, 200)));
            uint used = h.Memory.ReadU32(200);
            var span = h.Memory.Bytes.AsSpan(10000, (int)used);
            int pos = 0;
            while (pos + 24 <= span.Length)
            {
                uint nameLen = BitConverter.ToUInt32(span[(pos + 16)..]);
                if (pos + 24 + nameLen > span.Length)
                {
                    break;
                }
                all.Add(Encoding.UTF8.GetString(span.Slice(pos + 24, (int)nameLen)));
                cookie = BitConverter.ToUInt64(span[pos..]);
                pos += 24 + (int)nameLen;
            }
            if (used < 64)
            {
                break;
            }
        }
        Assert.Equal([".", "..", "file0", "file1", "file2", "file3", "file4"], all);
    }

    [Fact]
    public void RenameLinkSymlinkReadlink()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "a.txt"), "A");
        var (ap, al) = h.Str("a.txt", 2000);
        var (bp, bl) = h.Str("b.txt", 3000);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathRename(h.Memory, 3, ap, al, 3, bp, bl)));
        Assert.True(File.Exists(Path.Combine(h.Sandbox, "b.txt")));
        var (cp, cl) = h.Str("c.txt", 2000);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathLink(h.Memory, 3, 0, bp, bl, 3, cp, cl)));
        Assert.Equal("A", File.ReadAllText(Path.Combine(h.Sandbox, "c.txt")));
        var (lp, ll) = h.Str("l", 2500);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathSymlink(h.Memory, bp, bl, 3, lp, ll)));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathReadlink(h.Memory, 3, lp, ll, 6000, 100, 200)));
        Assert.Equal("b.txt", Encoding.UTF8.GetString(h.Memory.Bytes, 6000, (int)h.Memory.ReadU32(200)));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathFilestatGet(h.Memory, 3, 0, lp, ll, 300)));
        Assert.Equal(FiletypeSymbolicLink, h.Memory.Bytes[316]);
        Assert.Equal(Errno.Success, h.Call(() => h.Context.PathFilestatGet(h.Memory, 3, LookupSymlinkFollow, lp, ll, 300)));
        Assert.Equal(FiletypeRegularFile, h.Memory.Bytes[316]);
    }

    [Fact]
    public void ClosingStdoutNeverClosesTheHostStream()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdClose(1)));
        Assert.Equal(Errno.Badf, h.Write(1, "x"));
        Assert.True(h.Stdout.CanWrite);
    }

    [Fact]
    public void RenumberMovesTheEntry()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Open("n.txt", OflagCreat, Rw, out int fd));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdRenumber(fd, 1)));
        Assert.Equal(Errno.Success, h.Write(1, "to file"));
        Assert.Equal("to file", File.ReadAllText(Path.Combine(h.Sandbox, "n.txt")));
        Assert.Equal(0, h.Stdout.Length);
        Assert.Equal(Errno.Badf, h.Write(fd, "x"));
    }

    [Fact]
    public void StdoutIsWrittenThrough()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Write(1, "out"));
        Assert.Equal("out", Encoding.UTF8.GetString(h.Stdout.ToArray()));
        Assert.Equal("input", h.Read(0));
    }

    [Fact]
    public void PrestatNamesThePreopen()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdPrestatGet(h.Memory, 3, 100)));
        Assert.Equal(8u, h.Memory.ReadU32(104));
        Assert.Equal(Errno.Success, h.Call(() => h.Context.FdPrestatDirName(h.Memory, 3, 200, 8)));
        Assert.Equal("/sandbox", Encoding.UTF8.GetString(h.Memory.Bytes, 200, 8));
        Assert.Equal(Errno.Badf, h.Call(() => h.Context.FdPrestatGet(h.Memory, 4, 100)));
        Assert.Equal(Errno.Badf, h.Call(() => h.Context.FdPrestatGet(h.Memory, 1, 100)));
    }

    private static List<string> ParseDirents(ReadOnlySpan<byte> span)
    {
        var names = new List<string>();
        int pos = 0;
        while (pos + 24 <= span.Length)
        {
            int n = (int)BitConverter.ToUInt32(span[(pos + 16)..]);
            names.Add(Encoding.UTF8.GetString(span.Slice(pos + 24, n)));
            pos += 24 + n;
        }
        return names;
    }
}
