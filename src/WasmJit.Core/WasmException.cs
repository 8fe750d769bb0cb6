namespace WasmJit;

/// <summary>Base of every error WasmJit reports about a module or its execution.</summary>
public abstract class WasmException : Exception
{
    protected WasmException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The bytes (or text) are not a well-formed module: the spec's "malformed" class of errors.</summary>
public sealed class WasmMalformedException : WasmException
{
    public WasmMalformedException(string message, long offset = -1, Exception? inner = null)
        : base(offset >= 0 ? $"{message} (at 0x{offset:x})" : message, inner)
    {
        Reason = message;
        Offset = offset;
    }

    /// <summary>The message without the offset.</summary>
    public string Reason { get; }

    /// <summary>Byte offset in the module, or -1 when unknown (text errors carry line:column in the message).</summary>
    public long Offset { get; }
}

/// <summary>The module is well-formed but does not validate: the spec's "invalid" class of errors.</summary>
public sealed class WasmInvalidException : WasmException
{
    public WasmInvalidException(string message, long offset = -1)
        : base(offset >= 0 ? $"{message} (at 0x{offset:x})" : message)
    {
        Reason = message;
        Offset = offset;
    }

    public string Reason { get; }

    public long Offset { get; }
}
