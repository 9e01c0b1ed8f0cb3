using System.Reflection.Emit;
using System.Reflection.Metadata;
using Chalk.Expressions.Lifting;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Tests.Lifting;

/// <summary>The IL reader decodes bytes once, folding short and macro encodings into the general form the interpreter dispatches on.</summary>
public class IlReaderTests
{
    // ldarg.2; ldc.i4.m1; ldc.i4.s -2; ldloc.s 7; bgt.un.s +1; nop; ret
    private static readonly byte[] s_il = [0x04, 0x15, 0x1F, 0xFE, 0x11, 0x07, 0x35, 0x01, 0x00, 0x2A];

    [Test]
    public void Short_and_macro_forms_read_as_their_general_form_with_the_operand_they_imply()
    {
        var read = IlReader.Read(s_il);
        Assert.That(read.Select(i => i.Code), Is.EqualTo(new[]
        {
            ILOpCode.Ldarg, ILOpCode.Ldc_i4, ILOpCode.Ldc_i4, ILOpCode.Ldloc, ILOpCode.Bgt_un, ILOpCode.Nop, ILOpCode.Ret,
        }));
        Assert.That(read.Select(i => i.Operand), Is.EqualTo(new object?[] { 2, -1, -2, 7, 9, null, null }));
        Assert.That(read.Select(i => i.Name), Is.EqualTo(new[] { "ldarg", "ldc.i4", "ldc.i4", "ldloc", "bgt.un", "nop", "ret" }));
    }

    [Test]
    public void The_encoded_opcode_and_size_are_kept()
    {
        var read = IlReader.Read(s_il);
        Assert.That(read.Select(i => i.OpCode), Is.EqualTo(new[]
        {
            OpCodes.Ldarg_2, OpCodes.Ldc_I4_M1, OpCodes.Ldc_I4_S, OpCodes.Ldloc_S, OpCodes.Bgt_Un_S, OpCodes.Nop, OpCodes.Ret,
        }));
        Assert.That(read.Select(i => i.Size), Is.EqualTo(new[] { 1, 1, 2, 2, 2, 1, 1 }));
    }

    [Test]
    public void An_unknown_opcode_stops_reading_or_the_lift()
    {
        byte[] il = [0x02, 0xA6, 0x2A];
        Assert.That(IlReader.ReadKnownPrefix(il).Select(i => i.Code), Is.EqualTo(new[] { ILOpCode.Ldarg }));
        var failure = Assert.Throws<LiftFailure>(() => IlReader.Read(il))!;
        Assert.That(failure.Construct, Is.EqualTo("unknown opcode 0xA6"));
        Assert.That(failure.IlOffset, Is.EqualTo(1));
    }
}
