using Apache.Arrow.Types;
using Chalk.Sql.Templates;

namespace Chalk.Sql.Sources;

/// <summary>A statement a source runs: a template, the Arrow types of its parameters, and where it came from.</summary>
/// <param name="Id">A stable key for caching the prepared statement (resolver file plus variant).</param>
/// <param name="Template">The SQL with parameter slots.</param>
/// <param name="ParameterTypes">One Arrow type per slot, in slot order.</param>
/// <param name="Origin">The resolver (file path or member) to name in errors.</param>
public sealed record SqlQuery(string Id, SqlTemplate Template, IReadOnlyList<IArrowType> ParameterTypes, string Origin)
{
    /// <summary>What each slot binds (e.g. the feature <c>customer.email</c>), in slot order, for error messages; null when unknown.</summary>
    public IReadOnlyList<string>? ParameterNames { get; init; }

    /// <summary>When the statement is a keyed read of a resolver file (a lookup or a has-many fetch), what it reads;
    /// null for any other statement.</summary>
    public SqlKeyedRead? KeyedRead { get; init; }

    /// <summary>When the statement is a resolver file filtered by a condition on its parameters (the engine's keyed
    /// reads), its parts; null for any other statement.</summary>
    public SqlFilteredRows? FilteredRows { get; init; }

    /// <summary>When the statement is a resolver file's rows whose key column is in the JSON list of keys bound to its
    /// one slot (a has-many fetch of many keys), its parts, the condition being that filter; null for any other
    /// statement. A source may then choose how it finds those rows, e.g. SQLite scanning the table instead of seeking
    /// each key in an index when the keys cover most of it.</summary>
    public SqlKeyList? KeyList { get; init; }

    /// <summary><c>Origin: SQL</c> (a record would print its lists' type names).</summary>
    public override string ToString() => $"{Origin}: {Template}";

    /// <summary>Slot <paramref name="slot"/> as an error message names it: <c>${customer.email}</c>, or <c>slot 2</c> when unnamed.</summary>
    internal string DescribeSlot(int slot)
        => ParameterNames is { } names && slot < names.Count
            ? "${" + names[slot] + "}"
            : "slot " + (slot + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
