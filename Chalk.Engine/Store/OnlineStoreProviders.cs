using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Chalk.Sql.Providers;

namespace Chalk.Store;

/// <summary>The online store kinds this application can create, each by its <see cref="OnlineStoreProvider"/>.</summary>
/// <remarks>
/// <para><c>memory</c> and <c>none</c> are built in. The kinds of Chalk's provider packages are found by themselves: the
/// first time a kind is asked for, its package's assembly is loaded by name if the application references the package,
/// and its providers (<see cref="ChalkProviderAttribute"/>) are registered. A kind whose package is not referenced is an
/// error that names the package to add.</para>
/// <list type="table">
/// <item><term><c>memory</c>, <c>none</c></term><description>built in</description></item>
/// <item><term><c>sqlite</c></term><description>package <c>Chalk.Sqlite</c></description></item>
/// <item><term><c>redis</c></term><description>package <c>Chalk.Stores.Redis</c></description></item>
/// </list>
/// <para>Registration is process-wide and thread-safe. An application that trims unreferenced code, or a kind of one's
/// own, registers providers explicitly with <see cref="Register"/>.</para>
/// </remarks>
public static class OnlineStoreProviders
{
    /// <summary>The kinds provided by Chalk's packages other than this one, and the package of each.</summary>
    public static IReadOnlyDictionary<string, string> Packages { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sqlite"] = "Chalk.Sqlite",
        ["redis"] = "Chalk.Stores.Redis",
    };

    private static readonly ProviderRegistry<OnlineStoreProvider> s_registry = new("online store kind", p => p.Kind, Packages, ["memory", "sqlite", "redis", "none"], [new InMemoryOnlineStoreProvider(), new NoOnlineStoreProvider()]);

    /// <summary>Every kind a <c>chalk.json</c> can name: the registered ones and those of Chalk's packages, whether
    /// referenced or not.</summary>
    public static IReadOnlyList<string> Kinds => s_registry.Kinds;

    /// <summary>Adds <paramref name="provider"/> for its <see cref="OnlineStoreProvider.Kind"/>.</summary>
    /// <remarks>Registering a provider of the same type again does nothing.</remarks>
    /// <exception cref="InvalidOperationException">Another type of provider already has that kind.</exception>
    public static void Register(OnlineStoreProvider provider) => s_registry.Register(provider);

    /// <summary>Registers the providers that <paramref name="assembly"/> names with <see cref="ChalkProviderAttribute"/>.</summary>
    /// <exception cref="ChalkDefinitionException">An attribute names a type that cannot be created.</exception>
    /// <exception cref="InvalidOperationException">A kind is already provided by another type.</exception>
    public static void RegisterFrom(Assembly assembly) => s_registry.RegisterFrom(assembly);

    /// <summary>The provider of <paramref name="kind"/> (any case), loading its package when the application references it.</summary>
    /// <returns>False when the kind is unknown or its package is not referenced.</returns>
    public static bool TryGet(string kind, [NotNullWhen(true)] out OnlineStoreProvider? provider) => s_registry.TryGet(kind, out provider);

    /// <summary>The provider of <paramref name="kind"/> (any case), loading its package when the application references it.</summary>
    /// <exception cref="ChalkDefinitionException">The kind is unknown (the message lists the kinds), or its package is not
    /// referenced (the message names the package to add).</exception>
    public static OnlineStoreProvider Get(string kind)
    {
        if (TryGet(kind, out var provider)) return provider;
        if (Packages.TryGetValue(kind.ToLowerInvariant(), out var package))
            throw new ChalkDefinitionException(ProviderPackages.NotReferenced("\"onlineStore\": ", kind, package)) { NamesDeclaration = true };
        var kinds = Kinds;
        var near = Suggest.Nearest(kind.ToLowerInvariant(), kinds);
        throw new ChalkDefinitionException($"\"onlineStore\": unknown kind '{kind}'{(near is null ? "" : $"; did you mean '{near}'?")}; the kinds are {string.Join(", ", kinds)}") { NamesDeclaration = true };
    }
}
