using System.Reflection.Emit;

namespace Chalk.Expressions.Lifting.Il;

/// <summary>A basic block: a run of instructions entered only at the top.</summary>
internal sealed class BasicBlock(int index, int start, int end)
{
    public int Index { get; } = index;

    /// <summary>First instruction index (inclusive).</summary>
    public int Start { get; } = start;

    /// <summary>Last instruction index (exclusive).</summary>
    public int End { get; set; } = end;

    public List<int> Successors { get; } = [];

    /// <summary>The immediate post-dominator (a block index, or <see cref="ControlFlowGraph.Exit"/>).</summary>
    public int ImmediatePostDominator { get; set; } = ControlFlowGraph.Exit;
}

/// <summary>Basic blocks of a method, their successors, and immediate post-dominators (the join point of each branch).</summary>
/// <remarks>
/// Only acyclic graphs are accepted: a back edge is a loop, which the lifter does not handle. On a DAG the
/// post-dominator of a block is the nearest common ancestor of its successors in the post-dominator tree,
/// computed sinks first.
/// </remarks>
internal sealed class ControlFlowGraph
{
    /// <summary>The virtual exit every <c>ret</c> and <c>throw</c> flows to.</summary>
    public const int Exit = -1;

    private readonly Dictionary<int, int> _blockAtOffset = [];

    public ControlFlowGraph(List<IlInstruction> instructions)
    {
        Instructions = instructions;
        var leaders = new SortedSet<int> { 0 };
        for (int i = 0; i < instructions.Count; i++)
        {
            var ins = instructions[i];
            if (ins.Operand is int[] table)
            {
                foreach (var t in table) leaders.Add(IndexOf(t, ins));
                leaders.Add(i + 1);
            }
            else if (ins.IsBranch)
            {
                leaders.Add(IndexOf((int)ins.Operand!, ins));
                leaders.Add(i + 1);
            }
            else if (ins.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw)
            {
                leaders.Add(i + 1);
            }
        }
        leaders.RemoveWhere(l => l >= instructions.Count);
        var starts = leaders.ToArray();
        for (int b = 0; b < starts.Length; b++)
        {
            int end = b + 1 < starts.Length ? starts[b + 1] : instructions.Count;
            Blocks.Add(new BasicBlock(b, starts[b], end));
            _blockAtOffset[instructions[starts[b]].Offset] = b;
        }
        foreach (var block in Blocks)
        {
            var last = instructions[block.End - 1];
            if (last.Operand is int[] table)
            {
                foreach (var t in table) block.Successors.Add(_blockAtOffset[t]);
                AddFallThrough(block, last);
            }
            else if (last.IsBranch)
            {
                block.Successors.Add(_blockAtOffset[(int)last.Operand!]);
                if (last.OpCode.FlowControl == FlowControl.Cond_Branch) AddFallThrough(block, last);
            }
            else if (last.OpCode.FlowControl is not (FlowControl.Return or FlowControl.Throw))
            {
                AddFallThrough(block, last);
            }
        }
        CheckAcyclic();
        ComputePostDominators();
        ComputeReachability();
    }

    private int[] _order = [];
    private HashSet<int>[] _reach = [];

    private void ComputeReachability()
    {
        _order = new int[Blocks.Count];
        _reach = new HashSet<int>[Blocks.Count];
        for (int i = 0; i < _topological.Count; i++) _order[_topological[i]] = _topological.Count - 1 - i;
        foreach (int b in _topological)
        {
            var set = new HashSet<int> { b };
            foreach (int s in Blocks[b].Successors) set.UnionWith(_reach[s]);
            _reach[b] = set;
        }
    }

    /// <summary>
    /// Where the paths forked at <paramref name="block"/> meet again: the earliest block reachable from two of its
    /// successors, but not beyond the enclosing region's <paramref name="stop"/> when a path can reach that first.
    /// </summary>
    /// <remarks>
    /// Unlike the immediate post-dominator this ignores paths that return or throw, so <c>if (b) return 1;</c> inside an
    /// <c>if</c> does not push the join to the method's exit. Any block is a sound join (paths stop there and merge, paths that
    /// never reach it become return leaves); the choice only decides how much is interpreted once instead of per path.
    /// </remarks>
    public int JoinOf(int block, int stop)
    {
        var succ = Blocks[block].Successors.Distinct().ToArray();
        int best = Exit;
        if (_reach.Length == 0) return Blocks[block].ImmediatePostDominator;
        var counts = new Dictionary<int, int>();
        foreach (int s in succ)
        {
            foreach (int r in _reach[s]) counts[r] = counts.GetValueOrDefault(r) + 1;
        }
        foreach (var (b, n) in counts)
        {
            if (n >= 2 && (best == Exit || _order[b] < _order[best])) best = b;
        }
        if (stop != Exit && succ.Any(s => _reach[s].Contains(stop)) && (best == Exit || _order[best] > _order[stop])) best = stop;
        return best;
    }

    public List<IlInstruction> Instructions { get; }

    public List<BasicBlock> Blocks { get; } = [];

    public int BlockAt(int offset) => _blockAtOffset[offset];

    private int IndexOf(int offset, IlInstruction from)
    {
        int i = Instructions.FindIndex(x => x.Offset == offset);
        if (i < 0) throw new LiftFailure($"branch into the middle of an instruction (target IL_{offset:X4})", from.Offset);
        return i;
    }

    private void AddFallThrough(BasicBlock block, IlInstruction last)
    {
        if (block.Index + 1 >= Blocks.Count) throw new LiftFailure("control falls off the end of the method", last.Offset);
        block.Successors.Add(block.Index + 1);
    }

    private List<int> _topological = [];

    private void CheckAcyclic()
    {
        var state = new byte[Blocks.Count]; // 0 new, 1 on stack, 2 done
        var order = new List<int>();
        var stack = new Stack<(int Block, int Next)>();
        stack.Push((0, 0));
        state[0] = 1;
        while (stack.Count > 0)
        {
            var (b, next) = stack.Pop();
            var succ = Blocks[b].Successors;
            if (next < succ.Count)
            {
                stack.Push((b, next + 1));
                int s = succ[next];
                if (state[s] == 1)
                {
                    var from = Instructions[Blocks[b].End - 1];
                    throw new LiftFailure($"loop (back edge from IL_{from.Offset:X4} to IL_{Instructions[Blocks[s].Start].Offset:X4})", from.Offset);
                }
                if (state[s] == 0)
                {
                    state[s] = 1;
                    stack.Push((s, 0));
                }
            }
            else
            {
                state[b] = 2;
                order.Add(b);
            }
        }
        _topological = order; // post-order: sinks first
    }

    private void ComputePostDominators()
    {
        var depth = new Dictionary<int, int> { [Exit] = 0 };
        int Parent(int n) => n == Exit ? Exit : Blocks[n].ImmediatePostDominator;
        int Lca(int a, int b)
        {
            while (a != b)
            {
                if (depth[a] >= depth[b] && a != Exit) a = Parent(a);
                else b = Parent(b);
            }
            return a;
        }
        foreach (int b in _topological)
        {
            var block = Blocks[b];
            int candidate = block.Successors.Count == 0 ? Exit : block.Successors[0];
            foreach (int s in block.Successors.Skip(1)) candidate = Lca(candidate, s);
            block.ImmediatePostDominator = candidate;
            depth[b] = depth[candidate] + 1;
        }
    }
}
