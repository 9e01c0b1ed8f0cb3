using Chalk.Expressions;
using Chalk.Sql.Translation;

namespace Chalk.Sql.Aggregation;

/// <summary>Builds the SQL parts of one aggregate with exactly LINQ to objects' semantics (see <c>docs/aggregations.md</c>).</summary>
/// <remarks>
/// LINQ enumerates the visible child rows in primary-key order (<see cref="Order"/>) and, per row, evaluates the filter
/// and then, on rows that pass, the value (or the key): the first failure in that order fails the aggregate, unless the
/// operator stops before reaching it (<c>Any</c>, <c>First</c>, <c>Min</c> at a NaN). SQL sees every row, so each row
/// carries the error LINQ would raise there and the group keeps the first one with its position; each form then decides
/// whether LINQ reaches it.
/// </remarks>
internal sealed partial class AggregateForm
{
    /// <summary>The child primary key in the rows relation: LINQ's enumeration order.</summary>
    public const string Order = "__o";

    private readonly AggregateExpr _agg;
    private readonly AggregateParts _parts;
    private readonly SharedColumns _shared;
    private readonly string? _pass;
    private readonly string? _filterError;
    private readonly string? _value;
    private readonly string? _valueError;
    private string? _key;
    private readonly string? _keyError;
    private readonly string? _valueSql;
    private string? _unranked;
    private readonly string? _keySql;

    private AggregateForm(int index, AggregateExpr agg, ChildScope scope, SharedColumns shared)
    {
        _agg = agg;
        _parts = new AggregateParts(index, shared);
        _shared = shared;
        if (agg.Filter is not null)
        {
            var f = scope.Translate(agg.Filter, "filter");
            // A filter passes only where it is true: a null (C#'s lifted comparison) or failing row does not.
            _pass = _parts.Row("p", f.MayBeNull || f.CanFail ? $"coalesce({f.ValueSql}, false)" : f.ValueSql!);
            if (f.ErrorSql is not null) _filterError = _parts.Row("fe", f.ErrorSql);
        }
        if (agg.Value is not null && (agg.Kind is not (AggregateKind.Count or AggregateKind.Any) || agg.Distinct))
        {
            var v = scope.Translate(agg.Value, "value");
            _valueSql = v.ValueSql!;
            _value = _parts.Row("v", v.ValueSql!);
            if (v.ErrorSql is not null) _valueError = _parts.Row("ve", v.ErrorSql);
        }
        if (agg.Order is not null)
        {
            var k = scope.Translate(agg.Order, "ordering key");
            _keySql = k.ValueSql!;
            // DuckDB orders strings by their bytes, LINQ by the culture: a string key is ordered by its culture rank,
            // joined when the form is chosen (see Ordered).
            if (agg.Order.Type != ExprType.Utf8) _key = _parts.Row("k", _keySql);
            if (k.ErrorSql is not null) _keyError = _parts.Row("ke", k.ErrorSql);
        }
    }

    /// <summary>The SQL parts of <paramref name="agg"/>.</summary>
    /// <exception cref="AggregateRefusedException">There is no faithful form; the message says why.</exception>
    public static AggregateParts Build(int index, AggregateExpr agg, ChildScope scope, SharedColumns shared)
    {
        try
        {
            DuckDbSqlTranslator.SqlType(agg.Type);
        }
        catch (NotSupportedException e)
        {
            throw new AggregateRefusedException(e.Message);
        }
        if (agg.Distinct && agg.Kind is not (AggregateKind.Count or AggregateKind.Sum or AggregateKind.Average or AggregateKind.Min or AggregateKind.Max))
            throw new AggregateRefusedException($"{agg.Kind} over distinct values has no SQL form here");
        var form = new AggregateForm(index, agg, scope, shared);
        switch (agg.Kind)
        {
            case AggregateKind.Count: form.Count(); break;
            case AggregateKind.Any: form.Any(); break;
            case AggregateKind.All: form.All(); break;
            case AggregateKind.Sum: form.Sum(); break;
            case AggregateKind.Average: form.Average(); break;
            case AggregateKind.Min or AggregateKind.Max: form.Extreme(); break;
            case AggregateKind.First or AggregateKind.Last when agg.Order is null: form.Positional(); break;
            default: form.Ordered(); break;
        }
        return form._parts;
    }

