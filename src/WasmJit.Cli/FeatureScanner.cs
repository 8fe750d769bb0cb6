using WasmJit.Binary;

namespace WasmJit.Cli;

/// <summary>
/// The features a module uses: what the decoder noted (types, limits, constant expressions) plus the feature of
/// every instruction in the function bodies, from the opcode table (the decoder leaves bodies undecoded).
/// </summary>
internal static class FeatureScanner
{
    public static WasmFeatures Scan(WasmModule module)
    {
        var used = module.FeaturesUsed;
        var buffers = new InstructionBuffers();
        var bytes = module.Bytes.Span;
        foreach (var body in module.Bodies)
        {
            var reader = new InstructionReader(bytes.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset, WasmFeatures.All, buffers);
            while (!reader.End)
            {
                reader.Read(out var ins);
                used |= OpcodeTable.Info(ins.Op).Feature;
            }
        }
        return used;
    }
}
