namespace WasmJit.PublicApi.Tests;

/// <summary>
/// Two identical scratch trees, one for node and one for WasmJit: each has a <c>sandbox</c> directory (the
/// program's /sandbox) and an <c>outside.txt</c> next to it that the program must not be able to reach.
/// </summary>
internal sealed class SandboxDirs : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wasmjit-api-").FullName;

    public SandboxDirs()
    {
        foreach (var side in new[] { "node", "ours" })
        {
            Directory.CreateDirectory(Path.Combine(_root, side, "sandbox"));
            File.WriteAllText(Path.Combine(_root, side, "outside.txt"), "outside the sandbox\n");
        }
    }

    public string Node => Path.Combine(_root, "node", "sandbox");

    public string Ours => Path.Combine(_root, "ours", "sandbox");

    /// <summary>Every entry under <paramref name="dir"/>, sorted: files with their content, links with their target.</summary>
    public static string Describe(string dir)
    {
        var lines = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(dir, path);
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                lines.Add($"{rel} -> {target}");
            }
            else if (Directory.Exists(path))
            {
                lines.Add($"{rel}/");
            }
            else
            {
                lines.Add($"{rel}: {File.ReadAllText(path)}");
            }
        }
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
