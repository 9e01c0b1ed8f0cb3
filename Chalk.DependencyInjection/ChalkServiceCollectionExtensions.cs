using System.Diagnostics.Metrics;
using Chalk;
using Chalk.Projects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="ChalkEngine"/> in a service collection: one singleton, built the first time it is asked for.</summary>
/// <remarks>
/// The engine is built with the container as its services (<see cref="ChalkEngineBuilder.WithServices"/>: a
/// <see cref="ResolverAttribute"/> method's <c>IChatClient</c> parameter, say, is resolved from it), and with the container's
/// <see cref="TimeProvider"/>, <c>ILoggerFactory</c> and <c>IMeterFactory</c> when they are registered. The container disposes
/// the engine (its sources and online store) when it is disposed. Building validates every definition, so a bad feature
/// class or SQL file throws when the engine is first resolved; resolve it at startup to fail early.
/// </remarks>
public static class ChalkServiceCollectionExtensions
{
    /// <summary>Registers an engine configured by <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds features, resolvers and sources to the engine's builder.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">A <see cref="ChalkEngine"/> is already registered.</exception>
    public static IServiceCollection AddChalk(this IServiceCollection services, Action<ChalkEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddChalk((_, builder) => configure(builder));
    }

    /// <summary>Registers an engine configured by <paramref name="configure"/>, which may read other services (a source's
    /// connection string from options, say).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds features, resolvers and sources to the engine's builder, given the container.</param>
    /// <inheritdoc cref="AddChalk(IServiceCollection, Action{ChalkEngineBuilder})" path="/returns"/>
    /// <inheritdoc cref="AddChalk(IServiceCollection, Action{ChalkEngineBuilder})" path="/exception"/>
    public static IServiceCollection AddChalk(this IServiceCollection services, Action<IServiceProvider, ChalkEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, provider =>
        {
            var builder = ChalkEngine.CreateBuilder();
            UseContainer(builder, provider);
            configure(provider, builder);
            return builder.Build();
        });
    }

    /// <summary>Registers an engine built from a project folder's <c>chalk.json</c> (<see cref="ChalkProject"/>): its feature
    /// assemblies, sources, SQL files and online store.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The folder with the <c>chalk.json</c>, read when the engine is first resolved.</param>
    /// <param name="configure">Adds to the project's builder (see <see cref="ChalkProject.BuildEngine(Action{ChalkEngineBuilder})"/>); optional.</param>
    /// <inheritdoc cref="AddChalk(IServiceCollection, Action{ChalkEngineBuilder})" path="/returns"/>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or blank.</exception>
    /// <exception cref="InvalidOperationException">A <see cref="ChalkEngine"/> is already registered.</exception>
    public static IServiceCollection AddChalkProject(this IServiceCollection services, string directory, Action<ChalkEngineBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Register(services, provider => BuildProject(directory, provider, configure));
    }

    /// <summary>Registers an engine from configuration: <see cref="ChalkOptions"/> read from <paramref name="configuration"/>
    /// (its <c>Project</c>, when set, is built as by <see cref="AddChalkProject"/>), then <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>builder.Configuration.GetSection(ChalkOptions.SectionName)</c>; read
    /// when the engine is first resolved.</param>
    /// <param name="configure">Adds to the engine's builder; optional.</param>
    /// <inheritdoc cref="AddChalk(IServiceCollection, Action{ChalkEngineBuilder})" path="/returns"/>
    /// <inheritdoc cref="AddChalk(IServiceCollection, Action{ChalkEngineBuilder})" path="/exception"/>
    public static IServiceCollection AddChalk(this IServiceCollection services, IConfiguration configuration, Action<ChalkEngineBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, provider =>
        {
            var options = ChalkOptions.FromConfiguration(configuration);
            void Configure(ChalkEngineBuilder builder)
            {
                options.ApplyTo(builder);
                configure?.Invoke(builder);
            }
            if (options.Project is { } project) return BuildProject(project, provider, Configure);
            var builder = ChalkEngine.CreateBuilder();
            UseContainer(builder, provider);
            Configure(builder);
            return builder.Build();
        });
    }

    private static ChalkEngine BuildProject(string directory, IServiceProvider provider, Action<ChalkEngineBuilder>? configure)
        => ChalkProject.Load(directory).BuildEngine(builder =>
        {
            UseContainer(builder, provider);
            configure?.Invoke(builder);
        });

    private static IServiceCollection Register(IServiceCollection services, Func<IServiceProvider, ChalkEngine> create)
    {
        if (services.Any(s => s.ServiceType == typeof(ChalkEngine) && !s.IsKeyedService))
            throw new InvalidOperationException("a ChalkEngine is already registered in this service collection; call AddChalk or AddChalkProject once");
        services.Add(ServiceDescriptor.Singleton(create));
        return services;
    }

    // What the container offers that the engine uses: itself (resolvers' services), its clock, logging and meters.
    private static void UseContainer(ChalkEngineBuilder builder, IServiceProvider provider)
    {
        builder.WithServices(provider);
        if (provider.GetService(typeof(TimeProvider)) is TimeProvider time) builder.WithTimeProvider(time);
        if (provider.GetService(typeof(ILoggerFactory)) is ILoggerFactory logging) builder.WithLoggerFactory(logging);
        if (provider.GetService(typeof(IMeterFactory)) is IMeterFactory meters) builder.WithMeterFactory(meters);
    }
}
