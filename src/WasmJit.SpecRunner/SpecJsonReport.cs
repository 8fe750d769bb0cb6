using System.Text.Encodings.Web;
using System.Text.Json;

namespace WasmJit.SpecRunner;

/// <summary>
/// The machine-readable report of <c>wasmjit spec --json</c>:
/// <c>{"engine","passed","failed","skipped","files":[{"file","passed","failed","skipped","error"?,"skipReason"?,
/// "seconds","byKind":{kind:{"passed","failed","skipped"}},"failures":[{"line","kind","category","expected","actual"}]}]}</c>.
/// <c>category</c> is <c>class</c>, <c>message</c>, <c>value</c>, <c>crash</c> or <c>timeout</c>, so wording
/// differences are easy to tell from wrong behaviour.
/// </summary>
internal static class SpecJsonReport
{
    public static void Write(Stream stream, IReadOnlyList<FileResult> results, SpecEngine engine)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Failure texts hold arbitrary wasm names and quotes; keep them readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        w.WriteStartObject();
        w.WriteString("engine", engine.Name());
        w.WriteNumber("passed", results.Sum(r => r.Passed));
        w.WriteNumber("failed", results.Sum(r => r.Failed));
        w.WriteNumber("skipped", results.Sum(r => r.Skipped));
        w.WriteStartArray("files");
        foreach (var r in results)
        {
            WriteFile(w, r);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string ToJson(IReadOnlyList<FileResult> results, SpecEngine engine)
    {
        using var ms = new MemoryStream();
        Write(ms, results, engine);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteFile(Utf8JsonWriter w, FileResult r)
    {
        w.WriteStartObject();
        w.WriteString("file", r.File.SuitePath);
        w.WriteNumber("passed", r.Passed);
        w.WriteNumber("failed", r.Failed);
        w.WriteNumber("skipped", r.Skipped);
        if (r.Error is not null)
        {
            w.WriteString("error", r.Error);
        }
        if (r.SkipReason is not null)
        {
            w.WriteString("skipReason", r.SkipReason);
        }
        w.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 3));
        w.WriteStartObject("byKind");
        foreach (var (kind, c) in r.ByKind)
        {
            w.WriteStartObject(kind);
            w.WriteNumber("passed", c.Passed);
            w.WriteNumber("failed", c.Failed);
            w.WriteNumber("skipped", c.Skipped);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("failures");
        foreach (var f in r.Failures.OrderBy(f => f.Line))
        {
            w.WriteStartObject();
            w.WriteNumber("line", f.Line);
            w.WriteString("kind", f.Kind);
            w.WriteString("category", f.Category.ToString().ToLowerInvariant());
            w.WriteString("expected", f.Expected);
            w.WriteString("actual", f.Actual);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
