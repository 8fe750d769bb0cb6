namespace WasmJit.Text.Tests;

/// <summary>Finds the official spec test suite: env WASMJIT_TESTSUITE, else ../shared/wasm-testsuite next to the repo.</summary>
internal static class TestSuite
{
    public static readonly string[] Folders = ["core", "custom", "legacy", Path.Combine("proposals", "threads")];

    /// <summary>The suite's root folder; throws (failing the test) with every place it looked if it is missing.</summary>
    public static string Root()
    {
        var tried = new List<string>();
        string? env = Environment.GetEnvironmentVariable("WASMJIT_TESTSUITE");
        if (!string.IsNullOrEmpty(env))
        {
            tried.Add(env);
            if (Directory.Exists(Path.Combine(env, "core")))
            {
                return env;
            }
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasmJit.sln")))
            {
                // ../shared/wasm-testsuite from the repo root; a git worktree may sit one level deeper, so keep going up.
                for (var up = dir.Parent; up is not null; up = up.Parent)
                {
                    string candidate = Path.Combine(up.FullName, "shared", "wasm-testsuite");
                    tried.Add(candidate);
                    if (Directory.Exists(Path.Combine(candidate, "core")))
                    {
                        return candidate;
                    }
                }
                break;
            }
        }
        if (tried.Count == 0)
        {
            tried.Add($"(no WasmJit.sln above {AppContext.BaseDirectory})");
        }
        throw new InvalidOperationException("WebAssembly spec test suite not found; looked in: " + string.Join(", ", tried));
    }

    /// <summary>Every .wast file of the folders this project must handle.</summary>
    public static List<string> Files()
    {
        string root = Root();
        var files = new List<string>();
        foreach (var folder in Folders)
        {
            string dir = Path.Combine(root, folder);
            Assert.True(Directory.Exists(dir), $"missing suite folder {dir}");
            files.AddRange(Directory.GetFiles(dir, "*.wast").OrderBy(f => f, StringComparer.Ordinal));
        }
        return files;
    }
}
