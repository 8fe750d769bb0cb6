using System.Diagnostics.CodeAnalysis;

namespace WasmJit;

/// <summary>
/// WebAssembly execution trapped (https://webassembly.github.io/spec/core/intro/overview.html#trap). Carries the
/// kind, the suite's message, and the wasm backtrace (function names from the name section when present).
/// <para>
/// Not sealed: the sandbox's own stops are traps too (wasmtime's <c>Trap::OutOfFuel</c>, <c>Trap::Interrupt</c>),
/// each with its own type (<see cref="WasmFuelExhaustedException"/>, <see cref="WasmInterruptedException"/>,
/// <see cref="WasmTimeoutException"/>, <see cref="WasmResourceLimitException"/>), so every engine unwinds them and
/// adds the wasm frames the same way, and <c>catch (WasmTrapException)</c> still covers everything the guest causes.
/// </para>
/// </summary>
public class WasmTrapException : WasmException
{
    public WasmTrapException(TrapKind kind, string? detail = null, Exception? inner = null)
        : base(detail is null ? TrapMessages.For(kind) : $"{TrapMessages.For(kind)}: {detail}", inner)
    {
        Kind = kind;
    }

    private WasmTrapException(TrapKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public TrapKind Kind { get; }

    /// <summary>
    /// A call through an empty table slot. The reference interpreter names the slot ("uninitialized element 2",
    /// bulk.wast), and the suite's other expectations are a prefix of that text, so both tiers report the index.
    /// </summary>
    internal static WasmTrapException UninitializedElement(ulong index) =>
        new(TrapKind.UninitializedElement, $"{TrapMessages.For(TrapKind.UninitializedElement)} {index}");

    /// <summary>Wasm frames, innermost first, e.g. <c>mymod!compute (func 3) @0x1a2b</c>. Filled as the trap unwinds.</summary>
    public IReadOnlyList<string> WasmBacktrace => _backtrace;

    private readonly List<string> _backtrace = [];

    internal void AddFrame(string frame) => _backtrace.Add(frame);

    public override string ToString() =>
        _backtrace.Count == 0 ? base.ToString() : $"{Message}\nwasm backtrace:\n  {string.Join("\n  ", _backtrace)}\n{base.ToString()}";

    [DoesNotReturn]
    internal static void Throw(TrapKind kind) => throw new WasmTrapException(kind);

    [DoesNotReturn]
    internal static T Throw<T>(TrapKind kind) => throw new WasmTrapException(kind);
}

/// <summary>Instantiation failed while linking imports: "unknown import", "incompatible import type".</summary>
public sealed class WasmLinkException(string message) : WasmException(message);
