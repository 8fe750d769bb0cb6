using System.Diagnostics;
using System.Runtime.CompilerServices;
using WasmJit.Binary;
using WasmJit.Text.Printer;
using Xunit.Abstractions;

namespace WasmJit.Text.Tests;

/// <summary>
/// The printer's fixed point over the whole spec suite: every module that encodes and decodes (valid ones and those
/// asserted invalid; only the malformed ones are skipped) is printed, the print is parsed, and the bytes must equal
/// the first encoding. Modules whose first encoding is not what our encoder
/// writes (hand-made binaries: padded LEBs, explicit rec groups of one, ...) are listed with a reason in
/// PrinterRoundTripExceptions.txt; for those the print of the re-encoding must itself round-trip exactly.
/// </summary>
public sealed class PrinterRoundTripTests(ITestOutputHelper output)
{
    private const string ExceptionsFile = "PrinterRoundTripExceptions.txt";

    [Fact]
    public void Every_suite_module_round_trips_through_the_printer()
    {
        var expected = LoadExceptions();
        var files = TestSuite.Files();
        Assert.True(files.Count > 250, $"only {files.Count} .wast files found");
        int tested = 0, identical = 0, skippedMalformed = 0, skippedNotEncoding = 0;
        var differing = new List<string>();
        var failures = new List<string>();
        var sw = Stopwatch.StartNew();
        foreach (var file in files)
        {
            string name = Path.GetRelativePath(TestSuite.Root(), file).Replace('\\', '/');
            WastScript script;
            try
            {
                script = WastParser.ParseFile(file);
            }
            catch (WasmMalformedException e)
            {
                failures.Add($"{name}: script does not parse: {e.Message}");
                continue;
            }
            foreach (var (module, expectFailure) in Modules(script.Commands))
            {
                if (expectFailure)
                {
                    skippedMalformed++;
                    continue;
                }
                string key = $"{name}:{module.Line}";
                byte[] first;
                WasmModule decoded;
                try
                {
                    first = module.GetBinary();
                    decoded = ModuleDecoder.Decode(first, WasmFeatures.All);
                }
                catch (WasmException)
                {
                    skippedNotEncoding++;
                    continue;
                }
                tested++;
                string text = WatPrinter.Print(decoded);
                byte[] second;
                try
                {
                    second = WatParser.ParseModule(text);
                }
                catch (WasmMalformedException e)
                {
                    failures.Add($"{key}: the print does not parse: {e.Message}\n{Excerpt(text, e.Message)}");
                    continue;
                }
                if (first.AsSpan().SequenceEqual(second))
                {
                    identical++;
                    if (expected.ContainsKey(key))
                    {
                        failures.Add($"{key}: listed in {ExceptionsFile} but round-trips exactly now; remove the entry");
                    }
                    continue;
                }
                differing.Add(key);
                if (!expected.ContainsKey(key))
                {
                    failures.Add($"{key}: print re-encodes differently ({first.Length} -> {second.Length} bytes, first difference at {FirstDifference(first, second)})");
                    continue;
                }
                // A listed module: its re-encoding is canonical, so from there the round trip must be exact.
                byte[] third = WatParser.ParseModule(WatPrinter.Print(ModuleDecoder.Decode(second, WasmFeatures.All)));
                if (!second.AsSpan().SequenceEqual(third))
                {
                    failures.Add($"{key}: no fixed point: the print of the re-encoding re-encodes differently");
                }
            }
        }
        foreach (var key in expected.Keys.Where(k => !differing.Contains(k)))
        {
            if (!failures.Any(f => f.StartsWith(key + ":", StringComparison.Ordinal)))
            {
                failures.Add($"{key}: listed in {ExceptionsFile} but no such module was tested");
            }
        }
        sw.Stop();
        output.WriteLine(
            $"{tested} modules printed and re-parsed in {sw.ElapsedMilliseconds} ms: {identical} identical, {differing.Count} differing " +
            $"(all listed with a reason), skipped {skippedMalformed} expected malformed and {skippedNotEncoding} that do not encode or decode");
        foreach (var f in failures)
        {
            output.WriteLine(f);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(30)));
        Assert.True(tested > 5000, $"only {tested} modules tested");
    }

    /// <summary>Every module of the script, with whether the script expects it to be malformed.</summary>
    private static IEnumerable<(WastModule Module, bool ExpectFailure)> Modules(IEnumerable<WastCommand> commands)
    {
        foreach (var c in commands)
        {
            switch (c)
            {
                case ModuleCommand m:
                    yield return (m.Module, false);
                    break;
                case AssertModuleCommand a:
                    // Invalid modules are well-formed: they print and round-trip like the others. Malformed ones may not
                    // even encode.
                    yield return (a.Module, a.Kind is AssertModuleKind.Malformed or AssertModuleKind.MalformedCustom);
                    break;
                case AssertTrapCommand { Module: { } tm }:
                    yield return (tm, false);
                    break;
                case ThreadCommand t:
                    foreach (var inner in Modules(t.Commands))
                    {
                        yield return inner;
                    }
                    break;
            }
        }
    }

    /// <summary>"file.wast:line  reason" per line; # starts a comment.</summary>
    private static Dictionary<string, string> LoadExceptions()
    {
        string path = Path.Combine(Path.GetDirectoryName(SourceFile())!, ExceptionsFile);
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            int space = line.IndexOfAny([' ', '\t']);
            Assert.True(space > 0, $"{ExceptionsFile}: entry without a reason: {line}");
            d.Add(line[..space], line[space..].Trim());
        }
        return d;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private static int FirstDifference(byte[] a, byte[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }
        return n;
    }

    /// <summary>The printed lines around the line:column a parse error names.</summary>
    private static string Excerpt(string text, string message)
    {
        int colon = message.IndexOf(':');
        if (colon <= 0 || !int.TryParse(message.AsSpan(0, colon), out int line))
        {
            return "";
        }
        var lines = text.Split('\n');
        int from = Math.Max(0, line - 3), to = Math.Min(lines.Length, line + 2);
        return string.Join("\n", lines[from..to]);
    }
}
