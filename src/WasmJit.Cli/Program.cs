using WasmJit.Cli;
using WasmJit.Runtime;

// The commands that execute wasm start compiling the interpreter's dispatch loop and the validator in the
// background at once (StartupWarmup), before the command line is even parsed: those ~80 ms of RyuJIT are the
// longest path to a big module's first instruction, so every millisecond earlier counts. `--engine jit` runs
// no interpreted code, so it skips this.
if (args is ["run" or "bench" or "spec", ..] && !EngineIsJit(args))
{
    ExecutionEngine.WarmUp(EngineKind.Tiered);
}

return WasmJitCli.Run(args, Console.Out, Console.Error);

static bool EngineIsJit(string[] args)
{
    for (int i = 0; i < args.Length; i++)
    {
        if (args[i] is "--engine=jit" or "-e=jit" || (args[i] is "--engine" or "-e" && i + 1 < args.Length && args[i + 1] == "jit"))
        {
            return true;
        }
        if (args[i] == "--")
        {
            break;
        }
    }
    return false;
}
