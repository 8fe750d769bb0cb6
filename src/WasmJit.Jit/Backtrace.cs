using System.Diagnostics;

namespace WasmJit.Jit;

/// <summary>
/// Names of compiled wasm frames for a trap's backtrace: each tier boundary the trap leaves compiled code through
/// adds a <see cref="BacktraceSegment"/>, resolved from the exception's stack trace only when the backtrace is read.
/// </summary>
internal sealed class Backtrace(Type boundary) : BacktraceSegment
{
    /// <summary>Traps leaving <see cref="JitCode.Call"/>.</summary>
    public static readonly Backtrace SlotCall = new(typeof(JitCode));

    /// <summary>Traps leaving <see cref="JitLoopEntry.Run"/>.</summary>
    public static readonly Backtrace LoopEntry = new(typeof(JitLoopEntry));

    /// <summary>
    /// Exception filter (always false): the compiled frames between the throw (or the previous boundary) and the
    /// boundary method in <paramref name="segment"/> belong here in the backtrace. A filter, not catch-and-rethrow:
    /// each rethrow nests a new exception dispatch on top of the stack being unwound, which overflowed the .NET stack
    /// after a trap at the bottom of a deep recursion across tiers.
    /// </summary>
    public static bool AddCompiledFrames(WasmTrapException e, Backtrace segment)
    {
        e.AddSegment(segment);
        return false;
    }

    public override int Resolve(StackFrame[] frames, int from, List<string> names)
    {
        for (int i = from; i < frames.Length; i++)
        {
            var m = frames[i].GetMethod();
            if (m is null)
            {
                continue;
            }
            if (m.DeclaringType is { } t && boundary.IsAssignableFrom(t))
            {
                return i + 1;
            }
            if (m.Name.Contains("(func ", StringComparison.Ordinal))
            {
                names.Add(m.Name);
            }
        }
        return frames.Length;
    }
}
