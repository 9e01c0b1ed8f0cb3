using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Chalk.Sql.Providers;

/// <summary>The providers of one family (source kinds, online store kinds) by kind: the built-in ones, those registered,
/// and those of Chalk's packages, whose assembly is loaded by name the first time one of its kinds is asked for.</summary>
/// <typeparam name="TProvider">The family's provider type.</typeparam>
/// <param name="family">Names a kind in messages: <c>source kind</c>, <c>online store kind</c>.</param>
/// <param name="kindOf">A provider's kind.</param>
/// <param name="packages">The kinds of Chalk's other packages and the package of each.</param>
/// <param name="documentedOrder">The order <see cref="Kinds"/> lists the known kinds in.</param>
/// <param name="builtIn">The providers this package holds.</param>
internal sealed class ProviderRegistry<TProvider>(string family, Func<TProvider, string> kindOf, IReadOnlyDictionary<string, string> packages,
    IReadOnlyList<string> documentedOrder, IEnumerable<TProvider> builtIn) where TProvider : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TProvider> _providers = builtIn.ToDictionary(kindOf, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> Packages => packages;

    /// <summary>The registered kinds and those of Chalk's packages, referenced or not: the documented ones first.</summary>
    public IReadOnlyList<string> Kinds
    {
        get
        {
            string[] registered;
            lock (_lock) registered = [.. _providers.Keys.Select(k => k.ToLowerInvariant())];
            var all = registered.Concat(packages.Keys).Distinct(StringComparer.Ordinal).ToList();
            return [.. documentedOrder.Where(all.Contains), .. all.Except(documentedOrder).Order(StringComparer.Ordinal)];
        }
    }

    public void Register(TProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var kind = kindOf(provider);
        if (string.IsNullOrWhiteSpace(kind)) throw new ArgumentException($"{provider.GetType().FullName}.Kind is empty", nameof(provider));
        lock (_lock)
        {
            if (_providers.TryGetValue(kind, out var existing))
            {
                if (existing.GetType() == provider.GetType()) return;
                throw new InvalidOperationException(
                    $"{family} '{kind}' is already provided by {existing.GetType().FullName}; {provider.GetType().FullName} cannot provide it too");
            }
            _providers[kind] = provider;
        }
    }

    public void RegisterFrom(Assembly assembly)
    {
        foreach (var provider in ProviderPackages.Providers<TProvider>(assembly)) Register(provider);
    }

    public bool TryGet(string kind, [NotNullWhen(true)] out TProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(kind);
        lock (_lock)
        {
            if (_providers.TryGetValue(kind, out provider)) return true;
        }
        if (!packages.TryGetValue(kind.ToLowerInvariant(), out var package) || ProviderPackages.TryLoad(package) is not { } assembly)
            return false;
        RegisterFrom(assembly);
        lock (_lock) return _providers.TryGetValue(kind, out provider);
    }
}
