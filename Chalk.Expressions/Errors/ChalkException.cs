namespace Chalk;

/// <summary>The base of every error the engine raises for something a user can cause or fix.</summary>
/// <remarks>
/// The subtype says whose fault it is: <see cref="ChalkDefinitionException"/> (a feature class or
/// <c>.chalk.sql</c> file), <see cref="ChalkPlanException"/> (a query or resolver graph that cannot be planned),
/// <see cref="ChalkResolverException"/> (a resolver or source failed at query time) and
/// <see cref="ChalkInternalException"/> (a broken invariant inside the engine).
/// </remarks>
public abstract class ChalkException : Exception
{
    /// <summary>Creates the exception with a message that names what failed and where.</summary>
    protected ChalkException(string message, Exception? inner = null) : base(message, inner) { }
}
