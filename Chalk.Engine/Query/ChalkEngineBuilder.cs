using System.Reflection;
using Chalk.Definitions;
using Chalk.Planning;
using Chalk.Resolvers;
using Chalk.Sql.Files;
using Chalk.Sql.Sources;
using Microsoft.Extensions.Logging;

namespace Chalk;

/// <summary>Configures a <see cref="ChalkEngine"/>: feature classes, resolvers and sources. <see cref="Build"/> validates and plans.</summary>
/// <remarks>A builder is not thread-safe; the engine it builds is immutable and thread-safe.</remarks>
public sealed class ChalkEngineBuilder
{
    private readonly List<Type> _types = [];
    private readonly List<string> _sqlFolders = [];
    private readonly List<(string Path, string Text)> _sqlTexts = [];
    private readonly Dictionary<string, (SqlSource Source, bool Owned)> _sources = new(StringComparer.Ordinal);
    private int _maxDegreeOfParallelism = Environment.ProcessorCount;
    private int _liftGasLimit = Expressions.Lifting.LiftOptions.Default.GasLimit;
    private bool _lifting = true;
    private bool _inlineChildResolvers = true;
    private TimeProvider _time = TimeProvider.System;
    private IServiceProvider? _services;
    private bool _ownsServices;
    private Store.IOnlineStore? _store;
    private bool _ownsStore;
    private bool _noStore;
    private ILoggerFactory? _loggerFactory;
    private System.Diagnostics.Metrics.IMeterFactory? _meterFactory;

    internal ChalkEngineBuilder() { }

    /// <summary>Adds every <see cref="FeaturesAttribute"/> class and <see cref="ResolverAttribute"/> method in <paramref name="assembly"/>.</summary>
    public ChalkEngineBuilder AddFeatures(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _types.AddRange(assembly.GetTypes());
        return this;
    }

    /// <summary>Adds the given feature classes and resolver-holding classes.</summary>
    public ChalkEngineBuilder AddFeatures(params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        _types.AddRange(types);
        return this;
    }

