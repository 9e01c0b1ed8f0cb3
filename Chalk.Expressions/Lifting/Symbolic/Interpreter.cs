using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>
/// Symbolically executes IL over <see cref="Sym"/> values. A conditional branch forks the state; both sides run
/// until the branch's immediate post-dominator (the join), where stacks and slots merge into <c>if(cond, a, b)</c>
/// and execution continues once. Paths that return or throw before the join stay leaves of the outcome tree.
/// </summary>
/// <remarks>
/// <code>
///   block ──cond──┬── then-region ──┐
///                 └── else-region ──┴─► join (merged state) ──► …
/// </code>
/// </remarks>
internal sealed partial class Interpreter
{
    internal const string NullReferenceMessage = "Object reference not set to an instance of an object.";
    internal const string NullableMessage = "Nullable object must have a value.";
    internal const string OverflowMessage = "Arithmetic operation resulted in an overflow.";

    private readonly LiftOptions _options;
    private readonly long _maxSteps;
    private long _steps;

    public Interpreter(LiftOptions options)
    {
        _options = options;
        _maxSteps = (long)options.GasLimit * options.InterpretationFactor;
    }

    public long Steps => _steps;

    /// <summary>Interprets a whole method with the given argument values; returns its value as one expression (row errors as error values).</summary>
    public Expr Run(MethodBase method, Sym[] args, int depth, ImmutableDictionary<Expr, bool> facts)
    {
        try
        {
            var body = method.GetMethodBody() ?? throw new LiftFailure($"method {Describe(method)} has no IL body", -1);
            if (body.ExceptionHandlingClauses.Count > 0)
            {
                var c = body.ExceptionHandlingClauses[0];
                string kind = c.Flags switch
                {
                    ExceptionHandlingClauseOptions.Finally => "try/finally (or using/lock/foreach)",
                    ExceptionHandlingClauseOptions.Fault => "try/fault",
                    ExceptionHandlingClauseOptions.Filter => "try/catch with a filter",
                    _ => "try/catch",
                };
                throw new LiftFailure($"exception handler ({kind})", c.TryOffset);
            }
            var returnType = method is MethodInfo mi ? mi.ReturnType : typeof(void);
            if (returnType == typeof(void)) throw new LiftFailure($"method {Describe(method)} returns void; only methods that return a value lift", -1);
            if (!TypeMap.TryMap(returnType, out var retExpr, out _))
                throw new LiftFailure($"return type {returnType.Name} has no IR type", -1);
            var il = body.GetILAsByteArray() ?? [];
            var cfg = new ControlFlowGraph(IlReader.Read(il));
            var locals = body.LocalVariables;
            var slotTypes = new Type[args.Length + locals.Count];
            var slots = new Sym[slotTypes.Length];
            var parameters = method.GetParameters();
            int argBase = method.IsStatic ? 0 : 1;
            if (!method.IsStatic) slotTypes[0] = method.DeclaringType!;
            for (int i = 0; i < parameters.Length; i++) slotTypes[argBase + i] = parameters[i].ParameterType;
            for (int i = 0; i < args.Length; i++) slots[i] = args[i];
            foreach (var local in locals)
            {
                int slot = args.Length + local.LocalIndex;
                slotTypes[slot] = local.LocalType;
                slots[slot] = DefaultValue(local.LocalType);
            }
            var frame = new Frame(method, cfg, slotTypes, args.Length, returnType, retExpr, depth);
            var state = new State(slots, [], facts, []);
            var outcome = ExecRegion(frame, 0, state, ControlFlowGraph.Exit);
            return ToExpr(outcome);
        }
        catch (LiftFailure f)
        {
            f.Method ??= method;
            throw;
        }
    }

    internal static string Describe(MethodBase m) => $"{m.DeclaringType?.Name}.{m.Name}";

    private static Sym DefaultValue(Type t)
    {
        if (TypeMap.TryDefault(t, out var value)) return new ExprSym(value, t);
        if (t == typeof(System.Runtime.CompilerServices.DefaultInterpolatedStringHandler)) return new UninitializedSym(t);
        return new UninitializedSym(t);
    }

