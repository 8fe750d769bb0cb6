using System.Text;

namespace WasmJit.Samples.ScriptingHost;

/// <summary>
/// A C# application and a WebAssembly plugin (plugin.wat, compiled to plugin.wasm) calling each other: the host
/// gives the plugin a logger and a callback, the plugin exports functions the host calls, and strings travel
/// through the plugin's linear memory (the host asks the plugin's allocator for room, the plugin returns
/// pointer/length pairs).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(Console.Out, args.Length > 0 ? args[0] : "WebAssembly");

    /// <summary>Runs the sample, writing to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(TextWriter output, string name)
    {
        var engine = new Engine();
        var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "plugin.wasm"));
        using var store = new Store(engine, StoreLimits.Default.WithFuel(1_000_000).WithTimeout(TimeSpan.FromSeconds(5)));

        var linker = new Linker(engine)
            // Host -> plugin memory: read the message the plugin wrote.
            .DefineFunction("host", "log", (Caller caller, int ptr, int len) =>
                output.WriteLine($"[plugin log] {caller.GetMemory()!.ReadString(ptr, len)}"))
            // The callback the plugin calls for each item: the host decides the values.
            .DefineFunction("host", "on_item", (int i) => (i + 1) * 10);
        var plugin = linker.Instantiate(store, module);

        // Host -> plugin: copy a string into the plugin's memory, call, read the string it returns.
        var memory = plugin.GetMemory("memory")!;
        var alloc = plugin.GetFunction<int, int>("alloc");
        var greet = plugin.GetFunction<int, int, (int Ptr, int Len)>("greet");
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        int namePtr = alloc(utf8.Length);
        memory.Write(namePtr, utf8);
        var (ptr, len) = greet(namePtr, utf8.Length);
        output.WriteLine($"greet returned: {memory.ReadString(ptr, len)}");

        // Plugin -> host callback, inside a loop of the plugin.
        int sum = plugin.GetFunction<int, int>("sum_items")(5);
        output.WriteLine($"sum_items(5) = {sum}");
        output.WriteLine($"fuel used: {1_000_000 - store.Fuel}");
        return 0;
    }
}
