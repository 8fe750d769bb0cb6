namespace WasmJit.SpecRunner;

/// <summary>Which execution tier runs the scripts; the names are the CLI's <c>--engine</c> values.</summary>
internal enum SpecEngine
{
    Interp,
    Jit,
    Tiered,
}

internal static class SpecEngineNames
{
    public static readonly string[] All = ["interp", "jit", "tiered"];

    public static string Name(this SpecEngine engine) => engine switch
    {
        SpecEngine.Interp => "interp",
        SpecEngine.Jit => "jit",
        SpecEngine.Tiered => "tiered",
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    public static SpecEngine Parse(string name) => name switch
    {
        "interp" or "interpreter" => SpecEngine.Interp,
        "jit" => SpecEngine.Jit,
        "tiered" => SpecEngine.Tiered,
        _ => throw new ArgumentException($"unknown engine '{name}' (expected one of: {string.Join(", ", All)})"),
    };
}
