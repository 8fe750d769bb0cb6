namespace WasmJit.Cli;

/// <summary>The text format as the CLI uses it: WAT to binary, and binary to WAT.</summary>
internal static class TextFrontEnd
{
    public static byte[] TextToBinary(string text)
    {
        _ = text;
        throw new CliException("the text format (.wat) is not supported by this build yet");
    }

    public static string BinaryToText(byte[] bytes)
    {
        _ = bytes;
        throw new CliException("printing the text format is not supported by this build yet");
    }
}
