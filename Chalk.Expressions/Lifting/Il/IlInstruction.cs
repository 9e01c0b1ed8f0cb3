using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace Chalk.Expressions.Lifting.Il;

/// <summary>One decoded IL instruction: its offset, opcode and operand (a token, constant, branch target or switch table).</summary>
/// <remarks>
/// <see cref="OpCode"/> is the instruction as encoded; <see cref="Code"/> folds the short and macro encodings into their
/// general form (<c>br.s</c> is <c>br</c>, <c>ldarg.2</c> is <c>ldarg</c> with operand 2, <c>ldc.i4.m1</c> is
/// <c>ldc.i4</c> with operand -1), so the interpreter handles each operation once.
/// </remarks>
internal sealed class IlInstruction(int offset, OpCode opCode, OpCode general, object? operand, int size)
{
    public int Offset { get; } = offset;

    /// <summary>The opcode as it appears in the IL.</summary>
    public OpCode OpCode { get; } = opCode;

    /// <summary>The value of the general form of the opcode, what the interpreter dispatches on.</summary>
    public ILOpCode Code { get; } = (ILOpCode)(ushort)general.Value;

    /// <summary>The mnemonic of the general form (<c>bgt.un</c> for <c>bgt.un.s</c>), for messages.</summary>
    public string Name { get; } = general.Name!;

    /// <summary>
    /// int (tokens, int constants including those implied by the opcode, slot numbers, branch targets as absolute
    /// offsets), long, float, double, int[] (switch targets), or null.
    /// </summary>
    public object? Operand { get; } = operand;

    public int Size { get; } = size;

    public int Next => Offset + Size;

    public int Token => (int)Operand!;

    public bool IsBranch => OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch;

    public override string ToString() => $"IL_{Offset:X4}: {OpCode.Name}";
}
