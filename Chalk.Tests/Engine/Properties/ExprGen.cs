namespace Chalk.Tests.Engine.Properties;

/// <summary>Generates well-typed C# expressions (arithmetic, comparisons, <c>?.</c> over has-one, <c>??</c>, string
/// operations, LINQ aggregates over has-many) from an <see cref="ExprEnv"/>. Every expression is parenthesized.</summary>
internal sealed partial class ExprGen(Choices choices, ExprEnv env)
{
    private static readonly string[] s_longs = ["0L", "1L", "2L", "(-1L)", "7L", "100L", "long.MaxValue", "long.MinValue"];
    private static readonly string[] s_doubles = ["0.0", "1.5", "(-2.25)", "0.5", "(-0.0)", "double.NaN", "double.PositiveInfinity", "1e300"];
    private static readonly string[] s_strings = ["\"\"", "\"a\"", "\"é\"", "\"x y\"", "\"A\""];

    private readonly Choices _c = choices;

    /// <summary>An expression of exactly <paramref name="type"/>.</summary>
    public string Of(ScalarType type, int depth)
    {
        if (depth <= 0) return Leaf(type);
        if (type.Nullable) return Nullable(type, depth);
        return type.Kind switch
        {
            ValueKind.Long => Long(depth),
            ValueKind.Double => Double(depth),
            ValueKind.Bool => Bool(depth),
            _ => String(depth),
        };
    }

    /// <summary>A top-level body: sometimes a floating sum or average over a relation (compared with a tolerance).</summary>
    public (string Body, bool Tolerant) Body(ScalarType type, int depth)
    {
        if (type.Kind == ValueKind.Double && _c.Maybe(15) && ChildField(new ScalarType(ValueKind.Double, false)) is { } agg)
        {
            var (rel, field) = agg;
            return _c.Next(2) == 0 || type.Nullable
                ? (Cast(type, $"{rel}.Sum(c => c.{field})"), true)
                : ($"({rel}.Average(c => (double?)c.{field}) ?? 0.0)", true);
        }
        return (Of(type, depth), false);
    }

    private string Leaf(ScalarType type)
    {
        var exact = env.Leaves.Where(l => l.Type == type).ToList();
        var widen = type.Nullable ? env.Leaves.Where(l => l.Type == type.AsNonNull).ToList() : [];
        int pick = _c.Next(exact.Count + widen.Count + 1);
        if (pick < exact.Count) return exact[pick].Code;
        if (pick < exact.Count + widen.Count) return Cast(type, widen[pick - exact.Count].Code);
        return Literal(type);
    }

    private string Literal(ScalarType type)
    {
        if (type.Nullable && _c.Maybe(25)) return $"(({type.Cs})null)";
        var text = type.Kind switch
        {
            ValueKind.Long => _c.Pick(s_longs),
            ValueKind.Double => _c.Pick(s_doubles),
            ValueKind.Bool => _c.Next(2) == 0 ? "false" : "true",
            _ => _c.Pick(s_strings),
        };
        return type.Nullable ? Cast(type, text) : text;
    }

    /// <summary>A leaf that is not a constant, so C# does not reject a division by a constant zero.</summary>
    private string? Field(ScalarType type)
    {
        var fields = env.Leaves.Where(l => l.Type == type).ToList();
        return fields.Count == 0 ? null : _c.Pick(fields).Code;
    }

    private static string Cast(ScalarType type, string code) => $"(({type.Cs}){code})";

    private string Long(int d)
    {
        var l = new ScalarType(ValueKind.Long, false);
        switch (_c.Next(11))
        {
            case 1: return $"({Of(l, d - 1)} {_c.Pick(["+", "-", "*"])} {Of(l, d - 1)})";
            case 2 when Field(l) is { } divisor: return $"({Of(l, d - 1)} {_c.Pick(["/", "%"])} {divisor})";
            case 3: return $"((long){Of(new(ValueKind.String, false), d - 1)}.Length)";
            case 4: return $"({Of(new(ValueKind.Bool, false), d - 1)} ? {Of(l, d - 1)} : {Of(l, d - 1)})";
            case 5: return $"({Of(l.AsNullable, d - 1)} ?? {Of(l, d - 1)})";
            case 6: return Related(l) ?? Leaf(l);
            case 7: case 8: return LongAggregate(d) ?? Leaf(l);
            case 9: return $"((long){Of(new(ValueKind.Double, false), d - 1)})";
            default: return Leaf(l);
        }
    }

    private string Double(int d)
    {
        var t = new ScalarType(ValueKind.Double, false);
        switch (_c.Next(9))
        {
            case 1: return $"({Of(t, d - 1)} {_c.Pick(["+", "-", "*", "/"])} {Of(t, d - 1)})";
            case 2: return $"((double){Of(new(ValueKind.Long, false), d - 1)})";
            case 3: return $"({Of(new(ValueKind.Bool, false), d - 1)} ? {Of(t, d - 1)} : {Of(t, d - 1)})";
            case 4: return $"({Of(t.AsNullable, d - 1)} ?? {Of(t, d - 1)})";
            case 5: return Related(t) ?? Leaf(t);
            case 6: return DoubleAggregate(d) ?? Leaf(t);
            case 7: return $"Math.Abs({Of(t, d - 1)})";
            default: return Leaf(t);
        }
    }

