using Chalk.Definitions;
using Chalk.Typed;

namespace Chalk;

/// <summary>Typed queries: inputs from objects, answers as instances of the feature class.</summary>
public sealed partial class ChalkEngine
{
    /// <summary>Answers one query as an instance of the feature class <typeparamref name="T"/> with the requested
    /// features filled in, e.g. <c>await engine.QueryAsync&lt;Review&gt;(new { Id = 241L }, Feature.Paths&lt;Review&gt;(r =&gt; r.Rating, r =&gt; r.User!.DisplayName))</c>.</summary>
    /// <typeparam name="T">The feature class the inputs and outputs belong to.</typeparam>
    /// <param name="inputs">The inputs: an object whose properties name features of <typeparamref name="T"/>
    /// (<c>new { Id = 241L }</c>, by property or feature name; a has-one property holds the related row's inputs the same
    /// way), an instance of <typeparamref name="T"/> (its primary key is the input), or a dictionary keyed by feature path.</param>
    /// <param name="outputs">The features wanted, as paths (<see cref="Feature.Of{T}"/> gives them from lambdas).</param>
    /// <param name="options">Staleness overrides and store settings, as for the untyped query; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>A new <typeparamref name="T"/> holding the primary key and the requested features, with the has-one
    /// objects along the requested paths (null where the related row does not exist); null when the row the inputs
    /// name does not exist. Properties not requested keep their defaults.</returns>
    /// <remarks>
    /// <para>A computed property has no storage: what its getter reads (stored features and has-one relations) is
    /// queried and set, so the getter returns on the object what the engine computed. A windowed feature, or a computed
    /// property that aggregates a has-many relation, cannot be held by an object; ask for it with the untyped
    /// <see cref="QueryAsync(IReadOnlyDictionary{string, object?}, IReadOnlyList{string}, QueryOptions?, CancellationToken)"/>.</para>
    /// <para>A feature that failed would leave a default in its property that looks like a value, so any failure
    /// throws; to keep the features that did not fail, use the untyped query, whose <see cref="OnlineResult.Errors"/>
    /// lists the failures and whose failed values are null.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">An input names no feature or does not fit its type, an output name is null or
    /// blank, or an output cannot be held by a <typeparamref name="T"/>.</exception>
    /// <exception cref="ChalkPlanException"><typeparamref name="T"/> is not a feature class of this engine, an output is
    /// unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ChalkResolverException">A source failed, or a requested feature failed for the row.</exception>
    /// <exception cref="InvalidCastException">A feature is null where its property cannot hold null.</exception>
    public async Task<T?> QueryAsync<T>(object inputs, IReadOnlyList<string> outputs, QueryOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputBatch.RequireNames(outputs, nameof(outputs));
        var root = ClassOf<T>();
        var request = ObjectRequest.For(_definitions, root, outputs);
        var result = await QueryAsync(TypedInputs.Of(root, inputs), request.Outputs, options, cancellationToken).ConfigureAwait(false);
        return request.One<T>(result);
    }

    /// <summary>Answers a batch of queries as instances of <typeparamref name="T"/>, one per input row, in order:
    /// <c>await engine.QueryBatchAsync&lt;Review&gt;(ids.Select(id =&gt; new { Id = id }), outputs)</c>.</summary>
    /// <typeparam name="T">The feature class the inputs and outputs belong to.</typeparam>
    /// <param name="rows">One object per query, as <paramref name="rows"/> of the one-query form takes its inputs:
    /// instances of <typeparamref name="T"/> (their primary keys), anonymous objects, or dictionaries keyed by feature
    /// path. Every row names the same inputs.</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Per row, the filled object, or null where the row the inputs name does not exist.</returns>
    /// <remarks>The inputs become Arrow columns typed as their features, converted as an online query's inputs are, and
    /// the batch runs as <see cref="QueryBatchDetailedAsync(Apache.Arrow.RecordBatch, IReadOnlyList{string}, CancellationToken)"/>
    /// would run it. Objects are filled as by <see cref="QueryAsync{T}(object, IReadOnlyList{string}, QueryOptions?, CancellationToken)"/>,
    /// and a failure of any row throws; for partial results, or a table, query with a <c>RecordBatch</c>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">A row is null, rows name different inputs, an input does not fit its feature,
    /// or an output cannot be held by a <typeparamref name="T"/>.</exception>
    /// <exception cref="ChalkPlanException"><typeparamref name="T"/> is not a feature class of this engine, or an input or
    /// output is unknown or cannot be computed.</exception>
    /// <exception cref="ChalkResolverException">A source failed, or a requested feature failed for a row.</exception>
    /// <exception cref="InvalidCastException">A feature is null where its property cannot hold null.</exception>
    public Task<IReadOnlyList<T?>> QueryBatchAsync<T>(IEnumerable<object> rows, IReadOnlyList<string> outputs, CancellationToken cancellationToken = default)
        where T : class
        => QueryBatchAsync<T>(rows, outputs, asOf: null, cancellationToken);

    /// <summary>Answers a batch of point-in-time queries as instances of <typeparamref name="T"/>: each row as of its own
    /// time, e.g. <c>rows.Select(r =&gt; new { r.Id, At = r.LabelledAt })</c> with <paramref name="asOf"/> <c>"At"</c>.</summary>
    /// <param name="rows">One object per query; each has a <see cref="DateTime"/> or <see cref="DateTimeOffset"/>
    /// property (or dictionary entry) named <paramref name="asOf"/>, which is not a feature. A <see cref="DateTime"/> of kind
    /// <see cref="DateTimeKind.Local"/> is the instant it names (converted to UTC); any other kind is read as UTC.</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="asOf">The name of each row's time; null to answer every row as of now.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <inheritdoc cref="QueryBatchAsync{T}(IEnumerable{object}, IReadOnlyList{string}, CancellationToken)"/>
    public async Task<IReadOnlyList<T?>> QueryBatchAsync<T>(IEnumerable<object> rows, IReadOnlyList<string> outputs, string? asOf,
        CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        InputBatch.RequireNames(outputs, nameof(outputs));
        var root = ClassOf<T>();
        var request = ObjectRequest.For(_definitions, root, outputs);
        var list = rows as IReadOnlyList<object> ?? [.. rows];
        if (list.Count == 0) return [];
        var inputs = TypedInputs.Batch(_definitions.Registry, root, list, asOf);
        var result = await QueryBatchDetailedAsync(inputs, request.Outputs, asOf, cancellationToken).ConfigureAwait(false);
        return request.All<T>(result, nameof(QueryBatchAsync));
    }

    private FeatureClassDefinition ClassOf<T>()
        => _definitions.Registry.FindClass(typeof(T)) ?? throw new ChalkPlanException(
            $"{typeof(T).Name} is not a feature class of this engine; mark it [Features] and add it with ChalkEngineBuilder.AddFeatures, or query one of "
            + string.Join(", ", _definitions.Registry.Classes.Select(c => c.ClrType.Name)));
}
