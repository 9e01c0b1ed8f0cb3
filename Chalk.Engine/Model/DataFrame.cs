using System.Collections;
using System.Runtime.CompilerServices;

namespace Chalk;

/// <summary>The rows of a has-many relation, e.g. a user's transactions.</summary>
/// <remarks>
/// Rows keep the order the child resolver returned them in. Write aggregations as LINQ
/// (<c>Transactions.Sum(t =&gt; t.Total)</c>); the engine evaluates them over the relation's rows.
/// </remarks>
/// <typeparam name="T">The child feature class.</typeparam>
[CollectionBuilder(typeof(DataFrame), nameof(DataFrame.Create))]
public sealed class DataFrame<T> : IReadOnlyList<T>
{
    private readonly T[] _rows;

    /// <summary>Creates a frame over the given rows.</summary>
    public DataFrame(IEnumerable<T> rows) => _rows = rows.ToArray();

    internal DataFrame(T[] rows, bool _) => _rows = rows;

    /// <summary>An empty frame.</summary>
    public static DataFrame<T> Empty { get; } = new([], false);

    /// <inheritdoc/>
    public int Count => _rows.Length;

    /// <inheritdoc/>
    public T this[int index] => _rows[index];

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Builds <see cref="DataFrame{T}"/> instances from collection expressions.</summary>
public static class DataFrame
{
    /// <summary>Creates a frame from a collection expression such as <c>[]</c>.</summary>
    public static DataFrame<T> Create<T>(ReadOnlySpan<T> rows) => rows.Length == 0 ? DataFrame<T>.Empty : new DataFrame<T>(rows.ToArray(), false);
}
