using System.Diagnostics;

namespace WasmJit.Jit;

/// <summary>
/// Names of compiled wasm frames for a trap's backtrace: each tier boundary the trap leaves compiled code through
/// adds a <see cref="BacktraceSegment"/>, resolved from the exception's stack trace only when the backtrace is read.
/// </summary>
internal sealed class Backtrace(Type boundary, ModuleInstance? instance = null) : BacktraceSegment
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
    public static bool AddCompiledFrames(WasmTrapException e, Backtrace segment, ModuleInstance? instance = null)
    {
        e.AddSegment(instance is null ? segment : new Backtrace(segment._boundary, instance));
        return false;
    }

    private readonly Type _boundary = boundary;

    public override int Resolve(StackFrame[] frames, int from, List<string> names)
    {
        for (int i = from; i < frames.Length; i++)
        {
            var m = frames[i].GetMethod();
            if (m is null)
            {
                continue;
            }
            if (m.DeclaringType is { } t && _boundary.IsAssignableFrom(t))
            {
                return i + 1;
            }
            if (m.Name.Contains("(func ", StringComparison.Ordinal))
            {
                names.Add(DisplayName(m.Name));
            }
        }
        return frames.Length;
    }

    /// <summary>
    /// The interpreter's name for a compiled frame (<see cref="WasmFunction.DisplayName"/>: it has the instance's
    /// name, which compiled code, shared by a module's instances, cannot carry), when the frame is a function of the
    /// instance the trap left compiled code from; else the method's own name (module-level).
    /// </summary>
    private string DisplayName(string methodName)
    {
        int open = methodName.LastIndexOf("(func ", StringComparison.Ordinal);
        if (instance is not null && open >= 0 && methodName.EndsWith(')')
            && int.TryParse(methodName.AsSpan(open + 6, methodName.Length - open - 7), out int index)
            && (uint)index < (uint)instance.Functions.Length && instance.Functions[index] is WasmFunction f
            && methodName == JitCompiler.FrameName(instance.Module, index))
        {
            return f.DisplayName;
        }
        return methodName;
    }
}
