using Chalk.Expressions;

namespace Chalk.Planning.Logical;

/// <summary>What a frame column holds; with the column's place, it says which column it is (see <see cref="ColumnId"/>).</summary>
internal enum ColumnKind
{
    /// <summary>A feature's value at a plan node: <c>review.user.name</c>.</summary>
    Feature,

    /// <summary>A has-many relation's child frame at a plan node: <c>user.transactions</c> (a frame, not an array).</summary>
    Relation,

    /// <summary>The root's existence gate: its key where the row exists, null where not: <c>review#exists</c>.</summary>
    Exists,

    /// <summary>Whether a SQL lookup at a node returned a row for the key: <c>review#found:reviews</c>.</summary>
    Found,

    /// <summary>An aggregate's value per parent row: <c>user.transactions#sql0</c> (pushed down) or <c>#agg0</c> (in engine).</summary>
    AggregateValue,

    /// <summary>An aggregate's row error message per parent row: <c>user.transactions#sql0!error</c>.</summary>
    AggregateError,

    /// <summary>A child feature's row error message, beside its value in an in-engine aggregate's child rows:
    /// <c>transaction.total#child_error</c>.</summary>
    ChildError,

    /// <summary>The per-row query time every frame carries.</summary>
    QueryTime,
}

/// <summary>The identity of a frame column: what it holds (<see cref="Kind"/>) and where (the plan node's path, the
/// feature, the resolver, the aggregate's index).</summary>
/// <remarks>
/// The planner builds these and never concatenates column names; <see cref="Name"/> is the one place that knows the
/// printed form. That form is what plans, diagrams, row errors and the lifted IR's column references read, so it stays
/// the names columns always had. Two identities are equal when their kind and printed form are, as two columns were
/// the same column when their names were.
/// </remarks>
internal sealed class ColumnId : IEquatable<ColumnId>
{
    // Layouts and plans look identities up by hash at plan time; hashing the name once keeps that cheap.
    private readonly int _hash;

    private ColumnId(ColumnKind kind, string node, string detail, int index, string name)
    {
        Kind = kind;
        Node = node;
        Detail = detail;
        Index = index;
        Name = name;
        _hash = HashCode.Combine(kind, StringComparer.Ordinal.GetHashCode(name));
    }

    /// <summary>The query time column (shared with the IR's aggregate nodes, whose window filters read it).</summary>
    public static ColumnId QueryTime { get; } = new(ColumnKind.QueryTime, "", "", 0, AggregateExpr.AsOfColumn);

    public ColumnKind Kind { get; }

    /// <summary>The plan node's path (<c>review.user</c>); for aggregate columns, the relation frame's name.</summary>
    public string Node { get; }

    /// <summary>The feature or relation name, the resolver's name for a found column; empty otherwise.</summary>
    public string Detail { get; }

    /// <summary>An aggregate's position among its relation's aggregates; 0 otherwise.</summary>
    public int Index { get; }

    /// <summary>The printed form: how plans, row errors and expressions name the column.</summary>
    public string Name { get; }

    /// <summary>The feature <paramref name="feature"/> at the node <paramref name="node"/>.</summary>
    public static ColumnId Feature(string node, string feature) => new(ColumnKind.Feature, node, feature, 0, node + "." + feature);

    /// <summary>The child frame of the has-many relation <paramref name="relation"/> at the node <paramref name="node"/>.</summary>
    public static ColumnId Relation(string node, string relation) => new(ColumnKind.Relation, node, relation, 0, node + "." + relation);

    /// <summary>The existence gate of the root node <paramref name="node"/>.</summary>
    public static ColumnId Exists(string node) => new(ColumnKind.Exists, node, "", 0, node + "#exists");

    /// <summary>Whether the SQL resolver <paramref name="resolver"/> (its name, or its origin when two files share it) found
    /// a row at the node <paramref name="node"/>.</summary>
    public static ColumnId Found(string node, string resolver) => new(ColumnKind.Found, node, resolver, 0, node + "#found:" + resolver);

    /// <summary>The value of aggregate <paramref name="index"/> over the relation frame <paramref name="frame"/>.</summary>
    public static ColumnId AggregateValue(ColumnId frame, bool pushedDown, int index)
        => new(ColumnKind.AggregateValue, frame.Name, pushedDown ? "sql" : "agg", index, $"{frame.Name}#{(pushedDown ? "sql" : "agg")}{index}");

    /// <summary>The error column of the aggregate whose value column is <paramref name="value"/>.</summary>
    public static ColumnId AggregateError(ColumnId value)
        => value.Kind == ColumnKind.AggregateValue
            ? new(ColumnKind.AggregateError, value.Node, value.Detail, value.Index, value.Name + "!error")
            : throw new ChalkInternalException($"{value} is not an aggregate's value column");

    /// <summary>The error messages of the child feature column named <paramref name="feature"/> (as a row error names it).</summary>
    public static ColumnId ChildError(string feature) => new(ColumnKind.ChildError, feature, "", 0, feature + "#child_error");

    public bool Equals(ColumnId? other) => other is not null && other.Kind == Kind && string.Equals(other.Name, Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ColumnId);

    public override int GetHashCode() => _hash;

    // Equal by value, as Equals is: a reference comparison would call one column two (a key built twice).
    public static bool operator ==(ColumnId? left, ColumnId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ColumnId? left, ColumnId? right) => !(left == right);

    public override string ToString() => Name;
}
