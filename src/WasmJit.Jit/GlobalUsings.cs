global using WasmJit.Runtime;
