namespace WasmJit.Interpreter;

/// <summary>
/// Asks the ColdCopyGenerator (src/WasmJit.Generators) for a copy of the method named <paramref name="name"/>: same
/// body, no attributes, its <c>const bool IsColdCopy</c> local true. See <see cref="Interpreter"/>'s Run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ColdCopyAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
