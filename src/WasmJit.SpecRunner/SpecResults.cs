namespace WasmJit.SpecRunner;

/// <summary>Why a command failed, so a report tells real bugs from wording differences.</summary>
internal enum FailureCategory
{
    /// <summary>The error class differs (malformed vs invalid vs trap vs link), or an error was expected and none came, or the reverse.</summary>
    Class,

    /// <summary>The right error class, but its message does not contain the expected text.</summary>
    Message,

    /// <summary>The action returned values other than the expected ones.</summary>
    Value,

    /// <summary>An exception that is not a WebAssembly error (a bug in WasmJit or in the runner).</summary>
    Crash,

    /// <summary>The file's time limit ran out.</summary>
    Timeout,
}

/// <summary>Pass, fail and skip counts of one command kind (<c>assert_return</c>, <c>module</c>, ...).</summary>
internal sealed class KindCounts
{
    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }

    public int Total => Passed + Failed + Skipped;

    public void Add(KindCounts other)
    {
        Passed += other.Passed;
        Failed += other.Failed;
        Skipped += other.Skipped;
    }
}

/// <summary>One failed command: where, what kind, and what was expected versus what happened.</summary>
internal sealed record SpecFailure(int Line, string Kind, FailureCategory Category, string Expected, string Actual)
{
    public override string ToString() => $"line {Line}: {Kind} ({Category.ToString().ToLowerInvariant()}): expected {Expected}, got {Actual}";
}

/// <summary>The outcome of one .wast file.</summary>
internal sealed class FileResult
{
    private readonly object _lock = new();
    private bool _frozen;

    public FileResult(SpecFile file) => File = file;

    public SpecFile File { get; }

    /// <summary>Counts per command kind, sorted by kind name.</summary>
    public SortedDictionary<string, KindCounts> ByKind { get; } = new(StringComparer.Ordinal);

    public List<SpecFailure> Failures { get; } = [];

    /// <summary>Set when the file could not be read or parsed, or ran out of time; counts as one failure.</summary>
    public string? Error { get; set; }

    /// <summary>Set when the whole file is in the skip list.</summary>
    public string? SkipReason { get; set; }

    public TimeSpan Elapsed { get; set; }

    public int Passed => ByKind.Values.Sum(k => k.Passed);

    public int Failed => ByKind.Values.Sum(k => k.Failed) + (Error is null ? 0 : 1);

    public int Skipped => ByKind.Values.Sum(k => k.Skipped);

    // Commands of `thread` blocks record from their own threads, hence the lock.
    public void Pass(string kind)
    {
        lock (_lock)
        {
            if (_frozen)
            {
                return;
            }
            Counts(kind).Passed++;
        }
    }

    public void Skip(string kind)
    {
        lock (_lock)
        {
            if (_frozen)
            {
                return;
            }
            Counts(kind).Skipped++;
        }
    }

    public void Fail(int line, string kind, FailureCategory category, string expected, string actual)
    {
        lock (_lock)
        {
            if (_frozen)
            {
                return;
            }
            Counts(kind).Failed++;
            Failures.Add(new SpecFailure(line, kind, category, expected, actual));
        }
    }

    /// <summary>Ignores every later record: a timed-out file's thread may still be running when we report.</summary>
    public void Freeze(string error)
    {
        lock (_lock)
        {
            _frozen = true;
            Error ??= error;
        }
    }

    private KindCounts Counts(string kind)
    {
        if (!ByKind.TryGetValue(kind, out var counts))
        {
            counts = new KindCounts();
            ByKind.Add(kind, counts);
        }
        return counts;
    }

    /// <summary>The per-file line of <c>wasmjit spec</c>: <c>core/i32.wast: 460 passed, 0 failed, 0 skipped</c>.</summary>
    public string Summary()
    {
        var line = $"{File.SuitePath}: {Passed} passed, {Failed} failed, {Skipped} skipped";
        if (Error is not null)
        {
            line += $" (error: {Error})";
        }
        else if (SkipReason is not null)
        {
            line += $" (skipped: {SkipReason})";
        }
        return line;
    }
}
