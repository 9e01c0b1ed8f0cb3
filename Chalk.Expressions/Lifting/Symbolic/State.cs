using System.Collections.Immutable;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>The symbolic machine state on one path: slots (arguments then locals), the evaluation stack, what the path knows, and fallible work done so far.</summary>
internal sealed class State
{
    public State(Sym[] slots, ImmutableList<Sym> stack, ImmutableDictionary<Expr, bool> facts, ImmutableList<Expr> effects)
    {
        Slots = slots;
        Stack = stack;
        Facts = facts;
        Effects = effects;
    }

    public Sym[] Slots { get; }

    public ImmutableList<Sym> Stack { get; set; }

    /// <summary>Branch conditions (atoms, without a leading <c>not</c>) known on this path, and their value.</summary>
    public ImmutableDictionary<Expr, bool> Facts { get; set; }

    /// <summary>Values computed on this path that can fail a row, in program order; they must fail the row even if unused.</summary>
    public ImmutableList<Expr> Effects { get; set; }

    public State Clone() => new((Sym[])Slots.Clone(), Stack, Facts, Effects);

    public void Push(Sym s) => Stack = Stack.Add(s);

    public Sym Pop(int offset)
    {
        if (Stack.Count == 0) throw new LiftFailure("evaluation stack underflow", offset);
        var s = Stack[^1];
        Stack = Stack.RemoveAt(Stack.Count - 1);
        return s;
    }

    public Sym Peek(int offset) => Stack.Count == 0 ? throw new LiftFailure("evaluation stack underflow", offset) : Stack[^1];

    /// <summary>Whether the path knows the value is not null.</summary>
    public bool KnownNonNull(Expr e) => KnownNonNull(e, 4);

    private bool KnownNonNull(Expr e, int depth)
    {
        if (!e.Nullable || (Facts.TryGetValue(Expr.IsNull(e), out var isNull) && !isNull)) return true;
        if (depth == 0) return false;
        return e switch
        {
            LiteralExpr l => !l.IsNullValue,
            CallExpr { Function.NullHandling: NullHandling.Propagate } c => c.Args.All(a => KnownNonNull(a, depth - 1)),
            IfExpr i => KnownNonNull(i.Then, depth - 1) && KnownNonNull(i.Else, depth - 1),
            CoalesceExpr co => KnownNonNull(co.Operands[^1], depth - 1),
            CastExpr c => KnownNonNull(c.Operand, depth - 1),
            _ => false,
        };
    }

    /// <summary>Records that the rest of this path only runs where <paramref name="e"/> is not null (a dereference succeeded).</summary>
    public void AssumeNonNull(Expr e)
    {
        if (e.Nullable && e is not LiteralExpr) Facts = Facts.SetItem(Expr.IsNull(e), false);
    }
}

/// <summary>The result of interpreting a region: a decision tree whose leaves return a value or continue at the region's join block.</summary>
internal abstract class Outcome
{
    public abstract bool HasContinue { get; }
}

/// <summary>The method returned this value (or failed: an error value) on the path.</summary>
internal sealed class ReturnOutcome(Expr value) : Outcome
{
    public Expr Value { get; } = value;

    public override bool HasContinue => false;
}

/// <summary>The path reached the join block with this state.</summary>
internal sealed class ContinueOutcome(State state) : Outcome
{
    public State State { get; } = state;

    public override bool HasContinue => true;
}

/// <summary>The path forked on <see cref="Condition"/>.</summary>
internal sealed class BranchOutcome(Expr condition, Outcome then, Outcome @else) : Outcome
{
    public Expr Condition { get; } = condition;

    public Outcome Then { get; } = then;

    public Outcome Else { get; } = @else;

    public override bool HasContinue { get; } = then.HasContinue || @else.HasContinue;
}
