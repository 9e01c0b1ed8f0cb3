using System.Security.Cryptography;
using Apache.Arrow;
using Chalk.Planning.Logical;
using Chalk.Resolvers;
using Chalk.Store;
using Polly;
using Polly.Retry;

namespace Chalk.Execution.Nodes;

/// <summary>An async <see cref="ResolverAttribute"/> method (an LLM or web call): one call per row, concurrently up to
/// its cap, each cancelled at its timeout, transient failures retried; a call that still fails is a row error.</summary>
/// <remarks>With <see cref="ExternalCallSettings.CacheFor"/>, results are read from and written to the online store under a
/// hash of the resolver and its arguments first, so the same prompt is answered once. It is never lifted: nothing about
/// a call to another service can run as a vector.</remarks>
internal sealed class ExternalCallNode : PhysicalNode
{
    public override bool FailsWhereInputsFail => true;

    private const string CacheFeaturePrefix = "resolver:";

    public required MethodResolverDefinition Resolver { get; init; }

    public required Func<object?[], Task<object?>> Invoke { get; init; }

    public IReadOnlyList<Func<object, object?>> OutputGetters { get; init; } = [];

    public required ResiliencePipeline Retry { get; init; }

    private ExternalCallSettings Settings => Resolver.External!;

    public override string Path => "external";

    public override string Describe()
        => $"External {Resolver.Name}({string.Join(", ", Inputs)}) per row, async ({Settings}; not lifted: it awaits a call to another service)";

