using WasmJit.Embedding;
using WasmJit.Runtime;

namespace WasmJit;

/// <summary>
/// Resolves a module's imports by their two-level names and instantiates it (like wasmtime's <c>Linker</c>):
/// define host functions (typed C# delegates, <c>DefineFunction</c>), memories, tables and globals
/// (<c>Define</c>), every export of an instance (<see cref="DefineInstance"/>), WASI (<c>DefineWasi</c> in
/// WasmJit.Wasi), then <see cref="Instantiate"/> as often as needed, in any store of the same engine.
/// <para>
/// Host functions are defined once and bound to each instance that imports them, so their <see cref="Caller"/>
/// is the importing instance. A host function that throws makes the wasm call fail with a
/// <see cref="WasmTrapException"/> of kind <see cref="TrapKind.HostError"/> whose inner exception is the original
/// and whose backtrace lists the wasm frames it unwound; the instance stays usable. Not thread-safe while being
/// defined; instantiating from several threads (into different stores) is fine once definitions are done.
/// </para>
/// </summary>
public sealed partial class Linker
{
    private readonly Dictionary<(string Module, string Name), Definition> _definitions = [];

    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    public Engine Engine { get; }

    /// <summary>When true, defining a name again replaces the old definition; when false (default) it throws.</summary>
    public bool AllowShadowing { get; set; }

    public Linker Define(string module, string name, Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Add(module, name, new ItemDefinition(function.Store, function.Inner));
    }

    public Linker Define(string module, string name, Memory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return Add(module, name, new ItemDefinition(memory.Store, memory.Inner));
    }

    public Linker Define(string module, string name, Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Add(module, name, new ItemDefinition(table.Store, table.Inner));
    }

    public Linker Define(string module, string name, Global global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return Add(module, name, new ItemDefinition(global.Store, global.Inner));
    }

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="module"/>.</summary>
    public Linker DefineInstance(string module, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, value) in instance.Inner.Exports)
        {
            Add(module, name, new ItemDefinition(instance.Store, value));
        }
        return this;
    }

    /// <summary>
    /// Defines a host function over boxed values (for hosts that know the signature only at run time): the callback
    /// gets the arguments as <see cref="Function.Invoke"/> takes them and returns the results (null for none).
    /// </summary>
    public Linker DefineFunction(string module, string name, FuncType type, Func<Caller, object?[], object?[]?> callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        var signature = HostSignature.FromType(module, name, type);
        return DefineHost(module, name, signature, ctx => new UntypedHostFunction(signature, callback, ctx));
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/>: resolves every import, runs the active
    /// segments and the start function (https://webassembly.github.io/spec/core/exec/modules.html#instantiation).
    /// </summary>
    /// <exception cref="WasmLinkException">An import is not defined ("unknown import" with its module and name) or has another type.</exception>
    /// <exception cref="WasmTrapException">A segment does not fit, or the start function trapped.</exception>
    public Instance Instantiate(Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        if (!ReferenceEquals(module.Engine, store.Engine) || !ReferenceEquals(Engine, store.Engine))
        {
            throw new ArgumentException("the linker, the module and the store must belong to the same engine");
        }
        var context = new CallerContext(store, module);
        Dictionary<HostDefinition, FunctionInstance>? bound = null;
        store.Enter();
        try
        {
            var inner = store.Inner.Instantiate(module.Inner, (instance, import) =>
            {
                context.Instance ??= instance;
                return Resolve(store, context, import, ref bound);
            }, module.Name);
            context.Instance ??= inner;
            return context.PublicInstance;
        }
        finally
        {
            store.Exit();
        }
    }

    internal Linker DefineHost(string module, string name, HostSignature signature, Func<CallerContext, FunctionInstance> bind) =>
        Add(module, name, new HostDefinition(signature, bind));

    private ExternValue Resolve(Store store, CallerContext context, Import import, ref Dictionary<HostDefinition, FunctionInstance>? bound)
    {
        if (!_definitions.TryGetValue((import.Module, import.Name), out var definition))
        {
            var wanted = ModuleImport.From(context.Module.Inner, import);
            throw new WasmLinkException(
                $"unknown import \"{import.Module}\" \"{import.Name}\": nothing of that name is defined in the linker " +
                $"(the module wants {ExternTypes.Describe(wanted.Kind, wanted.FunctionType, wanted.TableType, wanted.MemoryType, wanted.GlobalType)})");
        }
        switch (definition)
        {
            case ItemDefinition item:
                // A shared memory is the one thing instances of different stores may share (threads proposal: one
                // store per thread, every thread's instance importing the same memory; see WasiThreadsBindings.cs).
                if (!ReferenceEquals(item.Store, store)
                    && !(item.Value is MemoryInstance { Shared: true } && ReferenceEquals(item.Store.Engine, store.Engine)))
                {
                    throw new WasmLinkException($"import \"{import.Module}\" \"{import.Name}\" is defined by an item of another store");
                }
                return item.Value;
            case HostDefinition host:
                // One binding per instance, even when the module imports the same definition twice.
                bound ??= [];
                if (!bound.TryGetValue(host, out var f))
                {
                    f = host.Bind(context);
                    bound.Add(host, f);
                }
                return f;
            default:
                throw new InvalidOperationException();
        }
    }

    private Linker Add(string module, string name, Definition definition)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        if (!AllowShadowing && _definitions.ContainsKey((module, name)))
        {
            throw new InvalidOperationException($"\"{module}\" \"{name}\" is already defined (set AllowShadowing to replace definitions)");
        }
        _definitions[(module, name)] = definition;
        return this;
    }

    private abstract class Definition;

    /// <summary>An existing function, memory, table or global of one store.</summary>
    private sealed class ItemDefinition(Store store, ExternValue value) : Definition
    {
        public Store Store { get; } = store;

        public ExternValue Value { get; } = value;
    }

    /// <summary>A host function, bound to each importing instance (compared by reference).</summary>
    private sealed class HostDefinition(HostSignature signature, Func<CallerContext, FunctionInstance> bind) : Definition
    {
        public HostSignature Signature { get; } = signature;

        public FunctionInstance Bind(CallerContext context) => bind(context);
    }
}
