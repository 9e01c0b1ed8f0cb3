using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Emit;

namespace Chalk.Expressions.Lifting.Il;

/// <summary>Decodes a method body's IL bytes into instructions (ECMA-335 III).</summary>
internal static class IlReader
{
    private static readonly OpCode[] s_oneByte = new OpCode[256];
    private static readonly OpCode[] s_twoByte = new OpCode[256];

    static IlReader()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (f.GetValue(null) is not OpCode op) continue;
            ushort v = unchecked((ushort)op.Value);
            if (op.Size == 1) s_oneByte[v] = op;
            else s_twoByte[v & 0xFF] = op;
        }
    }

    /// <summary>Decodes every instruction.</summary>
    /// <exception cref="LiftFailure">An unknown opcode.</exception>
    public static List<IlInstruction> Read(byte[] il)
    {
        var result = new List<IlInstruction>();
        int pos = 0;
        while (pos < il.Length)
        {
            int start = pos;
            OpCode op;
            byte b = il[pos++];
            if (b == 0xFE)
            {
                op = s_twoByte[il[pos++]];
                if (op.Size == 0) throw new LiftFailure($"unknown two-byte opcode 0xFE{il[pos - 1]:X2}", start);
            }
            else
            {
                op = s_oneByte[b];
                if (op.Size == 0) throw new LiftFailure($"unknown opcode 0x{b:X2}", start);
            }
            object? operand = null;
            var span = il.AsSpan();
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    operand = pos + 1 + (sbyte)il[pos];
                    pos += 1;
                    break;
                case OperandType.ShortInlineI:
                    operand = op == OpCodes.Ldc_I4_S ? (sbyte)il[pos] : il[pos];
                    pos += 1;
                    break;
                case OperandType.ShortInlineVar:
                    operand = (int)il[pos];
                    pos += 1;
                    break;
                case OperandType.InlineVar:
                    operand = (int)BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]);
                    pos += 2;
                    break;
                case OperandType.InlineBrTarget:
                    operand = pos + 4 + BinaryPrimitives.ReadInt32LittleEndian(span[pos..]);
                    pos += 4;
                    break;
                case OperandType.InlineI:
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineString:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    operand = BinaryPrimitives.ReadInt32LittleEndian(span[pos..]);
                    pos += 4;
                    break;
                case OperandType.InlineI8:
                    operand = BinaryPrimitives.ReadInt64LittleEndian(span[pos..]);
                    pos += 8;
                    break;
                case OperandType.ShortInlineR:
                    operand = BinaryPrimitives.ReadSingleLittleEndian(span[pos..]);
                    pos += 4;
                    break;
                case OperandType.InlineR:
                    operand = BinaryPrimitives.ReadDoubleLittleEndian(span[pos..]);
                    pos += 8;
                    break;
                case OperandType.InlineSwitch:
                    int n = BinaryPrimitives.ReadInt32LittleEndian(span[pos..]);
                    pos += 4;
                    int baseOffset = pos + 4 * n;
                    var targets = new int[n];
                    for (int i = 0; i < n; i++) targets[i] = baseOffset + BinaryPrimitives.ReadInt32LittleEndian(span[(pos + 4 * i)..]);
                    pos += 4 * n;
                    operand = targets;
                    break;
                default:
                    throw new LiftFailure($"unsupported operand type {op.OperandType} of {op.Name}", start);
            }
            result.Add(new IlInstruction(start, op, operand, pos - start));
        }
        return result;
    }
}
