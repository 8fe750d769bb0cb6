using WasmJit.Text;

namespace WasmJit;

/// <summary>
/// A decoded and validated WebAssembly module (https://webassembly.github.io/spec/core/syntax/modules.html), ready to
/// be instantiated any number of times in stores of its <see cref="Engine"/>. Immutable and thread-safe.
/// </summary>
public sealed class Module
{
    private Module(Engine engine, WasmModule inner, string? name)
    {
        Engine = engine;
        Inner = inner;
        Name = inner.Names?.ModuleName ?? name;
        Imports = [.. inner.Imports.Select(i => ModuleImport.From(inner, i))];
        Exports = [.. inner.Exports.Select(e => ModuleExport.From(inner, e))];
    }

    public Engine Engine { get; }

    /// <summary>The name section's module name, else the name given when loading (the file name for <see cref="FromFile"/>).</summary>
    public string? Name { get; }

    /// <summary>Imports in module order, with their types (duplicates included).</summary>
    public IReadOnlyList<ModuleImport> Imports { get; }

    public IReadOnlyList<ModuleExport> Exports { get; }

    internal WasmModule Inner { get; }

    /// <summary>Decodes and validates a binary module (function bodies on first call with <see cref="EngineConfig.LazyValidation"/>).</summary>
    /// <exception cref="WasmMalformedException">The bytes are not a well-formed module (message with the byte offset).</exception>
    /// <exception cref="WasmInvalidException">The module does not validate, or uses a feature the engine does not enable.</exception>
    public static Module FromBytes(Engine engine, ReadOnlySpan<byte> bytes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new(engine, Load(engine, bytes.ToArray()), name);
    }

    /// <summary>As <see cref="FromBytes(Engine, ReadOnlySpan{byte}, string?)"/>, taking ownership of <paramref name="bytes"/> (no copy): the caller must not change them.</summary>
    internal static Module FromOwnedBytes(Engine engine, byte[] bytes, string? name) => new(engine, Load(engine, bytes), name);

    private static WasmModule Load(Engine engine, byte[] bytes) =>
        ModuleLoader.DecodeAndValidate(bytes, engine.Features, engine.Config.LazyValidation && engine.Strategy != ExecutionStrategy.Jit);

    /// <summary>Parses a module in the text format (WAT) and validates it. Errors carry <c>line:column</c>.</summary>
    public static Module FromText(Engine engine, string text, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = WatParser.ParseModule(System.Text.Encoding.UTF8.GetBytes(text));
        return new(engine, Load(engine, bytes), name);
    }

    /// <summary>Loads a <c>.wasm</c> file, or a <c>.wat</c> file (by extension, else by the absence of the binary magic).</summary>
    public static Module FromFile(Engine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var bytes = File.ReadAllBytes(path);
        string name = Path.GetFileNameWithoutExtension(path);
        bool binary = bytes is [0, (byte)'a', (byte)'s', (byte)'m', ..];
        bool text = path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) || (!binary && !path.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase));
        if (text)
        {
            bytes = WatParser.ParseModule(bytes);
        }
        return new(engine, Load(engine, bytes), name);
    }

    /// <summary>
    /// Null when <paramref name="bytes"/> are a valid module for <paramref name="engine"/>, else the error message.
    /// Always validates every function body, whatever <see cref="EngineConfig.LazyValidation"/> says.
    /// </summary>
    public static string? Validate(Engine engine, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(engine);
        try
        {
            ModuleLoader.DecodeAndValidate(bytes.ToArray(), engine.Features);
            return null;
        }
        catch (WasmException e)
        {
            return e.Message;
        }
    }

    public override string ToString() => Name ?? "(module)";
}
