namespace Chalk.Lifting;

/// <summary>How one C# body was served: lifted into the IR (with its expression) or per row (with the reason).</summary>
/// <param name="Resolver">The resolver or computed property, e.g. <c>Review.IsPositive</c>.</param>
/// <param name="Outputs">The features it computes.</param>
/// <param name="Lifted">Whether it runs as vectorized IR.</param>
/// <param name="Detail">The expression when lifted, else why it runs per row.</param>
/// <param name="Gas">The lifted expression's estimated per-row work (0 when not lifted).</param>
public sealed record LiftedBody(string Resolver, IReadOnlyList<string> Outputs, bool Lifted, string Detail, int Gas)
{
    /// <summary><c>Review.IsPositive -> review.is_positive: lifted (gas 3): …</c> or <c>…: per row: reason</c>
    /// (a record would print its list's type name).</summary>
    public override string ToString()
        => $"{Resolver} -> {string.Join(", ", Outputs)}: " + (Lifted ? $"lifted (gas {Gas}): {Detail}" : $"per row: {Detail}");
}

/// <summary>The result of running one lifted body and its compiled method on the same random rows.</summary>
/// <param name="Resolver">The resolver or computed property.</param>
/// <param name="Rows">How many random rows were compared.</param>
/// <param name="Disagreements">Rows where value or failure differed, described (empty when they agree).</param>
public sealed record LiftVerification(string Resolver, int Rows, IReadOnlyList<string> Disagreements)
{
    /// <summary>Whether both paths agreed on every row.</summary>
    public bool Agrees => Disagreements.Count == 0;

    /// <summary><c>Review.IsPositive: agrees on 2000 rows</c>, or the first disagreements.</summary>
    public override string ToString()
        => Agrees ? $"{Resolver}: agrees on {Rows} rows" : $"{Resolver}: {Disagreements.Count} disagreement(s) on {Rows} rows: {string.Join("; ", Disagreements)}";
}
