using WasmJit.Binary;

namespace WasmJit.Cli;

/// <summary>
/// Reads a module given on the command line: <c>.wasm</c> as bytes, <c>.wat</c> through the text format's parser.
/// A <c>.wast</c> script is not a module and is refused with a hint. Every failure is a <see cref="CliException"/>
/// or a <see cref="WasmException"/> carrying one clear line.
/// </summary>
internal static class ModuleInput
{
    /// <summary>Is the file WebAssembly text (by extension, else by sniffing for the binary magic)?</summary>
    public static bool IsText(string path, ReadOnlySpan<byte> content)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".wat")
        {
            return true;
        }
        if (ext == ".wasm")
        {
            return false;
        }
        return !(content.Length >= 4 && content[0] == 0 && content[1] == (byte)'a' && content[2] == (byte)'s' && content[3] == (byte)'m');
    }

    /// <summary>The raw file content; missing or unreadable files and .wast scripts are CLI errors.</summary>
    public static byte[] ReadFile(string path)
    {
        if (path.EndsWith(".wast", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"{path}: a .wast script is not a module (run it with 'wasmjit spec {path}')");
        }
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a folder, not a module");
        }
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot read: {CommandAction.OneLine(e.Message)}");
        }
    }

    /// <summary>The module's binary encoding: the file itself for .wasm, the compiled text for .wat.</summary>
    public static byte[] Load(string path)
    {
        var content = ReadFile(path);
        if (!IsText(path, content))
        {
            return content;
        }
        return TextFrontEnd.TextToBinary(content);
    }

    /// <summary>
    /// As <see cref="Load"/>, for running: the contents of DWARF custom sections (<c>.debug_*</c>, only for debuggers)
    /// are not read from disk and stay zero, everything else (their names included) is read at its offset. Builds
    /// with debug info carry a lot of it: half of CPython's 26 MB python.wasm, ~8 ms of a 130 ms start-up.
    /// Anything unusual about the layout (text, a truncated or malformed section header) falls back to
    /// <see cref="Load"/>, so the decoder reports errors exactly as for any other load.
    /// </summary>
    public static byte[] LoadForRun(string path)
    {
        if (path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".wast", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return Load(path);
        }
        try
        {
            using var file = File.OpenHandle(path);
            long length = RandomAccess.GetLength(file);
            if (length < 8 || length > Array.MaxLength)
            {
                return Load(path);
            }
            var bytes = new byte[length];
            long pos = 0;
            if (!ReadExactly(file, bytes, 0, 8) || bytes[0] != 0 || bytes[1] != (byte)'a' || bytes[2] != (byte)'s' || bytes[3] != (byte)'m')
            {
                return Load(path);
            }
            pos = 8;
            while (pos < length)
            {
                // Section header: id byte, u32 LEB128 size (at most 5 bytes); read a little more to see a custom name.
                int head = (int)Math.Min(length - pos, 6 + 5 + 16);
                if (!ReadExactly(file, bytes, pos, head))
                {
                    return Load(path);
                }
                byte id = bytes[pos];
                var header = new WasmReader(bytes.AsSpan((int)pos + 1, head - 1));
                uint size = header.ReadU32();
                long p = pos + 1 + header.Position;
                long end = p + (long)size;
                if (end > length)
                {
                    return Load(path);
                }
                bool dwarf = id == 0 && end - p > 8 && bytes[p] is > 7 and < 0x80 && p + 1 + bytes[p] <= pos + head
                    && bytes.AsSpan((int)p + 1, 7).SequenceEqual(".debug_"u8);
                if (dwarf)
                {
                    // The name (length byte and text) is read; the contents are not (and what the header read
                    // took of them is cleared, so they are all zero).
                    long nameEnd = p + 1 + bytes[p];
                    long headEnd = Math.Min(pos + head, end);
                    if (headEnd > nameEnd)
                    {
                        bytes.AsSpan((int)nameEnd, (int)(headEnd - nameEnd)).Clear();
                    }
                }
                else if (!ReadExactly(file, bytes, p, end - p))
                {
                    return Load(path);
                }
                pos = end;
            }
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WasmMalformedException)
        {
            // A malformed section size (or a truncated header) included: the full read lets the decoder report it.
            return Load(path);
        }
    }

    private static bool ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, byte[] bytes, long offset, long count)
    {
        while (count > 0)
        {
            int n = RandomAccess.Read(file, bytes.AsSpan((int)offset, (int)Math.Min(count, int.MaxValue)), offset);
            if (n <= 0)
            {
                return false;
            }
            offset += n;
            count -= n;
        }
        return true;
    }

    /// <summary>Loads, decodes and validates.</summary>
    public static WasmModule LoadValidated(string path, WasmFeatures features = WasmFeatures.Default) =>
        ModuleLoader.DecodeAndValidate(Load(path), features);

    /// <summary>One line describing a module error: <c>error at 0x1a2b: message</c>, or <c>error: 3:5: message</c> for text.</summary>
    public static string Describe(WasmException e) => e switch
    {
        WasmMalformedException { Offset: >= 0 } m => $"error at 0x{m.Offset:x}: {m.Reason}",
        WasmInvalidException { Offset: >= 0 } i => $"error at 0x{i.Offset:x}: {i.Reason}",
        WasmMalformedException m => $"error: {m.Reason}",
        WasmInvalidException i => $"error: {i.Reason}",
        _ => $"error: {e.Message}",
    };
}
