namespace WasmJit.Binary;

/// <summary>
/// Code section (id 10): https://webassembly.github.io/spec/core/binary/modules.html#code-section. Each body's
/// local declarations are read (and their total checked, "too many locals"); its instructions are not, the
/// validator decodes them.
/// </summary>
internal sealed partial class ModuleDecoder
{
    private int ReadCodeSection(ref WasmReader r)
    {
        int count = ReadLength(ref r);
        var bodies = _module.Bodies;
        bodies.EnsureCapacity(Capacity(count, r, 3));
        var span = r.Span;
        for (int i = 0; i < count; i++)
        {
            int size = ReadLength(ref r);
            int start = r.Position;
            if (size > r.Remaining)
            {
                Throw.UnexpectedEnd(span.Length);
            }
            var body = new WasmReader(span.Slice(start, size), start);
            int locals = LocalsReader.Read(ref body, _features, null);
            int codeOffset = start + body.Position;
            int end = start + size;
            CheckBodyEnd(span, codeOffset, end);
            bodies.Add(new FunctionBody(start, size, codeOffset, locals));
            r.Position = end;
        }
        return count;
    }

    /// <summary>
    /// A body's last instruction must be <c>end</c>, so a body whose last byte is not 0x0b is malformed whatever
    /// its instructions; that costs one compare per body. Only then are its instructions scanned, as the reference
    /// decoder reads them: past the body's declared end, into whatever follows, so the error is the one the spec
    /// suite expects (a bad LEB128 or opcode, "END opcode expected", an end of module, or, when the closing
    /// <c>end</c> is found elsewhere, "section size mismatch").
    /// </summary>
    private void CheckBodyEnd(ReadOnlySpan<byte> span, int codeOffset, int end)
    {
        if (end > codeOffset && span[end - 1] == 0x0b)
        {
            return;
        }
        ScanToEnd(span, codeOffset, out _);
        Throw.Malformed("section size mismatch", end);
    }
}
