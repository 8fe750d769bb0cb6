using System.Diagnostics.CodeAnalysis;

namespace WasmJit.Binary;

/// <summary>Throw helpers kept out of hot methods so those stay small and inlinable.</summary>
internal static class Throw
{
    [DoesNotReturn]
    public static void Malformed(string message, long offset) => throw new WasmMalformedException(message, offset);

    [DoesNotReturn]
    public static T Malformed<T>(string message, long offset) => throw new WasmMalformedException(message, offset);

    [DoesNotReturn]
    public static void Invalid(string message, long offset) => throw new WasmInvalidException(message, offset);

    [DoesNotReturn]
    public static T Invalid<T>(string message, long offset) => throw new WasmInvalidException(message, offset);

    [DoesNotReturn]
    public static void UnexpectedEnd(long offset) => throw new WasmMalformedException("unexpected end", offset);
}
