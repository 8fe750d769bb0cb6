using WasmJit.Runtime;
using WasmJit.Text;

namespace WasmJit.SpecRunner;

internal sealed partial class WastScriptExecutor
{
    /// <summary>Error classes of the script format, for expectations and reports.</summary>
    private enum ErrorClass
    {
        Malformed,
        Invalid,
        Unlinkable,
        Trap,
    }

    private static ErrorClass? ClassOf(Exception e) => e switch
    {
        WasmMalformedException => ErrorClass.Malformed,
        WasmInvalidException => ErrorClass.Invalid,
        WasmLinkException => ErrorClass.Unlinkable,
        WasmTrapException => ErrorClass.Trap,
        _ => null,
    };

    private static string Name(ErrorClass c) => c.ToString().ToLowerInvariant();

    /// <summary>
    /// Records the outcome of a command that must fail with <paramref name="expected"/> and a message containing
    /// <paramref name="message"/>; <paramref name="actual"/> is what it threw (null when it did not fail).
    /// </summary>
    private void ExpectError(int line, string kind, ErrorClass expected, string message, Exception? actual, string? noErrorOutcome = null)
    {
        var want = $"{Name(expected)}: {message}";
        if (actual is null)
        {
            _result.Fail(line, kind, FailureCategory.Class, want, noErrorOutcome ?? "no error");
            return;
        }
        var cls = ClassOf(actual);
        if (cls is null)
        {
            _result.Fail(line, kind, FailureCategory.Crash, want, Describe(actual));
        }
        else if (cls != expected)
        {
            _result.Fail(line, kind, FailureCategory.Class, want, Describe(actual));
        }
        else if (!actual.Message.Contains(message, StringComparison.Ordinal))
        {
            _result.Fail(line, kind, FailureCategory.Message, want, Describe(actual));
        }
        else
        {
            _result.Pass(kind);
        }
    }

    // ---- Actions ---------------------------------------------------------------------------------------------

    private ModuleInstance TargetOf(WastAction action)
    {
        if (action.ModuleId is null)
        {
            return _current ?? throw new ActionException("no current module (the last module failed or was skipped)");
        }
        return _instances.GetValueOrDefault(action.ModuleId)
            ?? throw new ActionException($"no module {action.ModuleId}");
    }

    /// <summary>The script could not perform an action (missing module or export): not a WebAssembly error.</summary>
    private sealed class ActionException(string message) : Exception(message);

    /// <summary>Invokes or reads; WebAssembly errors propagate to the caller.</summary>
    private WasmValue[] Perform(WastAction action)
    {
        if (_options.OnAction is not { } observe || _isThread)
        {
            return PerformCore(action);
        }
        try
        {
            var values = PerformCore(action);
            observe(new ActionOutcome(_file.SuitePath, action.Line, action.Name, values, null));
            return values;
        }
        catch (WasmException e)
        {
            observe(new ActionOutcome(_file.SuitePath, action.Line, action.Name, null, e));
            throw;
        }
    }

    private WasmValue[] PerformCore(WastAction action)
    {
        var instance = TargetOf(action);
        var export = instance.GetExport(action.Name);
        if (action.Kind == WastActionKind.Get)
        {
            return export is GlobalInstance g
                ? [g.Value]
                : throw new ActionException($"no global export \"{action.Name}\"");
        }
        if (export is not FunctionInstance f)
        {
            throw new ActionException($"no function export \"{action.Name}\"");
        }
        var ps = f.Type.Params;
        if (ps.Length != action.Args.Count)
        {
            throw new ActionException($"\"{action.Name}\" takes {ps.Length} arguments, the script passes {action.Args.Count}");
        }
        var args = new WasmValue[ps.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = _values.ToValue(action.Args[i], ps[i]);
        }
        return f.Invoke(args);
    }

    private void DoAction(ActionCommand command, string kind)
    {
        try
        {
            Perform(command.Action);
            _result.Pass(kind);
        }
        catch (Exception e) when (e is WasmException or ActionException)
        {
            _result.Fail(command.Line, kind, e is ActionException ? FailureCategory.Crash : FailureCategory.Class, "success", Describe(e));
        }
    }

    private void DoAssertReturn(AssertReturnCommand command, string kind)
    {
        WasmValue[] actual;
        try
        {
            actual = Perform(command.Action);
        }
        catch (Exception e) when (e is WasmException or ActionException)
        {
            _result.Fail(command.Line, kind, e is ActionException ? FailureCategory.Crash : FailureCategory.Class,
                WastValues.Format(command.Expected), Describe(e));
            return;
        }
        var ok = actual.Length == command.Expected.Count;
        for (var i = 0; ok && i < actual.Length; i++)
        {
            ok = WastValues.Matches(command.Expected[i], actual[i]);
        }
        if (ok)
        {
            _result.Pass(kind);
        }
        else
        {
            _result.Fail(command.Line, kind, FailureCategory.Value, WastValues.Format(command.Expected), WastValues.Format(actual));
        }
    }

