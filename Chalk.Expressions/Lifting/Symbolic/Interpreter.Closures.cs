using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>
/// Lambdas as the C# compiler emits them, in Debug and Release: cached non-capturing lambdas
/// (<c>ldsfld &lt;&gt;c.&lt;&gt;9__N_M; dup; brtrue; pop; ldsfld &lt;&gt;c.&lt;&gt;9; ldftn; newobj Func; dup; stsfld</c>), closures over
/// locals and parameters (display classes filled by <c>stfld</c>), lambdas that capture <c>this</c>, and method groups.
/// A delegate is only ever lifted where a LINQ operator over a relation applies it to a child row (<see cref="LiftLambda"/>).
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>Whether a type is the compiler's lambda cache (<c>&lt;&gt;c</c>, <c>&lt;&gt;O</c> for method groups) or a display class.</summary>
    private static bool IsCompilerGenerated(Type? t) =>
        t is not null && t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && t.Name.StartsWith("<>", StringComparison.Ordinal);

    /// <summary>A load from the lambda cache: the <c>&lt;&gt;9</c> singleton, or a cached delegate, which is modelled as not cached yet so only the creating path runs.</summary>
    private static bool TryLoadCacheField(FieldInfo f, State s)
    {
        if (!IsCompilerGenerated(f.DeclaringType)) return false;
        if (f.Name == "<>9" && f.FieldType == f.DeclaringType)
        {
            // The singleton's identity is its type: every load is the same object.
            s.Push(new ClosureSym(f.FieldType, f.FieldType, ImmutableDictionary<string, Sym>.Empty));
            return true;
        }
        if (typeof(Delegate).IsAssignableFrom(f.FieldType))
        {
            s.Push(NullSym.Instance);
            return true;
        }
        return false;
    }

    private static void StoreStaticField(Frame frame, State s, IlInstruction ins)
    {
        var f = frame.Module.ResolveField(ins.Token, frame.TypeArgs, frame.MethodArgs) ?? throw new LiftFailure("unresolvable field token", ins.Offset);
        var value = s.Pop(ins.Offset);
        // Filling the lambda cache has no effect on the value: the lifter never reads the cache back.
        if (IsCompilerGenerated(f.DeclaringType) && value is DelegateSym) return;
        throw new LiftFailure($"static field write or address (stsfld {f.DeclaringType?.Name}.{f.Name})", ins.Offset);
    }

    private static void FieldAccess(Frame frame, State s, IlInstruction ins)
    {
        int at = ins.Offset;
        string name = ins.Name;
        var f = frame.Module.ResolveField(ins.Token, frame.TypeArgs, frame.MethodArgs) ?? throw new LiftFailure("unresolvable field token", at);
        string what = $"{f.DeclaringType?.Name}.{f.Name}";
        if (ins.Code == ILOpCode.Stfld)
        {
            var value = s.Pop(at);
            var target = s.Pop(at);
            if (target is not ClosureSym closure) throw new LiftFailure($"instance field access (stfld) of {what} on a {Kind(target)}", at);
            var updated = closure.With(f.Name, Coerce(value, f.FieldType, at));
            // The closure is one object: every copy of it on this path (slots, stack, delegates, enclosing closures) sees the store.
            for (int k = 0; k < s.Slots.Length; k++) s.Slots[k] = Rebind(s.Slots[k], updated);
            s.Stack = s.Stack.Select(x => Rebind(x, updated)).ToImmutableList();
            return;
        }
        var receiver = s.Pop(at);
        if (receiver is ParentObjectSym) throw ReadsParent(frame, what, at);
        if (receiver is not ClosureSym c) throw new LiftFailure($"instance field access ({name}) of {what} on a {Kind(receiver)}", at);
        if (ins.Code == ILOpCode.Ldflda)
        {
            s.Push(new FieldAddressSym(c, f));
            return;
        }
        if (!c.Fields.TryGetValue(f.Name, out var v))
        {
            // A display class's delegate cache (a lambda inside a lambda that captures only this closure, e.g. a window) is
            // modelled as not filled yet, like the static cache, so only the creating path runs.
            if (typeof(Delegate).IsAssignableFrom(f.FieldType) && f.Name.StartsWith("<>9__", StringComparison.Ordinal))
            {
                s.Push(NullSym.Instance);
                return;
            }
            throw new LiftFailure($"read of captured variable {what} before it is assigned", at);
        }
        s.Push(v);
    }

    private static Sym Rebind(Sym x, ClosureSym updated)
    {
        switch (x)
        {
            case ClosureSym c when ReferenceEquals(c.Identity, updated.Identity):
                return updated;
            case ClosureSym c:
            {
                var fields = c.Fields;
                foreach (var (k, v) in c.Fields)
                {
                    var r = Rebind(v, updated);
                    if (!ReferenceEquals(r, v)) fields = fields.SetItem(k, r);
                }
                return ReferenceEquals(fields, c.Fields) ? c : new ClosureSym(c.ClrType, c.Identity, fields);
            }
            case DelegateSym d:
            {
                var t = Rebind(d.Target, updated);
                return ReferenceEquals(t, d.Target) ? d : new DelegateSym(d.ClrType, d.Method, t);
            }
            case FieldAddressSym fa:
                return Rebind(fa.Closure, updated) is ClosureSym nc && !ReferenceEquals(nc, fa.Closure) ? new FieldAddressSym(nc, fa.Field) : fa;
            default:
                return x;
        }
    }

    private static void LoadFunction(Frame frame, State s, IlInstruction ins)
    {
        if (frame.Module.ResolveMethod(ins.Token, frame.TypeArgs, frame.MethodArgs) is not MethodInfo m)
            throw new LiftFailure("function pointer to a constructor (ldftn)", ins.Offset);
        s.Push(new FunctionPointerSym(m));
    }

    /// <summary><c>newobj</c> of a display class or a delegate; false for other types.</summary>
    private static bool TryNewClosureOrDelegate(State s, ConstructorInfo ctor, Sym[] args, int at)
    {
        var type = ctor.DeclaringType!;
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            if (args is not [var target, FunctionPointerSym fp])
                throw new LiftFailure($"delegate {type.Name} from something other than ldftn (a virtual method or a delegate conversion)", at);
            s.Push(new DelegateSym(type, fp.Method, target));
            return true;
        }
        if (args.Length == 0 && IsCompilerGenerated(type) && type.Name.Contains("DisplayClass", StringComparison.Ordinal))
        {
            s.Push(new ClosureSym(type, new object(), ImmutableDictionary<string, Sym>.Empty));
            return true;
        }
        return false;
    }

    /// <summary>
    /// Lifts the body of a lambda that a LINQ operator applies to one element of <paramref name="q"/> (the child row, or the
    /// selected value). The result may read only the child row's columns and the query time: anything else (the parent via
    /// <c>this</c>, a parent column captured in a local) has no meaning per child row.
    /// </summary>
    private Expr LiftLambda(Frame frame, Sym delegateValue, QuerySym q, string op, int at)
    {
        if (delegateValue is not DelegateSym d)
            throw new LiftFailure($"{op} over has-many relation '{q.Relation.Path}' with a {Kind(delegateValue)} as its delegate (only a lambda or method group written in place lifts)", at);
        var ps = d.Method.GetParameters();
        if (ps.Length != 1) throw new LiftFailure($"{op} over has-many relation '{q.Relation.Path}' with a delegate of {ps.Length} parameters", at);
        Sym element = q.Selected is null
            ? new ObjectSym(new SymbolicObject(q.Relation.RowPrefix, q.Relation.ElementType))
            : new ExprSym(q.Selected, q.ElementType);
        element = Coerce(element, ps[0].ParameterType, at);
        Sym[] args = d.Method.IsStatic ? [element] : [Isolate(d.Target), element];
        if (frame.Depth + 1 > _options.MaxInlineDepth)
            throw new LiftFailure($"inlining depth limit ({_options.MaxInlineDepth}) reached at the lambda of {op}", at);
        Expr body;
        try
        {
            // The lambda runs per child row: none of the parent path's facts hold there.
            body = Run(d.Method, args, frame.Depth + 1, ImmutableDictionary<Expr, bool>.Empty);
        }
        catch (LiftFailure f) when (f.IlOffset < 0)
        {
            throw new LiftFailure($"{f.Construct} (in the lambda of {op})", at) { Method = frame.Method };
        }
        body = Simplifier.Simplify(body);
        CheckReadsOnlyRow(body, q, $"the lambda of {op}", frame, at);
        return body;
    }

    /// <summary>Fails unless <paramref name="e"/> reads only the child row's columns and the query time.</summary>
    private static void CheckReadsOnlyRow(Expr e, QuerySym q, string what, Frame frame, int at)
    {
        string prefix = q.Relation.RowPrefix + ".";
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (!seen.Add(x)) continue;
            // An aggregate over a relation of the row itself (v.Deliveries.Count()) is one value per child row: the engine
            // computes it per child row first. Its own lambdas were checked against its own rows when it was lifted.
            if (x is AggregateExpr inner)
            {
                if (inner.Relation.StartsWith(prefix, StringComparison.Ordinal)) continue;
                throw new LiftFailure($"{what} over has-many relation '{q.Relation.Path}' contains an aggregate over '{inner.Relation}', which is not a relation of its row '{q.Relation.RowPrefix}'", at) { Method = frame.Method };
            }
            if (x is ColumnExpr c && !c.Name.StartsWith(prefix, StringComparison.Ordinal) && c.Name != AggregateExpr.AsOfColumn)
                throw new LiftFailure($"{what} over has-many relation '{q.Relation.Path}' reads {c}, which is not a column of the child row '{q.Relation.RowPrefix}' (such a lambda may read only its row, constants, captured locals and struct arguments)", at) { Method = frame.Method };
            foreach (var child in x.Children) stack.Push(child);
        }
    }

    /// <summary>The lambda's view of its target: the parent object becomes unreadable (see <see cref="ParentObjectSym"/>).</summary>
    private static Sym Isolate(Sym target) => target switch
    {
        ObjectSym o => new ParentObjectSym(o),
        ClosureSym c => new ClosureSym(c.ClrType, c.Identity, c.Fields.ToImmutableDictionary(kv => kv.Key, kv => Isolate(kv.Value))),
        _ => target,
    };

    private static LiftFailure ReadsParent(Frame frame, string what, int at) =>
        new($"the lambda {Describe(frame.Method)} reads the parent object via `this` ({what}): a lambda over a has-many relation may read only its row, constants, captured locals and struct arguments", at);
}
