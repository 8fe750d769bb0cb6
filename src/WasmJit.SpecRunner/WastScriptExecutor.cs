using WasmJit.Runtime;
using WasmJit.Text;

namespace WasmJit.SpecRunner;

// The runtime's store, not the public API's WasmJit.Store (which the enclosing namespace would find first).
using Store = WasmJit.Runtime.Store;

/// <summary>
/// Executes the commands of one .wast script (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts)
/// against a store, counting each command as passed, failed or skipped. Every command is guarded: a failure or a
/// crash is recorded and the next command runs. A <c>thread</c> command runs its commands on a real thread with a
/// child executor that sees the listed shared modules; <c>wait</c> joins it.
/// </summary>
/// <remarks>
/// Error classes are strict: assert_malformed wants <see cref="WasmMalformedException"/> (for quoted text a text
/// parse error is malformed too), assert_invalid <see cref="WasmInvalidException"/>, assert_unlinkable
/// <see cref="WasmLinkException"/>, assert_trap/assert_uninstantiable/assert_exhaustion
/// <see cref="WasmTrapException"/>. The actual message must contain the expected text; a right class with other
/// words is a failure of category <see cref="FailureCategory.Message"/>.
/// </remarks>
internal sealed partial class WastScriptExecutor
{
    private readonly SpecFile _file;
    private readonly FileResult _result;
    private readonly SpecRunOptions _options;
    private readonly string _engine;
    private readonly CancellationToken _token;
    private readonly WastValues _values;

    /// <summary>Instances by script id (<c>$M</c>).</summary>
    private readonly Dictionary<string, ModuleInstance> _instances = new(StringComparer.Ordinal);

    /// <summary><c>(module definition $D ...)</c>: validated, not instantiated.</summary>
    private readonly Dictionary<string, WasmModule> _definitions = new(StringComparer.Ordinal);

    /// <summary>Import namespaces by registered name (<c>spectest</c> is built in).</summary>
    private readonly Dictionary<string, Func<string, ExternValue?>> _registered = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (Thread Thread, WastScriptExecutor Executor)> _threads = new(StringComparer.Ordinal);

    /// <summary>Runs a <c>thread</c> command's commands (actions are not reported to <see cref="SpecRunOptions.OnAction"/>: their order is not deterministic).</summary>
    private bool _isThread;

    private Store? _store;
    private Exception? _storeError;
    private ModuleInstance? _current;
    private WasmModule? _lastDefinition;

    private WastScriptExecutor(SpecFile file, FileResult result, SpecRunOptions options, CancellationToken token, WastValues values)
    {
        _file = file;
        _result = result;
        _options = options;
        _engine = options.Engine.Name();
        _token = token;
        _values = values;
    }

    /// <summary>Parses and runs a whole script; a script that does not parse is the file's error.</summary>
    public static void Run(SpecFile file, byte[] text, FileResult result, SpecRunOptions options, string? fileSkipReason, CancellationToken token)
    {
        WastScript script;
        try
        {
            script = WastParser.Parse(text, file.SuitePath);
        }
        catch (WasmMalformedException e)
        {
            if (fileSkipReason is not null)
            {
                result.SkipReason = fileSkipReason;
                result.Skip("file");
                return;
            }
            result.Freeze($"parse error: {e.Message}");
            return;
        }

        if (fileSkipReason is not null)
        {
            result.SkipReason = fileSkipReason;
            CountSkipped(script.Commands, result);
            return;
        }

        var executor = new WastScriptExecutor(file, result, options, token, new WastValues());
        try
        {
            executor.Execute(script.Commands);
        }
        finally
        {
            executor.JoinAll();
            executor._store?.Dispose();
        }
    }

    private static void CountSkipped(IEnumerable<WastCommand> commands, FileResult result)
    {
        foreach (var c in commands)
        {
            result.Skip(KindOf(c));
            if (c is ThreadCommand t)
            {
                CountSkipped(t.Commands, result);
            }
        }
    }

    /// <summary>The report's name for a command: its script keyword.</summary>
    public static string KindOf(WastCommand c) => c switch
    {
        ModuleCommand or ModuleInstanceCommand => "module",
        RegisterCommand => "register",
        ActionCommand { Action.Kind: WastActionKind.Get } => "get",
        ActionCommand => "invoke",
        AssertReturnCommand => "assert_return",
        AssertTrapCommand => "assert_trap",
        AssertExhaustionCommand => "assert_exhaustion",
        AssertExceptionCommand => "assert_exception",
        AssertModuleCommand { Kind: AssertModuleKind.Malformed } => "assert_malformed",
        AssertModuleCommand { Kind: AssertModuleKind.Invalid } => "assert_invalid",
        AssertModuleCommand { Kind: AssertModuleKind.Unlinkable } => "assert_unlinkable",
        AssertModuleCommand { Kind: AssertModuleKind.Uninstantiable } => "assert_uninstantiable",
        AssertModuleCommand { Kind: AssertModuleKind.MalformedCustom } => "assert_malformed_custom",
        AssertModuleCommand { Kind: AssertModuleKind.InvalidCustom } => "assert_invalid_custom",
        ThreadCommand => "thread",
        WaitCommand => "wait",
        _ => c.GetType().Name,
    };

