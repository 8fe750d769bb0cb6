namespace WasmJit.Text;

/// <summary>
/// One annotation the text format gives a meaning to (https://github.com/WebAssembly/annotations/blob/main/proposals/annotations/Overview.md):
/// <c>(@custom ...)</c>, <c>(@name ...)</c> and <c>(@metadata.code.branch_hint ...)</c>. The lexer keeps these
/// out of the token stream, like every annotation, but records where they were (the index of the token that follows)
/// and their body, so the parser can check their placement and encode them. Other annotations are just skipped.
/// </summary>
internal sealed class Annotation
{
    public const string Custom = "custom";
    public const string Name = "name";
    public const string BranchHint = "metadata.code.branch_hint";

    /// <summary>The annotation's id: one of the constants above.</summary>
    public required string Id { get; init; }

    /// <summary>Byte offset of its <c>(@</c>, for error positions.</summary>
    public required int Start { get; init; }

    /// <summary>Index of the first token after it: the annotation sits between tokens <c>TokenIndex - 1</c> and <c>TokenIndex</c>.</summary>
    public required int TokenIndex { get; init; }

    /// <summary>
    /// Its body: strings, parentheses, and every other atom as a <see cref="TokenKind.Keyword"/> (annotation bodies may hold
    /// reserved tokens, which are no error there).
    /// </summary>
    public required Token[] Items { get; init; }

    /// <summary>Set by the parser once the annotation has been given its meaning; one left unused is misplaced.</summary>
    public bool Used { get; set; }

    public static bool IsKnown(ReadOnlySpan<byte> id) =>
        id.SequenceEqual("custom"u8) || id.SequenceEqual("name"u8) || id.SequenceEqual("metadata.code.branch_hint"u8);
}
