namespace WasmJit.Core.Tests.Validation;

/// <summary>Decode + validate through the single entry point, from bytes.</summary>
public class ModuleLoaderTests
{
    // (module (func (result i32) <code>)) with code given as bytes after the locals.
    private static byte[] OneFunction(params byte[] code)
    {
        var body = new List<byte> { 0x00 };
        body.AddRange(code);
        var m = new List<byte> { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
        m.AddRange([0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f]);          // type: [] -> [i32]
        m.AddRange([0x03, 0x02, 0x01, 0x00]);                            // function 0: type 0
        m.AddRange([0x0a, (byte)(body.Count + 2), 0x01, (byte)body.Count]); // code section
        m.AddRange(body);
        return [.. m];
    }

    [Fact]
    public void ValidModuleComesBackWithItsContext()
    {
        var m = ModuleLoader.DecodeAndValidate(OneFunction(0x41, 0x07, 0x0b), WasmFeatures.Default);
        Assert.NotNull(m.Context);
        Assert.Single(m.Bodies);
    }

    [Fact]
    public void InvalidBodyIsReportedWithItsOffset()
    {
        byte[] bytes = OneFunction(0x42, 0x07, 0x0b); // i64.const 7 where i32 is expected
        var e = Assert.Throws<WasmInvalidException>(() => ModuleLoader.DecodeAndValidate(bytes, WasmFeatures.Default));
        Assert.StartsWith("type mismatch", e.Reason);
        Assert.Equal(bytes.Length - 1, e.Offset); // the function's end
    }

    [Fact]
    public void MissingEndIsMalformed()
    {
        // The decoder rejects a body whose last byte is not end; one that ends a block but not the function
        // passes the decoder and is caught while validating.
        Assert.Throws<WasmMalformedException>(() => ModuleLoader.DecodeAndValidate(OneFunction(0x41, 0x07), WasmFeatures.Default));
        var e = Assert.Throws<WasmMalformedException>(() => ModuleLoader.DecodeAndValidate(OneFunction(0x41, 0x07, 0x02, 0x40, 0x0b), WasmFeatures.Default));
        Assert.Contains("unexpected end of section or function", e.Message);
    }
}
