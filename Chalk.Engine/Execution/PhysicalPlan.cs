using Chalk.Definitions;
using Chalk.Execution.Nodes;
using Chalk.Planning.Logical;

namespace Chalk.Execution;

/// <summary>The operators of a plan in levels: nodes within a level read only earlier levels, so they run concurrently.</summary>
/// <remarks>Runnable once bound (<see cref="Planning.Binding.PlanBinder"/>): its frame's <see cref="Layout"/> is known and
/// every node has its <see cref="PhysicalNode.Slots"/>.</remarks>
internal sealed class PhysicalPlan(LogicalPlan logical, IReadOnlyList<IReadOnlyList<PhysicalNode>> levels)
{
    private FrameLayout? _layout;
    private Dictionary<string, int> _inputSlots = [];

    public LogicalPlan Logical { get; } = logical;

    public IReadOnlyList<IReadOnlyList<PhysicalNode>> Levels { get; } = levels;

    public IEnumerable<PhysicalNode> Nodes => Levels.SelectMany(l => l);

    /// <summary>The slots of the plan's frame.</summary>
    /// <exception cref="ChalkInternalException">The plan was not bound.</exception>
    public FrameLayout Layout => _layout ?? throw new ChalkInternalException("a plan ran before it was bound");

    /// <summary>Per logical output, the slot it is read from.</summary>
    public IReadOnlyList<int> OutputSlots { get; private set; } = [];

    /// <summary>Per logical output, the slot of its gate (see <see cref="LogicalPlan.OutputGates"/>), or -1.</summary>
    public IReadOnlyList<int> OutputGateSlots { get; private set; } = [];

    /// <summary>The slot of a query input, which the caller names by its path.</summary>
    public int InputSlot(FeaturePath input)
        => _inputSlots.TryGetValue(input.Text, out int slot) ? slot : throw new ChalkInternalException($"input {input} is not one of the plan's");

    /// <summary>Records the binder's result; see <see cref="Planning.Binding.PlanBinder"/>.</summary>
    internal void Bind(FrameLayout layout, IReadOnlyList<int> outputSlots, IReadOnlyList<int> outputGateSlots)
    {
        _inputSlots = Logical.Inputs.ToDictionary(i => i.Name, layout.SlotOf, StringComparer.Ordinal);
        OutputSlots = outputSlots;
        OutputGateSlots = outputGateSlots;
        _layout = layout;
    }
}
