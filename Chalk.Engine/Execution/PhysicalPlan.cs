using Chalk.Execution.Nodes;
using Chalk.Planning.Logical;

namespace Chalk.Execution;

/// <summary>The operators of a plan in levels: nodes within a level read only earlier levels, so they run concurrently.</summary>
internal sealed class PhysicalPlan(LogicalPlan logical, IReadOnlyList<IReadOnlyList<PhysicalNode>> levels)
{
    public LogicalPlan Logical { get; } = logical;

    public IReadOnlyList<IReadOnlyList<PhysicalNode>> Levels { get; } = levels;

    public IEnumerable<PhysicalNode> Nodes => Levels.SelectMany(l => l);
}