    private void DoAssertTrap(AssertTrapCommand command, string kind)
    {
        if (command.Module is { } m)
        {
            // A module whose instantiation traps (an active segment out of bounds, a trapping start function).
            WasmModule module;
            try
            {
                module = DecodeAndValidate(m);
            }
            catch (WasmException e)
            {
                ExpectError(command.Line, kind, ErrorClass.Trap, command.Message, e);
                return;
            }
            Exception? error = null;
            try
            {
                var instance = Instantiate(module, m.Id);
                if (m.Id is not null)
                {
                    _instances[m.Id] = instance;
                }
            }
            catch (Exception e) when (ClassOf(e) is not null)
            {
                error = e;
            }
            ExpectError(command.Line, kind, ErrorClass.Trap, command.Message, error, "instantiated");
            return;
        }

        Exception? actionError = null;
        WasmValue[]? values = null;
        try
        {
            values = Perform(command.Action!);
        }
        catch (Exception e) when (e is WasmException or ActionException)
        {
            actionError = e;
        }
        if (actionError is ActionException)
        {
            _result.Fail(command.Line, kind, FailureCategory.Crash, $"trap: {command.Message}", Describe(actionError));
            return;
        }
        ExpectError(command.Line, kind, ErrorClass.Trap, command.Message, actionError, values is null ? null : $"returned {WastValues.Format(values)}");
    }

    private void DoAssertExhaustion(AssertExhaustionCommand command, string kind)
    {
        Exception? error = null;
        WasmValue[]? values = null;
        try
        {
            values = Perform(command.Action);
        }
        catch (Exception e) when (e is WasmException or ActionException)
        {
            error = e;
        }
        if (error is ActionException)
        {
            _result.Fail(command.Line, kind, FailureCategory.Crash, $"trap: {command.Message}", Describe(error));
            return;
        }
        ExpectError(command.Line, kind, ErrorClass.Trap, command.Message, error, values is null ? null : $"returned {WastValues.Format(values)}");
    }

    private void DoAssertException(AssertExceptionCommand command, string kind)
    {
        // WebAssembly exceptions do not exist in the runtime yet: whatever happens, this cannot pass.
        Exception? error = null;
        try
        {
            Perform(command.Action);
        }
        catch (Exception e) when (e is WasmException or ActionException)
        {
            error = e;
        }
        _result.Fail(command.Line, kind, FailureCategory.Class, "a WebAssembly exception", error is null ? "no exception" : Describe(error));
    }

    // ---- Module assertions -----------------------------------------------------------------------------------

    private void DoAssertModule(AssertModuleCommand command, string kind)
    {
        var m = command.Module;
        switch (command.Kind)
        {
            case AssertModuleKind.Malformed:
            case AssertModuleKind.MalformedCustom:
            {
                // Text that does not parse, or bytes that do not decode; validation must not even be reached.
                Exception? error = null;
                try
                {
                    var bytes = Binary(m);
                    var module = WasmJit.Binary.ModuleDecoder.Decode(bytes, _file.Features);
                    WasmJit.Validation.ModuleValidator.Validate(module, _file.Features);
                }
                catch (WasmException e)
                {
                    error = e;
                }
                ExpectError(command.Line, kind, ErrorClass.Malformed, command.Message, error, "a valid module");
                break;
            }
            case AssertModuleKind.Invalid:
            case AssertModuleKind.InvalidCustom:
            {
                Exception? error = null;
                try
                {
                    DecodeAndValidate(m);
                }
                catch (WasmException e)
                {
                    error = e;
                }
                ExpectError(command.Line, kind, ErrorClass.Invalid, command.Message, error, "a valid module");
                break;
            }
            case AssertModuleKind.Unlinkable:
            case AssertModuleKind.Uninstantiable:
            {
                var expected = command.Kind == AssertModuleKind.Unlinkable ? ErrorClass.Unlinkable : ErrorClass.Trap;
                Exception? error = null;
                try
                {
                    var module = DecodeAndValidate(m);
                    Instantiate(module, m.Id);
                }
                catch (Exception e) when (ClassOf(e) is not null)
                {
                    error = e;
                }
                ExpectError(command.Line, kind, expected, command.Message, error, "instantiated");
                break;
            }
            default:
                _result.Fail(command.Line, kind, FailureCategory.Crash, command.Kind.ToString(), "unsupported module assertion");
                break;
        }
    }
}
