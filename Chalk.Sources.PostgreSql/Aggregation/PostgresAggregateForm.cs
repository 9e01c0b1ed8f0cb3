using Chalk.Expressions;

namespace Chalk.Sql.Sources.Aggregation;

/// <summary>One aggregate's PostgreSQL form: its value, its error (.NET's message where LINQ throws) and the key rows it
/// cannot answer exactly (to recheck in the engine), over the columns of <see cref="PostgresStatementParts"/>.</summary>
/// <remarks>
/// Only filters and values that <see cref="PostgresSqlTranslator"/> translates are accepted, and they never fail, so the
/// only errors are the aggregate's own: a checked integer sum's overflow, <c>Count()</c> past <c>int.MaxValue</c>, and no
/// elements for <c>Min</c>/<c>Max</c> of a non-nullable selector. An order-dependent outcome that grouped SQL cannot
/// settle cheaply (a running total that leaves the type although the total fits, zeros of both signs, a float sum that
/// might overflow) marks the key row for a recheck instead of guessing.
/// </remarks>
internal sealed partial class PostgresAggregateForm
{
    private const string OverflowMessage = "Arithmetic operation resulted in an overflow.";

    private readonly AggregateExpr _agg;
    private readonly PostgresStatementParts _parts;
    private readonly string? _pass;
    private readonly string? _value;
    private readonly string? _inexact;

    private PostgresAggregateForm(AggregateExpr agg, PostgresStatementParts parts, Func<Expr, ICollection<string>, string> translate)
    {
        _agg = agg;
        _parts = parts;
        var inexact = new List<string>();
        // A filter passes only where it is true: a null (C#'s lifted comparison) does not.
        if (agg.Filter is not null) _pass = parts.Row($"coalesce({translate(agg.Filter, inexact)}, false)");
        if (agg.Value is not null && agg.Kind is not (AggregateKind.Count or AggregateKind.Any)) _value = parts.Row(translate(agg.Value, inexact));
        // Where C# would throw on a child row (a window start out of DateTime's range), the whole key row goes to the engine.
        if (inexact.Count > 0) _inexact = $"coalesce({parts.Group($"bool_or({parts.Row(string.Join(" OR ", inexact))})")}, false)";
    }

    /// <summary>The value SQL (of the aggregate's PostgreSQL type).</summary>
    public string Value { get; private set; } = "";

    /// <summary>The error SQL (text, NULL where fine), or null when no row can fail.</summary>
    public string? Error { get; private set; }

    /// <summary>A boolean SQL that is true where the key row must be answered in the engine, or null.</summary>
    public string? Recheck
    {
        get => _inexact is null ? _recheck : _recheck is null ? _inexact : $"({_inexact} OR {_recheck})";
        private set => _recheck = value;
    }

    private string? _recheck;

    /// <summary>The form of <paramref name="agg"/>; <paramref name="translate"/> turns a child expression into row SQL,
    /// adding to its second argument the row conditions where that SQL is not C#'s answer.</summary>
    /// <exception cref="PostgresRefusedException">There is no exact form; the message says why.</exception>
    public static PostgresAggregateForm Build(AggregateExpr agg, PostgresStatementParts parts, Func<Expr, ICollection<string>, string> translate)
    {
        if (agg.Kind is not (AggregateKind.Count or AggregateKind.Any or AggregateKind.All or AggregateKind.Sum or AggregateKind.Min or AggregateKind.Max))
            throw new PostgresRefusedException($"{agg.Kind} is not pushed down to PostgreSQL (only Count, Any, All, Sum, Min and Max are)");
        PostgresSqlTranslator.SqlType(agg.Type);
        if (agg.Distinct) throw new PostgresRefusedException($"{agg.Kind} over distinct values is not pushed down to PostgreSQL");
        var form = new PostgresAggregateForm(agg, parts, translate);
        switch (agg.Kind)
        {
            case AggregateKind.Count: form.Count(); break;
            case AggregateKind.Any: form.Any(); break;
            case AggregateKind.All: form.All(); break;
            case AggregateKind.Sum: form.Sum(); break;
            default: form.Extreme(); break;
        }
        return form;
    }

    private ExprType ValueType => _agg.Value!.Type;

    private string V => _value!;

    /// <summary>A FILTER clause: rows that pass, and every condition of <paramref name="more"/>; empty when there is none.</summary>
    private string Passing(params string[] more)
    {
        var all = (_pass is null ? more : [_pass, .. more]).ToList();
        return all.Count == 0 ? "" : $" FILTER (WHERE {string.Join(" AND ", all)})";
    }

    private void ExpectType(ExprType expected)
    {
        if (_agg.Type != expected) throw new PostgresRefusedException($"its result type {_agg.Type.Name()} is not LINQ's {expected.Name()} for {_agg.Kind} over {ValueType.Name()}");
    }

    private static string Text(string message) => PostgresSqlTranslator.Str(message);

    // Count()/LongCount(): the passing rows; Count() counts in a checked int.
    private void Count()
    {
        if (_agg.Type is not (ExprType.Int32 or ExprType.Int64)) throw new PostgresRefusedException($"its result type {_agg.Type.Name()} is not int32 or int64");
        string n = $"coalesce({_parts.Group($"count(*){Passing()}")}, 0)";
        if (_agg.Type == ExprType.Int64)
        {
            Value = n;
            return;
        }
        Value = $"CASE WHEN {n} <= 2147483647 THEN CAST({n} AS int4) END";
        Error = $"CASE WHEN {n} > 2147483647 THEN {Text(OverflowMessage)} END";
    }

    // Any(pred): whether a row passes (no filter can fail, so where LINQ stops does not matter).
    private void Any()
    {
        if (_agg.Type != ExprType.Bool) throw new PostgresRefusedException($"its result type {_agg.Type.Name()} is not bool");
        Value = $"(coalesce({_parts.Group($"count(*){Passing()}")}, 0) > 0)";
    }

    // Where(f).All(pred): no passing row whose predicate is false or null (C#'s lifted false).
    private void All()
    {
        ExpectType(ExprType.Bool);
        Value = $"coalesce({_parts.Group($"bool_and(coalesce({V}, false)){Passing()}")}, true)";
    }

    /// <summary>The aggregate's error when it has no values: LINQ's for non-nullable selectors, none otherwise.</summary>
    private string? EmptyError(string isEmpty)
        => _agg.FailOnEmpty ? $"CASE WHEN {isEmpty} THEN {Text(AggregateExpr.NoElementsMessage)} END" : null;
}
