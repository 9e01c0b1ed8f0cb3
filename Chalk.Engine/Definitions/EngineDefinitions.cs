using Chalk.Lifting;
using Chalk.Resolvers;

namespace Chalk.Definitions;

/// <summary>Everything an engine was built from: the feature classes and every resolver, indexed by output.</summary>
internal sealed class EngineDefinitions
{
    private readonly Dictionary<FeatureDefinition, List<ResolverDefinition>> _byOutput = new();

    public EngineDefinitions(FeatureRegistry registry, IReadOnlyList<ResolverDefinition> resolvers, IReadOnlyDictionary<ResolverDefinition, LiftOutcome>? lifts = null)
    {
        Lifts = lifts ?? new Dictionary<ResolverDefinition, LiftOutcome>();
        Registry = registry;
        Resolvers = resolvers;
        foreach (var r in resolvers)
        {
            foreach (var o in r.Outputs)
            {
                if (!_byOutput.TryGetValue(o, out var list)) _byOutput[o] = list = [];
                list.Add(r);
            }
        }
        ThrowOnConflicts(registry, resolvers);
        // The documented precedence (docs/concepts.md, Resolvers): C# code first (it is what the user wrote for this
        // feature), then lookups by placeholder, then tables. Anything else that overlaps is refused above.
        foreach (var list in _byOutput.Values)
            list.Sort((a, b) => Rank(a).CompareTo(Rank(b)));
    }

    public FeatureRegistry Registry { get; }

    public IReadOnlyList<ResolverDefinition> Resolvers { get; }

    /// <summary>Per C# resolver and computed property: lifted into the IR, or why it runs per row.</summary>
    public IReadOnlyDictionary<ResolverDefinition, LiftOutcome> Lifts { get; }

    /// <summary>Whether pushed-down aggregates may inline the lifted C# bodies of computed child features
    /// (<c>ChildResolverInlining</c>); off only to compare with the in-engine path in tests and benchmarks.</summary>
    public bool InlineChildResolvers { get; init; } = true;

    public IReadOnlyList<ResolverDefinition> ResolversOf(FeatureDefinition feature)
        => _byOutput.TryGetValue(feature, out var list) ? list : [];

    /// <summary>SQL resolvers that can list a parent's children: tables (filtered by the foreign key) or files keyed by it.</summary>
    public IEnumerable<SqlResolverDefinition> FetchersOf(FeatureDefinition hasMany)
        => Resolvers.OfType<SqlResolverDefinition>()
            .Where(r => r.Class == hasMany.Target && r.Columns.Any(c => c.Feature == hasMany.ForeignKey)
                && (r.IsTable || (r.Placeholders.Count == 1 && r.Placeholders[0].Feature == hasMany.ForeignKey)))
            .OrderBy(r => r.IsTable ? 1 : 0);

    /// <summary>Refuses two resolvers of one feature that no precedence orders: two [Resolver] methods, a method and
    /// a SQL column, two lookup files keyed alike, two table files. Keys are exempt among SQL files: every file of a class selects the columns it is keyed
    /// or filtered by (primary key, foreign keys, time, placeholders), and they agree by construction.</summary>
    private void ThrowOnConflicts(FeatureRegistry registry, IReadOnlyList<ResolverDefinition> resolvers)
    {
        var keys = Keys(registry, resolvers);
        foreach (var (feature, list) in _byOutput)
        {
            var methods = list.OfType<MethodResolverDefinition>().ToList();
            if (methods.Count > 1)
            {
                throw new ChalkDefinitionException(
                    $"{feature.Path} is an output of two [Resolver] methods, {methods[0].Origin} and {methods[1].Origin}; " +
                    $"the engine would pick one by registration order. Remove {feature.Path} from one of them (each feature has one resolver)");
            }
            // The plan does not honour a method over a column: a file read for another of its columns brings this one too.
            if (methods.Count == 1 && list.OfType<SqlResolverDefinition>().FirstOrDefault(ClaimsKnownColumns) is { } file)
            {
                throw new ChalkDefinitionException(
                    $"{feature.Path} is computed by [Resolver] {methods[0].Origin} and also selected by {file.Origin}; the engine would use whichever " +
                    $"the plan reaches first. Drop {feature.Name} from the file's select list, or remove {feature.Path} from the method's outputs",
                    file.Origin);
            }
            if (keys.Contains(feature)) continue;
            // Files keyed by different features (by id, by email) are different ways to find the same row, not rivals.
            foreach (var files in list.OfType<SqlResolverDefinition>().GroupBy(KeyedBy, StringComparer.Ordinal).Select(g => g.ToList()))
            {
                if (files.Count < 2) continue;
                var kind = files[0].IsTable ? "without placeholders (tables)" : "keyed by " + KeyedBy(files[0]);
                throw new ChalkDefinitionException(
                    $"{feature.Path} is selected by two .chalk.sql files {kind}, {files[0].Origin} and {files[1].Origin}; the engine would pick one by " +
                    $"registration order. Select it in one of them only (a file may select fewer columns). Files may share a column only when they are " +
                    $"keyed differently (a table file and a lookup file, or lookups by different placeholders), and a [Resolver] method overrides a SQL column",
                    files[1].Origin);
            }
        }
    }

    // A file whose source could not be described at build time and whose select list is not plain claims every stored
    // feature as a guess; that guess is no evidence of a conflict.
    private static bool ClaimsKnownColumns(SqlResolverDefinition r)
        => r.Columns.All(c => c.SourceType is not null) || SqlSelectList.Columns(r.File.Template.ToString()) is not null;

    private static string KeyedBy(SqlResolverDefinition r)
        => string.Join(", ", r.Placeholders.Select(p => "${" + p.Text + "}").Distinct().Order(StringComparer.Ordinal));

    private static HashSet<FeatureDefinition> Keys(FeatureRegistry registry, IReadOnlyList<ResolverDefinition> resolvers)
    {
        var keys = new HashSet<FeatureDefinition>();
        foreach (var cls in registry.Classes)
        {
            if (cls.PrimaryKey is not null) keys.Add(cls.PrimaryKey);
            if (cls.TimeFeature is not null) keys.Add(cls.TimeFeature);
            foreach (var relation in cls.Features.Where(f => f.Kind != FeatureKind.Scalar && f.ForeignKey is not null))
                keys.Add(relation.ForeignKey!);
        }
        foreach (var p in resolvers.OfType<SqlResolverDefinition>().SelectMany(r => r.Placeholders)) keys.Add(p.Feature);
        return keys;
    }

    private static int Rank(ResolverDefinition r) => r switch
    {
        ComputedPropertyDefinition => 0,
        MethodResolverDefinition => 1,
        SqlResolverDefinition { IsTable: false } => 2,
        _ => 3,
    };
}
