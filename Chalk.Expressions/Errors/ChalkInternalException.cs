namespace Chalk;

/// <summary>An invariant inside the engine was broken: this is a bug in Chalk, not in the caller's code.</summary>
public sealed class ChalkInternalException : ChalkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The invariant that failed.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ChalkInternalException(string message, Exception? inner = null)
        : base($"internal error (a bug in Chalk, please report it): {message}", inner) { }
}
