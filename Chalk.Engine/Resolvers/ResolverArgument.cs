namespace Chalk.Resolvers;

/// <summary>What a method resolver's parameter receives.</summary>
public enum ResolverArgumentKind
{
    /// <summary>A feature's value for the row.</summary>
    Feature,
    /// <summary>A service from the engine's service provider, resolved once when the engine is built.</summary>
    Service,
    /// <summary>The call's <see cref="CancellationToken"/>: cancelled at the resolver's timeout or with the query.</summary>
    Cancellation,
}

/// <summary>One parameter of a method resolver and what it receives.</summary>
/// <param name="Kind">A feature value, a service, or the cancellation token.</param>
/// <param name="Feature">For a feature: its index in <see cref="MethodResolverDefinition.Parameters"/>; otherwise -1.</param>
/// <param name="Service">For a service: the instance.</param>
public sealed record ResolverArgument(ResolverArgumentKind Kind, int Feature, object? Service);

/// <summary>How an async resolver's calls are made: at most <paramref name="MaxConcurrency"/> at once, each cancelled
/// after <paramref name="Timeout"/>, transient failures tried again <paramref name="Retries"/> times.</summary>
/// <param name="Timeout">How long one call may take.</param>
/// <param name="MaxConcurrency">Calls in flight at once for one query.</param>
/// <param name="Retries">Extra attempts after a transient failure.</param>
/// <param name="CacheFor">How long results are kept in the online store under a hash of the arguments; null: not kept.</param>
public sealed record ExternalCallSettings(TimeSpan Timeout, int MaxConcurrency, int Retries, TimeSpan? CacheFor)
{
    /// <summary>Rows per call for a batch resolver; 0 for one call per row.</summary>
    public int MaxBatchSize { get; init; }

    /// <summary>The defaults: 30 s, 16 at once, 2 retries, not cached.</summary>
    public static ExternalCallSettings Default { get; } = new(TimeSpan.FromSeconds(30), 16, 2, null);

    /// <summary>E.g. <c>timeout 2s, up to 8 at once, 2 retries, results kept 30d</c>.</summary>
    public override string ToString()
        => $"timeout {Definitions.Staleness.Format(Timeout)}, up to {MaxConcurrency} at once, {Retries} retr{(Retries == 1 ? "y" : "ies")}"
           + (MaxBatchSize > 0 ? $", up to {MaxBatchSize} rows per call" : "")
           + (CacheFor is { } c ? $", results kept {Definitions.Staleness.Format(c)}" : "");
}
