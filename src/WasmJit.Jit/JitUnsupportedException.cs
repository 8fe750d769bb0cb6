namespace WasmJit.Jit;

/// <summary>The function uses something the JIT tier cannot compile yet; the caller leaves it to the interpreter.</summary>
internal sealed class JitUnsupportedException(string message) : Exception(message);
