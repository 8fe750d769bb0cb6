using System.Diagnostics;
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

    /// <summary>
    /// Wasm frames, innermost first, e.g. <c>mymod!compute (func 3) @0x1a2b</c>. Filled as the trap unwinds; runs of
    /// compiled frames (<see cref="BacktraceSegment"/>) are named from the exception's stack trace on first read.
    /// </summary>
    public IReadOnlyList<string> WasmBacktrace => Names();

    /// <summary>Frame names (string) and unresolved runs of compiled frames (<see cref="BacktraceSegment"/>), innermost first.</summary>
    private readonly List<object> _entries = [];

    /// <summary>The resolved backtrace; null until read, and again after each addition.</summary>
    private List<string>? _names;

    internal void AddFrame(string frame)
    {
        _entries.Add(frame);
        _names = null;
    }

    /// <summary>
    /// Marks where a run of compiled frames ends (at a tier boundary), without reading the stack trace now: engines
    /// add these from exception filters at every boundary the trap crosses, and reading the stack trace there costs
    /// as much as the stack is deep, so a trap under thousands of mixed-tier frames took seconds (quadratic).
    /// </summary>
    internal void AddSegment(BacktraceSegment segment)
    {
        _entries.Add(segment);
        _names = null;
    }

    private List<string> Names()
    {
        var names = _names;
        if (names is null)
        {
            names = new List<string>(_entries.Count);
            StackFrame[]? frames = null;
            int next = 0;
            foreach (var entry in _entries)
            {
                if (entry is string name)
                {
                    names.Add(name);
                }
                else
                {
                    frames ??= new StackTrace(this, false).GetFrames();
                    next = ((BacktraceSegment)entry).Resolve(frames, next, names);
                }
            }
            _names = names;
        }
        return names;
    }

    public override string ToString()
    {
        var names = Names();
        return names.Count == 0 ? base.ToString() : $"{Message}\nwasm backtrace:\n  {string.Join("\n  ", names)}\n{base.ToString()}";
    }

    [DoesNotReturn]
    internal static void Throw(TrapKind kind) => throw new WasmTrapException(kind);

    [DoesNotReturn]
    internal static T Throw<T>(TrapKind kind) => throw new WasmTrapException(kind);
}

/// <summary>
/// A run of wasm frames that only the exception's .NET stack trace names (compiled code): the frames from where the
/// previous segment ended up to this segment's boundary frame (the runtime method through which the trap left that
/// code). Resolved once, in order, when <see cref="WasmTrapException.WasmBacktrace"/> is read.
/// </summary>
internal abstract class BacktraceSegment
{
    /// <summary>Adds the names of the wasm frames among <paramref name="frames"/> from <paramref name="from"/> up to the boundary; returns the index after the boundary.</summary>
    public abstract int Resolve(StackFrame[] frames, int from, List<string> names);
}

/// <summary>Instantiation failed while linking imports: "unknown import", "incompatible import type".</summary>
public sealed class WasmLinkException(string message) : WasmException(message);