    private void Execute(IReadOnlyList<WastCommand> commands)
    {
        foreach (var command in commands)
        {
            _token.ThrowIfCancellationRequested();
            var kind = KindOf(command);
            var skip = _options.SkipList.CommandSkipReason(_file.SuitePath, _engine, command.Line, kind);
            if (skip is not null && command is not ModuleCommand)
            {
                _result.Skip(kind);
                if (command is ThreadCommand t)
                {
                    CountSkipped(t.Commands, _result);
                }
                continue;
            }
            try
            {
                ExecuteOne(command, kind, skipExecution: skip is not null);
            }
            catch (OperationCanceledException) when (_token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // A bug in the runner or an exception type nobody expected: record it, go on with the next command.
                _result.Fail(command.Line, kind, FailureCategory.Crash, ExpectedOf(command), Describe(e));
            }
        }
    }

    private void ExecuteOne(WastCommand command, string kind, bool skipExecution)
    {
        switch (command)
        {
            case ModuleCommand m:
                DoModule(m, kind, skipExecution);
                break;
            case ModuleInstanceCommand mi:
                DoModuleInstance(mi, kind);
                break;
            case RegisterCommand r:
                DoRegister(r, kind);
                break;
            case ActionCommand a:
                DoAction(a, kind);
                break;
            case AssertReturnCommand ar:
                DoAssertReturn(ar, kind);
                break;
            case AssertTrapCommand at:
                DoAssertTrap(at, kind);
                break;
            case AssertExhaustionCommand ae:
                DoAssertExhaustion(ae, kind);
                break;
            case AssertExceptionCommand ax:
                DoAssertException(ax, kind);
                break;
            case AssertModuleCommand am:
                DoAssertModule(am, kind);
                break;
            case ThreadCommand t:
                DoThread(t, kind);
                break;
            case WaitCommand w:
                DoWait(w, kind);
                break;
            default:
                _result.Fail(command.Line, kind, FailureCategory.Crash, "a known command", $"unsupported command {command.GetType().Name}");
                break;
        }
    }

    // ---- Store, linking, modules ---------------------------------------------------------------------------

    private Store Store
    {
        get
        {
            if (_store is not null)
            {
                return _store;
            }
            if (_storeError is not null)
            {
                throw _storeError;
            }
            try
            {
                _store = new Store(new StoreOptions
                {
                    Engine = _options.Engine switch
                    {
                        SpecEngine.Jit => EngineKind.Jit,
                        SpecEngine.Tiered => EngineKind.Tiered,
                        _ => EngineKind.Interpreter,
                    },
                    Features = _file.Features,
                    MaxCallDepth = _options.MaxCallDepth,
                    // A file past its time limit must not leave threads parked in memory.atomic.wait forever.
                    Cancellation = _token,
                    TierUpCalls = _options.TierUpCalls ?? StoreOptions.DefaultTierUpCalls,
                    TierUpBackEdges = _options.TierUpBackEdges ?? StoreOptions.DefaultTierUpBackEdges,
                    OnTierUp = _options.OnTierUp,
                });
                var spectest = SpectestHost.Create(_store);
                _registered.TryAdd("spectest", name => spectest.GetValueOrDefault(name));
                return _store;
            }
            catch (Exception e)
            {
                _storeError = e;
                throw;
            }
        }
    }

    private ExternValue? ResolveImport(Import import) =>
        _registered.TryGetValue(import.Module, out var ns) ? ns(import.Name) : null;

    /// <summary>Binary of a script module: quote modules are parsed now (their errors are malformed).</summary>
    private static byte[] Binary(WastModule module) => module.GetBinary();

    private WasmModule DecodeAndValidate(WastModule module) => ModuleLoader.DecodeAndValidate(Binary(module), _file.Features);

    private ModuleInstance Instantiate(WasmModule module, string? id) => Store.Instantiate(module, ResolveImport, id);

    private void DoModule(ModuleCommand command, string kind, bool skipExecution)
    {
        var m = command.Module;
        WasmModule module;
        try
        {
            module = DecodeAndValidate(m);
        }
        catch (WasmException e)
        {
            _current = null;
            _result.Fail(command.Line, kind, FailureCategory.Class, "a valid module", Describe(e));
            return;
        }
        if (m.IsDefinition)
        {
            _lastDefinition = module;
            if (m.Id is not null)
            {
                _definitions[m.Id] = module;
            }
            _result.Pass(kind);
            return;
        }
        if (skipExecution)
        {
            // Validated (a failure above still counts), but not instantiated: skipped, never passed.
            _current = null;
            _result.Skip(kind);
            return;
        }
        InstantiateAsCurrent(command.Line, kind, module, m.Id);
    }

