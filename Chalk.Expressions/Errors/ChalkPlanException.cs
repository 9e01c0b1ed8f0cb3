namespace Chalk;

/// <summary>A query or the resolver graph cannot be planned: an unknown feature, a cycle, no resolver, a type mismatch.</summary>
public class ChalkPlanException : ChalkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot be planned, naming the features involved.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ChalkPlanException(string message, Exception? inner = null) : base(message, inner) { }
}
