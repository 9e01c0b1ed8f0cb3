using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>
/// A search <c>(utf8, utf8[, int32 start[, int32 count]]) -&gt; int32</c>: the UTF-16 index of the first (or last)
/// occurrence of a pattern, or -1; <c>string.IndexOf</c> / <c>LastIndexOf</c> with an ordinal <see cref="StringComparison"/>.
/// </summary>
/// <remarks>
/// An empty pattern is found at the start index (<c>IndexOf</c>) or at the string's length (<c>LastIndexOf</c>, .NET 5+).
/// A start or count outside the string fails the row with .NET's <see cref="ArgumentOutOfRangeException"/> message.
/// Only <c>IndexOf</c> has the start/count overloads: .NET's <c>LastIndexOf(value, startIndex)</c> searches backwards
/// with range rules that differ between its char and string overloads, so it is not mirrored.
/// </remarks>
internal abstract class StringSearchFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_first =
    [
        new(ExprType.Int32, ExprType.Utf8, ExprType.Utf8),
        new(ExprType.Int32, ExprType.Utf8, ExprType.Utf8, ExprType.Int32),
        new(ExprType.Int32, ExprType.Utf8, ExprType.Utf8, ExprType.Int32, ExprType.Int32),
    ];

    private static readonly FunctionSignature[] s_last = [new(ExprType.Int32, ExprType.Utf8, ExprType.Utf8)];

    public override IReadOnlyList<FunctionSignature> Signatures => Last ? s_last : s_first;

    /// <summary>Whether this is <c>LastIndexOf</c> (else <c>IndexOf</c>).</summary>
    public abstract bool Last { get; }

    /// <summary>Ordinal or OrdinalIgnoreCase.</summary>
    public abstract StringComparison Comparison { get; }

    public override bool CanFail => !Last;

    public override bool CanFailWith(FunctionSignature signature) => signature.Args.Count > 2;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature)
    {
        var s = (string)args[0]!;
        var p = (string)args[1]!;
        return args.Length switch
        {
            2 => Last ? s.LastIndexOf(p, Comparison) : s.IndexOf(p, Comparison),
            3 => s.IndexOf(p, (int)args[2]!, Comparison),
            _ => s.IndexOf(p, (int)args[2]!, (int)args[3]!, Comparison),
        };
    }

    internal override Kernel CreateKernel(FunctionSignature signature) => new StringSearchKernel(this);
}
