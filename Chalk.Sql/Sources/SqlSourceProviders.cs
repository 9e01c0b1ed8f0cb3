using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Chalk.Sql.Providers;

namespace Chalk.Sql.Sources;

/// <summary>The source kinds this application can create, each by its <see cref="SqlSourceProvider"/>.</summary>
/// <remarks>
/// <para><c>duckdb</c> is built in. The kinds of Chalk's provider packages are found by themselves: the first time a
/// kind is asked for, its package's assembly is loaded by name if the application references the package, and its
/// providers (<see cref="ChalkProviderAttribute"/>) are registered. A kind whose package is not referenced is an error
/// that names the package to add.</para>
/// <list type="table">
/// <item><term><c>duckdb</c></term><description>built in (<see cref="DuckDbSourceProvider"/>)</description></item>
/// <item><term><c>sqlite</c></term><description>package <c>Chalk.Sqlite</c></description></item>
/// <item><term><c>postgres</c></term><description>package <c>Chalk.Sources.PostgreSql</c></description></item>
/// <item><term><c>bigquery</c></term><description>package <c>Chalk.Sources.BigQuery</c></description></item>
/// </list>
/// <para>Registration is process-wide and thread-safe. An application that trims unreferenced code, or a kind of one's
/// own, registers providers explicitly with <see cref="Register"/>.</para>
/// </remarks>
public static class SqlSourceProviders
{
    /// <summary>The kinds provided by Chalk's packages other than this one, and the package of each.</summary>
    public static IReadOnlyDictionary<string, string> Packages { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sqlite"] = "Chalk.Sqlite",
        ["postgres"] = "Chalk.Sources.PostgreSql",
        ["bigquery"] = "Chalk.Sources.BigQuery",
    };

    private static readonly string[] s_documentedOrder = ["duckdb", "sqlite", "postgres", "bigquery"];
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<string, SqlSourceProvider> s_providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duckdb"] = new DuckDbSourceProvider(),
    };

    /// <summary>Every kind a <c>chalk.json</c> can name: the registered ones and those of Chalk's packages, whether
    /// referenced or not.</summary>
    public static IReadOnlyList<string> Kinds
    {
        get
        {
            string[] registered;
            lock (s_lock) registered = [.. s_providers.Keys.Select(k => k.ToLowerInvariant())];
            var all = registered.Concat(Packages.Keys).Distinct(StringComparer.Ordinal).ToList();
            return [.. s_documentedOrder.Where(all.Contains), .. all.Except(s_documentedOrder).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Adds <paramref name="provider"/> for its <see cref="SqlSourceProvider.Kind"/>.</summary>
    /// <remarks>Registering a provider of the same type again does nothing.</remarks>
    /// <exception cref="InvalidOperationException">Another type of provider already has that kind.</exception>
    public static void Register(SqlSourceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var kind = provider.Kind;
        if (string.IsNullOrWhiteSpace(kind)) throw new ArgumentException($"{provider.GetType().FullName}.Kind is empty", nameof(provider));
        lock (s_lock)
        {
            if (s_providers.TryGetValue(kind, out var existing))
            {
                if (existing.GetType() == provider.GetType()) return;
                throw new InvalidOperationException(
                    $"source kind '{kind}' is already provided by {existing.GetType().FullName}; {provider.GetType().FullName} cannot provide it too");
            }
            s_providers[kind] = provider;
        }
    }

    /// <summary>Registers the source providers that <paramref name="assembly"/> names with <see cref="ChalkProviderAttribute"/>.</summary>
    /// <exception cref="ChalkDefinitionException">An attribute names a type that cannot be created.</exception>
    /// <exception cref="InvalidOperationException">A kind is already provided by another type.</exception>
    public static void RegisterFrom(Assembly assembly)
    {
        foreach (var provider in ProviderPackages.Providers<SqlSourceProvider>(assembly)) Register(provider);
    }

    /// <summary>The provider of <paramref name="kind"/> (any case), loading its package when the application references it.</summary>
    /// <returns>False when the kind is unknown or its package is not referenced.</returns>
    public static bool TryGet(string kind, [NotNullWhen(true)] out SqlSourceProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(kind);
        lock (s_lock)
        {
            if (s_providers.TryGetValue(kind, out provider)) return true;
        }
        if (!Packages.TryGetValue(kind.ToLowerInvariant(), out var package) || ProviderPackages.TryLoad(package) is not { } assembly)
            return false;
        RegisterFrom(assembly);
        lock (s_lock) return s_providers.TryGetValue(kind, out provider);
    }

    /// <summary>The provider of <paramref name="kind"/> (any case), loading its package when the application references it.</summary>
    /// <exception cref="ChalkDefinitionException">The kind is unknown (the message lists the kinds), or its package is not
    /// referenced (the message names the package to add).</exception>
    public static SqlSourceProvider Get(string kind) => Get(kind, sourceName: null);

    internal static SqlSourceProvider Get(string kind, string? sourceName)
    {
        if (TryGet(kind, out var provider)) return provider;
        if (Packages.TryGetValue(kind.ToLowerInvariant(), out var package))
            throw new ChalkDefinitionException(ProviderPackages.NotReferenced(sourceName is null ? "source " : $"source '{sourceName}': ", kind, package));
        throw new ChalkDefinitionException(sourceName is null
            ? $"unknown source kind '{kind}'; known kinds: {string.Join(", ", Kinds)}"
            : $"source '{sourceName}' has unknown kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");
    }
}
