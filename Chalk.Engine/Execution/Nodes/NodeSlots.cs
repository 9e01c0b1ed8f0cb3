namespace Chalk.Execution.Nodes;

/// <summary>A node's columns resolved to slots of its frame (<see cref="FrameLayout"/>) by the binder, so running it
/// looks nothing up by name or identity.</summary>
/// <param name="Inputs">Per <see cref="PhysicalNode.Inputs"/>, its column slot.</param>
/// <param name="Outputs">Per <see cref="PhysicalNode.Outputs"/>, the slot it is written to, or -1 for an output the node
/// is not chosen for (see <see cref="PhysicalNode.Writes"/>).</param>
/// <param name="Children">Per <see cref="PhysicalNode.ChildInputs"/>, its frame slot.</param>
/// <param name="Gate">The slot of <see cref="PhysicalNode.Gate"/>, or -1 when the node has none.</param>
/// <param name="Frame">For a has-many fetch, the frame slot of the child frame it writes; -1 otherwise.</param>
internal sealed record NodeSlots(int[] Inputs, int[] Outputs, int[] Children, int Gate, int Frame);
