namespace Chalk;

/// <summary>Marks a static method as a resolver of one or more features.</summary>
/// <remarks>
/// Parameters bind by name to features of the output's class (<c>subtotal</c> → <c>transaction.subtotal</c>) or
/// to the path given by <see cref="FeatureAttribute"/>. A single output is the return value; several outputs come
/// from a returned tuple (in <see cref="Outputs"/> order) or from the same-named properties of a returned
/// feature-class instance.
/// <para>A resolver that calls out (an LLM, a web service) is <c>async</c>: it returns <see cref="Task{TResult}"/> or
/// <see cref="ValueTask{TResult}"/>, may take a <see cref="CancellationToken"/> (cancelled at its <see cref="Timeout"/> or
/// with the query) and services such as Microsoft.Extensions.AI's <c>IChatClient</c> from the engine's service provider
/// (<see cref="ChalkEngineBuilder.WithServices"/>). Rows run concurrently up to <see cref="MaxConcurrency"/>; a transient
/// failure (a timeout, an <see cref="HttpRequestException"/>, an <see cref="IOException"/>) is retried <see cref="Retries"/>
/// times; a call that still fails is an error of that row, not of the query. Such a resolver is never lifted.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ResolverAttribute : Attribute
{
    /// <summary>The single feature this resolver computes, e.g. <c>transaction.total</c>.</summary>
    public string? Output { get; init; }

    /// <summary>The features this resolver computes, when it computes several.</summary>
    public string[]? Outputs { get; init; }

    /// <summary>For an async resolver: how long one call may take before it is cancelled and counted as a transient
    /// failure, e.g. <c>"2s"</c> or <c>"500ms"</c> (default <c>"30s"</c>).</summary>
    public string? Timeout { get; init; }

    /// <summary>For an async resolver: how many calls may be in flight at once for one query (default 16).</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>For an async resolver: how many times a call that failed transiently is tried again, with a short
    /// exponential backoff (default 2; 0 turns retries off).</summary>
    public int Retries { get; init; } = -1;

    /// <summary>For an async resolver whose service takes many inputs at once: call it with up to this many rows, each
    /// feature parameter an <c>IReadOnlyList&lt;T&gt;</c> (one element per row) and the result a <c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c>
    /// with one value per row, in order. A failed call is an error of each of its rows. Single-output resolvers only.</summary>
    public int MaxBatchSize { get; init; }

    /// <summary>Keep each result in the online store under a hash of the resolver and its arguments for this long (e.g.
    /// <c>"30d"</c>), so the same arguments (the same prompt) are never sent twice within it. Single-output resolvers only.</summary>
    public string? CacheFor { get; init; }
}
