using Chalk.Definitions;

namespace Chalk.Cli.Commands;

/// <summary>Parses <c>--staleness feature=duration</c> arguments into <see cref="QueryOptions.Staleness"/> overrides.</summary>
internal static class StalenessParser
{
    /// <summary>Each <c>class.feature=duration</c> (<c>10m</c>, <c>0s</c> to bypass the store, <c>infinity</c>) into <paramref name="into"/>.</summary>
    /// <exception cref="ArgumentException">An argument is not name=duration, names a path or a relation, or its duration does not parse.</exception>
    /// <exception cref="ChalkPlanException">The name is not a feature.</exception>
    public static void Parse(FeatureRegistry registry, IEnumerable<string> arguments, IDictionary<string, TimeSpan> into)
    {
        foreach (var arg in arguments)
        {
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ArgumentException($"--staleness '{arg}' must be feature=duration, e.g. user.review_count=10m (0s bypasses the store)");
            var name = arg[..eq].Trim();
            var text = arg[(eq + 1)..].Trim();
            var path = registry.Resolve(name);
            if (path.Steps.Count != 1 || path.Feature.Kind != FeatureKind.Scalar)
                throw new ArgumentException($"--staleness '{name}': name a feature of a class as class.feature, e.g. user.review_count, not a path through relations or a relation");
            var staleness = Staleness.Parse(text, out var error) ?? throw new ArgumentException($"--staleness {name}={text}: {error}");
            if (!into.TryAdd(path.Text, staleness)) throw new ArgumentException($"--staleness '{name}' is given twice");
        }
    }
}