    private string Bool(int d)
    {
        var b = new ScalarType(ValueKind.Bool, false);
        var l = new ScalarType(ValueKind.Long, false);
        var s = new ScalarType(ValueKind.String, false);
        switch (_c.Next(11))
        {
            case 1: return $"({Of(l, d - 1)} {_c.Pick(["<", "<=", "==", "!=", ">"])} {Of(l, d - 1)})";
            case 2: return $"({Of(new(ValueKind.Double, false), d - 1)} {_c.Pick(["<", ">=", "==", "!="])} {Of(new(ValueKind.Double, false), d - 1)})";
            case 3: return $"({Of(b, d - 1)} {_c.Pick(["&&", "||"])} {Of(b, d - 1)})";
            case 4: return $"(!{Of(b, d - 1)})";
            case 5:
                return _c.Next(4) switch
                {
                    0 => $"({Of(s, d - 1)} == {_c.Pick(s_strings)})",
                    1 => $"{Of(s, d - 1)}.StartsWith({_c.Pick(s_strings)}, StringComparison.Ordinal)",
                    2 => $"{Of(s, d - 1)}.Contains('a')",
                    _ => $"string.IsNullOrEmpty({Of(s.AsNullable, d - 1)})",
                };
            case 6: return $"({Of(b.AsNullable, d - 1)} ?? {Of(b, d - 1)})";
            case 7: return Related(b) ?? Leaf(b);
            case 8: return BoolAggregate() ?? Leaf(b);
            case 9: return $"({Of(l.AsNullable, d - 1)} {_c.Pick([">", "==", "<="])} {Of(l, d - 1)})";
            default: return Leaf(b);
        }
    }

    private string String(int d)
    {
        var s = new ScalarType(ValueKind.String, false);
        switch (_c.Next(8))
        {
            case 1: return $"({Of(s, d - 1)} + {Of(s, d - 1)})";
            case 2: return $"{Of(s, d - 1)}.{_c.Pick(["ToUpperInvariant()", "Trim()", "ToLowerInvariant()"])}";
            case 3: return $"({Of(new(ValueKind.Bool, false), d - 1)} ? {Of(s, d - 1)} : {Of(s, d - 1)})";
            case 4: return $"({Of(s.AsNullable, d - 1)} ?? {Of(s, d - 1)})";
            case 5: return Related(s) ?? Leaf(s);
            case 6: return $"{Of(s, d - 1)}.Substring(1)";
            default: return Leaf(s);
        }
    }

    private string Nullable(ScalarType t, int d)
    {
        switch (_c.Next(7))
        {
            case 1: return Cast(t, Of(t.AsNonNull, d - 1));
            case 2: return RelatedNullable(t) ?? Leaf(t);
            case 3: return $"({Of(new(ValueKind.Bool, false), d - 1)} ? {Cast(t, Of(t.AsNonNull, d - 1))} : null)";
            case 4 when t.Kind is ValueKind.Long or ValueKind.Double:
                return $"({Of(t, d - 1)} {_c.Pick(["+", "*"])} {Of(t.AsNonNull, d - 1)})";
            case 5: return NullableAggregate(t) ?? Leaf(t);
            default: return Leaf(t);
        }
    }

    /// <summary><c>(Rel?.F ?? fallback)</c>, or <c>Rel!.F</c>, which throws where the related row does not exist.</summary>
    /// <summary>The features of a has-one target an expression may read: its stored features and its computed properties
    /// (generated before this class's, so reading them makes no cycle).</summary>
    private List<(string Property, FieldSpec Field)> RelatedFields(ValueKind kind) =>
        env.HasOnes.SelectMany(h => h.Target.Stored.Concat(h.Target.Computed.Where(x => !x.Tolerant).Select(x => new FieldSpec(x.Property, x.Type)))
            .Where(f => f.Type.Kind == kind).Select(f => (h.Property, f))).ToList();

    private string? Related(ScalarType t)
    {
        var options = RelatedFields(t.Kind);
        if (options.Count == 0) return null;
        var (rel, field) = _c.Pick(options);
        if (!field.Type.Nullable && _c.Maybe(20)) return $"{rel}!.{field.Property}";
        return $"({rel}?.{field.Property} ?? {Literal(t)})";
    }

    private string? RelatedNullable(ScalarType t)
    {
        var options = RelatedFields(t.Kind);
        if (options.Count == 0) return null;
        var (rel, field) = _c.Pick(options);
        return $"{rel}?.{field.Property}";
    }
}