    /// <summary>Retries on failures that may pass: a timeout, a network or I/O error, a source's transient error.</summary>
    public static ResiliencePipeline RetryPipeline(ExternalCallSettings settings)
    {
        if (settings.Retries == 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = settings.Retries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(50),
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<TimeoutException>().Handle<HttpRequestException>().Handle<IOException>()
                .Handle<ChalkResolverException>(e => e.IsTransient),
        }).Build();
    }

    public override async Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var kinds = Resolver.Parameters.Select(p => p.Feature.Type!.Kind).ToArray();
        var columns = Enumerable.Range(0, input.ColumnCount).Select(input.Column).ToArray();
        var results = new ResolverResults(Resolver, OutputGetters, input.Length);
        var calls = new List<(int Row, object?[] Args)>();
        for (int row = 0; row < input.Length; row++)
        {
            if (results.Arguments(columns, kinds, row, CancellationToken.None) is { } args) calls.Add((row, args));
        }
        var cache = Settings.CacheFor is not null && context.Store is not null ? calls.Select(c => CacheKey(c.Args)).ToList() : null;
        var pending = cache is null ? calls : await ReadCachedAsync(calls, cache, results, context).ConfigureAwait(false);
        using (var slots = new SemaphoreSlim(Settings.MaxConcurrency))
        {
            var work = Settings.MaxBatchSize > 0
                ? pending.Chunk(Settings.MaxBatchSize).Select(chunk => CallBatchAsync(chunk, results, slots, context.CancellationToken))
                : pending.Select(c => CallAsync(c.Row, c.Args, results, slots, context.CancellationToken));
            await Task.WhenAll(work).ConfigureAwait(false);
        }
        if (cache is not null) WriteCache(calls, cache, pending, results, context);
        return results.ToOutput(Outputs);
    }

    private async Task CallAsync(int row, object?[] args, ResolverResults results, SemaphoreSlim slots, CancellationToken query)
    {
        await slots.WaitAsync(query).ConfigureAwait(false);
        try
        {
            var result = await Retry.ExecuteAsync(async token => await AttemptAsync(args, token).ConfigureAwait(false), query).ConfigureAwait(false);
            results.Set(row, result);
        }
        catch (Exception ex) when (!query.IsCancellationRequested)
        {
            results.Fail(row, Failure(ex));
        }
        finally
        {
            slots.Release();
        }
    }

    // One call for many rows: each feature argument becomes an array of the rows' values, the answer one value per row.
    private async Task CallBatchAsync((int Row, object?[] Args)[] rows, ResolverResults results, SemaphoreSlim slots, CancellationToken query)
    {
        var method = Resolver.Method.GetParameters();
        var args = new object?[Resolver.Arguments.Count];
        for (int a = 0; a < args.Length; a++)
        {
            if (Resolver.Arguments[a].Kind != ResolverArgumentKind.Feature) { args[a] = rows[0].Args[a]; continue; }
            var list = System.Array.CreateInstance(method[a].ParameterType.GetGenericArguments()[0], rows.Length);
            for (int r = 0; r < rows.Length; r++) list.SetValue(rows[r].Args[a], r);
            args[a] = list;
        }
        await slots.WaitAsync(query).ConfigureAwait(false);
        try
        {
            var answer = await Retry.ExecuteAsync(async token => await AttemptAsync(args, token).ConfigureAwait(false), query).ConfigureAwait(false);
            var values = (answer as System.Collections.IEnumerable)?.Cast<object?>().ToList();
            if (values is null || values.Count != rows.Length)
                throw new InvalidOperationException($"returned {(values is null ? "null" : values.Count + " values")} for {rows.Length} rows; a batch resolver returns one value per row, in order");
            for (int r = 0; r < rows.Length; r++) results.Set(rows[r].Row, values[r]);
        }
        catch (Exception ex) when (!query.IsCancellationRequested)
        {
            foreach (var (row, _) in rows) results.Fail(row, Failure(ex));
        }
        finally
        {
            slots.Release();
        }
    }

    private string Failure(Exception ex)
        => (ex is TimeoutException ? $"{Resolver.Name} {ex.Message}" : ResolverResults.Threw(Resolver, ex))
           + (Settings.Retries > 0 && IsTransient(ex) ? $" (after {Settings.Retries + 1} attempts)" : "");

    // One attempt, cancelled at the timeout; a method that ignores its token is abandoned at the timeout all the same.
    private async Task<object?> AttemptAsync(object?[] args, CancellationToken retryToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(retryToken);
        timeout.CancelAfter(Settings.Timeout);
        var attempt = (object?[])args.Clone();
        for (int a = 0; a < attempt.Length; a++)
        {
            if (Resolver.Arguments[a].Kind == ResolverArgumentKind.Cancellation) attempt[a] = timeout.Token;
        }
        try
        {
            return await Invoke(attempt).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !retryToken.IsCancellationRequested)
        {
            throw new TimeoutException($"did not answer within {Definitions.Staleness.Format(Settings.Timeout)}");
        }
    }

    private static bool IsTransient(Exception ex) => ex is TimeoutException or HttpRequestException or IOException or ChalkResolverException { IsTransient: true };

    // The resolver (overloads apart), the feature it answers and its feature arguments, hashed: the same prompt finds the
    // same entry in every process, and never another resolver's.
    private StoreKey CacheKey(object?[] args)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Resolver.Origin + "->" + Resolver.Outputs[0].Path));
        for (int a = 0; a < args.Length; a++)
        {
            if (Resolver.Arguments[a].Kind != ResolverArgumentKind.Feature) continue;
            var bytes = StoredValueCodec.Encode(new StoredValue(args[a], default));
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return new StoreKey(CacheFeaturePrefix + Resolver.Origin, Convert.ToHexString(hash.GetHashAndReset()));
    }

    private async Task<List<(int Row, object?[] Args)>> ReadCachedAsync(List<(int Row, object?[] Args)> calls, List<StoreKey> keys, ResolverResults results,
        QueryContext context)
    {
        IReadOnlyList<StoredValue?> stored;
        try
        {
            stored = await context.Store!.ReadAsync(keys, context.CancellationToken).ConfigureAwait(false);
        }
        catch (ChalkStoreException)
        {
            return calls;
        }
        var now = context.Time.GetUtcNow();
        var type = Resolver.Outputs[0].Type!;
        var pending = new List<(int Row, object?[] Args)>();
        for (int i = 0; i < calls.Count; i++)
        {
            if (stored[i] is { } v && FeatureStoreValues.Fits(v.Value, type) && (Settings.CacheFor == Definitions.Staleness.Infinite || now - v.ComputedAt <= Settings.CacheFor))
                results.Set(calls[i].Row, v.Value);
            else pending.Add(calls[i]);
        }
        return pending;
    }

    private void WriteCache(List<(int Row, object?[] Args)> calls, List<StoreKey> keys, List<(int Row, object?[] Args)> called, ResolverResults results, QueryContext context)
    {
        var fresh = called.Select(c => c.Row).ToHashSet();
        var now = context.Time.GetUtcNow();
        var ttl = Settings.CacheFor == Definitions.Staleness.Infinite ? (TimeSpan?)null : Settings.CacheFor;
        var writes = new List<StoreWrite>();
        for (int i = 0; i < calls.Count; i++)
        {
            int row = calls[i].Row;
            if (!fresh.Contains(row) || results.Failed(row)) continue;
            writes.Add(new StoreWrite(keys[i], new StoredValue(results.Single(row), now), ttl));
        }
        context.StoreWrites?.Enqueue(writes);
    }
}
