using System.Reflection;

namespace Chalk.Projects;

/// <summary>The service provider a project's feature assemblies name with <see cref="ChalkServicesAttribute"/>.</summary>
internal static class AssemblyServices
{
    /// <summary>One provider per assembly that names one, in order; null when none does.</summary>
    /// <exception cref="ChalkDefinitionException">A named type is not an <see cref="IServiceProvider"/>, has no public
    /// parameterless constructor, or its constructor throws; the message names the assembly and the type.</exception>
    public static IServiceProvider? Create(IEnumerable<Assembly> assemblies, string projectFile)
    {
        var providers = new List<IServiceProvider>();
        foreach (var assembly in assemblies.Distinct())
        {
            if (assembly.GetCustomAttribute<ChalkServicesAttribute>() is not { } attribute) continue;
            providers.Add(Instantiate(assembly, attribute.ProviderType, projectFile));
        }
        return providers.Count switch
        {
            0 => null,
            1 => providers[0],
            _ => new FirstServiceProvider(providers),
        };
    }

    private static IServiceProvider Instantiate(Assembly assembly, Type? type, string projectFile)
    {
        var where = $"[assembly: ChalkServices(typeof({type?.Name ?? "null"}))] in {assembly.GetName().Name}";
        if (type is null || !typeof(IServiceProvider).IsAssignableFrom(type) || type.IsAbstract)
            throw new ChalkDefinitionException($"{where}: the type must be a concrete class implementing IServiceProvider", projectFile);
        if (type.GetConstructor(Type.EmptyTypes) is not { IsPublic: true } constructor)
            throw new ChalkDefinitionException($"{where}: {type.FullName} needs a public parameterless constructor, which the engine calls to create it", projectFile);
        try
        {
            return (IServiceProvider)constructor.Invoke(null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new ChalkDefinitionException($"{where}: creating {type.FullName} threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}", projectFile, null, ex.InnerException);
        }
    }

    // Asks each assembly's provider in turn; disposing it disposes them all.
    private sealed class FirstServiceProvider(IReadOnlyList<IServiceProvider> providers) : IServiceProvider, IAsyncDisposable
    {
        public object? GetService(Type serviceType) => providers.Select(p => p.GetService(serviceType)).FirstOrDefault(s => s is not null);

        public async ValueTask DisposeAsync()
        {
            foreach (var p in providers)
            {
                if (p is IAsyncDisposable a) await a.DisposeAsync().ConfigureAwait(false);
                else if (p is IDisposable d) d.Dispose();
            }
        }
    }
}
