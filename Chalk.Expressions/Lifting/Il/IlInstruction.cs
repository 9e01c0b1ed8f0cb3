using System.Reflection.Emit;

namespace Chalk.Expressions.Lifting.Il;

/// <summary>One decoded IL instruction: its offset, opcode and operand (a token, constant, branch target or switch table).</summary>
internal sealed class IlInstruction(int offset, OpCode opCode, object? operand, int size)
{
    public int Offset { get; } = offset;

    public OpCode OpCode { get; } = opCode;

    /// <summary>int (tokens, int constants, branch targets as absolute offsets), long, float, double, int[] (switch targets), or null.</summary>
    public object? Operand { get; } = operand;

    public int Size { get; } = size;

    public int Next => Offset + Size;

    public int Token => (int)Operand!;

    public bool IsBranch => OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch;

    public override string ToString() => $"IL_{Offset:X4}: {OpCode.Name}";
}
