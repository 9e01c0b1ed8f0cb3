namespace Chalk.Expressions.Lifting;

/// <summary>Thrown inside the lifter when a construct cannot be lifted; becomes <see cref="LiftResult.Reason"/>.</summary>
internal sealed class LiftFailure(string construct, int ilOffset) : Exception(construct)
{
    /// <summary>What could not be lifted, e.g. "loop (back edge from IL_0010 to IL_0004)".</summary>
    public string Construct { get; } = construct;

    /// <summary>The IL offset of the instruction, or -1.</summary>
    public int IlOffset { get; } = ilOffset;

    /// <summary>The method whose IL contains the construct (set by the frame that catches it first).</summary>
    public System.Reflection.MethodBase? Method { get; set; }
}
