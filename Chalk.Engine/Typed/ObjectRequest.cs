using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Fallback;
using Chalk.Expressions;
using Chalk.Resolvers;

namespace Chalk.Typed;

/// <summary>What a typed query asks for so that objects of its root class can hold the requested features, and how
/// those objects are built from the answer (by the per-row fallback's <see cref="ObjectMaterializer"/>).</summary>
/// <remarks>
/// A stored feature is set on its object. A computed property has no storage: the features its getter reads (stored
/// ones and has-one relations, found by <see cref="ComputedPropertyReads"/>) are asked for and set instead, so the
/// getter returns on the object what the engine computed. Has-one objects along the requested paths are created where
/// the related row exists (its key is non-null) and left null where it does not. A windowed feature, a computed
/// property that reads a has-many relation, or a getter-only property a resolver computes cannot be held by an
/// object: asking for one throws <see cref="ArgumentException"/>.
/// </remarks>
internal sealed class ObjectRequest
{
    private const int MaxErrorsShown = 5;

    private readonly FeatureClassDefinition _root;
    private readonly ObjectMaterializer _materializer;
    private readonly IReadOnlyList<FeatureType?> _types;

    private ObjectRequest(FeatureClassDefinition root, ObjectShape shape, IReadOnlyList<string> outputs, IReadOnlyList<FeatureType?> types)
    {
        _root = root;
        _materializer = new ObjectMaterializer(shape, Planning.Logical.PlanNode.Root(root));
        Outputs = outputs;
        _types = types;
    }

    /// <summary>The features to query: those requested, then those the objects need besides.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <exception cref="ArgumentException">A requested feature cannot be held by an object of <paramref name="root"/>.</exception>
    public static ObjectRequest For(EngineDefinitions definitions, FeatureClassDefinition root, IReadOnlyList<string> outputs)
    {
        var shape = new ObjectShape(root);
        if (root.PrimaryKey is { } key) shape.Scalars.Add(key.Name);
        foreach (var name in outputs)
        {
            // A name that is not a value of the root class is left to the query, which explains it with suggestions.
            if (definitions.Registry.TryResolve(name, out _) is not { IsSingleValued: true, Feature.Kind: FeatureKind.Scalar } path || path.Root != root) continue;
            var node = shape;
            foreach (var step in path.Steps.Take(path.Steps.Count - 1)) node = Related(node, step);
            Add(definitions, node, path);
        }
        var all = new List<string>(outputs);
        var types = outputs.Select(o => definitions.Registry.TryResolve(o, out _)?.Feature.Type).ToList();
        foreach (var path in shape.Paths())
        {
            if (all.Contains(path.Text)) continue;
            all.Add(path.Text);
            types.Add(path.Feature.Type);
        }
        return new ObjectRequest(root, shape, all, types);
    }

    private static ObjectShape Related(ObjectShape node, FeatureDefinition relation)
    {
        if (node.Relations.TryGetValue(relation.Name, out var child)) return child;
        child = new ObjectShape(relation.Target!);
        if (relation.Target!.PrimaryKey is { } key) child.Scalars.Add(key.Name);
        node.Relations[relation.Name] = child;
        return child;
    }

    private static void Add(EngineDefinitions definitions, ObjectShape node, FeaturePath path)
    {
        var feature = path.Feature;
        var cls = feature.Owner.ClrType.Name;
        if (feature.Window is not null)
            throw new ArgumentException($"{path.Text} is a window of the method {feature.Member}, so a {cls} object has nowhere to hold it; "
                + "read it from QueryAsync's OnlineResult (or a batch's table) instead", "outputs");
        if (!feature.IsComputed)
        {
            node.Scalars.Add(feature.Name);
            return;
        }
        var computed = definitions.ResolversOf(feature).OfType<ComputedPropertyDefinition>().FirstOrDefault() ?? throw new ArgumentException(
            $"{feature.Member} has no setter and is computed by a resolver, so a {cls} object cannot hold its value; read it from QueryAsync's OnlineResult instead", "outputs");
        Merge(node, computed.Reads, path);
    }

