using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WasmJit.Samples.KernelRunner;

/// <summary>
/// Loads a WASI kernel (a <c>wasm32-wasi</c> command such as perf/kernels/*.wasm), runs it a few times and reports
/// compile time, each run's wall time and the kernel's output. Usage:
/// <c>KernelRunner KERNEL.wasm [--engine interpreter|jit|tiered] [--runs N] [--fuel N] [--timeout SECONDS]</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out);

    public static int Run(string[] args, TextWriter output)
    {
        string? path = null;
        var strategy = ExecutionStrategy.Interpreter;
        int runs = 3;
        long? fuel = null;
        TimeSpan? timeout = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engine":
                    strategy = Enum.Parse<ExecutionStrategy>(args[++i], ignoreCase: true);
                    break;
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--fuel":
                    fuel = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--timeout":
                    timeout = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                default:
                    path = args[i];
                    break;
            }
        }
        if (path is null || !File.Exists(path))
        {
            output.WriteLine("usage: KernelRunner KERNEL.wasm [--engine interpreter|jit|tiered] [--runs N] [--fuel N] [--timeout SECONDS]");
            return 2;
        }

        var engine = new Engine(EngineConfig.Default.WithStrategy(strategy));
        var clock = Stopwatch.StartNew();
        var module = Module.FromFile(engine, path);
        output.WriteLine($"{Path.GetFileName(path)}: decoded and validated in {clock.Elapsed.TotalMilliseconds:0.0} ms ({strategy})");
        for (int run = 1; run <= runs; run++)
        {
            var stdout = new MemoryStream();
            var limits = StoreLimits.Default.WithFuel(fuel).WithTimeout(timeout);
            using var store = new Store(engine, limits);
            var linker = new Linker(engine).DefineWasi(WasiOptions.Default.WithArgs(Path.GetFileName(path)).WithStdout(stdout));
            clock.Restart();
            int exit = 0;
            try
            {
                linker.Instantiate(store, module).GetAction("_start")();
            }
            catch (WasiExitException e)
            {
                exit = e.ExitCode;
            }
            var elapsed = clock.Elapsed;
            string text = Encoding.UTF8.GetString(stdout.ToArray()).TrimEnd();
            string fuelText = fuel is long budget ? $", fuel used {budget - store.Fuel:N0}" : "";
            output.WriteLine($"run {run}: {elapsed.TotalMilliseconds:0.0} ms, exit {exit}{fuelText}: {text}");
        }
        return 0;
    }
}
