using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>
/// LINQ over has-many relations (see docs/aggregations.md): <c>Where</c>/<c>Select</c>/<c>Distinct</c>/<c>OrderBy</c> build up
/// a <see cref="QuerySym"/>; a terminal operator makes one <see cref="AggregateExpr"/>, a leaf of the parent's expression.
/// </summary>
internal sealed partial class Interpreter
{
    private const string NoMatchMessage = "Sequence contains no matching element";

    private const string SupportedOperators = "Where, Select, Distinct, OrderBy, OrderByDescending, Count, LongCount, Sum, Average, Min, Max, Any, All, MinBy, MaxBy, First, FirstOrDefault, Last, LastOrDefault";

    /// <summary>Handles calls involving relations, picked rows, delegates and struct arguments; false for every other call.</summary>
    private bool TryRelationCall(Frame frame, State s, MethodBase m, Sym? receiver, Sym[] args, int at)
    {
        string what = $"{m.DeclaringType?.Name}.{m.Name}";
        if (receiver is ParentObjectSym || args.Any(a => a is ParentObjectSym)) throw ReadsParent(frame, what, at);
        switch (receiver)
        {
            case DelegateSym:
                throw new LiftFailure($"lambda or delegate invocation ({what}): a lambda lifts only as the argument of a LINQ operator over a has-many relation", at);
            case QuerySym q:
                RelationMember(s, q, m, args, at);
                return true;
            case ElementSym e when m is MethodInfo getter:
                s.Push(PickedRowMember(frame, s, e, getter, args, at));
                return true;
        }
        if (receiver is not null && PeekStruct(s, receiver) is { } st)
        {
            s.Push(StructMember(st, m, args, at));
            return true;
        }
        if (m.DeclaringType == typeof(Enumerable) && args is [QuerySym source, ..])
        {
            Linq(frame, s, (MethodInfo)m, source, args, at);
            return true;
        }
        if (IsFrameworkAssembly(m.Module.Assembly) && args.FirstOrDefault(a => a is QuerySym or ElementSym) is { } rel)
            throw new LiftFailure($"call to {what} with a {Kind(rel)}: {(m.DeclaringType == typeof(Enumerable) ? "only a relation (after " + SupportedOperators + ") can be aggregated" : "no aggregate for it")}", at);
        return false;
    }

    private static void RelationMember(State s, QuerySym q, MethodBase m, Sym[] args, int at)
    {
        string what = $"{m.DeclaringType?.Name}.{m.Name}";
        if (m.Name == "get_Count" && args.Length == 0 && q.IsBare)
        {
            // IReadOnlyCollection<T>.Count, ICollection<T>.Count or the relation class's own Count getter.
            s.Push(Aggregate(s, q, AggregateKind.Count, null, null, false, false, false, typeof(int)));
            return;
        }
        throw new LiftFailure(m.Name switch
        {
            "GetEnumerator" => $"iteration over has-many relation '{q.Relation.Path}' ({what}: foreach or a loop); use a LINQ aggregate ({SupportedOperators})",
            "get_Item" => $"indexing has-many relation '{q.Relation.Path}' ({what}); use First/Last with OrderBy",
            _ => $"call to {what} on has-many relation '{q.Relation.Path}': no aggregate for it (supported: {SupportedOperators}, Count)",
        }, at);
    }

