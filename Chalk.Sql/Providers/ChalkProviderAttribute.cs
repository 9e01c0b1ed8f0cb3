namespace Chalk;

/// <summary>Names a source or online store provider that an assembly contributes: a type deriving from
/// <c>Chalk.Sql.Sources.SqlSourceProvider</c> or <c>Chalk.Store.OnlineStoreProvider</c>, with a public parameterless constructor.</summary>
/// <remarks>
/// The registries (<c>SqlSourceProviders</c>, <c>OnlineStoreProviders</c>) read these attributes from Chalk's own
/// provider packages, which they load by name the first time a <c>chalk.json</c> names one of their kinds, and from any
/// assembly given to their <c>RegisterFrom</c>.
/// </remarks>
/// <param name="providerType">The provider's type.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ChalkProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider's type.</summary>
    public Type ProviderType { get; } = providerType ?? throw new ArgumentNullException(nameof(providerType));
}
