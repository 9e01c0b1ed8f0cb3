using Chalk.Definitions;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Which rows of a query do not exist, for MissingRows and for sorting discrepancies into missing-row ones and others.</summary>
internal sealed partial class Oracle
{
    /// <summary>The rows MISSING_ROWS.md says the result lists for one root key: per node on the outputs' paths, the first
    /// missing row below an existing parent.</summary>
    public IReadOnlySet<ExpectedMissingRow> MissingRows(int root, object? key, IEnumerable<string> outputs)
    {
        var missing = new HashSet<ExpectedMissingRow>();
        var rootSpec = _graph.Classes[root];
        if (Find(root, key) is null)
        {
            missing.Add(new ExpectedMissingRow(rootSpec.Snake, rootSpec.Snake + ".id", key));
            return missing;
        }
        foreach (var output in outputs)
        {
            var steps = output.Split('.');
            int cls = root;
            var obj = Find(root, key);
            var path = steps[0];
            for (int s = 1; s < steps.Length - 1; s++)
            {
                var h = _graph.Classes[cls].HasOnes.Single(x => FeatureNames.ToSnakeCase(x.Property) == steps[s]);
                var fk = _types[cls].GetProperty(h.ForeignKey.Property)!.GetValue(obj);
                // A related row is reported by the key it was looked up by: the parent's foreign key (review.product_id).
                var keyFeature = path + "." + h.ForeignKey.Feature;
                path += "." + steps[s];
                cls = h.Target;
                obj = Find(cls, fk);
                if (obj is null)
                {
                    missing.Add(new ExpectedMissingRow(path, keyFeature, fk));
                    break;
                }
            }
        }
        return missing;
    }

    /// <summary>Whether the row of <paramref name="output"/>'s node, or a row two has-one steps from it, is missing: if not,
    /// nothing the feature reads is a missing row (generated bodies read at most that far), so a wrong answer is not about
    /// the missing-row rule.</summary>
    public bool Touches(int root, object? key, string output)
    {
        var (cls, obj) = Walk(root, key, output);
        // Resolver parameters read up to two has-one steps away.
        return !Complete(cls, obj, 1);
    }

    /// <summary>Whether the root row and every row reached from it through has-one relations exist (the case the engine
    /// answered before the missing-row rule, so a discrepancy there is not about missing rows).</summary>
    public bool Complete(int root, object? key) => Complete(root, Find(root, key), -2);

    private bool Complete(int cls, object? obj, int depth)
    {
        if (obj is null) return false;
        if (depth >= 3) return true;
        foreach (var h in _graph.Classes[cls].HasOnes)
        {
            if (!Complete(h.Target, _types[cls].GetProperty(h.Property)!.GetValue(obj), depth + 1)) return false;
        }
        return true;
    }
}

/// <summary>Primary-key order: numbers ascending, strings ordinally.</summary>
internal sealed class KeyComparer : IComparer<object>
{
    public static KeyComparer Instance { get; } = new();

    public int Compare(object? x, object? y) => (x, y) switch
    {
        (long a, long b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => throw new ArgumentException("keys of different types"),
    };
}
