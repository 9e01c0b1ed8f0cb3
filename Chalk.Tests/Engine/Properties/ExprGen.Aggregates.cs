namespace Chalk.Tests.Engine.Properties;

/// <summary>LINQ over has-many relations: counts, sums, Any/All, Max over a possibly empty filter, First/Last, MaxBy, string orderings.</summary>
internal sealed partial class ExprGen
{
    private (string Relation, string Field)? ChildField(ScalarType type)
    {
        var options = env.HasManys.SelectMany(h => h.Child.Stored.Where(f => f.Type == type).Select(f => (h.Property, f.Property))).ToList();
        return options.Count == 0 ? null : _c.Pick(options);
    }

    private string? AnyRelation() => env.HasManys.Count == 0 ? null : _c.Pick(env.HasManys).Property;

    /// <summary>A predicate over a child row <c>c</c> of <paramref name="relation"/>.</summary>
    private string ChildPredicate(string relation)
    {
        var child = env.HasManys.First(h => h.Property == relation).Child;
        if (child.Stored.Count == 0) return $"(c.Id {(child.StringKey ? "!= \"a\"" : "> 1L")})";
        var f = _c.Pick(child.Stored);
        return f.Type.Kind switch
        {
            ValueKind.Long when f.Type.Nullable => $"((c.{f.Property} ?? 0L) {_c.Pick([">", "<", "=="])} {_c.Pick(s_longs[..6])})",
            ValueKind.Long => $"(c.{f.Property} {_c.Pick([">", "<", "=="])} {_c.Pick(s_longs[..6])})",
            ValueKind.Double => $"(c.{f.Property} {_c.Pick([">", "<="])} {_c.Pick(s_doubles[..4])})",
            ValueKind.Bool when f.Type.Nullable => $"(c.{f.Property} == true)",
            ValueKind.Bool => _c.Next(2) == 0 ? $"c.{f.Property}" : $"(!c.{f.Property})",
            _ => $"(c.{f.Property} == {_c.Pick(s_strings)})",
        };
    }

    private string? LongAggregate(int d)
    {
        if (AnyRelation() is not { } rel) return null;
        var field = ChildField(new(ValueKind.Long, false));
        switch (_c.Next(11))
        {
            case 1: return $"((long){rel}.Count(c => {ChildPredicate(rel)}))";
            case 2: return $"((long){rel}.Where(c => {ChildPredicate(rel)}).Count())";
            case 3 when field is { } f: return $"{f.Relation}.Sum(c => c.{f.Field})";
            case 4 when field is { } f && !GraphGen.Avoids("throwing-aggregates"): return $"{f.Relation}.Max(c => c.{f.Field})";
            case 5 when field is { } f && !GraphGen.Avoids("throwing-aggregates"): return $"{f.Relation}.Where(c => {ChildPredicate(f.Relation)}).Max(c => c.{f.Field})";
            case 6 when field is { } f && !GraphGen.Avoids("throwing-aggregates"):
                var p = ChildPredicate(f.Relation);
                return $"({f.Relation}.Any(c => {p}) ? {f.Relation}.Where(c => {p}).Max(c => c.{f.Field}) : {Of(new(ValueKind.Long, false), d - 1)})";
            case 7: return $"((long){rel}.Count)";
            case 8 when ChildField(new(ValueKind.Long, true)) is { } n: return $"{n.Relation}.Sum(c => c.{n.Field} ?? 0L)";
            // LINQ stops at the first (or, on a list, the last) passing row: errors on the other side never happen.
            case 9 when field is { } f: return $"{f.Relation}.Where(c => {ChildPredicate(f.Relation)}).Select(c => c.{f.Field}).FirstOrDefault()";
            case 10 when field is { } f: return $"{f.Relation}.Where(c => {ChildPredicate(f.Relation)}).Select(c => c.{f.Field}).LastOrDefault()";
            default: return $"((long){rel}.Count())";
        }
    }

    private string? DoubleAggregate(int d)
    {
        if (ChildField(new(ValueKind.Double, false)) is not { } f || GraphGen.Avoids("throwing-aggregates")) return null;
        return _c.Next(3) switch
        {
            0 => $"{f.Relation}.Max(c => c.{f.Field})",
            1 => $"{f.Relation}.Min(c => c.{f.Field})",
            _ => $"{f.Relation}.Where(c => {ChildPredicate(f.Relation)}).Max(c => c.{f.Field})",
        };
    }

    private string? BoolAggregate()
    {
        if (AnyRelation() is not { } rel) return null;
        return _c.Next(3) switch
        {
            0 => $"{rel}.Any()",
            1 => $"{rel}.Any(c => {ChildPredicate(rel)})",
            _ => $"{rel}.All(c => {ChildPredicate(rel)})",
        };
    }

    private string? NullableAggregate(ScalarType t)
    {
        switch (t.Kind)
        {
            case ValueKind.Long when ChildField(new(ValueKind.Long, true)) is { } n && _c.Next(2) == 0:
                return $"{n.Relation}.Max(c => c.{n.Field})";
            case ValueKind.Long when ChildField(new(ValueKind.Long, false)) is { } f:
                return $"{f.Relation}.Max(c => (long?)c.{f.Field})";
            case ValueKind.Double when ChildField(new(ValueKind.Double, false)) is { } f:
                return $"{f.Relation}.Min(c => (double?)c.{f.Field})";
            // Strings order by the current culture (LINQ's default comparer): "a" before "B", "é" tied with "e\u0301".
            case ValueKind.String when ChildField(new(ValueKind.String, false)) is { } s && _c.Next(2) == 0:
                return _c.Next(6) switch
                {
                    0 => $"{s.Relation}.Max(c => c.{s.Field})",
                    1 => $"{s.Relation}.Min(c => c.{s.Field})",
                    2 => $"{s.Relation}.MinBy(c => c.{s.Field})?.{s.Field}",
                    3 => $"{s.Relation}.OrderBy(c => c.{s.Field}).FirstOrDefault()?.{s.Field}",
                    4 => $"{s.Relation}.OrderBy(c => c.{s.Field}).LastOrDefault()?.{s.Field}",
                    _ => $"{s.Relation}.OrderByDescending(c => c.{s.Field}).FirstOrDefault()?.{s.Field}",
                };
            case ValueKind.String when ChildField(new(ValueKind.String, false)) is { } s && ChildField(new(ValueKind.Long, false)) is { } key
                && s.Relation == key.Relation:
                return $"{s.Relation}.MaxBy(c => c.{key.Field})?.{s.Field}";
            default:
                return null;
        }
    }
}
