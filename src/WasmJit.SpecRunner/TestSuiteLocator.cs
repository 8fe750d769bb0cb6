namespace WasmJit.SpecRunner;

/// <summary>
/// Finds the official spec test suite (the <c>.wast</c> files of https://github.com/WebAssembly/testsuite), which is
/// never copied into the repository: first the <c>WASMJIT_TESTSUITE</c> environment variable, then
/// <c>../shared/wasm-testsuite</c> relative to the repository root (the folder holding <c>WasmJit.sln</c>).
/// </summary>
internal static class TestSuiteLocator
{
    public const string EnvironmentVariable = "WASMJIT_TESTSUITE";

    /// <summary>The suite's root folder, or null; <paramref name="searched"/> lists every place looked at, in order.</summary>
    public static string? Find(out IReadOnlyList<string> searched, string? startDirectory = null)
    {
        var looked = new List<string>();
        searched = looked;

        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            var full = Path.GetFullPath(fromEnv);
            looked.Add($"{full} (from ${EnvironmentVariable})");
            if (Directory.Exists(full))
            {
                return full;
            }
        }
        else
        {
            looked.Add($"${EnvironmentVariable} (not set)");
        }

        var repoRoot = FindRepositoryRoot(startDirectory ?? AppContext.BaseDirectory);
        var cwdRoot = FindRepositoryRoot(Directory.GetCurrentDirectory());
        var roots = new[] { repoRoot, MainCheckoutOf(repoRoot), cwdRoot, MainCheckoutOf(cwdRoot) };
        foreach (var start in roots.Distinct())
        {
            if (start is null)
            {
                continue;
            }
            var candidate = Path.GetFullPath(Path.Combine(start, "..", "shared", "wasm-testsuite"));
            if (looked.Contains(candidate))
            {
                continue;
            }
            looked.Add(candidate);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        if (repoRoot is null)
        {
            looked.Add($"(no folder with WasmJit.sln above {startDirectory ?? AppContext.BaseDirectory})");
        }
        return null;
    }

    /// <summary>The suite root, or an exception whose message says exactly where we looked.</summary>
    public static string FindOrThrow()
    {
        var root = Find(out var searched);
        return root ?? throw new DirectoryNotFoundException(NotFoundMessage(searched));
    }

    public static string NotFoundMessage(IReadOnlyList<string> searched) =>
        $"WebAssembly spec test suite not found; looked in: {string.Join("; ", searched)}. " +
        $"Set ${EnvironmentVariable} to the folder holding core/, legacy/ and proposals/.";

    /// <summary>
    /// For a git worktree (its <c>.git</c> is a file <c>gitdir: MAIN/.git/worktrees/NAME</c>), the main checkout
    /// MAIN, whose <c>../shared</c> is the one the repository layout means; null otherwise.
    /// </summary>
    private static string? MainCheckoutOf(string? repoRoot)
    {
        var dotGit = repoRoot is null ? null : Path.Combine(repoRoot, ".git");
        if (dotGit is null || !File.Exists(dotGit))
        {
            return null;
        }
        try
        {
            var line = File.ReadLines(dotGit).FirstOrDefault() ?? "";
            if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                return null;
            }
            var gitDir = Path.GetFullPath(Path.Combine(repoRoot!, line["gitdir:".Length..].Trim()));
            var common = Directory.GetParent(gitDir)?.Parent; // MAIN/.git
            return common is { Name: ".git" } ? common.Parent?.FullName : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Walks up from <paramref name="directory"/> to the folder that holds WasmJit.sln.</summary>
    public static string? FindRepositoryRoot(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasmJit.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
