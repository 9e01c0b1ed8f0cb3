namespace Chalk.Tests.Engine.Properties;

/// <summary>The rows of each generated class (property name → value), and the keys that name no row.</summary>
internal sealed class GraphData(IReadOnlyList<List<Dictionary<string, object?>>> rows)
{
    /// <summary>Per class, its rows in insertion order.</summary>
    public IReadOnlyList<List<Dictionary<string, object?>>> Rows { get; } = rows;

    /// <summary>The row of <paramref name="cls"/> whose key is <paramref name="key"/>, or null (no row, or a null key).</summary>
    public Dictionary<string, object?>? Find(int cls, object? key) =>
        key is null ? null : Rows[cls].FirstOrDefault(r => Equals(r["Id"], key));
}

/// <summary>One query: a root class, the outputs (feature paths) and the keys, run online per key and as one batch.</summary>
internal sealed record QuerySpec(int Root, IReadOnlyList<string> Outputs, IReadOnlyList<object?> Keys);