    private static AggregateRefusedException Refuse(string reason) => new(reason);

    /// <summary>The culture rank of the string <paramref name="sql"/>, NULL where the string is NULL; a passing row whose
    /// string has no rank counts in <see cref="_unranked"/>, which fails the aggregate rather than order it wrongly.</summary>
    private string CountedRank(string sql, string role)
    {
        var (rank, _) = _parts.Rank(sql);
        string missing = _parts.Row("un", $"(({sql}) IS NOT NULL AND {rank} IS NULL)");
        _unranked = $"CASE WHEN {_parts.Group("un", $"count(*){Passing(missing)}")} > 0 THEN {SqlText.Str(UnrankedMessage(role))} END";
        return rank;
    }

    private static string UnrankedMessage(string role)
        => $"the {role} of a child row is a string the ranking query did not return, so it cannot be ordered in the query's culture: the child rows' SQL must return the same rows each time it runs";

    private ExprType ValueType => _agg.Value!.Type;

    private string V => _value!;

    /// <summary>The row filter clause of the aggregates: rows that pass, plus <paramref name="more"/>.</summary>
    private string Passing(params string?[] more) => SqlText.Filter([_pass, .. more]);

    private void ExpectType(ExprType expected)
    {
        if (_agg.Type != expected) throw Refuse($"its result type {_agg.Type.Name()} is not LINQ's {expected.Name()} for {_agg.Kind} over {ValueType.Name()}");
    }

    /// <summary>
    /// The error LINQ raises at a row when it evaluates the filter and, on passing rows, <paramref name="perPassingRow"/>
    /// (the value or the key); null when none can fail.
    /// </summary>
    private string? RowError(string? perPassingRow)
    {
        string? onPass = perPassingRow is null ? null : _pass is null ? perPassingRow : $"CASE WHEN {_pass} THEN {perPassingRow} END";
        var sql = AggregateParts.FirstError(_filterError, onPass);
        return sql is null ? null : _parts.Row("e", sql);
    }

    /// <summary>The first failing row in enumeration order as a struct (<c>o</c>: its position, <c>e</c>: the message); null when none can fail.</summary>
    private FirstFailure? FirstFailureOf(string? rowError)
        => rowError is null
            ? null
            : new FirstFailure(_parts.Group("ef", $"arg_min({{'o': {Order}, 'e': {rowError}}}, {Order}) FILTER (WHERE {rowError} IS NOT NULL)"));

    /// <summary>The first failing row of a group: <see cref="Message"/> and its <see cref="Position"/> (NULL when none).</summary>
    private sealed record FirstFailure(string Struct)
    {
        public string Message => SqlText.Field(Struct, "e");

        public string Position => SqlText.Field(Struct, "o");

        /// <summary>The message when the failing row comes before position <paramref name="stop"/>, or is that row (NULL:
        /// LINQ never stops early).</summary>
        /// <remarks>A row whose filter or value fails cannot be the row LINQ stops at: it throws there first. The SQL
        /// forms compute the stop from values that an error left meaningless (a NULL quotient makes <c>x != 0</c>
        /// pass), so the failing row may also be the stop, and then it is the error that counts.</remarks>
        public string Before(string stop) => $"CASE WHEN {Struct} IS NOT NULL AND ({stop} IS NULL OR {Position} <= {stop}) THEN {Message} END";

        /// <summary>Like <see cref="Before"/>, enumerating backwards: the message when the failing row comes after position
        /// <paramref name="stop"/>, or is that row.</summary>
        public string After(string stop) => $"CASE WHEN {Struct} IS NOT NULL AND ({stop} IS NULL OR {Position} >= {stop}) THEN {Message} END";
    }
}
