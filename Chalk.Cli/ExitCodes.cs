namespace Chalk.Cli;

/// <summary>The process exit codes of <c>chalk</c>; <c>docs/cli.md</c> lists them for users.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line was right but the work failed: <c>chalk.json</c>, a feature class or a SQL file is wrong
    /// (<see cref="ChalkDefinitionException"/>), the query cannot be planned (<see cref="ChalkPlanException"/>), a source or
    /// resolver failed (<see cref="ChalkResolverException"/>), the online store failed where it was required
    /// (<see cref="Store.ChalkStoreException"/>: <c>query --require-store</c>, <c>materialize</c>), or <c>materialize</c>
    /// met a feature error on some rows (nothing of those rows was written).</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: an unknown command or option, a missing or malformed option value
    /// (e.g. <c>--in review.id=abc</c>, <c>--rows 0</c>). Nothing was run.</summary>
    public const int Usage = 2;

    /// <summary><c>chalk lift --verify</c> found a lifted body that disagrees with its compiled method.</summary>
    public const int LiftDisagrees = 3;

    /// <summary><c>chalk query</c> (or <c>chalk materialize --in</c>) ran, but the row its inputs name does not exist
    /// (<c>review.id=99999999</c> names no review), so every value is null (and nothing was written); the output lists the
    /// missing rows.</summary>
    public const int RowNotFound = 4;
}
