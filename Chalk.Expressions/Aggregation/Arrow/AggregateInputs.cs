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

    /// <summary>The next row of a parent, in key order, that LINQ's <c>Where(filter).Select(value)</c> with nulls skipped
    /// yields: -1 at the parent's end, or at the first filter or value error LINQ would throw (then <paramref name="error"/> is its message).</summary>
    /// <param name="k">The position in <see cref="ChildGroups.Rows"/>; advanced past the returned row.</param>
    /// <param name="end">The parent's end position.</param>
    /// <param name="error">The error that stopped the parent, or null.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextValue(ref int k, int end, out string? error)
    {
        var rows = Groups.Rows;
        var value = Value!;
        while (k < end)
        {
            int r = rows[k++];
            if ((error = ErrorAt(FilterErrors, r)) is not null) return -1;
            if (!Bit(Pass, r)) continue;
            if ((error = ErrorAt(value.Errors, r)) is not null) return -1;
            if (!Bit(value.Validity, r)) continue;
            return r;
        }
        error = null;
        return -1;
    }

    /// <summary>Finishes a parent whose sequence was empty (no rows, or no non-null values where nulls are skipped).</summary>
    public void Empty(int parent)
    {
        if (Aggregate.FailOnEmpty) Output.Fail(parent, AggregateExpr.NoElementsMessage);
        else Output.SetNull(parent);
    }
}
