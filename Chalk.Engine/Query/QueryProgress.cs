namespace Chalk;

/// <summary>How far a batch query has come: its plan's operators and levels done, over how many rows.</summary>
/// <param name="OperatorsDone">Operators of the query's plan that have finished (an operator inside a has-many relation's
/// child plan counts with the fetch that runs it).</param>
/// <param name="Operators">Operators in the plan.</param>
/// <param name="LevelsDone">Levels finished; the operators of a level run concurrently, the levels one after another.</param>
/// <param name="Levels">Levels in the plan.</param>
/// <param name="Rows">Input rows the query answers.</param>
/// <param name="Elapsed">Time since the query started running its plan.</param>
public sealed record QueryProgress(int OperatorsDone, int Operators, int LevelsDone, int Levels, int Rows, TimeSpan Elapsed)
{
    /// <summary>The operator that just finished, as traces name it (<c>sql users.chalk.sql</c>, <c>lifted User.TotalSpend</c>);
    /// null for the first report and for a level's end.</summary>
    public string? LastOperator { get; init; }

    /// <summary>The share of operators done, from 0 to 1 (1 for a plan with none).</summary>
    public double Fraction => Operators == 0 ? 1.0 : (double)OperatorsDone / Operators;
}
