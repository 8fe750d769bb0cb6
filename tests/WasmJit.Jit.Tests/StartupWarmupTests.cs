using System.Reflection;
using System.Runtime.CompilerServices;

using WasmJit.Runtime;

namespace WasmJit.Jit.Tests;

/// <summary>
/// Configuring an engine (the public Engine constructor calls ExecutionEngine.WarmUp) starts compiling the runtime's costly AggressiveOptimization methods in the background
/// (StartupWarmup): every method named there must exist and compile, and every AggressiveOptimization method
/// of the engine assemblies must be named there (ReadyToRun never precompiles them, so one left out costs its whole
/// RyuJIT time on the first call that needs it).
/// </summary>
public sealed class StartupWarmupTests
{
    [Fact]
    public async Task EngineCreationCompilesEveryWarmupMethod()
    {
        ExecutionEngine.WarmUp(EngineKind.Tiered);
        var failed = await StartupWarmup.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(failed);
    }

    [Fact]
    public void EveryAggressivelyOptimizedEngineMethodIsWarmedUp()
    {
        var named = typeof(StartupWarmup).GetField("s_methods", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)
            as List<(Type Type, string Name)>;
        Assert.NotNull(named);
        ExecutionEngine.WarmUp(EngineKind.Tiered);
        string[] assemblies = ["WasmJit.Core", "WasmJit.Runtime", "WasmJit.Interpreter", "WasmJit.Jit", "WasmJit"];
        var aggressive = assemblies
            .SelectMany(a => Assembly.Load(a).GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0)
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToHashSet();
        Assert.Contains("WasmJit.Interpreter.Interpreter.Run", aggressive);
        lock (named)
        {
            Assert.Equal(aggressive.Order(), named.Select(m => $"{m.Type.FullName}.{m.Name}").Distinct().Order());
        }
    }
}
