namespace WasmJit.SpecRunner;

/// <summary>
/// One <c>.wast</c> file to run: where it is on disk, its name relative to the suite (<c>core/i32.wast</c>, used for
/// display and by the skip list) and the features its folder is written for.
/// </summary>
internal sealed record SpecFile(string FullPath, string SuitePath, WasmFeatures Features)
{
    /// <summary>Top-level folders of the suite; a path's suite-relative name starts at the last of these.</summary>
    private static readonly string[] s_topFolders = ["core", "legacy", "custom", "proposals"];

    public static SpecFile FromPath(string path)
    {
        var full = Path.GetFullPath(path);
        var suitePath = SuiteRelativeName(full);
        return new SpecFile(full, suitePath, FeaturesFor(suitePath));
    }

    /// <summary>
    /// <c>/x/wasm-testsuite/core/i32.wast</c> becomes <c>core/i32.wast</c>; a file outside any suite folder keeps
    /// only its file name.
    /// </summary>
    public static string SuiteRelativeName(string fullPath)
    {
        var parts = fullPath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            if (Array.IndexOf(s_topFolders, parts[i]) >= 0)
            {
                return string.Join('/', parts[i..]);
            }
        }
        return parts[^1];
    }

    /// <summary>
    /// core/ is Wasm 3.0 plus threads (the default); legacy/ adds the legacy exception instructions;
    /// proposals/threads is the default set too.
    /// </summary>
    public static WasmFeatures FeaturesFor(string suitePath) =>
        suitePath.StartsWith("legacy/", StringComparison.Ordinal)
            ? WasmFeatures.Default | WasmFeatures.LegacyExceptions
            : WasmFeatures.Default;

    /// <summary>
    /// Expands files and folders (recursively, sorted by ordinal name) into the .wast files to run, in order.
    /// Missing paths throw <see cref="FileNotFoundException"/>.
    /// </summary>
    public static List<SpecFile> Expand(IEnumerable<string> paths)
    {
        var result = new List<SpecFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*.wast", SearchOption.AllDirectories)
                    .Select(Path.GetFullPath)
                    .OrderBy(f => f.Replace('\\', '/'), StringComparer.Ordinal);
                foreach (var f in files)
                {
                    if (seen.Add(f))
                    {
                        result.Add(FromPath(f));
                    }
                }
            }
            else if (File.Exists(path))
            {
                if (seen.Add(Path.GetFullPath(path)))
                {
                    result.Add(FromPath(path));
                }
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {path}", path);
            }
        }
        return result;
    }
}
