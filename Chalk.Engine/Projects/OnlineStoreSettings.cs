namespace Chalk.Projects;

/// <summary>The online store as <c>chalk.json</c> declares it under <c>"onlineStore"</c>: its kind and its settings.</summary>
/// <param name="Kind">The kind, lower case: <c>memory</c>, <c>sqlite</c>, <c>redis</c> or <c>none</c>.</param>
/// <param name="Settings">The other keys, e.g. <c>path</c>, as written (numbers as their text; <c>${ENV}</c> references not yet expanded).</param>
/// <remarks><see cref="Store.OnlineStoreFactory"/> lists each kind's settings and creates the store through the kind's
/// provider (<see cref="Store.OnlineStoreProviders"/>).</remarks>
public sealed record OnlineStoreSettings(string Kind, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary><c>redis { configuration = 127.0.0.1:6379 }</c> (a record would print the dictionary's type name).</summary>
    public override string ToString() => $"{Kind} {{ {string.Join(", ", Settings.Select(kv => $"{kv.Key} = {kv.Value}"))} }}";
}
