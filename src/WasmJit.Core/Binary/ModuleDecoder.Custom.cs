namespace WasmJit.Binary;

/// <summary>
/// Custom sections (id 0): https://webassembly.github.io/spec/core/binary/modules.html#custom-section, and the
/// <c>name</c> section (https://webassembly.github.io/spec/core/appendix/custom.html#name-section): module,
/// function and local names. A malformed name section never fails the module (the spec says it is to be ignored);
/// whatever subsections decoded before the fault are kept.
/// </summary>
internal sealed partial class ModuleDecoder
{
    private int ReadCustomSection(ref WasmReader r, int size)
    {
        int start = r.Position;
        string name = r.ReadName();
        int payload = r.Position;
        int end = start + size;
        if (payload > end || end > r.Span.Length)
        {
            // The name ran past the section (the reference decoder's skip of a negative length), or the section
            // past the module (a size that passed the length check only by counting its own LEB128 bytes).
            Throw.UnexpectedEnd(Math.Min(end, r.Span.Length));
        }
        r.Position = end;
        _module.CustomSections.Add(new CustomSection
        {
            Name = name, Offset = payload, Length = end - payload, After = _lastSectionId,
        });
        _module.Sections.Add(new SectionInfo(0, name, start, size, 0));
        if (name == "name" && _module.Names is null)
        {
            _module.Names = ReadNameSection(r.Span.Slice(payload, end - payload), payload);
        }
        return 0;
    }

    private static NameSection ReadNameSection(ReadOnlySpan<byte> payload, int offset)
    {
        var names = new NameSection();
        var r = new WasmReader(payload, offset);
        try
        {
            while (!r.End)
            {
                byte id = r.ReadByte();
                uint size = r.ReadU32();
                if (size > (uint)r.Remaining)
                {
                    break;
                }
                var sub = r.Slice((int)size);
                switch (id)
                {
                    case 0:
                        names.ModuleName = sub.ReadName();
                        break;
                    case 1:
                        ReadNameMap(ref sub, names.FunctionNames);
                        break;
                    case 2:
                        ReadIndirectNameMap(ref sub, names.LocalNames);
                        break;
                }
            }
        }
        catch (WasmException)
        {
            // Ignored, as the spec asks: names are debug information, never a reason to reject a module.
        }
        return names;
    }

    private static void ReadNameMap(ref WasmReader r, Dictionary<int, string> map)
    {
        uint count = r.ReadU32();
        if (count > (uint)r.Remaining)
        {
            Throw.UnexpectedEnd(r.Offset);
        }
        map.EnsureCapacity(map.Count + (int)Math.Min(count, (uint)r.Remaining / 2));
        for (uint i = 0; i < count; i++)
        {
            int index = ReadIndex(ref r);
            map[index] = r.ReadName();
        }
    }

    private static void ReadIndirectNameMap(ref WasmReader r, Dictionary<int, Dictionary<int, string>> map)
    {
        uint count = r.ReadU32();
        if (count > (uint)r.Remaining)
        {
            Throw.UnexpectedEnd(r.Offset);
        }
        for (uint i = 0; i < count; i++)
        {
            int index = ReadIndex(ref r);
            if (!map.TryGetValue(index, out var inner))
            {
                inner = [];
                map[index] = inner;
            }
            ReadNameMap(ref r, inner);
        }
    }
}
