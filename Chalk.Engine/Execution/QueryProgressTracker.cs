using System.Diagnostics;
using Chalk.Execution.Nodes;

namespace Chalk.Execution;

/// <summary>Counts a query's operators and levels as they finish and reports them, in order, to the caller's progress.</summary>
/// <remarks>Only the query's own plan counts: a has-many fetch runs its child plan with the same context, and those
/// operators are part of the fetch.</remarks>
internal sealed class QueryProgressTracker
{
    private readonly PhysicalPlan _plan;
    private readonly HashSet<PhysicalNode> _operators;
    private readonly IProgress<QueryProgress> _sink;
    private readonly int _rows;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Lock _lock = new();
    private int _operatorsDone;
    private int _levelsDone;

    public QueryProgressTracker(PhysicalPlan plan, int rows, IProgress<QueryProgress> sink)
    {
        _plan = plan;
        _operators = [.. plan.Nodes];
        _sink = sink;
        _rows = rows;
    }

    public void Started()
    {
        lock (_lock) Report(null);
    }

    public void OperatorDone(PhysicalNode node)
    {
        if (!_operators.Contains(node)) return;
        // Counted and reported under one lock, so reports never go backwards when operators of a level finish together.
        lock (_lock)
        {
            _operatorsDone++;
            Report(Diagnostics.OperatorLabel.Of(node).DisplayName);
        }
    }

    public void LevelDone(PhysicalPlan plan)
    {
        if (!ReferenceEquals(plan, _plan)) return;
        lock (_lock)
        {
            _levelsDone++;
            Report(null);
        }
    }

    private void Report(string? last)
        => _sink.Report(new QueryProgress(_operatorsDone, _operators.Count, _levelsDone, _plan.Levels.Count, _rows, Stopwatch.GetElapsedTime(_start)) { LastOperator = last });
}
