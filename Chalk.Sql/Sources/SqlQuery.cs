using Apache.Arrow.Types;
using Chalk.Sql.Templates;

namespace Chalk.Sql.Sources;

/// <summary>A statement a source runs: a template, the Arrow types of its parameters, and where it came from.</summary>
/// <param name="Id">A stable key for caching the prepared statement (resolver file plus variant).</param>
/// <param name="Template">The SQL with parameter slots.</param>
/// <param name="ParameterTypes">One Arrow type per slot, in slot order.</param>
/// <param name="Origin">The resolver (file path or member) to name in errors.</param>
public sealed record SqlQuery(string Id, SqlTemplate Template, IReadOnlyList<IArrowType> ParameterTypes, string Origin);
