using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>s.Trim()</c>.</summary>
internal sealed partial class TrimFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Utf8, ExprType.Utf8)];

    public override string Name => "trim";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(string), nameof(string.Trim))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"trim({c.Arg(0)}, {c.Str(DotNetWhiteSpace)})"))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => ((string)args[0]!).Trim();

    internal override Kernel CreateKernel(FunctionSignature signature) => new StringTransformKernel(StringTransform.Trim);

    /// <summary>The characters <see cref="char.IsWhiteSpace(char)"/> accepts: what string.Trim removes and string.IsNullOrWhiteSpace skips.</summary>
    internal const string DotNetWhiteSpace =
        "\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";
}
