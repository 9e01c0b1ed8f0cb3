namespace Chalk.Expressions;

/// <summary>The SQL a function's form gives for one call.</summary>
/// <param name="Value">The value expression. It never raises: on rows where .NET fails it may be anything (NULL by convention), since <paramref name="Error"/> reports them.</param>
/// <param name="Error">
/// A VARCHAR expression that is the .NET exception message on rows where the call itself fails and NULL elsewhere,
/// or null when the call cannot fail. The translator puts the arguments' errors before it (C#'s evaluation order).
/// Dialects whose translation never raises (PostgreSQL) refuse a form that gives one.
/// </param>
/// <param name="MayBeNull">Whether <paramref name="Value"/> can be NULL on a row that does not fail; null means "when some argument can".</param>
public readonly record struct SqlText(string Value, string? Error = null, bool? MayBeNull = null);
