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

    /// <summary>
    /// An unassigned or disabled opcode, named the way the reference interpreter names it ("illegal opcode ff",
    /// "illegal opcode fc 13"): the spec suite's messages include the bytes.
    /// </summary>
    [DoesNotReturn]
    public static void IllegalOpcode(byte b, long offset) =>
        throw new WasmMalformedException($"illegal opcode {b:x2}", offset);

    [DoesNotReturn]
    public static void IllegalOpcode(byte prefix, uint code, long offset) =>
        throw new WasmMalformedException($"illegal opcode {prefix:x2} {code:x2}", offset);

    [DoesNotReturn]
    public static void UnexpectedEnd(long offset) => throw new WasmMalformedException("unexpected end", offset);
}
