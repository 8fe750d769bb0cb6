namespace WasmJit.Text;

/// <summary>One command of a script (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts), with its line.</summary>
internal abstract record WastCommand(int Line);

/// <summary>A module to compile and (unless it is a definition) instantiate.</summary>
internal sealed record ModuleCommand(int Line, WastModule Module) : WastCommand(Line);

/// <summary><c>(module instance $instance? $definition?)</c>: instantiates a module definition.</summary>
internal sealed record ModuleInstanceCommand(int Line, string? InstanceId, string? DefinitionId) : WastCommand(Line);

/// <summary><c>(register "name" $module?)</c>: makes a module's exports importable as "name".</summary>
internal sealed record RegisterCommand(int Line, string Name, string? ModuleId) : WastCommand(Line);

/// <summary>A bare action.</summary>
internal sealed record ActionCommand(int Line, WastAction Action) : WastCommand(Line);

/// <summary><c>(assert_return action result*)</c>.</summary>
internal sealed record AssertReturnCommand(int Line, WastAction Action, IReadOnlyList<WastResult> Expected) : WastCommand(Line);

/// <summary><c>(assert_trap action "msg")</c> or <c>(assert_trap module "msg")</c> (a trap during instantiation).</summary>
internal sealed record AssertTrapCommand(int Line, WastAction? Action, WastModule? Module, string Message) : WastCommand(Line);

/// <summary><c>(assert_exhaustion action "msg")</c>: the call runs out of stack.</summary>
internal sealed record AssertExhaustionCommand(int Line, WastAction Action, string Message) : WastCommand(Line);

/// <summary><c>(assert_exception action)</c>: the call throws a WebAssembly exception.</summary>
internal sealed record AssertExceptionCommand(int Line, WastAction Action) : WastCommand(Line);

/// <summary>Which failure a module assertion expects.</summary>
internal enum AssertModuleKind : byte
{
    Malformed,
    Invalid,
    Unlinkable,
    Uninstantiable,
    MalformedCustom,
    InvalidCustom,
}

/// <summary><c>assert_malformed</c>, <c>assert_invalid</c>, <c>assert_unlinkable</c>, ... with the expected message.</summary>
internal sealed record AssertModuleCommand(int Line, AssertModuleKind Kind, WastModule Module, string Message) : WastCommand(Line);

/// <summary>
/// Threads proposal: <c>(thread $name (shared (module $m))* command*)</c> runs its commands on a new thread that
/// sees the listed modules of the main script.
/// </summary>
internal sealed record ThreadCommand(int Line, string Name, IReadOnlyList<string> SharedModules, IReadOnlyList<WastCommand> Commands)
    : WastCommand(Line);

/// <summary><c>(wait $name)</c>: joins a thread.</summary>
internal sealed record WaitCommand(int Line, string Name) : WastCommand(Line);

/// <summary>Whether an action calls a function or reads a global.</summary>
internal enum WastActionKind : byte
{
    Invoke,
    Get,
}

/// <summary><c>(invoke $module? "name" const*)</c> or <c>(get $module? "name")</c>.</summary>
internal sealed record WastAction(int Line, WastActionKind Kind, string? ModuleId, string Name, IReadOnlyList<WastValue> Args);
