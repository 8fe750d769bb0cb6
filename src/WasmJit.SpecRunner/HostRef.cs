namespace WasmJit.SpecRunner;

/// <summary>
/// The host reference a script writes <c>(ref.extern N)</c> (or <c>(ref.host N)</c>): an opaque object whose
/// identity is its payload. The executor interns one object per payload, so <c>ref.eq</c>-like identity holds.
/// </summary>
internal sealed record HostRef(uint N, bool IsAnyRef = false)
{
    public override string ToString() => IsAnyRef ? $"ref.host {N}" : $"ref.extern {N}";
}
