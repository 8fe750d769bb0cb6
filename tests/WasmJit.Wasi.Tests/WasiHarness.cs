using System.Text;
using WasmJit.Wasi;

namespace WasmJit.Wasi.Tests;

/// <summary>A WASI context over a scratch memory and a temporary sandbox directory, with helpers to call it.</summary>
internal sealed class WasiHarness : IDisposable
{
    public const uint Scratch = 1024;

    public WasiHarness(Func<WasiOptions, WasiOptions>? configure = null)
    {
        Root = Directory.CreateTempSubdirectory("wasmjit-wasi-").FullName;
        Sandbox = Path.Combine(Root, "sandbox");
        Outside = Path.Combine(Root, "outside");
        Directory.CreateDirectory(Sandbox);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "secret");
        Stdout = new MemoryStream();
        var options = WasiOptions.Default.WithArgs("prog", "a1").WithEnvironment("K", "V")
            .WithPreopenedDirectory(Sandbox, "/sandbox").WithStdout(Stdout).WithStdin(new MemoryStream(Encoding.UTF8.GetBytes("input")));
        Context = new WasiContext(configure is null ? options : configure(options));
        Memory = new ArrayGuestMemory(new byte[65536]);
    }

    public string Root { get; }
    public string Sandbox { get; }
    public string Outside { get; }
    public MemoryStream Stdout { get; }
    public WasiContext Context { get; }
    public ArrayGuestMemory Memory { get; }

    /// <summary>The preopened sandbox directory's fd.</summary>
    public const int DirFd = 3;

    /// <summary>Writes a string at a fixed scratch address and returns (ptr, len).</summary>
    public (uint Ptr, uint Len) Str(string s, uint at = Scratch)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        bytes.CopyTo(Memory.Bytes, (int)at);
        return (at, (uint)bytes.Length);
    }

    public Errno Open(string path, uint oflags, ulong rights, out int fd, uint lookup = 1, uint fdflags = 0)
    {
        var (p, l) = Str(path);
        var e = Call(() => Context.PathOpen(Memory, DirFd, lookup, p, l, oflags, rights, rights, fdflags, 8000));
        fd = (int)Memory.ReadU32(8000);
        return e;
    }

    public Errno Write(int fd, string text)
    {
        var (p, l) = Str(text, 4096);
        Memory.WriteU32(100, p);
        Memory.WriteU32(104, l);
        return Call(() => Context.FdWrite(Memory, fd, 100, 1, 108));
    }

    public string Read(int fd, uint max = 256)
    {
        Memory.WriteU32(100, 5000);
        Memory.WriteU32(104, max);
        var e = Call(() => Context.FdRead(Memory, fd, 100, 1, 108));
        Assert.Equal(Errno.Success, e);
        return Encoding.UTF8.GetString(Memory.Bytes, 5000, (int)Memory.ReadU32(108));
    }

    /// <summary>Calls WASI as the guest does: through the errno guard.</summary>
    public Errno Call(Func<Errno> call) => (Errno)WasiContext.Guard(call);

    public void Dispose()
    {
        Context.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Writes a <c>poll_oneoff</c> clock subscription (monotonic, relative) at index <paramref name="i"/> of a subscription array at address 0.</summary>
    public void WriteClockSubscription(uint i, ulong userdata, ulong timeoutNs)
    {
        uint s = i * 48;
        Memory.Bytes.AsSpan((int)s, 48).Clear();
        Memory.WriteU64(s, userdata);
        Memory.WriteU8(s + 8, WasiConstants.EventClock);
        Memory.WriteU32(s + 16, WasiConstants.ClockMonotonic);
        Memory.WriteU64(s + 24, timeoutNs);
    }
}
