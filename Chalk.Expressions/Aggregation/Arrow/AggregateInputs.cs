using System.Runtime.CompilerServices;

namespace Chalk.Expressions.Aggregation;

/// <summary>What one aggregate's loop reads: the groups, its evaluated child expressions, and where its result goes.</summary>
internal sealed class AggregateInputs
{
    public AggregateInputs(AggregateExpr aggregate, ChildGroups groups, ChildColumn? filter, ChildColumn? value, ChildColumn? order, CancellationToken cancellationToken)
    {
        Aggregate = aggregate;
        Groups = groups;
        Pass = filter?.PassBits();
        FilterErrors = filter?.Errors;
        Value = value;
        Order = order;
        CancellationToken = cancellationToken;
        Output = new ParentOutput(groups.ParentCount);
    }

    public AggregateExpr Aggregate { get; }

    public ChildGroups Groups { get; }

    /// <summary>Rows passing the filter (true, not null), one bit per child row; null when there is no filter.</summary>
    public ulong[]? Pass { get; }

    /// <summary>Where the filter failed; null when it never did (or there is none).</summary>
    public ChildErrors? FilterErrors { get; }

    public ChildColumn? Value { get; }

    public ChildColumn? Order { get; }

    public CancellationToken CancellationToken { get; }

    public ParentOutput Output { get; }

    /// <summary>Polls for cancellation every 64K parents, cheap enough for the per-parent loops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Poll(int parent)
    {
        if ((parent & 0xFFFF) == 0) CancellationToken.ThrowIfCancellationRequested();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Bit(ulong[]? bits, int row) => bits is null || (bits[row >> 6] & (1UL << row)) != 0;

    /// <summary>The message of an expression's error on a row, or null; LINQ would throw it when it evaluates the expression there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? ErrorAt(ChildErrors? errors, int row) => errors is not null && errors.Has(row) ? errors.Message(row) : null;

    /// <summary>Finishes a parent whose sequence was empty (no rows, or no non-null values where nulls are skipped).</summary>
    public void Empty(int parent)
    {
        if (Aggregate.FailOnEmpty) Output.Fail(parent, AggregateExpr.NoElementsMessage);
        else Output.SetNull(parent);
    }
}