    // What a getter reads is set on the object, so the getter computes on it what the engine computed.
    private static void Merge(ObjectShape node, ObjectShape reads, FeaturePath path)
    {
        var feature = path.Feature;
        node.Scalars.UnionWith(reads.Scalars);
        foreach (var (name, child) in reads.Relations)
        {
            var relation = reads.Class.Find(name)!;
            if (relation.Kind == FeatureKind.HasMany)
                throw new ArgumentException($"{feature.Member} is computed from the has-many relation {relation.Member}, whose rows a typed query does not fetch, "
                    + $"so a {feature.Owner.ClrType.Name} object cannot compute it; read {path.Text} from QueryAsync's OnlineResult (or a batch's table) instead", "outputs");
            Merge(Related(node, relation), child, path);
        }
    }

    /// <summary>The object of the one row of an online query's answer, or null when the row does not exist.</summary>
    public T? One<T>(OnlineResult result) where T : class
    {
        var arrays = new IArrowArray[Outputs.Count];
        for (int i = 0; i < Outputs.Count; i++)
        {
            var builder = ArrowColumnBuilder.For(_types[i]!.ArrowType, 1);
            builder.Append(InputBatch.Coerce(Outputs[i], result[Outputs[i]], _types[i]!));
            arrays[i] = builder.Build();
        }
        var table = new RecordBatch(new Schema(Outputs.Select((o, i) => new Field(o, arrays[i].Data.DataType, true)), null), arrays, 1);
        return All<T>(new BatchResult(table, result.Errors) { MissingRows = result.MissingRows }, "QueryAsync")[0];
    }

    /// <summary>One object per row of a batch's answer; null where the row does not exist.</summary>
    /// <exception cref="ChalkResolverException">A feature failed for a row: its property would hold a default.</exception>
    /// <exception cref="InvalidCastException">A feature is null where its property cannot hold null.</exception>
    public IReadOnlyList<T?> All<T>(BatchResult result, string method) where T : class
    {
        if (result.Errors.Count > 0)
        {
            var shown = string.Join("; ", result.Errors.Take(MaxErrorsShown).Select(e => e.ToString()));
            var more = result.Errors.Count > MaxErrorsShown ? $" and {result.Errors.Count - MaxErrorsShown} more" : "";
            throw new ChalkResolverException($"{method}<{typeof(T).Name}>: {result.Errors.Count} feature value(s) failed, and a {typeof(T).Name} would hold a default "
                + $"in their place: {shown}{more}. To keep the rest, query without a type (OnlineResult.Errors, BatchResult.Errors) and read the failed features as null");
        }
        var missing = result.MissingRows.ToLookup(m => m.Row, m => m.Path);
        ThrowOnNullInNonNullable<T>(result.Table, missing);
        var bound = _materializer.Bind(new BatchView(result.Table, new Dictionary<Planning.Logical.ColumnId, Execution.ChildFrame>()));
        var objects = new T?[result.Table.Length];
        for (int r = 0; r < objects.Length; r++)
            objects[r] = missing[r].Contains(_root.Name) ? null : (T?)bound.Build(r);
        return objects;
    }

    // A null in a column whose property cannot hold one, at a row that exists, would make the materializer drop the
    // object as missing; it is the data's fault, so it is said, as OnlineResult.Get says it.
    private void ThrowOnNullInNonNullable<T>(RecordBatch table, ILookup<int, string> missing)
    {
        for (int c = 0; c < Outputs.Count; c++)
        {
            if (_types[c] is not { IsNullable: false } || table.Column(c).NullCount == 0) continue;
            var owner = Outputs[c][..Outputs[c].LastIndexOf('.')];
            for (int r = 0; r < table.Length; r++)
            {
                if (!table.Column(c).IsNull(r) || missing[r].Any(m => owner == m || owner.StartsWith(m + ".", StringComparison.Ordinal))) continue;
                throw new InvalidCastException($"{Outputs[c]} is null in row {r}, which exists, and its property cannot hold null; make the property nullable, "
                    + $"or query without a type to read the value as null");
            }
        }
    }
}
