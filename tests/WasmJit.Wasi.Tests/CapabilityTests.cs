using static WasmJit.Wasi.WasiConstants;

namespace WasmJit.Wasi.Tests;

/// <summary>No path escapes its preopen: each way out is refused with the right errno.</summary>
public sealed class CapabilityTests
{
    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("sub/../../outside/secret.txt")]
    [InlineData("./../outside/secret.txt")]
    public void DotDotAboveThePreopenIsNotCapable(string path)
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(Path.Combine(h.Sandbox, "sub"));
        Assert.Equal(Errno.NotCapable, h.Open(path, 0, RightFdRead, out _));
    }

    [Fact]
    public void AbsolutePathIsNotCapable()
    {
        using var h = new WasiHarness();
        Assert.Equal(Errno.NotCapable, h.Open(Path.Combine(h.Outside, "secret.txt"), 0, RightFdRead, out _));
    }

    [Fact]
    public void DotDotThatStaysInsideIsAllowed()
    {
        using var h = new WasiHarness();
        Directory.CreateDirectory(Path.Combine(h.Sandbox, "sub"));
        File.WriteAllText(Path.Combine(h.Sandbox, "in.txt"), "inside");
        Assert.Equal(Errno.Success, h.Open("sub/../in.txt", 0, RightFdRead, out int fd));
        Assert.Equal("inside", h.Read(fd));
    }

    [Fact]
    public void AbsoluteSymlinkToOutsideIsNotCapable()
    {
        using var h = new WasiHarness();
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "link"), Path.Combine(h.Outside, "secret.txt"));
        Assert.Equal(Errno.NotCapable, h.Open("link", 0, RightFdRead, out _));
    }

    [Fact]
    public void RelativeSymlinkClimbingOutIsNotCapable()
    {
        using var h = new WasiHarness();
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "link"), "../outside/secret.txt");
        Assert.Equal(Errno.NotCapable, h.Open("link", 0, RightFdRead, out _));
    }

    [Fact]
    public void SymlinkDirectoryInTheMiddleOfAPathIsCheckedToo()
    {
        using var h = new WasiHarness();
        Directory.CreateSymbolicLink(Path.Combine(h.Sandbox, "d"), h.Outside);
        Assert.Equal(Errno.NotCapable, h.Open("d/secret.txt", 0, RightFdRead, out _));
    }

    [Fact]
    public void SymlinkInsideTheSandboxIsFollowed()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "target.txt"), "hello");
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "link"), "target.txt");
        Assert.Equal(Errno.Success, h.Open("link", 0, RightFdRead, out int fd));
        Assert.Equal("hello", h.Read(fd));
    }

    [Fact]
    public void NotFollowingAFinalSymlinkRefusesToOpenIt()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "target.txt"), "hello");
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "link"), "target.txt");
        Assert.Equal(Errno.Loop, h.Open("link", 0, RightFdRead, out _, lookup: 0));
    }

    [Fact]
    public void SymlinkLoopIsELoop()
    {
        using var h = new WasiHarness();
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(h.Sandbox, "b"), "a");
        Assert.Equal(Errno.Loop, h.Open("a", 0, RightFdRead, out _));
    }

    [Fact]
    public void CreatingAnAbsoluteSymlinkIsRefused()
    {
        using var h = new WasiHarness();
        var (tp, tl) = h.Str("/etc/passwd", 2000);
        var (pp, pl) = h.Str("evil", 3000);
        Assert.Equal(Errno.NotCapable, h.Call(() => h.Context.PathSymlink(h.Memory, tp, tl, WasiHarness.DirFd, pp, pl)));
    }

    [Fact]
    public void RightsAreInheritedNotGained()
    {
        using var h = new WasiHarness();
        File.WriteAllText(Path.Combine(h.Sandbox, "ro.txt"), "x");
        Assert.Equal(Errno.Success, h.Open("ro.txt", 0, RightFdRead, out int fd));
        Assert.Equal(Errno.NotCapable, h.Write(fd, "nope"));
        Assert.Equal(Errno.NotCapable, h.Call(() => h.Context.FdFdstatSetRights(fd, RightFdRead | RightFdWrite, 0)));
    }

    [Fact]
    public void OutOfBoundsGuestPointerIsFault()
    {
        using var h = new WasiHarness();
        Assert.Equal((int)Errno.Fault, WasiContext.Guard(() => h.Context.FdWrite(h.Memory, 1, 70000, 1, 0)));
    }
}
