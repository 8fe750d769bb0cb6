using System.Reflection;
using System.Runtime.CompilerServices;

namespace WasmJit.Runtime;

/// <summary>
/// Compiles the engine's few <c>AggressiveOptimization</c> methods with RyuJIT on a background thread as soon as an
/// engine that needs them is configured, instead of on the first call that reaches them.
/// <para>
/// Those methods are never precompiled (ReadyToRun skips <c>AggressiveOptimization</c>) and are expensive to compile:
/// the interpreter's dispatch loop alone takes ~75 ms of RyuJIT time at full optimisation, the validator's
/// <c>StepSpecial</c> ~15 ms. Without this, that time sat on the main thread between "module loaded" and "first
/// instruction" of every process. Dropping the attribute instead would leave the dispatch loop at ReadyToRun code
/// quality forever (it is entered once per host call, so call counting never re-tiers it; measured 1.75x slower on
/// fib.wasm in the interpreter). Started from <see cref="Start"/>, the compilation overlaps the host's own start-up
/// and the module's decoding on another core; a caller that needs a method before it is done waits for the same
/// compilation (the runtime compiles a method once), so nothing is ever compiled twice.
/// </para>
/// </summary>
internal static class StartupWarmup
{
    // The validator's first: lazy validation checks a body on its first call, eager validation while loading.
    private static readonly List<(Type Type, string Name)> s_methods =
    [
        (typeof(Validation.FuncValidator), "StepSpecial"),
        (typeof(Validation.FuncValidator), "Step"),
        (typeof(Validation.FuncValidator), "ValidateFunction"),
        (typeof(Binary.InstructionReader), "Read"),
        (typeof(Binary.InstructionReader), "ReadImmediates"),
    ];

    private static readonly TaskCompletionSource<IReadOnlyList<string>> s_done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int s_started;
    private static volatile bool s_inProgress;

    /// <summary>
    /// True from <see cref="Start"/> until every method is compiled: the interpreter runs its precompiled copy of the
    /// dispatch loop meanwhile (Interpreter.Run), and hands over to the optimised one when this turns false.
    /// </summary>
    public static bool InProgress => s_inProgress;

    /// <summary>
    /// Completes when the background compilation has finished, with the methods that could not be compiled (none,
    /// unless a method named by an engine no longer exists: the test suite checks that).
    /// </summary>
    public static Task<IReadOnlyList<string>> Completion => s_done.Task;

    /// <summary>Adds a method to compile by its declaring type and name (engines call this from their module initializers).</summary>
    public static void Add(Type type, string name)
    {
        lock (s_methods)
        {
            s_methods.Add((type, name));
        }
    }

    /// <summary>Starts the background compilation (once per process; later calls do nothing).</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref s_started, 1) != 0)
        {
            return;
        }
        (Type Type, string Name)[] methods;
        lock (s_methods)
        {
            methods = [.. s_methods];
        }
        s_inProgress = true;
        var thread = new Thread(() =>
        {
            var failed = new List<string>();
            try
            {
                foreach (var (type, name) in methods)
                {
                    try
                    {
                        var m = type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                            ?? throw new MissingMethodException(type.FullName, name);
                        RuntimeHelpers.PrepareMethod(m.MethodHandle);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // Only an optimisation: the method is then compiled on its first call, as without warm-up.
                        failed.Add($"{type.FullName}.{name}: {e.Message}");
                    }
                }
            }
            finally
            {
                s_inProgress = false;
                s_done.TrySetResult(failed);
            }
        })
        {
            IsBackground = true,
            Name = "WasmJit warm-up",
        };
        thread.Start();
    }
}
