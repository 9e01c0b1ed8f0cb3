namespace Chalk.Store;

/// <summary>The online store could not be reached or refused a request.</summary>
/// <remarks>A query that meets it computes from resolvers instead and reports the store as unavailable
/// (<c>OnlineResult.Store</c>); it is thrown to the caller only when the query asks for the store alone.</remarks>
public sealed class ChalkStoreException : ChalkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the store and what to check.</param>
    /// <param name="inner">The client's exception.</param>
    public ChalkStoreException(string message, Exception? inner = null) : base(message, inner) { }
}
