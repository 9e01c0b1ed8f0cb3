using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary>
/// What one evaluation of a compiled set needs besides its outputs: each step's per-evaluation instance and each
/// slot's chunk buffers. Building it allocates a pinned buffer per slot, so a compiled set keeps one for the next
/// evaluation (<see cref="CompiledExpressions"/>) instead of leaving it to the GC each call.
/// </summary>
internal sealed class EvaluationState
{
    public EvaluationState(Step[] steps, int capacity)
    {
        Capacity = capacity;
        Steps = new Step[steps.Length];
        Values = new ChunkValue[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            Steps[i] = steps[i].ForEvaluation();
            Values[i] = new ChunkValue(steps[i].Type, capacity);
        }
    }

    /// <summary>Rows per chunk this state's buffers hold.</summary>
    public int Capacity { get; }

    public Step[] Steps { get; }

    public ChunkValue[] Values { get; }

    /// <summary>Forgets the batch and result of the evaluation that used this state, keeping the buffers.</summary>
    public void Release()
    {
        foreach (var step in Steps) step.Release();
        foreach (var value in Values) value.Release();
    }
}
