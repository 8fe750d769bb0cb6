using WasmJit.Cli;

return WasmJitCli.Run(args, Console.Out, Console.Error);
