using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Chalk.Expressions;

/// <summary>The registered scalar functions, by name.</summary>
/// <remarks>Every non-abstract <see cref="ScalarFunction"/> in this assembly with a parameterless constructor is registered.</remarks>
public static class FunctionRegistry
{
    private static readonly FrozenDictionary<string, ScalarFunction> s_functions = Discover();

    private static FrozenDictionary<string, ScalarFunction> Discover()
    {
        var d = new Dictionary<string, ScalarFunction>(StringComparer.Ordinal);
        foreach (var t in typeof(ScalarFunction).Assembly.GetTypes())
        {
            if (t.IsAbstract || !typeof(ScalarFunction).IsAssignableFrom(t) || t.GetConstructor(Type.EmptyTypes) is null) continue;
            var f = (ScalarFunction)Activator.CreateInstance(t)!;
            if (!d.TryAdd(f.Name, f))
                throw new ChalkInternalException($"two functions named '{f.Name}': {d[f.Name].GetType().Name} and {t.Name}");
        }
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>All registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => s_functions.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>All registered functions, sorted by name.</summary>
    public static IReadOnlyList<ScalarFunction> All => s_functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Looks a function up.</summary>
    /// <param name="name">The name.</param>
    /// <param name="function">The function when found.</param>
    /// <returns>Whether it exists.</returns>
    public static bool TryGet(string name, [NotNullWhen(true)] out ScalarFunction? function) => s_functions.TryGetValue(name, out function);

    /// <summary>Gets a function by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The function.</returns>
    /// <exception cref="ArgumentException">No function has that name.</exception>
    public static ScalarFunction Get(string name) => s_functions.TryGetValue(name, out var f)
        ? f
        : throw new ArgumentException($"unknown function '{name}'.", nameof(name));
}
