namespace Chalk;

/// <summary>Names the service provider that a feature assembly's resolvers get their services from (e.g. the
/// <c>IChatClient</c> of an LLM resolver) when an engine is built from a <c>chalk.json</c> that lists the assembly.</summary>
/// <remarks>
/// <code>[assembly: ChalkServices(typeof(MarketplaceServices))]</code>
/// The type implements <see cref="IServiceProvider"/> and has a public parameterless constructor; <c>ChalkProject</c>
/// (and so the <c>chalk</c> command line) creates one instance per engine and passes it to
/// <see cref="ChalkEngineBuilder.WithServices"/>, and disposes it with the engine when it is disposable. When several
/// listed assemblies name providers, a service is taken from the first of them (in <c>chalk.json</c> order) that has it.
/// An engine built in code with <see cref="ChalkEngineBuilder.AddFeatures(System.Reflection.Assembly)"/> does not read
/// this attribute: it gets exactly the services given to <see cref="ChalkEngineBuilder.WithServices"/>, so an application
/// never picks up an example's stand-ins by accident.
/// </remarks>
/// <param name="providerType">The <see cref="IServiceProvider"/> type to create.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class ChalkServicesAttribute(Type providerType) : Attribute
{
    /// <summary>The <see cref="IServiceProvider"/> type to create, with a public parameterless constructor.</summary>
    public Type ProviderType { get; } = providerType;
}