    /// <summary>Adds every <c>*.chalk.sql</c> file under <paramref name="directory"/>, recursively.</summary>
    /// <exception cref="ChalkDefinitionException">The folder does not exist.</exception>
    public ChalkEngineBuilder AddSqlResolvers(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory)) throw Chalk.Sql.Files.SqlResolverDiscovery.MissingFolder(directory);
        _sqlFolders.Add(directory);
        return this;
    }

    /// <summary>Adds one SQL resolver from text; <paramref name="name"/> stands for its file in messages.</summary>
    public ChalkEngineBuilder AddSqlResolver(string name, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        _sqlTexts.Add((name, text));
        return this;
    }

    /// <summary>Adds a source that SQL resolvers name with <c>-- source: name</c>.</summary>
    /// <param name="name">The name files use.</param>
    /// <param name="source">The source.</param>
    /// <param name="disposeWithEngine">Whether disposing the engine disposes the source (the default).</param>
    /// <exception cref="ArgumentException">A source of that name was already added.</exception>
    public ChalkEngineBuilder AddSource(string name, SqlSource source, bool disposeWithEngine = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(source);
        if (!_sources.TryAdd(name, (source, disposeWithEngine)))
            throw new ArgumentException($"a source named '{name}' was already added", nameof(name));
        return this;
    }

    /// <summary>Sets the clock that gives online queries (and batch queries without an as-of column) their time, for windows
    /// and for hiding rows created later (default: <see cref="TimeProvider.System"/>). Tests pass a fixed clock.</summary>
    public ChalkEngineBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        return this;
    }

    /// <summary>Gives resolvers their services: a <see cref="ResolverAttribute"/> method's parameter that names no feature
    /// and has no feature type (e.g. Microsoft.Extensions.AI's <c>IChatClient</c>) is resolved from
    /// <paramref name="services"/> once, when the engine is built, so any provider can be plugged in.</summary>
    /// <param name="services">The service provider, e.g. an <c>IServiceCollection</c>'s built provider.</param>
    public ChalkEngineBuilder WithServices(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _ownsServices = false;
        return this;
    }

    /// <summary>Whether <see cref="WithServices"/> was called (a project then leaves its assemblies' providers uncreated).</summary>
    internal bool HasServices => _services is not null;

    /// <summary>Whether an online store, or none, was chosen (a project then leaves its own <c>onlineStore</c> unopened).</summary>
    internal bool HasOnlineStoreChoice => _store is not null || _noStore;

    // For providers the engine's creator made for it (a project's [assembly: ChalkServices]): disposed with the engine.
    internal ChalkEngineBuilder WithOwnedServices(IServiceProvider services)
    {
        WithServices(services);
        _ownsServices = true;
        return this;
    }

    /// <summary>Gives the engine a logger (category <c>Chalk.ChalkEngine</c>) for plans built (Debug), resolvers' row errors
    /// (Warning, one per operator and query), operators that fail a query such as a source that is down (Error), an online
    /// store that cannot be read, and write-backs it dropped or refused (Warning). Default: no logging.</summary>
    /// <param name="loggerFactory">The application's logger factory.</param>
    public ChalkEngineBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Creates the engine's <c>Chalk</c> meter (see <see cref="ChalkDiagnostics"/>) from the application's meter
    /// factory, as <c>Microsoft.Extensions.Diagnostics</c>' <c>AddMetrics</c> registers it, so its measurements are scoped to
    /// that application. Default: a meter of the engine's own, disposed with it.</summary>
    /// <param name="meterFactory">The application's meter factory.</param>
    public ChalkEngineBuilder WithMeterFactory(System.Diagnostics.Metrics.IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meterFactory = meterFactory;
        return this;
    }

    /// <summary>Sets the online store that online queries read features with a max staleness from, and write computed
    /// values back to (default: an in-memory store, bounded, private to the engine).</summary>
    /// <param name="store">The store, e.g. a <c>RedisOnlineStore</c> (package Chalk.Stores.Redis) shared by many processes.</param>
    /// <param name="disposeWithEngine">Whether disposing the engine disposes the store (the default).</param>
    public ChalkEngineBuilder WithOnlineStore(Store.IOnlineStore store, bool disposeWithEngine = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _ownsStore = disposeWithEngine;
        _noStore = false;
        return this;
    }

    /// <summary>Builds an engine with no online store: every feature is computed by its resolver on every query, whatever its max staleness.</summary>
    public ChalkEngineBuilder WithoutOnlineStore()
    {
        _store = null;
        _noStore = true;
        return this;
    }

    /// <summary>Caps the cores the per-row fallback uses for one query (default: all).</summary>
    public ChalkEngineBuilder WithMaxDegreeOfParallelism(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        _maxDegreeOfParallelism = value;
        return this;
    }

    /// <summary>Caps the estimated per-row work of a lifted C# body; a body past it runs per row, and explain says so.</summary>
    public ChalkEngineBuilder WithLiftGasLimit(int gasLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gasLimit, 1);
        _liftGasLimit = gasLimit;
        return this;
    }

    /// <summary>Runs every C# resolver and computed property per row instead of lifting it (for comparing both paths).</summary>
    public ChalkEngineBuilder DisableLifting()
    {
        _lifting = false;
        return this;
    }

    /// <summary>Computes aggregates over computed child features in the engine instead of inlining the child resolver into
    /// the pushed-down statement: the path the inlined one is compared against in tests and benchmarks.</summary>
    internal ChalkEngineBuilder WithoutChildResolverInlining()
    {
        _inlineChildResolvers = false;
        return this;
    }

    /// <summary>Discovers and validates every definition and returns the engine.</summary>
    /// <exception cref="ChalkDefinitionException">A feature class, resolver method or SQL file is malformed.</exception>
    /// <exception cref="ChalkPlanException">The resolvers form a cycle or a SQL column's type does not fit its feature.</exception>
    public ChalkEngine Build()
    {
        var registry = new FeatureRegistry(FeatureClassDiscovery.Discover(_types));
        var resolvers = new List<ResolverDefinition>();
        foreach (var cls in registry.Classes)
        {
            foreach (var f in cls.Features.Where(f => f.IsComputed && f.Kind == FeatureKind.Scalar))
                resolvers.Add(new ComputedPropertyDefinition(f, ComputedPropertyReads.Scan(f, registry)));
        }
        foreach (var m in _types.Distinct().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            if (m.GetCustomAttribute<ResolverAttribute>() is { } attr) resolvers.Add(MethodResolverBinder.Bind(m, attr, registry, _services));
        }
        var sources = _sources.ToDictionary(s => s.Key, s => s.Value.Source, StringComparer.Ordinal);
        var files = _sqlFolders.SelectMany(SqlResolverDiscovery.Discover)
            .Concat(_sqlTexts.Select(t => SqlResolverParser.Parse(t.Path, t.Text)));
        foreach (var file in files) resolvers.Add(SqlResolverBinder.Bind(file, registry, sources));
        var lifts = Lifting.ResolverLifting.LiftAll(registry, resolvers, _liftGasLimit, _lifting);
        var definitions = new EngineDefinitions(registry, resolvers, lifts) { InlineChildResolvers = _inlineChildResolvers };
        GraphValidation.Validate(definitions);
        var (store, ownsStore) = _noStore ? (null, false) : _store is not null ? (_store, _ownsStore) : DefaultStore();
        var telemetry = new Diagnostics.EngineTelemetry(
            _loggerFactory?.CreateLogger<ChalkEngine>() ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, _meterFactory);
        return new ChalkEngine(definitions, _sources.Where(s => s.Value.Owned).Select(s => s.Value.Source).ToList(), _maxDegreeOfParallelism, _time, store, ownsStore,
            _ownsServices ? _services : null, telemetry);
    }

    // The engine's own bounded in-memory store, on the engine's clock so tests that fix time see entries expire by it.
    private (Store.IOnlineStore?, bool) DefaultStore() => (new Store.InMemoryOnlineStore(new Store.InMemoryOnlineStoreOptions { TimeProvider = _time }), true);
}
