using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Chalk.Expressions;

/// <summary>The registered scalar functions, by name and by the .NET members they stand for.</summary>
/// <remarks>Every non-abstract <see cref="ScalarFunction"/> in this assembly with a parameterless constructor is registered.</remarks>
public static class FunctionRegistry
{
    private static readonly FrozenDictionary<string, ScalarFunction> s_functions = Discover();

    // Built on first use rather than with s_functions: a misspelt member then fails the lift that needs the map
    // (and the registry's test names it), not every use of the registry.
    private static readonly Lazy<FrozenDictionary<RuntimeMethodHandle, ScalarFunction>> s_byMember = new(MapMembers);

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

    private static FrozenDictionary<RuntimeMethodHandle, ScalarFunction> MapMembers()
    {
        var d = new Dictionary<RuntimeMethodHandle, ScalarFunction>();
        foreach (var f in s_functions.Values)
        {
            foreach (var member in f.Members)
            {
                var m = member.Resolve() ?? throw new ChalkInternalException($"function '{f.Name}' lists {member}, which does not exist");
                if (!d.TryAdd(m.MethodHandle, f))
                    throw new ChalkInternalException($"{member} is listed by two functions: '{d[m.MethodHandle].Name}' and '{f.Name}'");
            }
        }
        return d.ToFrozenDictionary();
    }

    /// <summary>The function a .NET member stands for (see <see cref="ScalarFunction.Members"/>).</summary>
    /// <param name="method">The method, property getter or operator.</param>
    /// <param name="function">The function when one lists the member.</param>
    /// <returns>Whether a function lists it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> is null.</exception>
    public static bool TryGetByMember(MethodInfo method, [NotNullWhen(true)] out ScalarFunction? function)
    {
        ArgumentNullException.ThrowIfNull(method);
        function = null;
        // Members are never generic, and a dynamic method has no handle.
        if (method.IsGenericMethod || method.DeclaringType is null || method.DeclaringType.IsGenericType) return false;
        return s_byMember.Value.TryGetValue(method.MethodHandle, out function);
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
