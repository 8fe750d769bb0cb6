using WasmJit.Binary;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WasmJit.Cli.Commands;

// Spectre's table, not the public API's WasmJit.Table (which the enclosing namespace would find first).
using Table = Spectre.Console.Table;

/// <summary>
/// <c>wasmjit inspect FILE [--json]</c>: what <c>wasm-objdump -h -x</c> shows: sections with offsets and sizes,
/// imports, exports, memory and table limits, counts of functions and segments, and the features the module
/// uses, as tables or as JSON. The module is decoded, not validated, so broken modules can be inspected too.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The module (.wasm or .wat)." };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON instead of tables." };
        var command = new Command("inspect", "Show a module's sections, imports, exports and limits.") { file, json };
        command.SetAction(parse => CommandAction.Guard(parse, (output, _) =>
        {
            var path = parse.GetValue(file)!;
            var bytes = ModuleInput.Load(path);
            var module = ModuleDecoder.Decode(bytes, WasmFeatures.All);
            if (parse.GetValue(json))
            {
                output.WriteLine(ToJson(path, module));
            }
            else
            {
                Render(ConsoleFactory.For(output), path, module);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Hex(long v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    private static string Limits(Limits l) => l.Max is { } max ? $"{l.Min}..{max}" : $"{l.Min}..";

    private static string TypeOf(WasmModule m, int typeIndex) =>
        typeIndex >= 0 && typeIndex < m.Types.Count ? m.Types[typeIndex] switch
        {
            { Func: { } f } => f.ToString(),
            { Kind: var k } => k.ToString().ToLowerInvariant(),
        } : $"type {typeIndex}";

    private static string ImportDesc(WasmModule m, Import i) => i.Kind switch
    {
        ExternKind.Func or ExternKind.Tag => $"type {i.TypeIndex} {TypeOf(m, i.TypeIndex)}",
        ExternKind.Table => $"{i.Table.Element} {Limits(i.Table.Limits)}{(i.Table.Is64 ? " i64" : "")}",
        ExternKind.Memory => MemoryDesc(i.Memory),
        ExternKind.Global => GlobalDesc(i.Global),
        _ => "",
    };

    private static string MemoryDesc(MemoryType t) =>
        $"pages {Limits(t.Limits)}{(t.Is64 ? " i64" : "")}{(t.Shared ? " shared" : "")}" +
        (t.PageSizeLog2 != 16 ? $" pagesize {1 << t.PageSizeLog2}" : "");

    private static string GlobalDesc(GlobalType g) => g.Mutable ? $"(mut {g.Type})" : g.Type.ToString();

    private static string FeatureList(WasmFeatures f) => f == WasmFeatures.None
        ? "(mvp only)"
        : string.Join(", ", Enum.GetValues<WasmFeatures>().Where(x => System.Numerics.BitOperations.IsPow2((uint)x) && f.HasFlag(x)));

    private static IRenderable[] Row(params object?[] cells) =>
        cells.Select(c => (IRenderable)new Spectre.Console.Text(Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")).ToArray();

    private static Table NewTable(string title, params string[] columns)
    {
        var t = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        foreach (var c in columns)
        {
            t.AddColumn(new TableColumn(new Spectre.Console.Text(c)));
        }
        return t;
    }

    private static void Render(IAnsiConsole console, string path, WasmModule m)
    {
        console.WriteLine($"{path}: {m.Bytes.Length} bytes");

        var sections = NewTable("Sections", "Id", "Name", "Start", "End", "Size", "Count");
        foreach (var s in m.Sections)
        {
            sections.AddRow(Row(s.Id, s.Name, Hex(s.Offset), Hex(s.Offset + s.Size), s.Size, s.Id == 0 ? "" : s.Count));
        }
        console.Write(sections);

        var summary = NewTable("Summary", "What", "Count");
        summary.AddRow(Row("types", m.Types.Count));
        summary.AddRow(Row("functions", $"{m.FunctionTypeIndices.Count} ({m.ImportedFunctionCount} imported)"));
        summary.AddRow(Row("tables", $"{m.Tables.Count} ({m.ImportedTableCount} imported)"));
        summary.AddRow(Row("memories", $"{m.Memories.Count} ({m.ImportedMemoryCount} imported)"));
        summary.AddRow(Row("globals", $"{m.Globals.Count} ({m.ImportedGlobalCount} imported)"));
        summary.AddRow(Row("tags", $"{m.Tags.Count} ({m.ImportedTagCount} imported)"));
        summary.AddRow(Row("element segments", m.Elements.Count));
        summary.AddRow(Row("data segments", m.Data.Count));
        summary.AddRow(Row("start function", m.StartFunction?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        summary.AddRow(Row("features used", FeatureList(FeatureScanner.Scan(m))));
        console.Write(summary);

        if (m.Imports.Count > 0)
        {
            var imports = NewTable("Imports", "Module", "Name", "Kind", "Type");
            foreach (var i in m.Imports)
            {
                imports.AddRow(Row(i.Module, i.Name, i.Kind.ToString().ToLowerInvariant(), ImportDesc(m, i)));
            }
            console.Write(imports);
        }
        if (m.Exports.Count > 0)
        {
            var exports = NewTable("Exports", "Name", "Kind", "Index");
            foreach (var e in m.Exports)
            {
                exports.AddRow(Row(e.Name, e.Kind.ToString().ToLowerInvariant(), e.Index));
            }
            console.Write(exports);
        }
        if (m.Memories.Count > 0 || m.Tables.Count > 0)
        {
            var limits = NewTable("Memories and tables", "Kind", "Index", "Type", "Limits", "Imported");
            for (var i = 0; i < m.Memories.Count; i++)
            {
                limits.AddRow(Row("memory", i, m.Memories[i].Is64 ? "i64" : "i32", MemoryDesc(m.Memories[i]), i < m.ImportedMemoryCount ? "yes" : "no"));
            }
            for (var i = 0; i < m.Tables.Count; i++)
            {
                var t = m.Tables[i].Type;
                limits.AddRow(Row("table", i, t.Element, $"{Limits(t.Limits)}{(t.Is64 ? " i64" : "")}", i < m.ImportedTableCount ? "yes" : "no"));
            }
            console.Write(limits);
        }
        if (m.CustomSections.Count > 0)
        {
            var customs = NewTable("Custom sections", "Name", "Start", "Size");
            foreach (var c in m.CustomSections)
            {
                customs.AddRow(Row(c.Name, Hex(c.Offset), c.Length));
            }
            console.Write(customs);
        }
    }

    internal static string ToJson(string path, WasmModule m)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteNumber("size", m.Bytes.Length);
            w.WriteStartArray("sections");
            foreach (var s in m.Sections)
            {
                w.WriteStartObject();
                w.WriteNumber("id", s.Id);
                w.WriteString("name", s.Name);
                w.WriteNumber("offset", s.Offset);
                w.WriteNumber("size", s.Size);
                w.WriteNumber("count", s.Count);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("counts");
            w.WriteNumber("types", m.Types.Count);
            w.WriteNumber("functions", m.FunctionTypeIndices.Count);
            w.WriteNumber("importedFunctions", m.ImportedFunctionCount);
            w.WriteNumber("tables", m.Tables.Count);
            w.WriteNumber("memories", m.Memories.Count);
            w.WriteNumber("globals", m.Globals.Count);
            w.WriteNumber("tags", m.Tags.Count);
            w.WriteNumber("elementSegments", m.Elements.Count);
            w.WriteNumber("dataSegments", m.Data.Count);
            w.WriteEndObject();
            if (m.StartFunction is { } start)
            {
                w.WriteNumber("start", start);
            }
            w.WriteStartArray("imports");
            foreach (var i in m.Imports)
            {
                w.WriteStartObject();
                w.WriteString("module", i.Module);
                w.WriteString("name", i.Name);
                w.WriteString("kind", i.Kind.ToString().ToLowerInvariant());
                w.WriteString("type", ImportDesc(m, i));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("exports");
            foreach (var e in m.Exports)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
                w.WriteNumber("index", e.Index);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("memories");
            for (var i = 0; i < m.Memories.Count; i++)
            {
                var mem = m.Memories[i];
                w.WriteStartObject();
                w.WriteNumber("index", i);
                w.WriteBoolean("imported", i < m.ImportedMemoryCount);
                WriteLimits(w, mem.Limits);
                w.WriteBoolean("shared", mem.Shared);
                w.WriteBoolean("memory64", mem.Is64);
                w.WriteNumber("pageSize", 1 << mem.PageSizeLog2);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("tables");
            for (var i = 0; i < m.Tables.Count; i++)
            {
                var t = m.Tables[i].Type;
                w.WriteStartObject();
                w.WriteNumber("index", i);
                w.WriteBoolean("imported", i < m.ImportedTableCount);
                w.WriteString("element", t.Element.ToString());
                WriteLimits(w, t.Limits);
                w.WriteBoolean("table64", t.Is64);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("customSections");
            foreach (var c in m.CustomSections)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("offset", c.Offset);
                w.WriteNumber("size", c.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("features");
            var used = FeatureScanner.Scan(m);
            foreach (var f in Enum.GetValues<WasmFeatures>())
            {
                if (f != WasmFeatures.None && System.Numerics.BitOperations.IsPow2((uint)f) && used.HasFlag(f))
                {
                    w.WriteStringValue(f.ToString());
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteLimits(Utf8JsonWriter w, Limits l)
    {
        w.WriteNumber("min", l.Min);
        if (l.Max is { } max)
        {
            w.WriteNumber("max", max);
        }
        else
        {
            w.WriteNull("max");
        }
    }
}
