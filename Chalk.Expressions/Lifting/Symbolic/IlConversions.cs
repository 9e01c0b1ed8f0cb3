using System.Reflection.Metadata;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>A <c>conv</c> instruction: the IL type it names, its IR type (null when the IR has none), whether it throws on overflow, whether it reads its operand as unsigned.</summary>
internal readonly record struct IlConversion(string Target, ExprType? To, bool Checked, bool Unsigned);

/// <summary>Every <c>conv.*</c> and <c>conv.ovf.*</c> opcode, classified.</summary>
internal static class IlConversions
{
    private static readonly Dictionary<ILOpCode, IlConversion> s_table = new()
    {
        [ILOpCode.Conv_i1] = new("i1", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_i2] = new("i2", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_i4] = new("i4", ExprType.Int32, Checked: false, Unsigned: false),
        [ILOpCode.Conv_i8] = new("i8", ExprType.Int64, Checked: false, Unsigned: false),
        [ILOpCode.Conv_i] = new("i", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_u1] = new("u1", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_u2] = new("u2", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_u4] = new("u4", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_u8] = new("u8", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_u] = new("u", null, Checked: false, Unsigned: false),
        [ILOpCode.Conv_r4] = new("r4", ExprType.Float32, Checked: false, Unsigned: false),
        [ILOpCode.Conv_r8] = new("r8", ExprType.Float64, Checked: false, Unsigned: false),
        [ILOpCode.Conv_r_un] = new("r", null, Checked: false, Unsigned: true),
        [ILOpCode.Conv_ovf_i1] = new("i1", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_i2] = new("i2", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_i4] = new("i4", ExprType.Int32, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_i8] = new("i8", ExprType.Int64, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_i] = new("i", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_u1] = new("u1", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_u2] = new("u2", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_u4] = new("u4", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_u8] = new("u8", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_u] = new("u", null, Checked: true, Unsigned: false),
        [ILOpCode.Conv_ovf_i1_un] = new("i1", null, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_i2_un] = new("i2", null, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_i4_un] = new("i4", ExprType.Int32, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_i8_un] = new("i8", ExprType.Int64, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_i_un] = new("i", null, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_u1_un] = new("u1", null, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_u2_un] = new("u2", null, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_u4_un] = new("u4", null, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_u8_un] = new("u8", null, Checked: true, Unsigned: true),
        [ILOpCode.Conv_ovf_u_un] = new("u", null, Checked: true, Unsigned: true),
    };

    /// <summary>The conversion an opcode performs, if it is one.</summary>
    public static bool TryGet(ILOpCode code, out IlConversion conversion) => s_table.TryGetValue(code, out conversion);
}
