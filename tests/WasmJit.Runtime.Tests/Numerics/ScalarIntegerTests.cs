using WasmJit.Runtime.Numerics;

namespace WasmJit.Runtime.Tests.Numerics;

/// <summary>Scalar integer operations against core/i32.wast and core/i64.wast (values transcribed from their assertions).</summary>
public class ScalarIntegerTests
{
    [Theory]
    [InlineData("div_s", 1, 0, 0, "integer divide by zero")]
    [InlineData("div_s", 0, 0, 0, "integer divide by zero")]
    [InlineData("div_s", -2147483648, -1, 0, "integer overflow")]
    [InlineData("div_s", -2147483648, 0, 0, "integer divide by zero")]
    [InlineData("div_s", 1, 1, 1, null)]
    [InlineData("div_s", 0, 1, 0, null)]
    [InlineData("div_s", 0, -1, 0, null)]
    [InlineData("div_s", -1, -1, 1, null)]
    [InlineData("div_s", -2147483648, 2, -1073741824, null)]
    [InlineData("div_s", -2147483647, 1000, -2147483, null)]
    [InlineData("div_s", 5, 2, 2, null)]
    [InlineData("div_s", -5, 2, -2, null)]
    [InlineData("div_s", 5, -2, -2, null)]
    [InlineData("div_s", -5, -2, 2, null)]
    [InlineData("div_s", 7, 3, 2, null)]
    [InlineData("div_s", -7, 3, -2, null)]
    [InlineData("div_s", 7, -3, -2, null)]
    [InlineData("div_s", -7, -3, 2, null)]
    [InlineData("div_s", 11, 5, 2, null)]
    [InlineData("div_s", 17, 7, 2, null)]
    [InlineData("div_u", 1, 0, 0, "integer divide by zero")]
    [InlineData("div_u", 0, 0, 0, "integer divide by zero")]
    [InlineData("div_u", 1, 1, 1, null)]
    [InlineData("div_u", 0, 1, 0, null)]
    [InlineData("div_u", -1, -1, 1, null)]
    [InlineData("div_u", -2147483648, -1, 0, null)]
    [InlineData("div_u", -2147483648, 2, 1073741824, null)]
    [InlineData("div_u", -1880092688, 65537, 36847, null)]
    [InlineData("div_u", -2147483647, 1000, 2147483, null)]
    [InlineData("div_u", 5, 2, 2, null)]
    [InlineData("div_u", -5, 2, 2147483645, null)]
    [InlineData("div_u", 5, -2, 0, null)]
    [InlineData("div_u", -5, -2, 0, null)]
    [InlineData("div_u", 7, 3, 2, null)]
    [InlineData("div_u", 11, 5, 2, null)]
    [InlineData("div_u", 17, 7, 2, null)]
    [InlineData("rem_s", 1, 0, 0, "integer divide by zero")]
    [InlineData("rem_s", 0, 0, 0, "integer divide by zero")]
    [InlineData("rem_s", 2147483647, -1, 0, null)]
    [InlineData("rem_s", 1, 1, 0, null)]
    [InlineData("rem_s", 0, 1, 0, null)]
    [InlineData("rem_s", 0, -1, 0, null)]
    [InlineData("rem_s", -1, -1, 0, null)]
    [InlineData("rem_s", -2147483648, -1, 0, null)]
    [InlineData("rem_s", -2147483648, 2, 0, null)]
    [InlineData("rem_s", -2147483647, 1000, -647, null)]
    [InlineData("rem_s", 5, 2, 1, null)]
    [InlineData("rem_s", -5, 2, -1, null)]
    [InlineData("rem_s", 5, -2, 1, null)]
    [InlineData("rem_s", -5, -2, -1, null)]
    [InlineData("rem_s", 7, 3, 1, null)]
    [InlineData("rem_s", -7, 3, -1, null)]
    [InlineData("rem_s", 7, -3, 1, null)]
    [InlineData("rem_s", -7, -3, -1, null)]
    [InlineData("rem_s", 11, 5, 1, null)]
    [InlineData("rem_s", 17, 7, 3, null)]
    [InlineData("rem_u", 1, 0, 0, "integer divide by zero")]
    [InlineData("rem_u", 0, 0, 0, "integer divide by zero")]
    [InlineData("rem_u", 1, 1, 0, null)]
    [InlineData("rem_u", 0, 1, 0, null)]
    [InlineData("rem_u", -1, -1, 0, null)]
    [InlineData("rem_u", -2147483648, -1, -2147483648, null)]
    [InlineData("rem_u", -2147483648, 2, 0, null)]
    [InlineData("rem_u", -1880092688, 65537, 32769, null)]
    [InlineData("rem_u", -2147483647, 1000, 649, null)]
    [InlineData("rem_u", 5, 2, 1, null)]
    [InlineData("rem_u", -5, 2, 1, null)]
    [InlineData("rem_u", 5, -2, 5, null)]
    [InlineData("rem_u", -5, -2, -5, null)]
    [InlineData("rem_u", 7, 3, 1, null)]
    [InlineData("rem_u", 11, 5, 1, null)]
    [InlineData("rem_u", 17, 7, 3, null)]
    public void I32DivRem(string op, int a, int b, int expected, string? trap)
    {
        Func<int> run = op switch
        {
            "div_s" => () => ScalarOps.I32DivS(a, b),
            "div_u" => () => ScalarOps.I32DivU(a, b),
            "rem_s" => () => ScalarOps.I32RemS(a, b),
            "rem_u" => () => ScalarOps.I32RemU(a, b),
            _ => throw new ArgumentException(op),
        };
        AssertResultOrTrap(() => run(), expected, trap);
    }

