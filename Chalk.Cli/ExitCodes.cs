namespace Chalk.Cli;

/// <summary>The process exit codes of <c>chalk</c>; <c>docs/cli.md</c> lists them for users.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command line was right but the work failed: <c>chalk.json</c>, a feature class or a SQL file is wrong
    /// (<see cref="ChalkDefinitionException"/>), the query cannot be planned (<see cref="ChalkPlanException"/>), or a source or
    /// resolver failed (<see cref="ChalkResolverException"/>).</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: an unknown command or option, a missing or malformed option value
    /// (e.g. <c>--in review.id=abc</c>, <c>--rows 0</c>). Nothing was run.</summary>
    public const int Usage = 2;

    /// <summary><c>chalk lift --verify</c> found a lifted body that disagrees with its compiled method.</summary>
    public const int LiftDisagrees = 3;

    /// <summary><c>chalk query</c> ran, but the row its inputs name does not exist (<c>review.id=99999999</c> names no
    /// review), so every value is null; the output lists the missing rows.</summary>
    public const int RowNotFound = 4;
}
