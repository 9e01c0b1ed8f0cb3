using Chalk.Definitions;

namespace Chalk.Tests.Engine.Properties;

/// <summary>The scalar types a generated feature can have.</summary>
internal enum ValueKind { Long, Double, Bool, String, DateTime }

/// <summary>A generated feature's C# type: a kind and whether it is nullable.</summary>
internal sealed record ScalarType(ValueKind Kind, bool Nullable)
{
    public string Cs => Kind switch
    {
        ValueKind.Long => "long",
        ValueKind.Double => "double",
        ValueKind.Bool => "bool",
        ValueKind.DateTime => "DateTime",
        _ => "string",
    } + (Nullable ? "?" : "");

    public ScalarType AsNullable => this with { Nullable = true };

    public ScalarType AsNonNull => this with { Nullable = false };

    public override string ToString() => Cs;
}

/// <summary>A stored scalar feature: a column of the class's table and a property with an init accessor.</summary>
internal sealed record FieldSpec(string Property, ScalarType Type)
{
    public string Feature => FeatureNames.ToSnakeCase(Property);
}

/// <summary>A has-one relation <c>Owner.Target</c> through the owner's foreign key <c>TargetId</c>, or, when
/// <paramref name="ByOwnKey"/>, keyed by the owner's own primary key (<c>[HasOne(ForeignKey = nameof(Id))] Target?
/// TargetById</c>: the target row whose key equals the owner's; <see cref="ForeignKey"/> is then the owner's <c>Id</c>,
/// which is no extra column).</summary>
internal sealed record HasOneSpec(int Target, string Property, FieldSpec ForeignKey, bool ByOwnKey = false);

/// <summary>A has-many relation <c>Owner.Children</c> over a child class's has-one to the owner.</summary>
internal sealed record HasManySpec(int Child, string Property, HasOneSpec ChildToOwner);

/// <summary>A computed property: its C# type and getter body. <see cref="Tolerant"/>: a floating sum or average that
/// DuckDB may add in another order (docs/aggregations.md), compared to 1e-12 relative.</summary>
internal sealed record ComputedSpec(string Property, ScalarType Type, string Body, bool Tolerant)
{
    public string Feature => FeatureNames.ToSnakeCase(Property);
}

/// <summary>A windowed method <c>[Windowed("1d", "7d")] long Name(Window w)</c> over a has-many relation whose child has
/// a time (<c>CreatedAt</c>); its features are <c>class.name[1d]</c>, ….</summary>
internal sealed record WindowedSpec(string Method, ScalarType Type, IReadOnlyList<string> Durations, string Body)
{
    public string Feature => FeatureNames.ToSnakeCase(Method);
}

/// <summary>A parameter of a generated [Resolver] method: its name, type and the feature path it binds to
/// (null: bound by name to the output's class).</summary>
internal sealed record ParameterSpec(string Name, ScalarType Type, string? FeaturePath);

/// <summary>A static [Resolver] method with one output, a property with an init accessor on its class.</summary>
internal sealed record ResolverSpec(string Property, ScalarType Type, IReadOnlyList<ParameterSpec> Parameters, string Body)
{
    public string Feature => FeatureNames.ToSnakeCase(Property);
}

/// <summary>One generated feature class.</summary>
internal sealed class ClassSpec(string name, bool stringKey)
{
    public string Name { get; } = name;

    public string Snake => FeatureNames.ToSnakeCase(Name);

    public string Table => "t_" + Snake;

    public bool StringKey { get; } = stringKey;

    public ScalarType KeyType => new(StringKey ? ValueKind.String : ValueKind.Long, false);

    public List<FieldSpec> Stored { get; } = [];

    public List<HasOneSpec> HasOnes { get; } = [];

    public List<HasManySpec> HasManys { get; } = [];

    public List<ComputedSpec> Computed { get; } = [];

    public List<ResolverSpec> Resolvers { get; } = [];

    public List<WindowedSpec> Windowed { get; } = [];

    /// <summary>The class's time feature <c>CreatedAt</c> (null: none): as a has-many child, rows after the query time,
    /// and rows with a null time, are invisible.</summary>
    public FieldSpec? Time { get; set; }

    /// <summary>Whether its table lives in SQLite (source <c>lite</c>) rather than DuckDB: has-many relations over it are
    /// then aggregated in the engine, not pushed down.</summary>
    public bool Sqlite { get; set; }

    /// <summary>Whether its SQL file is table-shaped (no placeholders) rather than a lookup by <c>${class.id}</c>.</summary>
    public bool TableShaped { get; set; }

    /// <summary>The stored columns of its table: the key, the foreign keys (none for a has-one by its own key), the
    /// stored features.</summary>
    public IEnumerable<FieldSpec> Columns =>
        new[] { new FieldSpec("Id", KeyType) }.Concat(HasOnes.Where(h => !h.ByOwnKey).Select(h => h.ForeignKey)).Concat(Stored)
            .Concat(Time is null ? [] : [Time]);

    /// <summary>Every scalar feature a query may ask for, with its type.</summary>
    public IEnumerable<(string Feature, ScalarType Type, bool Tolerant)> Outputs =>
        Columns.Select(c => (c.Feature, c.Type, false))
            .Concat(Computed.Select(c => (c.Feature, c.Type, c.Tolerant)))
            .Concat(Resolvers.Select(r => (r.Feature, r.Type, false)))
            .Concat(Windowed.SelectMany(w => w.Durations.Select(d => ($"{w.Feature}[{d}]", w.Type, false))));
}

/// <summary>A generated graph of feature classes, compiled with or without optimizations.</summary>
internal sealed record GraphSpec(IReadOnlyList<ClassSpec> Classes, bool Optimize);
