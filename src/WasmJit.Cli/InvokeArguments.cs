using System.Globalization;

namespace WasmJit.Cli;

/// <summary>
/// Arguments for an exported function given on the command line (<c>run --invoke</c>, <c>bench --invoke</c>),
/// parsed by the function's parameter types, and results formatted back (floats round-trip exactly).
/// </summary>
internal static class InvokeArguments
{
    public static object?[] Parse(FuncType type, IReadOnlyList<string> args)
    {
        if (args.Count != type.Params.Length)
        {
            throw new CliException($"the function takes {type.Params.Length} arguments ({string.Join(", ", type.Params)}), got {args.Count}");
        }
        var values = new object?[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            var t = type.Params[i];
            values[i] = Parse(args[i], t) ?? throw new CliException($"argument {i + 1}: '{args[i]}' is not a valid {t}");
        }
        return values;
    }

    public static string Format(object? value) => value switch
    {
        null => "null",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        object?[] many => string.Join(" ", many.Select(Format)),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object? Parse(string s, ValType t)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (t.Kind)
        {
            case ValKind.I32:
                if (int.TryParse(s, NumberStyles.AllowLeadingSign, inv, out int i))
                {
                    return i;
                }
                return uint.TryParse(s, NumberStyles.None, inv, out uint u) ? (int)u : null;
            case ValKind.I64:
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, inv, out long l))
                {
                    return l;
                }
                return ulong.TryParse(s, NumberStyles.None, inv, out ulong ul) ? (long)ul : null;
            case ValKind.F32:
                return float.TryParse(s, NumberStyles.Float, inv, out float f) ? f : null;
            case ValKind.F64:
                return double.TryParse(s, NumberStyles.Float, inv, out double d) ? d : null;
            default:
                throw new CliException($"--invoke cannot pass arguments of type {t} from the command line");
        }
    }
}
