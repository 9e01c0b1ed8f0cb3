namespace Chalk;

/// <summary>One feature as <see cref="ChalkEngine.DescribeFeatures"/> lists it (and <c>chalk features</c> prints it).</summary>
/// <param name="Path">The feature's name, e.g. <c>user.total_spend</c> or <c>user.recent_count[30d]</c>.</param>
/// <param name="Type">Its C# type: <c>long</c>, <c>double?</c>, <c>DataFrame&lt;Review&gt;</c>, <c>User</c>.</param>
/// <param name="Resolver">What computes it (a <c>*.chalk.sql</c> file, <c>Class.Method</c>, <c>Class.Property</c>); null when
/// nothing does: a relation, or a feature only ever given as an input.</param>
/// <param name="Computation">How: <c>sql</c> (a column of a SQL resolver), <c>lifted</c> (C# lifted to vectorized IR, aggregates
/// pushed down), <c>fallback</c> (C# run per row), <c>external</c> (an async call per row), <c>relation</c>, or <c>input</c>.</param>
/// <param name="MaxStaleness">How old a value the online store may serve (<see cref="MaxStalenessAttribute"/>); null when none.</param>
/// <param name="Description">The <c>&lt;summary&gt;</c> of its property or method, from the XML documentation file next to the
/// feature assembly (<c>GenerateDocumentationFile</c>); null when there is none.</param>
public sealed record FeatureDescription(string Path, string Type, string? Resolver, string Computation, TimeSpan? MaxStaleness, string? Description);
