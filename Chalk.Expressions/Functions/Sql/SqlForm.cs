using System.Globalization;

namespace Chalk.Expressions;

/// <summary>A function's SQL form in one dialect: given the call's already-translated arguments, its SQL text.</summary>
/// <remarks>
/// A function declares a form only where the dialect's answer is exactly .NET's on every row (NaN, overflow, nulls,
/// the exception's message); the translator refuses any call whose function has no form for its dialect. A form may
/// refuse a particular overload with <see cref="SqlCall.Refuse"/> and a reason.
/// </remarks>
public sealed class SqlForm
{
    private readonly Func<SqlCall, SqlText> _translate;

    /// <summary>Creates a form.</summary>
    /// <param name="dialect">The dialect key (<see cref="SqlDialect"/>).</param>
    /// <param name="translate">The SQL of a call; throws the exception <see cref="SqlCall.Refuse"/> returns when it has no exact form.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SqlForm(string dialect, Func<SqlCall, SqlText> translate)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(translate);
        Dialect = dialect;
        _translate = translate;
    }

    /// <summary>The dialect key (<see cref="SqlDialect"/>).</summary>
    public string Dialect { get; }

    /// <summary>The SQL of a call.</summary>
    /// <param name="call">The call and its translated arguments.</param>
    /// <returns>The SQL text.</returns>
    public SqlText Translate(SqlCall call) => _translate(call);

    /// <summary>A form that substitutes the arguments' SQL for <c>{0}</c>, <c>{1}</c>, … in <paramref name="template"/>.</summary>
    /// <param name="dialect">The dialect key.</param>
    /// <param name="template">A composite format string, e.g. <c>isnan({0})</c>; literal braces are doubled.</param>
    /// <returns>A form for a call that cannot fail and is NULL exactly when an argument is (the template's SQL propagates NULL).</returns>
    public static SqlForm Template(string dialect, string template) =>
        new(dialect, c => new SqlText(string.Format(CultureInfo.InvariantCulture, template, c.Args())));

    /// <inheritdoc/>
    public override string ToString() => Dialect;
}