    private static Expr ToExpr(Outcome o) => o switch
    {
        ReturnOutcome r => r.Value,
        BranchOutcome b => Conditionals.If(b.Condition, ToExpr(b.Then), ToExpr(b.Else)),
        _ => throw new ChalkInternalException("lifter: a path continued past the method's exit"),
    };

    private void Tick(int offset)
    {
        if (++_steps > _maxSteps)
            throw new LiftFailure($"gas limit exceeded during symbolic execution: more than {_maxSteps} instructions interpreted over all paths (path explosion; raise LiftOptions.GasLimit)", offset);
    }

    /// <summary>Runs from <paramref name="block"/> until <paramref name="stop"/> (a post-dominator of it) or the method's exit.</summary>
    private Outcome ExecRegion(Frame frame, int block, State state, int stop)
    {
        var cfg = frame.Cfg;
        while (true)
        {
            if (block == stop) return new ContinueOutcome(state);
            var bb = cfg.Blocks[block];
            for (int i = bb.Start; i < bb.End; i++)
            {
                var ins = cfg.Instructions[i];
                Tick(ins.Offset);
                bool last = i == bb.End - 1;
                if (last && (ins.IsBranch || ins.Operand is int[] || ins.OpCode.FlowControl is System.Reflection.Emit.FlowControl.Return or System.Reflection.Emit.FlowControl.Throw))
                {
                    var outcome = Terminate(frame, bb, ins, state, stop, out int next);
                    if (outcome is not null) return outcome;
                    block = next;
                    goto nextBlock;
                }
                Step(frame, ins, state);
            }
            block = bb.Successors[0];
        nextBlock:;
        }
    }

    /// <summary>Handles a block's last instruction; returns an outcome, or null with <paramref name="next"/> for an unconditional jump.</summary>
    private Outcome? Terminate(Frame frame, BasicBlock bb, IlInstruction ins, State state, int stop, out int next)
    {
        next = -1;
        switch (ins.Code)
        {
            case ILOpCode.Ret:
            {
                var v = Coerce(state.Pop(ins.Offset), frame.ReturnType, ins.Offset);
                return new ReturnOutcome(WithEffects(state, AsExpr(v, frame.ReturnType, ins.Offset)));
            }
            case ILOpCode.Throw:
            {
                var ex = state.Pop(ins.Offset);
                // A message built from row values (an interpolated string, a value passed to the constructor) cannot be
                // an IR constant; lifting it as .NET's generic message would lose what the user wrote, so run per row.
                if (ex is ExceptionSym { Message: null })
                    throw new LiftFailure($"throw of {ex.ClrType.Name} whose message is computed from the row", ins.Offset);
                string message = ex is ExceptionSym { Message: { } m } ? m : $"Exception of type '{ex.ClrType.FullName}' was thrown.";
                return new ReturnOutcome(WithEffects(state, Expr.Error(message, frame.ReturnExprType)));
            }
            case ILOpCode.Br or ILOpCode.Leave:
                next = frame.Cfg.BlockAt((int)ins.Operand!);
                return null;
            case ILOpCode.Switch:
                return Switch(frame, bb, ins, state, stop);
            default:
            {
                var cond = BranchCondition(ins, state);
                int taken = frame.Cfg.BlockAt((int)ins.Operand!);
                int fallThrough = bb.Index + 1;
                return Fork(frame, bb, state, cond, taken, fallThrough, stop, ins.Offset, out next);
            }
        }
    }

    private Outcome? Fork(Frame frame, BasicBlock bb, State state, Expr cond, int taken, int fallThrough, int stop, int offset, out int next)
    {
        next = -1;
        cond = Simplifier.Simplify(cond);
        var (atom, positive) = Normalize(cond);
        bool? known = atom is LiteralExpr { Value: bool lit } ? lit : state.Facts.TryGetValue(atom, out var f) ? f : null;
        if (known is bool k)
        {
            next = k == positive ? taken : fallThrough;
            return null;
        }
        if (taken == fallThrough)
        {
            next = taken;
            return null;
        }
        int join = frame.Cfg.JoinOf(bb.Index, stop);
        state = state.Clone();
        state.Effects = EffectsAfterTest(state.Effects, atom);
        var whenTrue = state.Clone();
        whenTrue.Facts = AddFacts(whenTrue.Facts, atom, true);
        var whenFalse = state.Clone();
        whenFalse.Facts = AddFacts(whenFalse.Facts, atom, false);
        var atomTrue = ExecRegion(frame, positive ? taken : fallThrough, whenTrue, join);
        var atomFalse = ExecRegion(frame, positive ? fallThrough : taken, whenFalse, join);
        return ContinueAtJoin(frame, new BranchOutcome(atom, atomTrue, atomFalse), join, stop, offset);
    }