    [Theory]
    [InlineData("div_s", 1L, 0L, 0L, "integer divide by zero")]
    [InlineData("div_s", 0L, 0L, 0L, "integer divide by zero")]
    [InlineData("div_s", -9223372036854775808L, -1L, 0L, "integer overflow")]
    [InlineData("div_s", -9223372036854775808L, 0L, 0L, "integer divide by zero")]
    [InlineData("div_s", 1L, 1L, 1L, null)]
    [InlineData("div_s", 0L, 1L, 0L, null)]
    [InlineData("div_s", 0L, -1L, 0L, null)]
    [InlineData("div_s", -1L, -1L, 1L, null)]
    [InlineData("div_s", -9223372036854775808L, 2L, -4611686018427387904L, null)]
    [InlineData("div_s", -9223372036854775807L, 1000L, -9223372036854775L, null)]
    [InlineData("div_s", 5L, 2L, 2L, null)]
    [InlineData("div_s", -5L, 2L, -2L, null)]
    [InlineData("div_s", 5L, -2L, -2L, null)]
    [InlineData("div_s", -5L, -2L, 2L, null)]
    [InlineData("div_s", 7L, 3L, 2L, null)]
    [InlineData("div_s", -7L, 3L, -2L, null)]
    [InlineData("div_s", 7L, -3L, -2L, null)]
    [InlineData("div_s", -7L, -3L, 2L, null)]
    [InlineData("div_s", 11L, 5L, 2L, null)]
    [InlineData("div_s", 17L, 7L, 2L, null)]
    [InlineData("div_u", 1L, 0L, 0L, "integer divide by zero")]
    [InlineData("div_u", 0L, 0L, 0L, "integer divide by zero")]
    [InlineData("div_u", 1L, 1L, 1L, null)]
    [InlineData("div_u", 0L, 1L, 0L, null)]
    [InlineData("div_u", -1L, -1L, 1L, null)]
    [InlineData("div_u", -9223372036854775808L, -1L, 0L, null)]
    [InlineData("div_u", -9223372036854775808L, 2L, 4611686018427387904L, null)]
    [InlineData("div_u", -8074936608141340688L, 4294967297L, 2414874607L, null)]
    [InlineData("div_u", -9223372036854775807L, 1000L, 9223372036854775L, null)]
    [InlineData("div_u", 5L, 2L, 2L, null)]
    [InlineData("div_u", -5L, 2L, 9223372036854775805L, null)]
    [InlineData("div_u", 5L, -2L, 0L, null)]
    [InlineData("div_u", -5L, -2L, 0L, null)]
    [InlineData("div_u", 7L, 3L, 2L, null)]
    [InlineData("div_u", 11L, 5L, 2L, null)]
    [InlineData("div_u", 17L, 7L, 2L, null)]
    [InlineData("rem_s", 1L, 0L, 0L, "integer divide by zero")]
    [InlineData("rem_s", 0L, 0L, 0L, "integer divide by zero")]
    [InlineData("rem_s", 9223372036854775807L, -1L, 0L, null)]
    [InlineData("rem_s", 1L, 1L, 0L, null)]
    [InlineData("rem_s", 0L, 1L, 0L, null)]
    [InlineData("rem_s", 0L, -1L, 0L, null)]
    [InlineData("rem_s", -1L, -1L, 0L, null)]
    [InlineData("rem_s", -9223372036854775808L, -1L, 0L, null)]
    [InlineData("rem_s", -9223372036854775808L, 2L, 0L, null)]
    [InlineData("rem_s", -9223372036854775807L, 1000L, -807L, null)]
    [InlineData("rem_s", 5L, 2L, 1L, null)]
    [InlineData("rem_s", -5L, 2L, -1L, null)]
    [InlineData("rem_s", 5L, -2L, 1L, null)]
    [InlineData("rem_s", -5L, -2L, -1L, null)]
    [InlineData("rem_s", 7L, 3L, 1L, null)]
    [InlineData("rem_s", -7L, 3L, -1L, null)]
    [InlineData("rem_s", 7L, -3L, 1L, null)]
    [InlineData("rem_s", -7L, -3L, -1L, null)]
    [InlineData("rem_s", 11L, 5L, 1L, null)]
    [InlineData("rem_s", 17L, 7L, 3L, null)]
    [InlineData("rem_u", 1L, 0L, 0L, "integer divide by zero")]
    [InlineData("rem_u", 0L, 0L, 0L, "integer divide by zero")]
    [InlineData("rem_u", 1L, 1L, 0L, null)]
    [InlineData("rem_u", 0L, 1L, 0L, null)]
    [InlineData("rem_u", -1L, -1L, 0L, null)]
    [InlineData("rem_u", -9223372036854775808L, -1L, -9223372036854775808L, null)]
    [InlineData("rem_u", -9223372036854775808L, 2L, 0L, null)]
    [InlineData("rem_u", -8074936608141340688L, 4294967297L, 2147483649L, null)]
    [InlineData("rem_u", -9223372036854775807L, 1000L, 809L, null)]
    [InlineData("rem_u", 5L, 2L, 1L, null)]
    [InlineData("rem_u", -5L, 2L, 1L, null)]
    [InlineData("rem_u", 5L, -2L, 5L, null)]
    [InlineData("rem_u", -5L, -2L, -5L, null)]
    [InlineData("rem_u", 7L, 3L, 1L, null)]
    [InlineData("rem_u", 11L, 5L, 1L, null)]
    [InlineData("rem_u", 17L, 7L, 3L, null)]
    public void I64DivRem(string op, long a, long b, long expected, string? trap)
    {
        Func<long> run = op switch
        {
            "div_s" => () => ScalarOps.I64DivS(a, b),
            "div_u" => () => ScalarOps.I64DivU(a, b),
            "rem_s" => () => ScalarOps.I64RemS(a, b),
            "rem_u" => () => ScalarOps.I64RemU(a, b),
            _ => throw new ArgumentException(op),
        };
        AssertResultOrTrap(run, expected, trap);
    }

