using System.Reflection;

namespace Chalk.Sql.Providers;

/// <summary>Finds the providers in an assembly and loads Chalk's provider packages by name: the shared half of
/// <c>SqlSourceProviders</c> and <c>OnlineStoreProviders</c>.</summary>
internal static class ProviderPackages
{
    /// <summary>The assembly of the package <paramref name="packageId"/> (a package's assembly has its id as name), or
    /// null when the application does not reference it.</summary>
    public static Assembly? TryLoad(string packageId)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => string.Equals(a.GetName().Name, packageId, StringComparison.Ordinal));
        if (loaded is not null) return loaded;
        try
        {
            return Assembly.Load(new AssemblyName(packageId));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates each provider of type <typeparamref name="T"/> that <paramref name="assembly"/> names with
    /// <see cref="ChalkProviderAttribute"/>; the attributes naming other kinds of provider are left to their registry.</summary>
    /// <exception cref="ChalkDefinitionException">An attribute names a type that cannot be created.</exception>
    public static IEnumerable<T> Providers<T>(Assembly assembly)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var attribute in assembly.GetCustomAttributes<ChalkProviderAttribute>())
        {
            if (!typeof(T).IsAssignableFrom(attribute.ProviderType)) continue;
            T provider;
            try
            {
                provider = (T)Activator.CreateInstance(attribute.ProviderType)!;
            }
            catch (Exception ex) when (ex is MissingMethodException or TargetInvocationException or MemberAccessException or ArgumentException)
            {
                throw new ChalkDefinitionException(
                    $"[assembly: ChalkProvider(typeof({attribute.ProviderType.FullName}))] in {assembly.GetName().Name}: the provider cannot be created " +
                    $"({ex.InnerException?.Message ?? ex.Message}); it needs a public parameterless constructor", inner: ex);
            }
            yield return provider;
        }
    }

    /// <summary>The message for a kind whose provider is in a package the application does not reference.</summary>
    /// <param name="owner">What names the kind, ending in a space or <c>": "</c>: <c>"source 'warehouse': "</c>, <c>"source "</c>.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="packageId">The package that provides it.</param>
    public static string NotReferenced(string owner, string kind, string packageId)
        => $"{owner}kind '{kind}' is provided by the package {packageId}, which this application does not reference; " +
           $"add it (dotnet add package {packageId}) and build again";
}
