using System.Diagnostics.CodeAnalysis;

namespace WasmJit.Text;

/// <summary>
/// The UTF-8 bytes of a text module or script, with line:column lookup for error messages. Lines start at 1;
/// columns count Unicode scalar values from 1.
/// </summary>
internal sealed class SourceText(byte[] bytes)
{
    private int[]? _lineStarts;

    public byte[] Bytes { get; } = bytes;

    /// <summary>The annotations with a meaning found by the last <see cref="Lexer.Tokenize"/> of this text, in source order.</summary>
    public List<Annotation> Annotations { get; } = [];

    public (int Line, int Column) Position(int offset)
    {
        var starts = _lineStarts ??= ComputeLineStarts(Bytes);
        int i = Array.BinarySearch(starts, offset);
        int line = i >= 0 ? i : ~i - 1;
        int col = 1;
        for (int p = starts[line]; p < offset && p < Bytes.Length; p++)
        {
            if ((Bytes[p] & 0xC0) != 0x80)
            {
                col++;
            }
        }
        return (line + 1, col);
    }

    public int Line(int offset) => Position(offset).Line;

    [DoesNotReturn]
    public void Fail(int offset, string message)
    {
        var (line, col) = Position(offset);
        throw new WasmMalformedException($"{line}:{col}: {message}");
    }

    private static int[] ComputeLineStarts(byte[] bytes)
    {
        var list = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                list.Add(i + 1);
            }
        }
        return [.. list];
    }
}
