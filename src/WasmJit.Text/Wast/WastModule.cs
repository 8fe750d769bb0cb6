namespace WasmJit.Text;

/// <summary>How a script module is written (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts).</summary>
internal enum WastModuleKind : byte
{
    /// <summary><c>(module ...)</c> in the text format, encoded when the script is parsed.</summary>
    Text,

    /// <summary><c>(module binary "...")</c>: the bytes as given.</summary>
    Binary,

    /// <summary><c>(module quote "...")</c>: text parsed only when the script runs, as it is often meant to fail.</summary>
    Quote,
}

/// <summary>A module of a script: its bytes, or the quoted text to parse later.</summary>
internal sealed class WastModule
{
    public required WastModuleKind Kind { get; init; }

    /// <summary>Line of the <c>(module</c> in the script.</summary>
    public required int Line { get; init; }

    /// <summary>The module's <c>$id</c> in the script, if any.</summary>
    public string? Id { get; init; }

    /// <summary><c>(module definition ...)</c>: compiled but not instantiated.</summary>
    public bool IsDefinition { get; init; }

    /// <summary>Binary bytes for <see cref="WastModuleKind.Text"/> and <see cref="WastModuleKind.Binary"/> modules.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>The concatenated UTF-8 text of a <see cref="WastModuleKind.Quote"/> module.</summary>
    public byte[]? QuoteSource { get; init; }

    /// <summary>
    /// Why a text module inside an assertion failed to encode (the script still parses, so one odd module does not
    /// stop the rest): malformed, or invalid for annotations checked by the encoder (branch hints); null otherwise.
    /// </summary>
    public WasmException? Error { get; init; }

    /// <summary>The module's binary: quote modules are parsed now and may throw <see cref="WasmMalformedException"/>.</summary>
    public byte[] GetBinary() => Kind switch
    {
        WastModuleKind.Quote => WatParser.ParseModule(QuoteSource!),
        _ => Bytes ?? throw Error!,
    };
}
