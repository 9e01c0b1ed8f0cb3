using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Emit;

namespace Chalk.Expressions.Lifting.Il;

/// <summary>Decodes a method body's IL bytes into instructions (ECMA-335 III).</summary>
internal static class IlReader
{
    private static readonly OpCode[] s_oneByte = new OpCode[256];
    private static readonly OpCode[] s_twoByte = new OpCode[256];

    /// <summary>Short and macro encodings, with their general form and the operand the opcode implies (if any).</summary>
    private static readonly Dictionary<OpCode, (OpCode General, int? Implied)> s_folds = new()
    {
        [OpCodes.Ldarg_0] = (OpCodes.Ldarg, 0),
        [OpCodes.Ldarg_1] = (OpCodes.Ldarg, 1),
        [OpCodes.Ldarg_2] = (OpCodes.Ldarg, 2),
        [OpCodes.Ldarg_3] = (OpCodes.Ldarg, 3),
        [OpCodes.Ldarg_S] = (OpCodes.Ldarg, null),
        [OpCodes.Ldarga_S] = (OpCodes.Ldarga, null),
        [OpCodes.Starg_S] = (OpCodes.Starg, null),
        [OpCodes.Ldloc_0] = (OpCodes.Ldloc, 0),
        [OpCodes.Ldloc_1] = (OpCodes.Ldloc, 1),
        [OpCodes.Ldloc_2] = (OpCodes.Ldloc, 2),
        [OpCodes.Ldloc_3] = (OpCodes.Ldloc, 3),
        [OpCodes.Ldloc_S] = (OpCodes.Ldloc, null),
        [OpCodes.Ldloca_S] = (OpCodes.Ldloca, null),
        [OpCodes.Stloc_0] = (OpCodes.Stloc, 0),
        [OpCodes.Stloc_1] = (OpCodes.Stloc, 1),
        [OpCodes.Stloc_2] = (OpCodes.Stloc, 2),
        [OpCodes.Stloc_3] = (OpCodes.Stloc, 3),
        [OpCodes.Stloc_S] = (OpCodes.Stloc, null),
        [OpCodes.Ldc_I4_M1] = (OpCodes.Ldc_I4, -1),
        [OpCodes.Ldc_I4_0] = (OpCodes.Ldc_I4, 0),
        [OpCodes.Ldc_I4_1] = (OpCodes.Ldc_I4, 1),
        [OpCodes.Ldc_I4_2] = (OpCodes.Ldc_I4, 2),
        [OpCodes.Ldc_I4_3] = (OpCodes.Ldc_I4, 3),
        [OpCodes.Ldc_I4_4] = (OpCodes.Ldc_I4, 4),
        [OpCodes.Ldc_I4_5] = (OpCodes.Ldc_I4, 5),
        [OpCodes.Ldc_I4_6] = (OpCodes.Ldc_I4, 6),
        [OpCodes.Ldc_I4_7] = (OpCodes.Ldc_I4, 7),
        [OpCodes.Ldc_I4_8] = (OpCodes.Ldc_I4, 8),
        [OpCodes.Ldc_I4_S] = (OpCodes.Ldc_I4, null),
        [OpCodes.Br_S] = (OpCodes.Br, null),
        [OpCodes.Brfalse_S] = (OpCodes.Brfalse, null),
        [OpCodes.Brtrue_S] = (OpCodes.Brtrue, null),
        [OpCodes.Beq_S] = (OpCodes.Beq, null),
        [OpCodes.Bge_S] = (OpCodes.Bge, null),
        [OpCodes.Bgt_S] = (OpCodes.Bgt, null),
        [OpCodes.Ble_S] = (OpCodes.Ble, null),
        [OpCodes.Blt_S] = (OpCodes.Blt, null),
        [OpCodes.Bne_Un_S] = (OpCodes.Bne_Un, null),
        [OpCodes.Bge_Un_S] = (OpCodes.Bge_Un, null),
        [OpCodes.Bgt_Un_S] = (OpCodes.Bgt_Un, null),
        [OpCodes.Ble_Un_S] = (OpCodes.Ble_Un, null),
        [OpCodes.Blt_Un_S] = (OpCodes.Blt_Un, null),
        [OpCodes.Leave_S] = (OpCodes.Leave, null),
    };

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
    public static List<IlInstruction> Read(byte[] il) => Read(il, stopAtUnknown: false);

    /// <summary>Decodes the instructions before the first unknown opcode (all of them in IL a compiler wrote).</summary>
    public static List<IlInstruction> ReadKnownPrefix(byte[] il) => Read(il, stopAtUnknown: true);

    private static List<IlInstruction> Read(byte[] il, bool stopAtUnknown)
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
                if (op.Size == 0 && stopAtUnknown) break;
                if (op.Size == 0) throw new LiftFailure($"unknown two-byte opcode 0xFE{il[pos - 1]:X2}", start);
            }
            else
            {
                op = s_oneByte[b];
                if (op.Size == 0 && stopAtUnknown) break;
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
                    operand = op == OpCodes.Ldc_I4_S ? (int)(sbyte)il[pos] : il[pos];
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
            var general = op;
            if (s_folds.TryGetValue(op, out var fold))
            {
                general = fold.General;
                operand = fold.Implied ?? operand;
            }
            result.Add(new IlInstruction(start, op, general, operand, pos - start));
        }
        return result;
    }
}