    private static ImmutableDictionary<Expr, bool> AddFacts(ImmutableDictionary<Expr, bool> facts, Expr atom, bool value)
    {
        foreach (var (a, v) in Conditionals.Implied(atom, value)) facts = facts.SetItem(a, v);
        return facts;
    }

    private Outcome Switch(Frame frame, BasicBlock bb, IlInstruction ins, State state, int stop)
    {
        var v = AsInt(state.Pop(ins.Offset), ins.Offset);
        var targets = (int[])ins.Operand!;
        int join = frame.Cfg.JoinOf(bb.Index, stop);
        int fallThrough = bb.Index + 1;
        if (Simplifier.Simplify(v) is LiteralExpr { Value: int known })
        {
            int target = known >= 0 && known < targets.Length ? frame.Cfg.BlockAt(targets[known]) : fallThrough;
            return ExecRegion(frame, target, state, stop);
        }
        var otherwise = state.Clone();
        var cases = new List<(Expr Cond, Outcome Outcome)>();
        for (int i = 0; i < targets.Length; i++)
        {
            var cond = Simplifier.Simplify(Expr.Call("eq", v, Expr.Lit(i)));
            var s = state.Clone();
            s.Facts = s.Facts.SetItem(cond, true);
            otherwise.Facts = otherwise.Facts.SetItem(cond, false);
            cases.Add((cond, ExecRegion(frame, frame.Cfg.BlockAt(targets[i]), s, join)));
        }
        Outcome o = ExecRegion(frame, fallThrough, otherwise, join);
        for (int i = cases.Count - 1; i >= 0; i--) o = new BranchOutcome(cases[i].Cond, cases[i].Outcome, o);
        return ContinueAtJoin(frame, o, join, stop, ins.Offset);
    }

    private Outcome ContinueAtJoin(Frame frame, Outcome o, int join, int stop, int offset)
    {
        if (!o.HasContinue || join == stop) return o;
        if (join == ControlFlowGraph.Exit) throw new ChalkInternalException($"lifter: a path reached the exit without returning at IL_{offset:X4}");
        var merged = MergeContinues(o, offset)!;
        var rest = ExecRegion(frame, join, merged, stop);
        return Substitute(o, rest);
    }

    private static Outcome Substitute(Outcome o, Outcome rest) => o switch
    {
        ContinueOutcome => rest,
        BranchOutcome b when b.HasContinue => new BranchOutcome(b.Condition, Substitute(b.Then, rest), Substitute(b.Else, rest)),
        _ => o,
    };

    internal static (Expr Atom, bool Positive) Normalize(Expr cond)
    {
        bool positive = true;
        while (cond is CallExpr { Name: "not" } not)
        {
            cond = not.Args[0];
            positive = !positive;
        }
        // Release IL branches on the inverted test (ble for `x > 10`); without NaN, le is not(gt), so both builds
        // use one atom per comparison.
        if (cond is CallExpr { Name: "le" or "ge" or "ne", Args: [var a, var b] } cmp && !a.Nullable && !b.Nullable
            && a.Type is ExprType.Int32 or ExprType.Int64 or ExprType.Timestamp or ExprType.Duration or ExprType.Bool or ExprType.Utf8)
        {
            string opposite = cmp.Name switch { "le" => "gt", "ge" => "lt", _ => "eq" };
            return (Expr.Call(opposite, a, b), !positive);
        }
        return (cond, positive);
    }

    private State? MergeContinues(Outcome o, int offset) => o switch
    {
        ContinueOutcome c => c.State,
        BranchOutcome b => Join(b.Condition, MergeContinues(b.Then, offset), MergeContinues(b.Else, offset), offset),
        _ => null,
    };

