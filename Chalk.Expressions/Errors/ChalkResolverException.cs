namespace Chalk;

/// <summary>A resolver or the source behind it failed while answering a query.</summary>
/// <remarks>Wraps the provider's exception as <see cref="Exception.InnerException"/>.</remarks>
public sealed class ChalkResolverException : ChalkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the resolver file or member and the source.</param>
    /// <param name="isTransient">Whether retrying may succeed (a connection-level failure).</param>
    /// <param name="inner">The provider's exception.</param>
    public ChalkResolverException(string message, bool isTransient = false, Exception? inner = null)
        : base(message, inner) => IsTransient = isTransient;

    /// <summary>Whether the failure is connection-level, so that retrying later may succeed.</summary>
    public bool IsTransient { get; }
}
