namespace WasmJit.Cli.Tests;

/// <summary>
/// <see cref="ModuleInput.LoadForRun"/>: the bytes of a module with the contents of its DWARF custom sections left
/// unread (zero), everything else exactly as on disk; anything it cannot lay out falls back to a full read.
/// </summary>
public sealed class ModuleInputTests
{
    private static byte[] Custom(string name, byte[] content)
    {
        var n = System.Text.Encoding.UTF8.GetBytes(name);
        var body = new List<byte> { (byte)n.Length };
        body.AddRange(n);
        body.AddRange(content);
        var s = new List<byte> { 0 };
        uint size = (uint)body.Count;
        do
        {
            byte b = (byte)(size & 0x7F);
            size >>= 7;
            s.Add(size != 0 ? (byte)(b | 0x80) : b);
        }
        while (size != 0);
        s.AddRange(body);
        return [.. s];
    }

    private static string HelloWasm()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "perf", "kernels", "hello.wasm");
            if (File.Exists(p))
            {
                return p;
            }
        }
        throw new FileNotFoundException("perf/kernels/hello.wasm");
    }

    [Fact]
    public void SkipsOnlyTheContentsOfDwarfSections()
    {
        using var dir = new TempDir();
        var debug = Enumerable.Range(0, 300).Select(i => (byte)(i % 255 + 1)).ToArray();
        var keep = "kept contents"u8.ToArray();
        byte[] original = [.. File.ReadAllBytes(HelloWasm()), .. Custom(".debug_info", debug), .. Custom("keep.me", keep), .. Custom(".debug_line", debug)];
        var path = Path.Combine(dir.Path, "dbg.wasm");
        File.WriteAllBytes(path, original);

        var loaded = ModuleInput.LoadForRun(path);
        Assert.Equal(original.Length, loaded.Length);
        int differing = 0;
        for (int i = 0; i < original.Length; i++)
        {
            if (loaded[i] != original[i])
            {
                Assert.Equal(0, loaded[i]);
                differing++;
            }
        }
        // Both DWARF sections' contents are zero (the generated content has no zero byte), nothing else differs.
        Assert.Equal(2 * debug.Length, differing);
        Assert.True(loaded.AsSpan().IndexOf("keep.mekept contents"u8) > 0);
        Assert.True(loaded.AsSpan().IndexOf(".debug_line"u8) > 0);

        var r = Cli.Run("run", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("hello, world", r.Out);
    }

    [Fact]
    public void AMalformedLayoutFallsBackToAFullReadAndTheDecodersError()
    {
        using var dir = new TempDir();
        byte[] original = [.. File.ReadAllBytes(HelloWasm()), 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2];
        var path = Path.Combine(dir.Path, "bad.wasm");
        File.WriteAllBytes(path, original);
        Assert.Equal(original, ModuleInput.LoadForRun(path));
        var r = Cli.Run("run", path);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("length out of bounds (at 0x", r.Err);
    }
}
