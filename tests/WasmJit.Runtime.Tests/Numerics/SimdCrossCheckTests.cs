using System.Reflection;
using System.Runtime.Intrinsics;
using WasmJit.Runtime.Numerics;

namespace WasmJit.Runtime.Tests.Numerics;

/// <summary>
/// Every <see cref="SimdOps"/> operation with an x86 path or a bit trick must give the same bits as its lane-by-lane
/// <see cref="SimdScalar"/> counterpart, on random vectors seeded with edge values.
/// </summary>
public class SimdCrossCheckTests
{
    private const int Iterations = 4000;

    public static TheoryData<string> ScalarCounterparts()
    {
        var data = new TheoryData<string>();
        foreach (var m in typeof(SimdScalar).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add(m.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScalarCounterparts))]
    public void VectorPathMatchesScalarPath(string name)
    {
        var scalar = typeof(SimdScalar).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
        var types = scalar.GetParameters().Select(p => p.ParameterType).ToArray();
        var vector = typeof(SimdOps).GetMethod(name, BindingFlags.Public | BindingFlags.Static, types);
        Assert.True(vector is not null, $"SimdOps.{name} with the same parameters is missing");
        Assert.Equal(scalar.ReturnType, vector.ReturnType);

        var rng = EdgeValues.Seeded(name);
        var args = new object[types.Length];
        for (int i = 0; i < Iterations; i++)
        {
            for (int k = 0; k < types.Length; k++)
            {
                args[k] = types[k] == typeof(Vector128<byte>) ? EdgeValues.Vector(rng) : EdgeValues.Count(rng);
            }

            object expected = scalar.Invoke(null, args)!;
            object actual = vector.Invoke(null, args)!;
            if (!expected.Equals(actual))
            {
                Assert.Fail($"{name}({string.Join(", ", args.Select(Show))}): scalar {Show(expected)}, vector {Show(actual)}");
            }
        }
    }

    private static string Show(object o) => o is Vector128<byte> v ? Bits.Hex(v) : o.ToString()!;
}