    private void Linq(Frame frame, State s, MethodInfo m, QuerySym q, Sym[] args, int at)
    {
        string op = m.Name;
        var ps = m.GetParameters();
        var ft = ps.Length == 2 && ps[1].ParameterType is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Func<,>) ? t : null;
        bool lambda = ft is not null;
        bool plain = ps.Length == 1;
        string path = q.Relation.Path;
        Expr Lambda(QuerySym over) => LiftLambda(frame, args[1], over, op, at);
        switch (op)
        {
            case "Where" when lambda:
                s.Push(q.Where(Lambda(q)));
                return;
            case "Select" when lambda:
            {
                if (q.Distinct) throw new LiftFailure($"Select after Distinct() over '{path}' (select before de-duplicating)", at);
                var type = ft!.GetGenericArguments()[1];
                if (!TypeMap.TryMap(type, out _, out _)) throw new LiftFailure($"Select to {type.Name} over '{path}': only values of IR types can be selected", at);
                s.Push(q.Select(Lambda(q), type));
                return;
            }
            case "Distinct" when plain:
                if (q.Selected is null) throw new LiftFailure($"Distinct() over the rows of '{path}' (select a value first: Select(r => r.X).Distinct())", at);
                s.Push(q.MakeDistinct());
                return;
            case "OrderBy" or "OrderByDescending" when lambda:
                if (q.Order is not null) throw new LiftFailure($"{op} after OrderBy over '{path}': only one ordering key lifts", at);
                if (q.Distinct) throw new LiftFailure($"{op} after Distinct() over '{path}'", at);
                s.Push(q.OrderBy(Lambda(q), op == "OrderByDescending"));
                return;
            case "Count" or "LongCount" when plain || lambda:
            {
                var f = lambda ? q.Where(Lambda(q)) : q;
                s.Push(Aggregate(s, f, AggregateKind.Count, f.Distinct ? f.Selected : null, null, false, f.Distinct, false, m.ReturnType));
                return;
            }
            case "Any" when plain || lambda:
            {
                var f = lambda ? q.Where(Lambda(q)) : q;
                s.Push(Aggregate(s, f, AggregateKind.Any, null, null, false, false, false, typeof(bool)));
                return;
            }
            case "All" when lambda:
                s.Push(Aggregate(s, q, AggregateKind.All, Lambda(q), null, false, false, false, typeof(bool)));
                return;
            case "Sum" or "Average" or "Min" or "Max" when plain || lambda:
                s.Push(Numeric(frame, s, m, q, args, lambda, at));
                return;
            case "MinBy" or "MaxBy" when lambda:
                if (q.Selected is not null) throw new LiftFailure($"{op} over selected values of '{path}' (use it on the rows: {op}(r => key)?.X)", at);
                if (q.Order is not null) throw new LiftFailure($"{op} after OrderBy over '{path}'", at);
                s.Push(new ElementSym(q, op == "MinBy" ? AggregateKind.MinBy : AggregateKind.MaxBy, Lambda(q), false, failOnEmpty: false));
                return;
            case "First" or "FirstOrDefault" or "Last" or "LastOrDefault" when plain || (lambda && ft!.GetGenericArguments()[1] == typeof(bool)):
                s.Push(FirstOrLast(s, m, lambda ? q.Where(Lambda(q)) : q, lambda, at));
                return;
        }
        var shown = $"Enumerable.{op}({string.Join(", ", ps.Select(p => p.ParameterType.Name))})";
        throw new LiftFailure($"LINQ operator {shown} over has-many relation '{path}' does not lift (supported: {SupportedOperators})", at);
    }

    private Sym Numeric(Frame frame, State s, MethodInfo m, QuerySym q, Sym[] args, bool lambda, int at)
    {
        string op = m.Name;
        var kind = Enum.Parse<AggregateKind>(op);
        Expr value;
        bool distinct;
        if (lambda)
        {
            if (q.Distinct) throw new LiftFailure($"{op} with a selector after Distinct() over '{q.Relation.Path}' (select the value before Distinct)", at);
            value = LiftLambda(frame, args[1], q, op, at);
            distinct = false;
        }
        else
        {
            value = q.Selected ?? throw new LiftFailure($"{op}() over the rows of '{q.Relation.Path}': give a selector", at);
            distinct = q.Distinct;
        }
        var type = m.ReturnType;
        if (!TypeMap.TryMap(type, out var et, out _)) throw new LiftFailure($"{op} returning {type.Name}, which has no IR type", at);
        if (et == ExprType.Utf8) throw new LiftFailure($"{op} of strings over '{q.Relation.Path}' (culture-sensitive comparison)", at);
        // LINQ's non-nullable Average/Min/Max throw on no elements; Sum gives 0 and the nullable overloads give null.
        bool failOnEmpty = kind != AggregateKind.Sum && type.IsValueType && !TypeMap.IsNullable(type);
        return Aggregate(s, q, kind, value, null, false, distinct, failOnEmpty, type);
    }

    private static Sym FirstOrLast(State s, MethodInfo m, QuerySym q, bool predicate, int at)
    {
        bool orDefault = m.Name.EndsWith("OrDefault", StringComparison.Ordinal);
        var kind = m.Name.StartsWith("First", StringComparison.Ordinal) ? AggregateKind.First : AggregateKind.Last;
        if (q.Distinct) throw new LiftFailure($"{m.Name} after Distinct() over '{q.Relation.Path}'", at);
        // First(p)/Last(p) fail with their own message when nothing matches, so the aggregate gives null and an if fails.
        string? noMatch = predicate && !orDefault ? NoMatchMessage : null;
        bool failOnEmpty = !orDefault && noMatch is null;
        if (q.Selected is null) return new ElementSym(q, kind, q.Order, q.Descending, failOnEmpty, noMatch);
        var type = m.ReturnType;
        if (noMatch is not null)
        {
            var picked = Node(q, kind, q.Selected, q.Order, q.Descending, false, false, type);
            return Make(s, WithRelationMissing(q, Expr.If(ElementSym.IsEmpty(q), Expr.Error(noMatch, picked.Type), picked)), type);
        }
        var agg = Aggregate(s, q, kind, q.Selected, q.Order, q.Descending, false, failOnEmpty, type);
        // FirstOrDefault of a non-nullable value type gives default(T), not null, on no rows.
        if (orDefault && type.IsValueType && !TypeMap.IsNullable(type) && TypeMap.TryDefault(type, out var zero))
            return Make(s, Expr.Coalesce(((ExprSym)agg).Expr, zero!), type);
        return agg;
    }

    /// <summary>Reads <c>.X</c> of a picked row: the aggregate whose value is X; <c>.X</c> of no row is a NullReferenceException.</summary>
    private Sym PickedRowMember(Frame frame, State s, ElementSym e, MethodInfo getter, Sym[] args, int at)
    {
        var q = e.Query;
        var row = new ObjectSym(new SymbolicObject(q.Relation.RowPrefix, q.Relation.ElementType));
        var v = BindMember(frame, s, row, getter, args, at);
        if (v is not ExprSym vs) throw new LiftFailure($"{e.Kind}(…).{getter.Name} over '{q.Relation.Path}' is a {Kind(v)}: only scalar members of a picked row lift", at);
        var value = Simplifier.Simplify(vs.Expr);
        CheckReadsOnlyRow(value, q, $"{e.Kind}(…).{getter.Name}", frame, at);
        var agg = new AggregateExpr(e.Kind, q.Relation.Path, q.Relation.RowPrefix, value, q.Filter, e.Order, e.Descending, false, e.FailOnEmpty,
            value.Type, nullable: !e.FailOnEmpty || value.Nullable);
        var (missing, positive) = Normalize(Simplifier.Simplify(ElementSym.IsEmpty(q)));
        bool present = e.FailOnEmpty || (s.Facts.TryGetValue(missing, out var known) && known != positive);
        // No row: First(p)/Last(p) threw already; MinBy/MaxBy/…OrDefault returned null, so `.X` is a NullReferenceException.
        Expr result = present ? agg : Expr.If(ElementSym.IsEmpty(q), Expr.Error(e.NoMatch ?? NullReferenceMessage, value.Type), agg);
        return Make(s, WithRelationMissing(q, result), vs.ClrType);
    }

    /// <summary>A null test of a picked row (<c>MaxBy(…)?.X</c>, <c>First… == null</c>): whether the filtered relation is empty.</summary>
    internal static Expr PickedRowIsNull(ElementSym e, int at)
    {
        // The holder's NullReferenceException comes before the test in C#; an empty-relation test alone would hide it.
        if (e.Query.Missing is not null) throw new LiftFailure($"null test of a row picked from '{e.Query.Relation.Path}', a relation of a possibly missing object", at);
        return e.IsMissing;
    }

    private static Sym Aggregate(State s, QuerySym q, AggregateKind kind, Expr? value, Expr? order, bool descending, bool distinct, bool failOnEmpty, Type type)
        => Make(s, WithRelationMissing(q, Node(q, kind, value, order, descending, distinct, failOnEmpty, type)), type);

    /// <summary>The aggregate over <paramref name="q"/>'s rows (its filter), typed like the C# operator's result.</summary>
    private static AggregateExpr Node(QuerySym q, AggregateKind kind, Expr? value, Expr? order, bool descending, bool distinct, bool failOnEmpty, Type type)
    {
        TypeMap.TryMap(type, out var et, out var nullable);
        // A picked value is null on no rows (unless that fails) and wherever the picked row's value is null.
        if (kind is AggregateKind.First or AggregateKind.Last) nullable |= !failOnEmpty || value!.Nullable;
        return new AggregateExpr(kind, q.Relation.Path, q.Relation.RowPrefix, value, q.Filter, order, descending, distinct, failOnEmpty, et, nullable);
    }

    /// <summary>A relation reached through a missing has-one object (<c>this.User.Reviews</c> with no user) is a NullReferenceException.</summary>
    private static Expr WithRelationMissing(QuerySym q, Expr value) =>
        q.Missing is null ? value : Expr.If(q.Missing, Expr.Error(NullReferenceMessage, value.Type), value);

    private static StructSym? PeekStruct(State s, Sym receiver) => receiver switch
    {
        StructSym st => st,
        AddressSym a => s.Slots[a.Slot] as StructSym,
        FieldAddressSym fa => fa.Closure.Fields.GetValueOrDefault(fa.Field.Name) as StructSym,
        _ => null,
    };

    private static ExprSym StructMember(StructSym st, MethodBase m, Sym[] args, int at)
    {
        if (m is MethodInfo getter && args.Length == 0 && m.Name.StartsWith("get_", StringComparison.Ordinal)
            && st.Properties.TryGetValue(m.Name[4..], out var value))
        {
            if (!TypeMap.TryMap(getter.ReturnType, out var et, out _) || et != value.Type)
                throw new LiftFailure($"struct argument {st.ClrType.Name}.{m.Name[4..]} is given as a {value.Type.Name()} but returns {getter.ReturnType.Name}", at);
            return new ExprSym(value, getter.ReturnType);
        }
        throw new LiftFailure($"call to {st.ClrType.Name}.{m.Name} on a struct argument: only its properties {string.Join(", ", st.Properties.Keys)} are given (LiftOptions.StructArguments)", at);
    }
}
