using System.Text;

namespace WasmJit.Cli;

/// <summary>
/// A write-only stream over a <see cref="TextWriter"/> (UTF-8, decoded incrementally): lets a WASI program's stdout
/// and stderr go to the command's writers when those are not the console (in-process tests).
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : WriteOnlyStream
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
        int n = _decoder.GetChars(buffer, chars, flush: false);
        writer.Write(chars, 0, n);
    }

    public override void Flush() => writer.Flush();
}
