using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>s.Length</c>: the number of UTF-16 code units (a character outside the BMP counts 2).</summary>
internal sealed partial class LengthFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Int32, ExprType.Utf8)];

    public override string Name => "length";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(string), nameof(string.Length))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
        // UTF-16 code units: DuckDB counts code points, and each code point above U+FFFF is a surrogate pair in .NET.
        new SqlText($"CAST(length({c.Arg(0)}) + length(regexp_replace({c.Arg(0)}, '[^\\x{{10000}}-\\x{{10FFFF}}]', '', 'g')) AS INTEGER)"))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => ((string)args[0]!).Length;

    internal override Kernel CreateKernel(FunctionSignature signature) => new LengthKernel();
}
