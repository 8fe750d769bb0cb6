namespace WasmJit.Runtime;

/// <summary>
/// The "spectest" module the spec test suite imports from
/// (https://github.com/WebAssembly/spec/tree/main/interpreter#spectest-host-module): print functions that do
/// nothing visible, globals holding 666 / 666.6, a funcref table of 10..20 (and a 64-bit one), a memory of
/// 1..2 pages and a shared one.
/// </summary>
internal static class SpectestHost
{
    public static IReadOnlyDictionary<string, ExternValue> Create(Store store)
    {
        var exports = new Dictionary<string, ExternValue>(StringComparer.Ordinal);
        void Print(string name, params ValType[] ps) =>
            exports[name] = FunctionInstance.FromHost(new FuncType(ps, []), _ => [], "spectest." + name);

        Print("print");
        Print("print_i32", ValType.I32);
        Print("print_i64", ValType.I64);
        Print("print_f32", ValType.F32);
        Print("print_f64", ValType.F64);
        Print("print_i32_f32", ValType.I32, ValType.F32);
        Print("print_f64_f64", ValType.F64, ValType.F64);

        exports["global_i32"] = new GlobalInstance(new GlobalType(ValType.I32, false), WasmValue.FromI32(666));
        exports["global_i64"] = new GlobalInstance(new GlobalType(ValType.I64, false), WasmValue.FromI64(666));
        exports["global_f32"] = new GlobalInstance(new GlobalType(ValType.F32, false), WasmValue.FromF32(666.6f));
        exports["global_f64"] = new GlobalInstance(new GlobalType(ValType.F64, false), WasmValue.FromF64(666.6));

        exports["table"] = store.CreateTable(new TableType(ValType.FuncRef, new Limits(10, 20), false));
        exports["table64"] = store.CreateTable(new TableType(ValType.FuncRef, new Limits(10, 20), true));
        exports["memory"] = store.CreateMemory(new MemoryType(new Limits(1, 2), false, false));
        exports["shared_memory"] = store.CreateMemory(new MemoryType(new Limits(1, 2), true, false));
        return exports;
    }
}
