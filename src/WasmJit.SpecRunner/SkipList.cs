using System.Text.Json;
using System.Text.RegularExpressions;

namespace WasmJit.SpecRunner;

/// <summary>One entry of the skip list: what to skip and why.</summary>
internal sealed class SkipEntry
{
    /// <summary>Suite-relative path glob: <c>*</c> matches within one folder, <c>**</c> across folders.</summary>
    public required string Path { get; init; }

    public required string Reason { get; init; }

    /// <summary>Only this line (the line of the command's opening parenthesis); null for any line.</summary>
    public int? Line { get; init; }

    /// <summary>Only these command kinds (or the group <c>execution</c>); null for every kind.</summary>
    public string[]? Kinds { get; init; }

    /// <summary>Only these engines (<c>interp</c>, <c>jit</c>, <c>tiered</c>); null for every engine.</summary>
    public string[]? Engines { get; init; }

    internal Regex PathRegex { get; init; } = null!;

    /// <summary>Skips the whole file (every command, whatever its line or kind)?</summary>
    public bool IsWholeFile => Line is null && Kinds is null;
}

/// <summary>
/// The skip list (<c>spec-tests/skip-list.json</c>): data, one reason per entry, in the manner of Jint's Test262
/// exclusions. Entries skip a whole file, one line of a file, or some command kinds of a file, for every engine or
/// only some. Skipped commands are reported as skipped, never as passed.
/// </summary>
internal sealed class SkipList
{
    /// <summary>
    /// The kind group <c>execution</c>: every command that needs to instantiate or run a module. What stays is
    /// decoding and validation (<c>assert_malformed</c>, <c>assert_invalid</c>), and modules are still validated.
    /// </summary>
    public static readonly IReadOnlySet<string> ExecutionKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "module", "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion",
        "assert_exception", "assert_unlinkable", "assert_uninstantiable", "thread", "wait",
    };

    public const string RepositoryRelativePath = "spec-tests/skip-list.json";

    public static SkipList Empty { get; } = new([]);

    public SkipList(IReadOnlyList<SkipEntry> entries) => Entries = entries;

    public IReadOnlyList<SkipEntry> Entries { get; }

    /// <summary>The reason the whole file is skipped for <paramref name="engine"/>, or null.</summary>
    public string? FileSkipReason(string suitePath, string engine)
    {
        foreach (var e in Entries)
        {
            if (e.IsWholeFile && AppliesTo(e, suitePath, engine))
            {
                return e.Reason;
            }
        }
        return null;
    }

    /// <summary>The reason one command is skipped, or null.</summary>
    public string? CommandSkipReason(string suitePath, string engine, int line, string kind)
    {
        foreach (var e in Entries)
        {
            if (!AppliesTo(e, suitePath, engine) || (e.Line is { } l && l != line))
            {
                continue;
            }
            if (e.Kinds is null || e.Kinds.Any(k => k == kind || (k == "execution" && ExecutionKinds.Contains(kind))))
            {
                return e.Reason;
            }
        }
        return null;
    }

    private static bool AppliesTo(SkipEntry e, string suitePath, string engine) =>
        (e.Engines is null || Array.IndexOf(e.Engines, engine) >= 0) && e.PathRegex.IsMatch(suitePath);

    /// <summary>The skip list of the repository holding the running assembly (or the current folder), if any.</summary>
    public static string? FindDefault()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var root = TestSuiteLocator.FindRepositoryRoot(start);
            var path = root is null ? null : System.IO.Path.Combine(root, RepositoryRelativePath);
            if (path is not null && File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    public static SkipList Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>
    /// Reads <c>{"entries":[{"path","reason","line"?,"kinds"?,"engines"?}]}</c>. Comments are allowed. An entry
    /// without a reason, or with an unknown field, is an error: the list must say why.
    /// </summary>
    public static SkipList Parse(string json, string source = "skip list")
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (doc.RootElement.ValueKind != JsonValueKind.Object
            || !doc.RootElement.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{source}: expected an object with an \"entries\" array");
        }
        var list = new List<SkipEntry>();
        foreach (var e in entries.EnumerateArray())
        {
            string? path = null, reason = null;
            int? line = null;
            string[]? kinds = null, engines = null;
            foreach (var p in e.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "path": path = p.Value.GetString(); break;
                    case "reason": reason = p.Value.GetString(); break;
                    case "line": line = p.Value.GetInt32(); break;
                    case "kinds": kinds = p.Value.EnumerateArray().Select(x => x.GetString()!).ToArray(); break;
                    case "engines": engines = p.Value.EnumerateArray().Select(x => x.GetString()!).ToArray(); break;
                    default: throw new FormatException($"{source}: unknown field \"{p.Name}\" in entry {list.Count}");
                }
            }
            if (string.IsNullOrWhiteSpace(path) || string.IsNullOrWhiteSpace(reason))
            {
                throw new FormatException($"{source}: entry {list.Count} needs a \"path\" and a \"reason\"");
            }
            list.Add(new SkipEntry
            {
                Path = path,
                Reason = reason,
                Line = line,
                Kinds = kinds,
                Engines = engines,
                PathRegex = GlobToRegex(path),
            });
        }
        return new SkipList(list);
    }

    private static Regex GlobToRegex(string glob)
    {
        var sb = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                sb.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}