    private void InstantiateAsCurrent(int line, string kind, WasmModule module, string? id)
    {
        try
        {
            var instance = Instantiate(module, id);
            _current = instance;
            if (id is not null)
            {
                _instances[id] = instance;
            }
            _result.Pass(kind);
        }
        catch (Exception e) when (e is WasmException or NotSupportedException)
        {
            // Later commands on this module fail on their own ("no current module") rather than hit an older one.
            _current = null;
            if (id is not null)
            {
                _instances.Remove(id);
            }
            _result.Fail(line, kind, e is WasmException ? FailureCategory.Class : FailureCategory.Crash, "instantiation", Describe(e));
        }
    }

    private void DoModuleInstance(ModuleInstanceCommand command, string kind)
    {
        var definition = command.DefinitionId is null ? _lastDefinition
            : _definitions.GetValueOrDefault(command.DefinitionId);
        if (definition is null)
        {
            _result.Fail(command.Line, kind, FailureCategory.Crash, $"module definition {command.DefinitionId ?? "(last)"}", "no such definition");
            return;
        }
        InstantiateAsCurrent(command.Line, kind, definition, command.InstanceId);
    }

    private void DoRegister(RegisterCommand command, string kind)
    {
        var instance = command.ModuleId is null ? _current : _instances.GetValueOrDefault(command.ModuleId);
        if (instance is null)
        {
            _result.Fail(command.Line, kind, FailureCategory.Crash, $"module {command.ModuleId ?? "(current)"}", "no such module");
            return;
        }
        _registered[command.Name] = instance.GetExport;
        _result.Pass(kind);
    }

    // ---- Threads ---------------------------------------------------------------------------------------------

    private void DoThread(ThreadCommand command, string kind)
    {
        var child = new WastScriptExecutor(_file, _result, _options, _token, _values) { _isThread = true };
        foreach (var shared in command.SharedModules)
        {
            if (!_instances.TryGetValue(shared, out var instance))
            {
                _result.Fail(command.Line, kind, FailureCategory.Crash, $"shared module {shared}", "no such module");
                return;
            }
            child._instances[shared] = instance;
        }
        var thread = new Thread(
            () =>
            {
                try
                {
                    child.Execute(command.Commands);
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    child.JoinAll();
                    child._store?.Dispose();
                }
            },
            WastRunner.ThreadStackSize)
        {
            IsBackground = true,
            Name = $"wast {_file.SuitePath} thread {command.Name}",
        };
        _threads[command.Name] = (thread, child);
        thread.Start();
        _result.Pass(kind);
    }

    private void DoWait(WaitCommand command, string kind)
    {
        if (!_threads.Remove(command.Name, out var t))
        {
            _result.Fail(command.Line, kind, FailureCategory.Crash, $"thread {command.Name}", "no such thread");
            return;
        }
        while (!t.Thread.Join(TimeSpan.FromMilliseconds(200)))
        {
            _token.ThrowIfCancellationRequested();
        }
        _result.Pass(kind);
    }

    /// <summary>Threads never waited for are joined before the store goes away (their results still count).</summary>
    private void JoinAll()
    {
        foreach (var (_, t) in _threads)
        {
            while (!t.Thread.Join(TimeSpan.FromMilliseconds(200)))
            {
                if (_token.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        _threads.Clear();
    }

    // ---- Descriptions ---------------------------------------------------------------------------------------

    /// <summary>What a command expects, for the report of a command that crashed.</summary>
    private static string ExpectedOf(WastCommand command) => command switch
    {
        AssertReturnCommand ar => WastValues.Format(ar.Expected),
        AssertTrapCommand at => $"trap: {at.Message}",
        AssertExhaustionCommand ae => $"trap: {ae.Message}",
        AssertModuleCommand am => $"{am.Kind.ToString().ToLowerInvariant()}: {am.Message}",
        AssertExceptionCommand => "a WebAssembly exception",
        _ => "success",
    };

    /// <summary>The class of an error as the suite names it, and its message.</summary>
    internal static string Describe(Exception e) => e switch
    {
        WasmMalformedException => $"malformed: {OneLine(e.Message)}",
        WasmInvalidException => $"invalid: {OneLine(e.Message)}",
        WasmLinkException => $"unlinkable: {OneLine(e.Message)}",
        WasmTrapException => $"trap: {OneLine(e.Message)}",
        ActionException => $"script error: {OneLine(e.Message)}",
        _ => $"crash: {e.GetType().Name}: {OneLine(e.Message)}",
    };

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
