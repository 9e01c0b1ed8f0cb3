using System.Collections.Immutable;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>
/// Fallible work (a division, a checked operation, <c>.Value</c> of a nullable, a throw) must fail its row even when
/// its value is never used, and the first failure in program order must win. Each path keeps the fallible values it
/// computed in order (<see cref="State.Effects"/>); at a return they are sequenced before the value unless the
/// value already evaluates them, unconditionally and in the same order.
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>Pushes a value, recording it as an effect if it can fail a row.</summary>
    private static ExprSym Make(State state, Expr e, Type clrType)
    {
        if (Simplifier.CanFail(e)) Register(state, e);
        return new ExprSym(e, clrType);
    }

    private static void Register(State state, Expr e)
    {
        var effects = state.Effects;
        if (effects.Contains(e)) return;
        var order = UnconditionalFallible(e);
        // Trailing effects the new value evaluates anyway, in the same order, are subsumed by it.
        int keep = effects.Count;
        int lastIndex = int.MaxValue;
        while (keep > 0)
        {
            int idx = order.IndexOf(effects[keep - 1]);
            if (idx < 0 || idx > lastIndex) break;
            lastIndex = idx;
            keep--;
        }
        // An earlier effect that the new value evaluates after a subsumed one would lose its place in program order.
        for (int i = 0; i < keep && keep < effects.Count; i++)
        {
            if (order.IndexOf(effects[i]) > lastIndex) keep = effects.Count;
        }
        state.Effects = effects.GetRange(0, keep).Add(e);
    }

    /// <summary>The fallible subexpressions evaluated on every row that evaluates <paramref name="e"/>, in evaluation order.</summary>
    internal static List<Expr> UnconditionalFallible(Expr e)
    {
        var list = new List<Expr>();
        var seen = new HashSet<Expr>();
        void Visit(Expr x)
        {
            if (!Simplifier.CanFail(x) || seen.Contains(x)) return;
            switch (x)
            {
                case IfExpr i:
                    Visit(i.Condition);
                    break;
                case CoalesceExpr c:
                    Visit(c.Operands[0]);
                    break;
                default:
                    foreach (var c in x.Children) Visit(c);
                    break;
            }
            if (seen.Add(x)) list.Add(x);
        }
        Visit(e);
        return list;
    }

    /// <summary>Sequences the path's pending effects before <paramref name="value"/> where the value does not already evaluate them in order.</summary>
    private static Expr WithEffects(State state, Expr value)
    {
        var effects = state.Effects;
        if (effects.Count == 0) return value;
        var order = UnconditionalFallible(value);
        int last = -1;
        bool covered = true;
        foreach (var e in effects)
        {
            int idx = order.IndexOf(e);
            if (idx <= last)
            {
                covered = false;
                break;
            }
            last = idx;
        }
        return covered ? value : Expr.If(Sequence(effects), value, value);
    }

    /// <summary>The effects still pending after a branch tests <paramref name="condition"/>: none if the test evaluates them all, in order.</summary>
    private static ImmutableList<Expr> EffectsAfterTest(ImmutableList<Expr> effects, Expr condition)
    {
        if (effects.Count == 0) return effects;
        var order = UnconditionalFallible(condition);
        int last = -1;
        foreach (var e in effects)
        {
            int idx = order.IndexOf(e);
            if (idx <= last) return effects;
            last = idx;
        }
        return [];
    }

    /// <summary>A bool expression that evaluates each of <paramref name="effects"/> in order (its value is meaningless).</summary>
    private static Expr Sequence(IReadOnlyList<Expr> effects, int from = 0)
    {
        var probe = Expr.IsNull(effects[from]);
        if (from == effects.Count - 1) return probe;
        var rest = Sequence(effects, from + 1);
        return Expr.If(probe, rest, rest);
    }

    private static ImmutableList<Expr> MergeEffects(Expr cond, State a, State b, State merged)
    {
        int common = 0;
        while (common < a.Effects.Count && common < b.Effects.Count && a.Effects[common].Equals(b.Effects[common])) common++;
        var prefix = a.Effects.GetRange(0, common);
        var ra = a.Effects.GetRange(common, a.Effects.Count - common);
        var rb = b.Effects.GetRange(common, b.Effects.Count - common);
        if (ra.Count == 0 && rb.Count == 0) return prefix;
        // Prefer the merged slot values that carry the branch's fallible work: they fail exactly the rows that took it.
        var la = CoveringSlots(a, ra);
        var lb = CoveringSlots(b, rb);
        if (la is not null && lb is not null)
        {
            var combined = new List<int>(la);
            foreach (var k in lb)
            {
                if (!combined.Contains(k)) combined.Add(k);
            }
            if (IsSubsequence(lb, combined))
            {
                var result = prefix;
                foreach (var k in combined)
                {
                    var s = k < merged.Slots.Length ? merged.Slots[k] : merged.Stack[k - merged.Slots.Length];
                    if (s is ExprSym es && Simplifier.CanFail(es.Expr) && !result.Contains(es.Expr)) result = result.Add(es.Expr);
                }
                return result;
            }
        }
        Expr thenProbe = ra.Count > 0 ? Sequence(ra) : Expr.Lit(false);
        Expr elseProbe = rb.Count > 0 ? Sequence(rb) : Expr.Lit(false);
        return prefix.Add(Expr.If(cond, thenProbe, elseProbe));
    }

    private static List<int>? CoveringSlots(State s, ImmutableList<Expr> effects)
    {
        var result = new List<int>();
        var orders = new Dictionary<int, List<Expr>>();
        List<Expr> OrderOf(int k)
        {
            if (orders.TryGetValue(k, out var o)) return o;
            var sym = k < s.Slots.Length ? s.Slots[k] : s.Stack[k - s.Slots.Length];
            o = sym is ExprSym es ? UnconditionalFallible(es.Expr) : [];
            orders[k] = o;
            return o;
        }
        int total = s.Slots.Length + s.Stack.Count;
        foreach (var e in effects)
        {
            int found = -1;
            for (int k = 0; k < total && found < 0; k++)
            {
                if (OrderOf(k).Contains(e)) found = k;
            }
            if (found < 0) return null;
            if (!result.Contains(found)) result.Add(found);
        }
        return result;
    }

    private static bool IsSubsequence(List<int> sub, List<int> seq)
    {
        int j = 0;
        foreach (var x in seq)
        {
            if (j < sub.Count && sub[j] == x) j++;
        }
        return j == sub.Count;
    }
}