    [Theory]
    [InlineData("clz", -1, 0)]
    [InlineData("clz", 0, 32)]
    [InlineData("clz", 32768, 16)]
    [InlineData("clz", 255, 24)]
    [InlineData("clz", -2147483648, 0)]
    [InlineData("clz", 1, 31)]
    [InlineData("clz", 2, 30)]
    [InlineData("clz", 2147483647, 1)]
    [InlineData("ctz", -1, 0)]
    [InlineData("ctz", 0, 32)]
    [InlineData("ctz", 32768, 15)]
    [InlineData("ctz", 65536, 16)]
    [InlineData("ctz", -2147483648, 31)]
    [InlineData("ctz", 2147483647, 0)]
    [InlineData("popcnt", -1, 32)]
    [InlineData("popcnt", 0, 0)]
    [InlineData("popcnt", 32768, 1)]
    [InlineData("popcnt", -2147450880, 2)]
    [InlineData("popcnt", 2147483647, 31)]
    [InlineData("popcnt", -1431655766, 16)]
    [InlineData("popcnt", 1431655765, 16)]
    [InlineData("popcnt", -559038737, 24)]
    [InlineData("extend8_s", 0, 0)]
    [InlineData("extend8_s", 127, 127)]
    [InlineData("extend8_s", 128, -128)]
    [InlineData("extend8_s", 255, -1)]
    [InlineData("extend8_s", 19088640, 0)]
    [InlineData("extend8_s", -19088768, -128)]
    [InlineData("extend8_s", -1, -1)]
    [InlineData("extend16_s", 0, 0)]
    [InlineData("extend16_s", 32767, 32767)]
    [InlineData("extend16_s", 32768, -32768)]
    [InlineData("extend16_s", 65535, -1)]
    [InlineData("extend16_s", 19070976, 0)]
    [InlineData("extend16_s", -19103744, -32768)]
    [InlineData("extend16_s", -1, -1)]
    [InlineData("eqz", 0, 1)]
    [InlineData("eqz", 1, 0)]
    [InlineData("eqz", -2147483648, 0)]
    [InlineData("eqz", 2147483647, 0)]
    [InlineData("eqz", -1, 0)]
    public void I32Unary(string op, int a, int expected)
    {
        int actual = op switch
        {
            "clz" => ScalarOps.I32Clz(a),
            "ctz" => ScalarOps.I32Ctz(a),
            "popcnt" => ScalarOps.I32Popcnt(a),
            "extend8_s" => ScalarOps.I32Extend8S(a),
            "extend16_s" => ScalarOps.I32Extend16S(a),
            "eqz" => ScalarOps.I32Eqz(a),
            _ => throw new ArgumentException(op),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("clz", -1L, 0L)]
    [InlineData("clz", 0L, 64L)]
    [InlineData("clz", 32768L, 48L)]
    [InlineData("clz", 255L, 56L)]
    [InlineData("clz", -9223372036854775808L, 0L)]
    [InlineData("clz", 1L, 63L)]
    [InlineData("clz", 2L, 62L)]
    [InlineData("clz", 9223372036854775807L, 1L)]
    [InlineData("ctz", -1L, 0L)]
    [InlineData("ctz", 0L, 64L)]
    [InlineData("ctz", 32768L, 15L)]
    [InlineData("ctz", 65536L, 16L)]
    [InlineData("ctz", -9223372036854775808L, 63L)]
    [InlineData("ctz", 9223372036854775807L, 0L)]
    [InlineData("popcnt", -1L, 64L)]
    [InlineData("popcnt", 0L, 0L)]
    [InlineData("popcnt", 32768L, 1L)]
    [InlineData("popcnt", -9223231297218904064L, 4L)]
    [InlineData("popcnt", 9223372036854775807L, 63L)]
    [InlineData("popcnt", -6148914692668172971L, 32L)]
    [InlineData("popcnt", -7378697629197489494L, 32L)]
    [InlineData("popcnt", -2401053088876216593L, 48L)]
    [InlineData("extend8_s", 0L, 0L)]
    [InlineData("extend8_s", 127L, 127L)]
    [InlineData("extend8_s", 128L, -128L)]
    [InlineData("extend8_s", 255L, -1L)]
    [InlineData("extend8_s", 81985529216486656L, 0L)]
    [InlineData("extend8_s", -81985529216486784L, -128L)]
    [InlineData("extend8_s", -1L, -1L)]
    [InlineData("extend16_s", 0L, 0L)]
    [InlineData("extend16_s", 32767L, 32767L)]
    [InlineData("extend16_s", 32768L, -32768L)]
    [InlineData("extend16_s", 65535L, -1L)]
    [InlineData("extend16_s", 1311768467463733248L, 0L)]
    [InlineData("extend16_s", -81985529216466944L, -32768L)]
    [InlineData("extend16_s", -1L, -1L)]
    [InlineData("extend32_s", 0L, 0L)]
    [InlineData("extend32_s", 32767L, 32767L)]
    [InlineData("extend32_s", 32768L, 32768L)]
    [InlineData("extend32_s", 65535L, 65535L)]
    [InlineData("extend32_s", 2147483647L, 2147483647L)]
    [InlineData("extend32_s", 2147483648L, -2147483648L)]
    [InlineData("extend32_s", 4294967295L, -1L)]
    [InlineData("extend32_s", 81985526906748928L, 0L)]
    [InlineData("extend32_s", -81985529054232576L, -2147483648L)]
    [InlineData("extend32_s", -1L, -1L)]
    public void I64Unary(string op, long a, long expected)
    {
        long actual = op switch
        {
            "clz" => ScalarOps.I64Clz(a),
            "ctz" => ScalarOps.I64Ctz(a),
            "popcnt" => ScalarOps.I64Popcnt(a),
            "extend8_s" => ScalarOps.I64Extend8S(a),
            "extend16_s" => ScalarOps.I64Extend16S(a),
            "extend32_s" => ScalarOps.I64Extend32S(a),
            _ => throw new ArgumentException(op),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("shl", 1, 1, 2)]
    [InlineData("shl", 1, 0, 1)]
    [InlineData("shl", 2147483647, 1, -2)]
    [InlineData("shl", -1, 1, -2)]
    [InlineData("shl", -2147483648, 1, 0)]
    [InlineData("shl", 1073741824, 1, -2147483648)]
    [InlineData("shl", 1, 31, -2147483648)]
    [InlineData("shl", 1, 32, 1)]
    [InlineData("shl", 1, 33, 2)]
    [InlineData("shl", 1, -1, -2147483648)]
    [InlineData("shl", 1, 2147483647, -2147483648)]
    [InlineData("shr_s", 1, 1, 0)]
    [InlineData("shr_s", 1, 0, 1)]
    [InlineData("shr_s", -1, 1, -1)]
    [InlineData("shr_s", 2147483647, 1, 1073741823)]
    [InlineData("shr_s", -2147483648, 1, -1073741824)]
    [InlineData("shr_s", 1073741824, 1, 536870912)]
    [InlineData("shr_s", 1, 32, 1)]
    [InlineData("shr_s", 1, 33, 0)]
    [InlineData("shr_s", 1, -1, 0)]
    [InlineData("shr_s", 1, 2147483647, 0)]
    [InlineData("shr_s", 1, -2147483648, 1)]
    [InlineData("shr_s", -2147483648, 31, -1)]
    [InlineData("shr_s", -1, 32, -1)]
    [InlineData("shr_s", -1, 33, -1)]
    [InlineData("shr_s", -1, -1, -1)]
    [InlineData("shr_s", -1, 2147483647, -1)]
    [InlineData("shr_s", -1, -2147483648, -1)]
    [InlineData("shr_u", 1, 1, 0)]
    [InlineData("shr_u", 1, 0, 1)]
    [InlineData("shr_u", -1, 1, 2147483647)]
    [InlineData("shr_u", 2147483647, 1, 1073741823)]
    [InlineData("shr_u", -2147483648, 1, 1073741824)]
    [InlineData("shr_u", 1073741824, 1, 536870912)]
    [InlineData("shr_u", 1, 32, 1)]
    [InlineData("shr_u", 1, 33, 0)]
    [InlineData("shr_u", 1, -1, 0)]
    [InlineData("shr_u", 1, 2147483647, 0)]
    [InlineData("shr_u", 1, -2147483648, 1)]
    [InlineData("shr_u", -2147483648, 31, 1)]
    [InlineData("shr_u", -1, 32, -1)]
    [InlineData("shr_u", -1, 33, 2147483647)]
    [InlineData("shr_u", -1, -1, 1)]
    [InlineData("shr_u", -1, 2147483647, 1)]
    [InlineData("shr_u", -1, -2147483648, -1)]
    [InlineData("rotl", 1, 1, 2)]
    [InlineData("rotl", 1, 0, 1)]
    [InlineData("rotl", -1, 1, -1)]
    [InlineData("rotl", 1, 32, 1)]
    [InlineData("rotl", -1412589450, 1, 1469788397)]
    [InlineData("rotl", -33498112, 4, -535969777)]
    [InlineData("rotl", -1329474845, 5, 406477942)]
    [InlineData("rotl", 32768, 37, 1048576)]
    [InlineData("rotl", -1329474845, 65285, 406477942)]
    [InlineData("rotl", 1989852383, -19, 1469837011)]
    [InlineData("rotl", 1989852383, -2147483635, 1469837011)]
    [InlineData("rotl", 1, 31, -2147483648)]
    [InlineData("rotl", -2147483648, 1, 1)]
    [InlineData("rotr", 1, 1, -2147483648)]
    [InlineData("rotr", 1, 0, 1)]
    [InlineData("rotr", -1, 1, -1)]
    [InlineData("rotr", 1, 32, 1)]
    [InlineData("rotr", -16724992, 1, 2139121152)]
    [InlineData("rotr", 524288, 4, 32768)]
    [InlineData("rotr", -1329474845, 5, 495324823)]
    [InlineData("rotr", 32768, 37, 1024)]
    [InlineData("rotr", -1329474845, 65285, 495324823)]
    [InlineData("rotr", 1989852383, -19, -419711787)]
    [InlineData("rotr", 1989852383, -2147483635, -419711787)]
    [InlineData("rotr", 1, 31, 2)]
    [InlineData("rotr", -2147483648, 31, 1)]
    [InlineData("lt_u", 0, 0, 0)]
    [InlineData("lt_u", 1, 1, 0)]
    [InlineData("lt_u", -1, 1, 0)]
    [InlineData("lt_u", -2147483648, -2147483648, 0)]
    [InlineData("lt_u", 2147483647, 2147483647, 0)]
    [InlineData("lt_u", -1, -1, 0)]
    [InlineData("lt_u", 1, 0, 0)]
    [InlineData("lt_u", 0, 1, 1)]
    [InlineData("lt_u", -2147483648, 0, 0)]
    [InlineData("lt_u", 0, -2147483648, 1)]
    [InlineData("lt_u", -2147483648, -1, 1)]
    [InlineData("lt_u", -1, -2147483648, 0)]
    [InlineData("lt_u", -2147483648, 2147483647, 0)]
    [InlineData("lt_u", 2147483647, -2147483648, 1)]
    [InlineData("le_u", 0, 0, 1)]
    [InlineData("le_u", 1, 1, 1)]
    [InlineData("le_u", -1, 1, 0)]
    [InlineData("le_u", -2147483648, -2147483648, 1)]
    [InlineData("le_u", 2147483647, 2147483647, 1)]
    [InlineData("le_u", -1, -1, 1)]
    [InlineData("le_u", 1, 0, 0)]
    [InlineData("le_u", 0, 1, 1)]
    [InlineData("le_u", -2147483648, 0, 0)]
    [InlineData("le_u", 0, -2147483648, 1)]
    [InlineData("le_u", -2147483648, -1, 1)]
    [InlineData("le_u", -1, -2147483648, 0)]
    [InlineData("le_u", -2147483648, 2147483647, 0)]
    [InlineData("le_u", 2147483647, -2147483648, 1)]
    [InlineData("gt_u", 0, 0, 0)]
    [InlineData("gt_u", 1, 1, 0)]
    [InlineData("gt_u", -1, 1, 1)]
    [InlineData("gt_u", -2147483648, -2147483648, 0)]
    [InlineData("gt_u", 2147483647, 2147483647, 0)]
    [InlineData("gt_u", -1, -1, 0)]
    [InlineData("gt_u", 1, 0, 1)]
    [InlineData("gt_u", 0, 1, 0)]
    [InlineData("gt_u", -2147483648, 0, 1)]
    [InlineData("gt_u", 0, -2147483648, 0)]
    [InlineData("gt_u", -2147483648, -1, 0)]
    [InlineData("gt_u", -1, -2147483648, 1)]
    [InlineData("gt_u", -2147483648, 2147483647, 1)]
    [InlineData("gt_u", 2147483647, -2147483648, 0)]
    [InlineData("ge_u", 0, 0, 1)]
    [InlineData("ge_u", 1, 1, 1)]
    [InlineData("ge_u", -1, 1, 1)]
    [InlineData("ge_u", -2147483648, -2147483648, 1)]
    [InlineData("ge_u", 2147483647, 2147483647, 1)]
    [InlineData("ge_u", -1, -1, 1)]
    [InlineData("ge_u", 1, 0, 1)]
    [InlineData("ge_u", 0, 1, 0)]
    [InlineData("ge_u", -2147483648, 0, 1)]
    [InlineData("ge_u", 0, -2147483648, 0)]
    [InlineData("ge_u", -2147483648, -1, 0)]
    [InlineData("ge_u", -1, -2147483648, 1)]
    [InlineData("ge_u", -2147483648, 2147483647, 1)]
    [InlineData("ge_u", 2147483647, -2147483648, 0)]
    public void I32ShiftsRotatesUnsignedCompares(string op, int a, int b, int expected)
    {
        int actual = op switch
        {
            "shl" => ScalarOps.I32Shl(a, b),
            "shr_s" => ScalarOps.I32ShrS(a, b),
            "shr_u" => ScalarOps.I32ShrU(a, b),
            "rotl" => ScalarOps.I32Rotl(a, b),
            "rotr" => ScalarOps.I32Rotr(a, b),
            "lt_u" => ScalarOps.I32LtU(a, b),
            "gt_u" => ScalarOps.I32GtU(a, b),
            "le_u" => ScalarOps.I32LeU(a, b),
            "ge_u" => ScalarOps.I32GeU(a, b),
            _ => throw new ArgumentException(op),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("shl", 1L, 1L, 2L)]
    [InlineData("shl", 1L, 0L, 1L)]
    [InlineData("shl", 9223372036854775807L, 1L, -2L)]
    [InlineData("shl", -1L, 1L, -2L)]
    [InlineData("shl", -9223372036854775808L, 1L, 0L)]
    [InlineData("shl", 4611686018427387904L, 1L, -9223372036854775808L)]
    [InlineData("shl", 1L, 63L, -9223372036854775808L)]
    [InlineData("shl", 1L, 64L, 1L)]
    [InlineData("shl", 1L, 65L, 2L)]
    [InlineData("shl", 1L, -1L, -9223372036854775808L)]
    [InlineData("shl", 1L, 9223372036854775807L, -9223372036854775808L)]
    [InlineData("shr_s", 1L, 1L, 0L)]
    [InlineData("shr_s", 1L, 0L, 1L)]
    [InlineData("shr_s", -1L, 1L, -1L)]
    [InlineData("shr_s", 9223372036854775807L, 1L, 4611686018427387903L)]
    [InlineData("shr_s", -9223372036854775808L, 1L, -4611686018427387904L)]
    [InlineData("shr_s", 4611686018427387904L, 1L, 2305843009213693952L)]
    [InlineData("shr_s", 1L, 64L, 1L)]
    [InlineData("shr_s", 1L, 65L, 0L)]
    [InlineData("shr_s", 1L, -1L, 0L)]
    [InlineData("shr_s", 1L, 9223372036854775807L, 0L)]
    [InlineData("shr_s", 1L, -9223372036854775808L, 1L)]
    [InlineData("shr_s", -9223372036854775808L, 63L, -1L)]
    [InlineData("shr_s", -1L, 64L, -1L)]
    [InlineData("shr_s", -1L, 65L, -1L)]
    [InlineData("shr_s", -1L, -1L, -1L)]
    [InlineData("shr_s", -1L, 9223372036854775807L, -1L)]
    [InlineData("shr_s", -1L, -9223372036854775808L, -1L)]
    [InlineData("shr_u", 1L, 1L, 0L)]
    [InlineData("shr_u", 1L, 0L, 1L)]
    [InlineData("shr_u", -1L, 1L, 9223372036854775807L)]
    [InlineData("shr_u", 9223372036854775807L, 1L, 4611686018427387903L)]
    [InlineData("shr_u", -9223372036854775808L, 1L, 4611686018427387904L)]
    [InlineData("shr_u", 4611686018427387904L, 1L, 2305843009213693952L)]
    [InlineData("shr_u", 1L, 64L, 1L)]
    [InlineData("shr_u", 1L, 65L, 0L)]
    [InlineData("shr_u", 1L, -1L, 0L)]
    [InlineData("shr_u", 1L, 9223372036854775807L, 0L)]
    [InlineData("shr_u", 1L, -9223372036854775808L, 1L)]
    [InlineData("shr_u", -9223372036854775808L, 63L, 1L)]
    [InlineData("shr_u", -1L, 64L, -1L)]
    [InlineData("shr_u", -1L, 65L, 9223372036854775807L)]
    [InlineData("shr_u", -1L, -1L, 1L)]
    [InlineData("shr_u", -1L, 9223372036854775807L, 1L)]
    [InlineData("shr_u", -1L, -9223372036854775808L, -1L)]
    [InlineData("rotl", 1L, 1L, 2L)]
    [InlineData("rotl", 1L, 0L, 1L)]
    [InlineData("rotl", -1L, 1L, -1L)]
    [InlineData("rotl", 1L, 64L, 1L)]
    [InlineData("rotl", -6067025490386449714L, 1L, 6312693092936652189L)]
    [InlineData("rotl", -144115184384868352L, 4L, -2305842950157893617L)]
    [InlineData("rotl", -6067173104435169271L, 53L, 87109505680009935L)]
    [InlineData("rotl", -6066028401059725156L, 63L, 6190357836324913230L)]
    [InlineData("rotl", -6067173104435169271L, 245L, 87109505680009935L)]
    [InlineData("rotl", -6067067139002042359L, -19L, -3530481836149793302L)]
    [InlineData("rotl", -6066028401059725156L, -9223372036854775745L, 6190357836324913230L)]
    [InlineData("rotl", 1L, 63L, -9223372036854775808L)]
    [InlineData("rotl", -9223372036854775808L, 1L, 1L)]
    [InlineData("rotr", 1L, 1L, -9223372036854775808L)]
    [InlineData("rotr", 1L, 0L, 1L)]
    [InlineData("rotr", -1L, 1L, -1L)]
    [InlineData("rotr", 1L, 64L, 1L)]
    [InlineData("rotr", -6067025490386449714L, 1L, 6189859291661550951L)]
    [InlineData("rotr", -144115184384868352L, 4L, 1143914305582792704L)]
    [InlineData("rotr", -6067173104435169271L, 53L, 7534987797011123550L)]
    [InlineData("rotr", -6066028401059725156L, 63L, 6314687271590101305L)]
    [InlineData("rotr", -6067173104435169271L, 245L, 7534987797011123550L)]
    [InlineData("rotr", -6067067139002042359L, -19L, -7735078922541506965L)]
    [InlineData("rotr", -6066028401059725156L, -9223372036854775745L, 6314687271590101305L)]
    [InlineData("rotr", 1L, 63L, 2L)]
    [InlineData("rotr", -9223372036854775808L, 63L, 1L)]
    public void I64ShiftsRotates(string op, long a, long b, long expected)
    {
        long actual = op switch
        {
            "shl" => ScalarOps.I64Shl(a, b),
            "shr_s" => ScalarOps.I64ShrS(a, b),
            "shr_u" => ScalarOps.I64ShrU(a, b),
            "rotl" => ScalarOps.I64Rotl(a, b),
            "rotr" => ScalarOps.I64Rotr(a, b),
            _ => throw new ArgumentException(op),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0x0123456789abcdefL, unchecked((int)0x89abcdef))]
    [InlineData(-1L, -1)]
    [InlineData(0x1_0000_0000L, 0)]
    public void I32WrapI64(long a, int expected) => Assert.Equal(expected, ScalarOps.I32WrapI64(a));

    [Theory]
    [InlineData(-1, -1L, 0xffff_ffffL)]
    [InlineData(int.MinValue, (long)int.MinValue, 0x8000_0000L)]
    [InlineData(0x7fff_ffff, 0x7fff_ffffL, 0x7fff_ffffL)]
    public void I64ExtendI32(int a, long signedExpected, long unsignedExpected)
    {
        Assert.Equal(signedExpected, ScalarOps.I64ExtendI32S(a));
        Assert.Equal(unsignedExpected, ScalarOps.I64ExtendI32U(a));
    }

    private static void AssertResultOrTrap<T>(Func<T> run, T expected, string? trap)
    {
        if (trap is null)
        {
            Assert.Equal(expected, run());
            return;
        }

        var e = Assert.Throws<WasmTrapException>(() => run());
        Assert.Equal(trap, e.Message);
        Assert.Equal(trap == "integer overflow" ? TrapKind.IntegerOverflow : TrapKind.IntegerDivideByZero, e.Kind);
    }
}