    private State? Join(Expr cond, State? a, State? b, int offset)
    {
        if (a is null) return b;
        if (b is null) return a;
        if (a.Stack.Count != b.Stack.Count) throw new LiftFailure($"evaluation stacks of different depths ({a.Stack.Count} and {b.Stack.Count}) meet at a join", offset);
        var slots = new Sym[a.Slots.Length];
        for (int i = 0; i < slots.Length; i++) slots[i] = MergeSym(cond, a.Slots[i], b.Slots[i]);
        var stack = ImmutableList.CreateBuilder<Sym>();
        for (int i = 0; i < a.Stack.Count; i++) stack.Add(MergeSym(cond, a.Stack[i], b.Stack[i]));
        var facts = ImmutableDictionary.CreateBuilder<Expr, bool>();
        foreach (var (k, v) in a.Facts)
        {
            if (b.Facts.TryGetValue(k, out var w) && w == v) facts.Add(k, v);
        }
        var merged = new State(slots, stack.ToImmutable(), facts.ToImmutable(), []);
        merged.Effects = MergeEffects(cond, a, b, merged);
        return merged;
    }

    private static Sym MergeSym(Expr cond, Sym a, Sym b)
    {
        if (ReferenceEquals(a, b)) return a;
        switch (a, b)
        {
            case (ExprSym x, ExprSym y):
            {
                if (x.ClrType == y.ClrType && x.Expr.Equals(y.Expr)) return a;
                var (ex, ey, type) = Unify(x, y);
                if (ex is null || ey is null) return new UninitializedSym(typeof(object));
                return new ExprSym(Conditionals.If(cond, ex, ey), type);
            }
            case (NullSym, NullSym):
                return a;
            case (NullSym, ExprSym { Expr.Type: ExprType.Utf8 } y):
                return new ExprSym(Conditionals.If(cond, Expr.Null(ExprType.Utf8), y.Expr), typeof(string));
            case (ExprSym { Expr.Type: ExprType.Utf8 } x, NullSym):
                return new ExprSym(Conditionals.If(cond, x.Expr, Expr.Null(ExprType.Utf8)), typeof(string));
            case (AddressSym x, AddressSym y) when x.Slot == y.Slot:
                return a;
            case (HandlerSym x, HandlerSym y):
                return new HandlerSym(Conditionals.If(cond, x.Text, y.Text));
            case (ObjectSym x, ObjectSym y) when ReferenceEquals(x.Object, y.Object):
                return a;
            case (UninitializedSym, _):
                return a;
            case (_, UninitializedSym):
                return b;
            default:
                // Values of different kinds at a join are fine as long as nobody reads them afterwards.
                return new UninitializedSym(typeof(object));
        }
    }

    /// <summary>Brings two values meeting at a join to one CLR type (bool vs int32 constants, T vs T?).</summary>
    private static (Expr? A, Expr? B, Type Type) Unify(ExprSym x, ExprSym y)
    {
        if (x.Expr.Type == y.Expr.Type)
        {
            var t = x.ClrType == y.ClrType ? x.ClrType
                : TypeMap.IsNullable(x.ClrType) ? x.ClrType
                : TypeMap.IsNullable(y.ClrType) ? y.ClrType
                : x.ClrType;
            return (x.Expr, y.Expr, t);
        }
        if (x.Expr.Type == ExprType.Bool && y.Expr.Type == ExprType.Int32)
        {
            var yb = IntLiteralAsBool(y.Expr);
            return yb is not null ? (x.Expr, yb, typeof(bool)) : (BoolToInt(x.Expr), y.Expr, typeof(int));
        }
        if (x.Expr.Type == ExprType.Int32 && y.Expr.Type == ExprType.Bool)
        {
            var xb = IntLiteralAsBool(x.Expr);
            return xb is not null ? (xb, y.Expr, typeof(bool)) : (x.Expr, BoolToInt(y.Expr), typeof(int));
        }
        return (null, null, typeof(object));
    }

    internal static Expr? IntLiteralAsBool(Expr e) => e is LiteralExpr { Value: int v } && v is 0 or 1 ? Expr.Lit(v == 1) : null;

    internal static Expr BoolToInt(Expr e) => e is LiteralExpr { Value: bool b } ? Expr.Lit(b ? 1 : 0) : Expr.If(e, Expr.Lit(1), Expr.Lit(0));
}
