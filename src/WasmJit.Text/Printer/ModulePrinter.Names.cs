using System.Buffers;
using System.Text;

namespace WasmJit.Text.Printer;

/// <summary>
/// Which names from the <c>name</c> section (https://webassembly.github.io/spec/core/appendix/custom.html#name-section)
/// become <c>$ids</c>. Our text encoder writes a name section from the ids of a module, at its end. So the ids
/// are printed only when they say all that the section says and encoding them gives the same section in the same
/// place; the section's annotation is then left out, as the encoder recreates it. Any other name section (more
/// subsections, duplicate or empty names, not last) is printed verbatim as an annotation and the ids are left
/// out, since printing both would make two name sections. Either way the round trip keeps every byte.
/// </summary>
internal sealed partial class ModulePrinter
{
    private readonly PrintNames _names;

    private string? FuncId(int index) => (uint)index < (uint)_names.Funcs.Length ? _names.Funcs[index] : null;

    private string?[] LocalIds(int func, int count) =>
        _names.Locals.TryGetValue(func, out var ids) && ids.Length == count ? ids : [];

    private sealed class PrintNames
    {
        public static readonly PrintNames None = new();

        public string? Module { get; init; }
        public string?[] Funcs { get; init; } = [];
        public Dictionary<int, string?[]> Locals { get; init; } = [];

        /// <summary>Index in <see cref="WasmModule.CustomSections"/> of the name section the ids stand for, or -1.</summary>
        public int OmittedCustomSection { get; init; } = -1;
    }

    private static PrintNames ChooseNames(WasmModule m)
    {
        if (m.Names is not { } names)
        {
            return PrintNames.None;
        }
        int at = -1;
        for (int i = 0; i < m.CustomSections.Count; i++)
        {
            if (m.CustomSections[i].Name == "name")
            {
                if (at >= 0)
                {
                    return PrintNames.None;
                }
                at = i;
            }
        }
        if (at < 0)
        {
            return PrintNames.None;
        }
        var section = m.CustomSections[at];
        if (section.Offset + section.Length != m.Bytes.Length)
        {
            return PrintNames.None;
        }

        if (names.ModuleName is "")
        {
            return PrintNames.None;
        }
        var funcs = new string?[m.FunctionTypeIndices.Count];
        if (!TryIds(names.FunctionNames, funcs))
        {
            return PrintNames.None;
        }
        var locals = new Dictionary<int, string?[]>();
        foreach (var (func, map) in names.LocalNames)
        {
            if (func < m.ImportedFunctionCount || func >= funcs.Length)
            {
                return PrintNames.None;
            }
            var body = m.Bodies[func - m.ImportedFunctionCount];
            int typeIndex = m.FunctionTypeIndices[func];
            int paramCount = (uint)typeIndex < (uint)m.Types.Count && m.Types[typeIndex].Func is { } f ? f.Params.Length : 0;
            var ids = new string?[paramCount + body.LocalCount];
            if (!TryIds(map, ids))
            {
                return PrintNames.None;
            }
            locals[func] = ids;
        }
        if (!Encode(names).AsSpan().SequenceEqual(m.Bytes.Span.Slice(section.Offset, section.Length)))
        {
            return PrintNames.None;
        }
        return new PrintNames
        {
            Module = names.ModuleName is { } mn ? WatLiterals.Identifier(mn) : null,
            Funcs = funcs,
            Locals = locals,
            OmittedCustomSection = at,
        };
    }

    /// <summary>Fills <paramref name="ids"/> from <paramref name="names"/>; false for an index out of range, an empty or a repeated name.</summary>
    private static bool TryIds(Dictionary<int, string> names, string?[] ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, name) in names)
        {
            if ((uint)index >= (uint)ids.Length || name.Length == 0 || !seen.Add(name))
            {
                return false;
            }
            ids[index] = WatLiterals.Identifier(name);
        }
        return true;
    }

    /// <summary>The name section payload the encoder writes for these names: subsections 0, 1, 2, indices ascending.</summary>
    private static byte[] Encode(NameSection names)
    {
        var o = new ArrayBufferWriter<byte>();
        var sub = new ArrayBufferWriter<byte>();
        if (names.ModuleName is { } module)
        {
            WriteName(sub, module);
            WriteSubsection(o, 0, sub);
        }
        if (names.FunctionNames.Count > 0)
        {
            WriteNameMap(sub, names.FunctionNames);
            WriteSubsection(o, 1, sub);
        }
        if (names.LocalNames.Count > 0)
        {
            WriteU32(sub, (uint)names.LocalNames.Count);
            foreach (var (func, map) in names.LocalNames.OrderBy(p => p.Key))
            {
                WriteU32(sub, (uint)func);
                WriteNameMap(sub, map);
            }
            WriteSubsection(o, 2, sub);
        }
        return o.WrittenSpan.ToArray();
    }

    private static void WriteSubsection(ArrayBufferWriter<byte> o, byte id, ArrayBufferWriter<byte> sub)
    {
        o.Write([id]);
        WriteU32(o, (uint)sub.WrittenCount);
        o.Write(sub.WrittenSpan);
        sub.ResetWrittenCount();
    }

    private static void WriteNameMap(ArrayBufferWriter<byte> o, Dictionary<int, string> map)
    {
        WriteU32(o, (uint)map.Count);
        foreach (var (index, name) in map.OrderBy(p => p.Key))
        {
            WriteU32(o, (uint)index);
            WriteName(o, name);
        }
    }

    private static void WriteName(ArrayBufferWriter<byte> o, string s)
    {
        byte[] b = Encoding.UTF8.GetBytes(s);
        WriteU32(o, (uint)b.Length);
        o.Write(b);
    }

    private static void WriteU32(ArrayBufferWriter<byte> o, uint v)
    {
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            o.Write([v != 0 ? (byte)(b | 0x80) : b]);
        }
        while (v != 0);
    }
}
